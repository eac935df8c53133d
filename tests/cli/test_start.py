"""The command starts light: `--version` and `--help` import no database or reader library."""
from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsledger import __version__
from armsledger.cli import COMMAND_MODULES, main

ROOT = Path(__file__).resolve().parents[2]
PROBE = ("import sys\nfrom armsledger.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
         "print(sorted(m for m in ('sqlalchemy', 'alembic', 'spacy', 'fastapi', 'armsledger.claims') "
         "if m in sys.modules), file=sys.stderr)\n")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["deals", "--help"]])
def test_start_imports_no_heavy_library(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_version_names_the_program_and_its_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"armsledger, version {__version__}\n"


def test_every_command_module_is_listed_under_its_commands() -> None:
    for name, module in COMMAND_MODULES.items():
        assert name in {c.name for c in import_module(module).COMMANDS}, name
    for module in set(COMMAND_MODULES.values()):
        listed = {n for n, m in COMMAND_MODULES.items() if m == module}
        assert {c.name for c in import_module(module).COMMANDS} == listed, module
