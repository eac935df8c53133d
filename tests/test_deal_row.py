"""The flat deal row: the same columns and values through the web's CSV, the CLI's CSV and Parquet,
each figure citing the sentence and the article it was read from (tests/data/export/README.md)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from armsledger.cli import main
from armsledger.deal_row import COLUMNS, precision
from armsledger.ledger import Ledger
from tests.conftest import EXPORT_CORPUS

STORED = {record["id"]: record for record in map(json.loads, EXPORT_CORPUS.read_text(encoding="utf-8").splitlines())}
"""The export corpus's articles as written, by id."""

CITED_WORDS = {
    "quantity": ("export-czech-order", "24 K9 howitzers"),
    "value": ("export-czech-order", "$1.2 billion"),
    "ordered_on": ("export-czech-order", "4 March 2024"),
    "delivered_on": ("export-czech-delivery", "in May 2025"),
    "status": ("export-czech-delivery", "delivered the first"),
}
"""For the Czech K9 order (status delivering): each figure -> the article and the words it is read from."""


@pytest.fixture(scope="module")
def ledger(export_db: str) -> Iterator[Ledger]:
    with Ledger(export_db) as opened:
        yield opened


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _cli(export_db: str, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", export_db])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def web_rows(ledger: Ledger) -> list[dict[str, str]]:
    from armsledger.web import create_app

    with TestClient(create_app(ledger, cache_size=0)) as client:
        response = client.get("/deals.csv")
    assert response.status_code == 200
    return sorted(_csv(response.text), key=lambda r: r["id"])  # the register has no sort by id; export has


@pytest.fixture(scope="module")
def parquet(export_db: str, tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    path = tmp_path_factory.mktemp("parquet") / "deals.parquet"
    _cli(export_db, "export", "--format", "parquet", "-o", str(path))
    return pq.read_table(path)


def _as_csv(value: object) -> str:
    """How a Parquet value reads in the CSV (Parquet keeps text as stated, a formula too)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return "'" + value if isinstance(value, str) and value.startswith("=") else str(value)


def test_web_csv_cli_csv_and_parquet_give_the_same_rows(export_db: str, web_rows: list[dict[str, str]],
                                                         parquet: pa.Table) -> None:
    cli_rows = _csv(_cli(export_db, "export", "--format", "csv"))
    listed = _csv(_cli(export_db, "deals", "--format", "csv", "--sort", "id"))
    assert list(web_rows[0]) == list(cli_rows[0]) == list(listed[0]) == list(COLUMNS) == parquet.column_names
    assert len(web_rows) == 23
    assert web_rows == cli_rows == listed
    assert [{c: _as_csv(v) for c, v in r.items()} for r in parquet.to_pylist()] == cli_rows


def test_a_deal_row_holds_plain_numbers_currency_and_dated_precision(web_rows: list[dict[str, str]]) -> None:
    (row,) = [r for r in web_rows if r["id"] == "kr-cz-k9-1"]
    assert (row["supplier"], row["recipient"], row["system"], row["status"]) == ("KR", "CZ", "K9", "delivering")
    assert (row["quantity"], row["quantity_unit"], row["value"], row["value_currency"]) == (
        "24", "unit", "1200000000", "USD")
    assert (row["ordered_on"], row["ordered_on_precision"]) == ("2024-03-04", "day")
    assert (row["delivered_on"], row["delivered_on_precision"]) == ("2025-05", "month")
    assert all(re.fullmatch(r"\d+(\.\d+)?", r["value"]) for r in web_rows if r["value"])


@pytest.mark.parametrize("figure", sorted(CITED_WORDS))
def test_each_figure_cites_its_sentence_and_article(web_rows: list[dict[str, str]], ledger: Ledger,
                                                     figure: str) -> None:
    (row,) = [r for r in web_rows if r["id"] == "kr-cz-k9-1"]
    article_id, words = CITED_WORDS[figure]
    evidence = row[f"{figure}_evidence"]
    assert words in evidence and evidence in STORED[article_id]["text"]
    assert row[f"{figure}_article_id"] == article_id
    stored = ledger.article(article_id)
    assert (row[f"{figure}_url"], row[f"{figure}_outlet"]) == (stored.url, stored.outlet)
    assert stored.url == STORED[article_id]["url"] and stored.outlet == STORED[article_id]["outlet"]


def test_a_figure_cites_the_value_it_exports_not_a_unit_price(ledger: Ledger) -> None:
    (row,) = ledger.deal_rows(recipient="NO", system="K9", until=2018)
    assert (row.value, row.value_currency) == (Decimal(1_800_000_000), "NOK")
    assert row.value_evidence is not None and "NOK 1.8 billion" in row.value_evidence
    assert row.value_article_id == "harbour-k9-norway-2017.txt"


def test_a_conflicted_value_cites_the_consensus_source(ledger: Ledger) -> None:
    (row,) = [r for r in ledger.deal_rows(recipient="NO", system="K9") if r.ordered_on and r.ordered_on.startswith("2022")]
    assert row.has_conflict and (row.value, row.value_outlet) == (Decimal(900_000_000), "Fjord Post")
    assert row.value_evidence is not None and "NOK 900 million" in row.value_evidence


def test_a_figure_without_a_value_cites_nothing(ledger: Ledger) -> None:
    (row,) = ledger.deal_rows(recipient="VN")
    assert row.value is None and row.value_evidence is row.value_url is row.value_article_id is None
    assert row.status == "offered" and row.status_article_id == "export-vietnam-offer"


def test_parquet_figures_are_typed(parquet: pa.Table) -> None:
    schema = parquet.schema
    assert pa.types.is_int64(schema.field("quantity").type) and pa.types.is_decimal(schema.field("value").type)
    assert pa.types.is_int64(schema.field("sources").type) and pa.types.is_boolean(schema.field("has_conflict").type)
    (row,) = [r for r in parquet.to_pylist() if r["id"] == "kr-cz-k9-1"]
    assert (row["quantity"], row["value"]) == (24, Decimal(1_200_000_000))


@pytest.mark.parametrize(("date", "expected"), [("2017", "year"), ("2017-09", "month"), ("2017-09-12", "day"),
                                                (None, None), ("", None)])
def test_precision_reads_the_date_length(date: str | None, expected: str | None) -> None:
    assert precision(date) == expected


def test_cells_starting_like_a_formula_are_neutralised_in_both_csvs(export_db: str,
                                                                    web_rows: list[dict[str, str]]) -> None:
    outlet = STORED["export-formula"]["outlet"]
    assert outlet.startswith("=")
    for rows in (web_rows, _csv(_cli(export_db, "export", "--format", "csv"))):
        (row,) = [r for r in rows if r["recipient"] == "EE"]
        assert row["quantity_outlet"] == row["status_outlet"] == "'" + outlet
        assert not [cell for r in rows for cell in r.values() if cell.startswith(("=", "+", "-", "@"))]


def test_json_records_hold_the_row_and_the_details(export_db: str) -> None:
    records = {r["id"]: r for r in json.loads(_cli(export_db, "export", "--format", "json"))}
    record = records["kr-cz-k9-1"]
    assert list(record)[:len(COLUMNS)] == list(COLUMNS)
    assert (record["quantity"], record["value"], record["ordered_on_precision"]) == (24, 1_200_000_000, "day")
    assert record["quantity_url"] == STORED["export-czech-order"]["url"]
    assert [e["article_id"] for e in record["timeline"]] == ["export-czech-order", "export-czech-delivery"]



def test_every_column_is_named_in_the_glossary() -> None:
    glossary = (EXPORT_CORPUS.parents[3] / "docs" / "glossary.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:\w+\.)?([\w<>]+)", glossary)) | set(re.findall(r"\*\*([\w ]+)\*\*", glossary))
    cited = re.compile(r"^(?:quantity|value|ordered_on|delivered_on|status)_(evidence|article_id|outlet|url)$")
    assert [c for c in COLUMNS if c not in named and cited.sub(r"<figure>_\1", c) not in named] == []
