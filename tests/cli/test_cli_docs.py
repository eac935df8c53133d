"""docs/cli.md is generated from --help and must not go stale."""
from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "gen_cli_docs.py"


def test_cli_reference_matches_every_commands_help() -> None:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.DOC.read_text(encoding="utf-8") == module.render(), (
        "docs/cli.md is stale: run `.venv/bin/python scripts/gen_cli_docs.py` and commit it"
    )


def test_every_command_help_ends_with_an_example() -> None:
    import click

    from armsledger.cli import main

    def leaves(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
        if isinstance(command, click.Group):
            return [leaf for name, sub in command.commands.items() for leaf in leaves(sub, f"{path} {name}")]
        return [(path, command)]

    missing = [path for path, command in leaves(main, "armsledger") if "Example" not in (command.help or "")]
    assert missing == []
