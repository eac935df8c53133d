"""scripts/build_systems.py: the same register and curated rows always give the same systems.csv."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "gazetteers" / "sipri-sample.csv"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_systems", ROOT / "scripts" / "build_systems.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_systems_is_deterministic_and_sorted(tmp_path: Path) -> None:
    build = _script()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert build.main(["--sipri", str(SAMPLE), "--out", str(first)]) == 0
    assert build.main(["--sipri", str(SAMPLE), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    by_id = {row["id"]: row for row in rows}
    # Curated rows are laid over the derived ones: S-400 keeps its reporting names and producer.
    assert "SA-21 Growler" in by_id["s-400"]["aliases"].split("|")
    assert by_id["s-400"]["producer"] == "almaz-antey" and by_id["s-400"]["source"] == "sipri+curated"
    assert by_id["collins"]["source"] == "sipri"
