"""The CLI as a tool: a mistyped --db is an error on read commands, ids are never cut, long steps speak."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import armsledger.cli.ledger as ledger_cli
from armsledger.cli import main
from armsledger.errors import StoreError
from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.web.server import build_app
from tests.web.workbench_ledger import build


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(str(tmp_path_factory.mktemp("cli") / "bench.db"))


@pytest.mark.parametrize("command", [["deals"], ["show", "ru-in-s-400-1"], ["conflicts"], ["export"],
                                     ["sipri", "diff"]])
def test_read_command_on_a_missing_ledger_is_one_line_and_creates_nothing(tmp_path: Path,
                                                                         command: list[str]) -> None:
    typo = tmp_path / "armsleger.db"
    result = CliRunner().invoke(main, [*command, "--db", str(typo)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: no ledger at {str(typo)!r}")
    assert result.stdout == "" and not typo.exists()


def test_read_command_on_an_empty_database_says_it_holds_no_ledger(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    result = CliRunner().invoke(main, ["deals", "--db", str(empty)])
    assert result.exit_code == 1 and "the database is empty" in result.stderr
    with sqlite3.connect(empty) as connection:  # not turned into a ledger
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_ingest_still_creates_the_ledger(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Nothing about arms today.\n", encoding="utf-8")
    created = tmp_path / "new.db"
    assert CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(created)]).exit_code == 0
    assert CliRunner().invoke(main, ["deals", "--db", str(created)]).exit_code == 0


def test_read_only_server_refuses_a_missing_ledger(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger at"):
        build_app(Settings.load(db=str(tmp_path / "nothing.db")))
    assert not (tmp_path / "nothing.db").exists()


@pytest.mark.parametrize("width", [80, 100, 140])
def test_deals_table_keeps_every_id_whole(bench_db: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_cli, "_console", lambda: Console(width=width, soft_wrap=False))
    result = CliRunner().invoke(main, ["deals", "--db", bench_db])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    with Ledger(bench_db) as ledger:
        ids = [d.id for d in ledger.deals()]
    first_words = {line.split()[0] for line in lines if line.strip()}
    assert set(ids) <= first_words  # each id whole, at the start of its row
    header = next(line for line in lines if line.strip().startswith("id"))
    assert "status" in header and "sources" in header
    assert ("value" in header) == (width >= 120)


def test_export_and_sipri_import_keep_a_piped_stderr_to_summaries_and_errors(bench_db: str,
                                                                             tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", bench_db, "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"exported {len(json.loads(result.stdout))} deals"]
    assert result.stdout.lstrip().startswith("[")  # stdout stays data only
    register = tmp_path / "register.csv"
    register.write_text("not a register\n", encoding="utf-8")
    failed = CliRunner().invoke(main, ["sipri", "import", str(register), "--db", bench_db])
    assert failed.exit_code == 1 and failed.stderr.count("\n") == 1 and failed.stderr.startswith("error: ")


def test_deals_filters_denied_and_sorts_by_value(bench_db: str) -> None:
    denied = CliRunner().invoke(main, ["deals", "--db", bench_db, "--denied", "--format", "jsonl"])
    assert [json.loads(line)["system"] for line in denied.stdout.splitlines()] == ["Iskander"]
    by_value = CliRunner().invoke(main, ["deals", "--db", bench_db, "--sort", "-value", "--system", "Triumf",
                                         "--min-sources", "2", "--format", "csv"])
    assert by_value.exit_code == 0 and by_value.stdout.splitlines()[1].startswith("ru-in-s-400-1,")
