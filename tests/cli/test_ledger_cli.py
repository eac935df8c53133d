"""The ledger commands through click: output formats, errors, exit codes, help examples."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ledger_factories import s400_corpus

from armsledger.cli import main
from armsledger.cli.ledger import COMMANDS
from armsledger.ledger import Ledger
from armsledger.settings import Settings


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "l.db")
    with Ledger(path, settings=Settings()) as ledger:
        ledger.store_results(s400_corpus())
    return path


def test_deals_jsonl_filters_by_recipient(db: str) -> None:
    result = CliRunner().invoke(main, ["deals", "--db", db, "--recipient", "TR", "--format", "jsonl"])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.output.splitlines()] == ["ru-tr-s-400-1", "ru-tr-s-400-2"]


def test_deals_csv_and_table(db: str) -> None:
    csv_out = CliRunner().invoke(main, ["deals", "--db", db, "--format", "csv", "--sort", "id"]).output
    assert csv_out.splitlines()[0].startswith("id,supplier,recipient") and "ru-cn-s-400-1" in csv_out.splitlines()[1]
    table = CliRunner().invoke(main, ["deals", "--db", db, "--status", "negotiating"]).output
    assert "ru-tr-s-400-2" in table and "ru-cn-s-400-1" not in table


def test_db_comes_from_the_environment(db: str) -> None:
    result = CliRunner().invoke(main, ["deals", "--format", "json"], env={"ARMSLEDGER_DB": db})
    assert len(json.loads(result.output)) == 3


def test_show_prints_figures_timeline_and_denial(db: str) -> None:
    result = CliRunner().invoke(main, ["show", "ru-cn-s-400-1", "--db", db])
    assert result.exit_code == 0
    assert "CONFLICT" in result.output and "DENIED" in result.output and "denial portal-cn-2020" in result.output


def test_show_unknown_deal_is_one_error_line_and_exit_1(db: str) -> None:
    result = CliRunner().invoke(main, ["show", "nope-1", "--db", db])
    assert result.exit_code == 1 and result.output.strip() == \
        "error: no deal 'nope-1'; list deal ids with `armsledger deals`"


def test_conflicts_json(db: str) -> None:
    result = CliRunner().invoke(main, ["conflicts", "--db", db, "--format", "json"])
    assert [(c["deal_id"], c["figure"]) for c in json.loads(result.output)] == [("ru-cn-s-400-1", "quantity")]


def test_export_to_a_file_replaces_it_whole(db: str, tmp_path: Path) -> None:
    out = tmp_path / "deals.csv"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "sipri", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("Recipient,Supplier")
    assert not (tmp_path / "deals.csv.partial").exists()


def test_ingest_prints_a_summary_and_skips_on_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A short test note with no arms deal in it at all.\n", encoding="utf-8")
    db = str(tmp_path / "i.db")
    first = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db])
    again = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0 and "read 1 articles: 0 already stored" in first.output
    assert "read 1 articles: 1 already stored" in again.output


def test_sipri_import_of_a_wrong_file_exits_1(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("not,sipri\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["sipri", "import", str(bad), "--db", db])
    assert result.exit_code == 1 and "not a SIPRI trade register" in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name or "")
def test_every_help_ends_with_an_example(command: object) -> None:
    import click
    assert isinstance(command, click.Command)
    commands = [command, *getattr(command, "commands", {}).values()]
    for each in commands:
        assert "Example:" in (each.help or ""), each.name


def test_parquet_export_writes_the_file_whole(db: str, tmp_path: Path) -> None:
    out = tmp_path / "deals.parquet"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes()[:4] == b"PAR1"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("deals")) == ["deals.parquet"]


def test_deals_and_show_mark_a_disputed_status_expected_events_and_reasons(tmp_path: Path) -> None:
    from ledger_factories import claim, result

    report = "The first S-400 set reached Belarus in 2022, the ministry said."
    plan = "The second set will follow in 2023."
    denial = "Minsk denied that any S-400 had been delivered."
    path = str(tmp_path / "d.db")
    with Ledger(path, settings=Settings()) as ledger:
        ledger.store_results([
            result("by-1", f"{report} {plan}", [claim("delivery", "RU", "BY", "S-400", report, date="2022"),
                                                claim("delivery", "RU", "BY", "S-400", plan, date="2023",
                                                      planned=True)], published="2022-06-01", outlet="Daily A"),
            result("by-2", denial, [claim("delivery", "RU", "BY", "S-400", denial, denied=True)],
                   published="2022-07-01", outlet="Daily B"),
        ])
    table = CliRunner().invoke(main, ["deals", "--db", path]).output
    assert "delivering, disputed" in table
    shown = CliRunner().invoke(main, ["show", "ru-by-s-400-1", "--db", path], env={"COLUMNS": "250"}).output
    assert "disputed by a standing denial" in shown and "expected: delivery 2023" in shown
    assert "the only order of this supplier" in shown


@pytest.mark.parametrize("arguments", [[], ["corpus/", "--from-parquet", "shards/"]])
def test_ingest_takes_a_corpus_or_shards_but_not_both(tmp_path: Path, arguments: list[str]) -> None:
    result = CliRunner().invoke(main, ["ingest", *arguments, "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2 and "give a CORPUS or --from-parquet DIR, not both" in result.output


def test_ingest_from_a_folder_that_holds_no_shards_is_one_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--from-parquet", str(tmp_path / "none"), "--db",
                                       str(tmp_path / "l.db")])
    assert result.exit_code == 1 and result.stdout.startswith("read 0 articles")
    assert result.stderr == f"error: {tmp_path / 'none'}: no such folder of shards; give the --out folder of a backfill\n"
