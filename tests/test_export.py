"""Export: csv, json with details, parquet, and SIPRI's columns."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from ledger_factories import s400_corpus

from armsledger.deal_row import COLUMNS
from armsledger.errors import ConfigError
from armsledger.export import SIPRI_COLUMNS, money_words
from armsledger.ledger import Ledger
from armsledger.settings import Settings


@pytest.fixture()
def ledger(tmp_path: Path) -> Ledger:
    opened = Ledger(str(tmp_path / "l.db"), settings=Settings())
    opened.store_results(s400_corpus())
    return opened


def test_csv_has_one_flat_row_per_deal(ledger: Ledger) -> None:
    out = io.StringIO()
    assert ledger.export("csv", stream=out, recipient="TR") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    assert (rows[0]["id"], rows[0]["value"], rows[0]["quantity"]) == ("ru-tr-s-400-1", "2500000000", "2")


def test_json_carries_figures_timeline_and_denials(ledger: Ledger) -> None:
    out = io.StringIO()
    ledger.export("json", stream=out, recipient="CN")
    (record,) = json.loads(out.getvalue())
    assert record["figures"]["quantity"]["has_conflict"] is True
    assert record["denials"][0]["claim"]["denied"] is True


def test_parquet_needs_a_file_and_keeps_columns(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--output"):
        ledger.export("parquet", stream=io.StringIO())
    path = tmp_path / "deals.parquet"
    ledger.export("parquet", path=path)
    table = pq.read_table(path)
    assert table.column_names == list(COLUMNS) and table.num_rows == 3


def test_sipri_columns_read_side_by_side_with_sipri(ledger: Ledger) -> None:
    out = io.StringIO()
    ledger.export("sipri", stream=out, recipient="CN")
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == SIPRI_COLUMNS
    assert row[:5] == ["China", "Russia", "2014", "", "4"]
    assert row[10] == "2018" and "more than $3 b deal" in row[12]


def test_money_words_follow_sipri_style() -> None:
    assert money_words(Decimal(2500000000), "USD") == "$2.5 b"
    assert money_words(Decimal(980000000), "EUR") == "EUR 980 m"


def test_unknown_format_lists_the_choices(ledger: Ledger) -> None:
    with pytest.raises(ConfigError, match="choose one of csv, json, parquet, sipri"):
        ledger.export("xml", stream=io.StringIO())


FORMULAS = ("=HYPERLINK(\"http://example.org\")", "+1+1", "-2+3", "@SUM(A1)")


@pytest.fixture()
def formula_db(tmp_path: Path) -> str:
    from ledger_factories import claim, result

    path = str(tmp_path / "f.db")
    evidence = "Peru ordered trucks from Spain."
    with Ledger(path, settings=Settings()) as opened:
        opened.store_results([result(f"f{n}", f"{evidence} Version {n}.", [
            claim("agreement", "ES", "PE", system, evidence, quantity=(n + 2, "unit"), source=system)])
            for n, system in enumerate(FORMULAS)])
    return path


@pytest.mark.parametrize("args", [["deals", "--format", "csv"], ["export", "--format", "csv"],
                                  ["export", "--format", "sipri"]])
def test_cli_csv_neutralises_cells_a_spreadsheet_would_run(formula_db: str, args: list[str]) -> None:
    from click.testing import CliRunner

    from armsledger.cli import main

    out = CliRunner().invoke(main, [*args, "--db", formula_db])
    assert out.exit_code == 0, out.output
    cells = [cell for row in csv.reader(io.StringIO(out.stdout)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert {"'" + formula for formula in FORMULAS} <= set(cells)


def _sipri_rows(export_db: str) -> list[list[str]]:
    from click.testing import CliRunner

    from armsledger.cli import main

    out = CliRunner().invoke(main, ["export", "--format", "sipri", "--db", export_db])
    assert out.exit_code == 0, out.output
    return list(csv.reader(io.StringIO(out.stdout)))


def test_sipri_export_keeps_orders_and_leaves_out_offers(export_db: str) -> None:
    header, *rows = _sipri_rows(export_db)
    assert tuple(header) == SIPRI_COLUMNS
    ids = [row[12].rsplit("armsledger ", 1)[1] for row in rows]
    assert "kr-vn-k9-1" not in ids, "an offer is no order SIPRI records"
    assert {"kr-cz-k9-1", "kr-ee-k9-1", "kr-no-k9-1", "us-tr-f-16-1"} <= set(ids)
    with Ledger(export_db) as ledger:
        # Offers, talks and cancellations are no orders SIPRI records (the register corpus has each).
        assert {d.status for d in ledger.deals() if d.id not in ids} == {"offered", "negotiating", "cancelled"}
        assert not {d.id for d in ledger.deals(status="cancelled")} & set(ids), "a cancelled order is left out"


def test_sipri_export_writes_sipris_country_names(export_db: str) -> None:
    _, *rows = _sipri_rows(export_db)
    by_id = {row[12].rsplit("armsledger ", 1)[1]: row for row in rows}
    assert by_id["kr-cz-k9-1"][:5] == ["Czechia", "South Korea", "2024", "", "24"]
    assert by_id["kr-cz-k9-1"][10] == "2025" and "$1.2 b deal" in by_id["kr-cz-k9-1"][12]
    assert by_id["us-tr-f-16-1"][:2] == ["Turkiye", "United States"]
    assert not {"Czech Republic", "Turkey", "Vietnam", "Viet Nam"} & {cell for row in rows for cell in row[:2]}


def test_sipri_export_counts_the_deals_it_writes(export_db: str) -> None:
    with Ledger(export_db) as ledger:
        written = ledger.export("sipri", stream=io.StringIO())
        left_out = sum(1 for d in ledger.deals() if d.status in ("offered", "negotiating", "cancelled"))
        assert written == len(ledger.deals()) - left_out == ledger.export("csv", stream=io.StringIO()) - left_out
