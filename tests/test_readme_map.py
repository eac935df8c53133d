"""The README's repository map agrees with the tree."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORED = {"__pycache__", ".venv", ".git", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
           "test-artifacts", "build"}
"""Folders that are made by tools, not kept in the repository (see .gitignore)."""


def _map_paths() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Repository map", 1)[1].split("\n## ", 1)[0]
    return [m.group(1).rstrip("/") for m in re.finditer(r"^\| `([^`]+)` \|", section, re.MULTILINE)]


def _kept(path: Path) -> bool:
    return path.name not in IGNORED and not path.name.endswith(".egg-info")


def test_repository_map_names_every_entry_of_the_package_and_every_top_folder() -> None:
    named = set(_map_paths())
    package = {f"armsledger/{p.name}" for p in (ROOT / "armsledger").iterdir() if _kept(p)}
    folders = {p.name for p in ROOT.iterdir() if p.is_dir() and _kept(p)}
    assert sorted(package - named) == []
    assert sorted(f for f in folders if not any(n == f or n.startswith(f + "/") for n in named)) == []


def test_repository_map_names_only_paths_that_exist() -> None:
    assert [p for p in _map_paths() if not (ROOT / p).exists()] == []
