"""One error path: the same bad configuration gives the same exit code and one line from every command."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from armsledger.cli import main
from armsledger.errors import DATA_EXIT, USAGE_EXIT, ConfigError, StoreError, exit_code

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EVERY_COMMAND: dict[str, list[str]] = {
    "extract": ["extract", str(SAMPLES)],
    "ingest": ["ingest", str(SAMPLES), "--db", "new.db"],
    "deals": ["deals"],
    "show": ["show", "ru-in-s-400-1"],
    "conflicts": ["conflicts"],
    "export": ["export"],
    "sipri import": ["sipri", "import", "register.csv"],
    "sipri diff": ["sipri", "diff"],
    "gazetteer check": ["gazetteer", "check"],
    "gazetteer coverage": ["gazetteer", "coverage", "--corpus", str(SAMPLES)],
    "backfill": ["backfill", str(SAMPLES), "--out", "shards"],
    "watch": ["watch", "http://127.0.0.1:9/feed.rss", "--once"],
    "serve": ["serve", "--port", "9"],
}
"""A valid invocation of each command, to which each case adds its one mistake."""
WITH_DB = [name for name in EVERY_COMMAND if name not in ("extract", "gazetteer check", "gazetteer coverage",
                                                          "backfill")]
MISSING_INPUT = {
    "extract": ["extract", "nowhere"],
    "ingest": ["ingest", "nowhere", "--db", "new.db"],
    "sipri import": ["sipri", "import", "nowhere", "--db", "new.db"],
    "gazetteer coverage --corpus": ["gazetteer", "coverage", "--corpus", "nowhere"],
    "gazetteer coverage --sipri": ["gazetteer", "coverage", "--sipri", "nowhere"],
    "backfill": ["backfill", "nowhere", "--out", "shards"],
}
BAD_YEAR = {
    "deals": ["deals", "--since", "last year"],
    "sipri diff": ["sipri", "diff", "--since", "last year"],
    "gazetteer coverage": ["gazetteer", "coverage", "--corpus", str(SAMPLES), "--since", "last year"],
}


def _leaf_commands(group: click.Group, prefix: str = "") -> set[str]:
    ctx = click.Context(group)
    names: set[str] = set()
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        path = f"{prefix}{name}"
        names |= _leaf_commands(command, f"{path} ") if isinstance(command, click.Group) else {path}
    return names


def _run(args: list[str], where: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(where)
    monkeypatch.delenv("ARMSLEDGER_DB", raising=False)
    return CliRunner().invoke(main, args, prog_name="armsledger")


def _one_error_line(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return lines[0]


def test_the_cases_cover_every_command() -> None:
    assert _leaf_commands(main) == set(EVERY_COMMAND)


@pytest.mark.parametrize("command", sorted(EVERY_COMMAND))
def test_an_unknown_setting_is_a_usage_error_from_every_command(command: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "armsledger.toml").write_text("colour = 'red'\n", encoding="utf-8")
    result = _run(EVERY_COMMAND[command], tmp_path, monkeypatch)
    assert result.exit_code == USAGE_EXIT, result.output
    assert _one_error_line(result).startswith("error: unknown setting 'colour'; valid settings: batch_size,")
    assert not (tmp_path / "new.db").exists()


BAD_SETTINGS: dict[str, tuple[str, dict[str, str], str]] = {
    "a list for a number": ("batch_size = [1]\n", {}, "error: setting 'batch_size' must be a whole number, got [1]"),
    "a number for text": ("db = 5\n", {}, "error: setting 'db' must be text, got 5; quote it in armsledger.toml"),
    "negative workers": ("", {"ARMSLEDGER_JOBS": "-3"}, "error: setting 'jobs' must be at least 0, got '-3'"),
    "no port": ("", {"ARMSLEDGER_PORT": "99999"}, "error: setting 'port' must be at most 65535, got '99999'"),
}
"""Settings every command loads, though only some use each: the same usage error from all of them
(a negative ARMSLEDGER_JOBS was a usage error from extract and ingest only, and a TOML list a traceback)."""


@pytest.mark.parametrize("case", sorted(BAD_SETTINGS))
@pytest.mark.parametrize("command", sorted(EVERY_COMMAND))
def test_a_setting_of_the_wrong_type_or_range_is_the_same_usage_error_from_every_command(
        command: str, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml, environ, message = BAD_SETTINGS[case]
    if toml:
        (tmp_path / "armsledger.toml").write_text(toml, encoding="utf-8")
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    args = [a for a in EVERY_COMMAND[command] if a not in ("--db", "new.db", "--port", "9")]
    result = _run(args, tmp_path, monkeypatch)
    assert result.exit_code == USAGE_EXIT, result.output
    assert _one_error_line(result) == message
    assert not (tmp_path / "new.db").exists() and not (tmp_path / "armsledger.db").exists()


@pytest.mark.parametrize("command", sorted(WITH_DB))
def test_a_database_url_of_no_known_engine_is_a_data_error_from_every_command(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = [a for a in EVERY_COMMAND[command] if a not in ("--db", "new.db")]
    result = _run([*args, "--db", "mysql://reader@db.example/ledger"], tmp_path, monkeypatch)
    assert result.exit_code == DATA_EXIT, result.output
    assert _one_error_line(result).startswith("error: unsupported database URL 'mysql://reader@db.example/ledger'")


@pytest.mark.parametrize("command", sorted(MISSING_INPUT))
def test_a_missing_input_is_a_data_error_naming_it(command: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(MISSING_INPUT[command], tmp_path, monkeypatch)
    assert result.exit_code == DATA_EXIT, result.output
    naming = [line for line in result.stderr.splitlines() if " nowhere: " in line]
    assert len(naming) == 1, result.stderr
    assert any(why in naming[0] for why in ("no such file or folder", "No such file or directory"))


@pytest.mark.parametrize("command", sorted(BAD_YEAR))
def test_a_year_that_is_no_number_is_a_usage_error(command: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(BAD_YEAR[command], tmp_path, monkeypatch)
    assert result.exit_code == USAGE_EXIT, result.output
    assert _one_error_line(result) == (f"error: Invalid value for '--since': 'last year' is not a valid integer. "
                                       f"(see 'armsledger {command} --help')")


def test_an_unknown_sort_field_is_a_usage_error_listing_the_fields(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(["ingest", str(SAMPLES), "--db", "l.db"], tmp_path, monkeypatch).exit_code == 0
    result = _run(["deals", "--db", "l.db", "--sort", "price"], tmp_path, monkeypatch)
    assert result.exit_code == USAGE_EXIT
    line = _one_error_line(result)
    assert line.startswith("error: cannot sort deals by 'price'; choose one of ") and "value" in line


def test_an_output_file_in_a_missing_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(["ingest", str(SAMPLES), "--db", "l.db"], tmp_path, monkeypatch).exit_code == 0
    result = _run(["export", "--db", "l.db", "-o", "no/deals.csv"], tmp_path, monkeypatch)
    assert result.exit_code == USAGE_EXIT
    assert _one_error_line(result).startswith("error: Invalid value for --output: 'no/deals.csv': folder 'no'")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("args", [["--colour"], ["dealz"]])
def test_a_mistyped_option_or_command_is_one_usage_line(args: list[str], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(args, tmp_path, monkeypatch)
    assert result.exit_code == USAGE_EXIT
    assert _one_error_line(result).endswith("(see 'armsledger --help')")


def test_exit_code_is_the_error_class_code() -> None:
    assert exit_code(ConfigError("x")) == USAGE_EXIT == exit_code(click.UsageError("x"))
    assert exit_code(StoreError("x")) == DATA_EXIT == exit_code(click.FileError("x")) == exit_code(ValueError())
