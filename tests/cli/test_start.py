"""The command starts light: `--version` and `--help` import no database or reader library."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from armsledger import __version__
from armsledger.cli import COMMAND_MODULES, COMMAND_SUMMARIES, main

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "spacy", "dask", "distributed", "pyarrow", "fastapi", "uvicorn", "rich",
         "armsledger.claims")
PROBE = ("import sys\nfrom armsledger.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
         "print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["deals", "--help"], ["backfill", "--help"],
                                  ["watch", "--help"], ["serve", "--help"], ["extract", "--help"]])
def test_start_imports_no_heavy_library(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_the_benchmark_sees_a_heavy_import() -> None:
    spec = importlib.util.spec_from_file_location("cli_start", ROOT / "benchmarks" / "cli_start.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.heavy_imports(["--version"]) == []
    assert bench.heavy_imports(["sipri", "diff", "--db", str(ROOT / "no-such-ledger.db")]) != []


def test_help_lists_each_command_with_its_own_summary() -> None:
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None and command.get_short_help_str(200) == COMMAND_SUMMARIES[name], name
    listed = CliRunner().invoke(main, ["--help"]).output
    assert all(f"  {name} " in listed for name in COMMAND_MODULES)


def test_version_names_the_program_and_its_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"armsledger, version {__version__}\n"


def test_every_command_module_is_listed_under_its_commands() -> None:
    for name, module in COMMAND_MODULES.items():
        assert name in {c.name for c in import_module(module).COMMANDS}, name
    for module in set(COMMAND_MODULES.values()):
        listed = {n for n, m in COMMAND_MODULES.items() if m == module}
        assert {c.name for c in import_module(module).COMMANDS} == listed, module
