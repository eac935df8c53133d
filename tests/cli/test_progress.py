"""Long commands show progress on stderr only to a person: on a terminal, and not with --quiet."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from armsledger.cli import main, progress

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
REGISTER = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "sipri-sample.csv"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("progress") / "ledger.db")
    assert CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", path]).exit_code == 0
    assert CliRunner().invoke(main, ["sipri", "import", str(REGISTER), "--db", path]).exit_code == 0
    return path


def _commands(db: str, tmp: Path) -> dict[str, tuple[list[str], str]]:
    """Each long command, and the step its progress line names."""
    return {
        "ingest": (["ingest", str(SAMPLES), "--db", str(tmp / "new.db")], "ingesting"),
        "export": (["export", "--db", db, "--format", "json"], "exporting the deals as json"),
        "sipri import": (["sipri", "import", str(REGISTER), "--db", str(tmp / "new.db")],
                         f"importing SIPRI rows from {REGISTER}"),
        "sipri diff": (["sipri", "diff", "--db", db], "lining the deals up with SIPRI's rows"),
        "gazetteer coverage": (["gazetteer", "coverage", "--corpus", str(SAMPLES)], f"reading {SAMPLES}"),
        "extract": (["extract", str(SAMPLES), "--format", "jsonl"], f"extracting claims from {SAMPLES}"),
    }


COMMANDS = ["ingest", "export", "sipri import", "sipri diff", "gazetteer coverage", "extract"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_terminal_sees_each_step_and_its_time(command: str, db: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_stderr_is_terminal", lambda: True)
    args, step = _commands(db, tmp_path)[command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"{step}: done in " in result.stderr
    assert step not in result.stdout and "done in" not in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("tty", [False, True])
def test_a_pipe_or_quiet_sees_no_progress(command: str, tty: bool, db: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_stderr_is_terminal", lambda: tty)
    args, step = _commands(db, tmp_path)[command]
    result = CliRunner().invoke(main, ["--quiet", *args] if tty else args)
    assert step not in result.stderr and "done in" not in result.stderr
    assert "\x1b" not in result.stderr  # no terminal codes either


def test_jsonl_on_stdout_is_unchanged_by_the_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = CliRunner().invoke(main, ["extract", str(SAMPLES), "--format", "jsonl"])
    monkeypatch.setattr(progress, "_stderr_is_terminal", lambda: True)
    shown = CliRunner().invoke(main, ["extract", str(SAMPLES), "--format", "jsonl"])
    assert piped.stdout == shown.stdout and [json.loads(x) for x in shown.stdout.splitlines()]


@pytest.mark.parametrize("tty", [False, True])
def test_backfill_shows_its_progress_on_a_terminal_only(tty: bool, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import armsledger.backfill

    def fake(corpora: object, **options: object) -> SimpleNamespace:  # the Dask run itself is tests/test_backfill.py's
        return SimpleNamespace(shards=1, done=1, skipped=0, failed=0, articles=2, statements=3, errors=0, seconds=0.1)

    monkeypatch.setattr(armsledger.backfill, "backfill", fake)
    monkeypatch.setattr(progress, "_stderr_is_terminal", lambda: tty)
    result = CliRunner().invoke(main, ["backfill", str(SAMPLES), "--out", str(tmp_path / "shards")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("backfill: 1 shards: 1 done")
    assert (f"extracting 1 corpora into shards in {tmp_path / 'shards'}: done in " in result.stderr) == tty
