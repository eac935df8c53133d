"""Stage 7a: write the flat deal rows (deal_row.py) as CSV, JSON, Parquet, or SIPRI's trade-register columns."""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from armsledger.deal_row import COLUMNS, DealRow
from armsledger.errors import ConfigError
from armsledger.ledger_models import DealDetail

FORMATS: tuple[str, ...] = ("csv", "json", "parquet", "sipri")

SIPRI_COLUMNS: tuple[str, ...] = (
    "Recipient", "Supplier", "Year of order", " ", "Number ordered", " ", "Weapon designation",
    "Weapon description", "Number delivered", " ", "Year(s) of delivery", "status", "Comments",
    "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)
"""SIPRI's trade-register header, blank flag columns included, so both files read side by side."""

SIPRI_STATUSES: tuple[str, ...] = ("ordered", "delivering", "delivered")
"""The statuses SIPRI's register records: an order signed, or later. Offers and talks are left out."""

VALUE_SCALE = 2
"""Decimal places of the Parquet value column: news states contract values to the cent at most."""

Cell = str | int | bool | None

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (CSV injection)."""


def safe_cell(value: Cell) -> Cell:
    """Return a CSV cell a spreadsheet will not run: text starting like a formula gets a leading quote."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_cells(row: DealRow) -> list[str]:
    """Return a row's CSV cells in COLUMNS order: plain numerals, `True`/`False`, formulas neutralised."""
    return [_csv_text(getattr(row, column)) for column in COLUMNS]


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    return str(safe_cell(value)) if isinstance(value, str) else str(value)


def plain_number(amount: Decimal) -> str:
    """Write an amount as a plain numeral: `2500000000`, `1.25`, never `2.5E+9`."""
    return f"{amount.normalize():f}"


def to_csv(rows: Sequence[DealRow], stream: IO[str]) -> None:
    """Write deal rows as CSV with COLUMNS."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_cells(row) for row in rows)


def to_json(rows: Sequence[DealRow], details: Callable[[str], DealDetail], stream: IO[str]) -> None:
    """Write deal rows as one JSON array, each with its figures, timeline and denials.

    Args:
        details: a deal id -> the deal with its figures, timeline and denials.
    """
    records = []
    for row in rows:
        detail = details(row.id).to_record()
        records.append({**row.to_record(), **{k: detail[k] for k in ("figures", "timeline", "denials")}})
    json.dump(records, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def to_parquet(rows: Sequence[DealRow], path: Path) -> None:
    """Write deal rows as a Parquet file with COLUMNS: integers, a decimal value, booleans, the rest text.

    Raises:
        ConfigError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ConfigError("Parquet export needs pyarrow; install armsledger[parquet]") from err
    types = {"quantity": pa.int64(), "value": pa.decimal128(38, VALUE_SCALE), "sources": pa.int64(),
             "claims": pa.int64(), "has_conflict": pa.bool_(), "is_disputed": pa.bool_()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
    scale = Decimal(10) ** -VALUE_SCALE
    columns = {c: [getattr(r, c) for r in rows] for c in COLUMNS}
    columns["value"] = [None if v is None else v.quantize(scale) for v in columns["value"]]
    pq.write_table(pa.table(columns, schema=schema), str(path))


def sipri_count(quantity: int, unit: str | None, *, battalions_per_regiment: int) -> int:
    """Count a quantity as SIPRI does: a regiment set in its battalions, anything else as stated."""
    return quantity * battalions_per_regiment if unit == "regiment" else quantity


def to_sipri(rows: Sequence[DealRow], stream: IO[str], *, country: Callable[[str], str],
             delivery_years: Callable[[str], list[int]], battalions_per_regiment: int = 2) -> int:
    """Write the deals SIPRI would record (SIPRI_STATUSES) in its trade-register columns; return how many.

    Args:
        country: ISO code -> the country name SIPRI prints (`Turkiye`).
        delivery_years: a deal id -> the years in which its deliveries are reported.
        battalions_per_regiment: a regiment set is counted in battalions, as SIPRI counts.
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(SIPRI_COLUMNS)
    written = [row for row in rows if row.status in SIPRI_STATUSES]
    for row in written:
        number = "" if row.quantity is None else sipri_count(row.quantity, row.quantity_unit,
                                                             battalions_per_regiment=battalions_per_regiment)
        writer.writerow([safe_cell(cell) for cell in (
            country(row.recipient), country(row.supplier), (row.ordered_on or "")[:4], "",
            number, "?" if row.quantity_bound else "", row.system or "", row.category or "",
            "", "", "; ".join(str(y) for y in delivery_years(row.id)), "New", sipri_comment(row), "", "", "",
        )])
    return len(written)


def sipri_comment(row: DealRow) -> str:
    """Say in SIPRI's style what the news adds: `$2.5 b deal; 2 battalion; delivering; 2 sources`."""
    parts: list[str] = []
    if row.value is not None and row.value_currency is not None:
        parts.append(f"{money_words(row.value, row.value_currency, row.value_bound)} deal")
    if row.quantity is not None:
        bound = f"{row.quantity_bound} " if row.quantity_bound else ""
        parts.append(f"{bound}{row.quantity} {row.quantity_unit}")
    parts += [row.status, f"{row.sources} source{'s' if row.sources != 1 else ''}", f"armsledger {row.id}"]
    return "; ".join(parts)


def money_words(amount: Decimal, currency: str, bound: str | None = None) -> str:
    """Write an amount the way SIPRI does: `$3 b`, `$980 m`, `EUR 1.2 b`."""
    symbol = "$" if currency == "USD" else f"{currency} "
    for scale, word in ((Decimal(10) ** 9, "b"), (Decimal(10) ** 6, "m")):
        if amount >= scale:
            number = (amount / scale).normalize()
            return f"{bound + ' ' if bound else ''}{symbol}{number:f} {word}"
    return f"{bound + ' ' if bound else ''}{symbol}{plain_number(amount)}"


def export(fmt: str, *, rows: Sequence[DealRow], details: Callable[[str], DealDetail],
           stream: IO[str] | None = None, path: Path | None = None, **sipri: Any) -> int:  # Any: to_sipri's options
    """Write deal rows in a format to a text stream or (parquet) a file; return how many deals were written.

    Raises:
        ConfigError: an unknown format, or parquet without a file.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ConfigError("parquet is binary: give a file with --output")
        to_parquet(rows, path)
        return len(rows)
    assert stream is not None
    if fmt == "sipri":
        return to_sipri(rows, stream, **sipri)
    if fmt == "csv":
        to_csv(rows, stream)
    else:
        to_json(rows, details, stream)
    return len(rows)
