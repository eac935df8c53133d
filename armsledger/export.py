"""Stage 7a: write deals out as CSV, JSON, Parquet, or SIPRI's trade-register columns."""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from armsledger.errors import ConfigError
from armsledger.ledger_models import Deal, DealDetail

FORMATS: tuple[str, ...] = ("csv", "json", "parquet", "sipri")

DEAL_COLUMNS: tuple[str, ...] = (
    "id", "supplier", "recipient", "system", "system_family", "category", "status",
    "quantity_value", "quantity_unit", "quantity_bound", "value_amount", "value_currency", "value_bound",
    "ordered_on", "first_delivered_on", "completed_on", "has_conflict", "sources", "claims",
    "first_reported", "last_reported",
)
"""One flat row per deal, the same columns in CSV and Parquet."""

SIPRI_COLUMNS: tuple[str, ...] = (
    "Recipient", "Supplier", "Year of order", " ", "Number ordered", " ", "Weapon designation",
    "Weapon description", "Number delivered", " ", "Year(s) of delivery", "status", "Comments",
    "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)
"""SIPRI's trade-register header, blank flag columns included, so both files read side by side."""

Cell = str | int | bool | None

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (CSV injection)."""


def safe_cell(value: Cell) -> Cell:
    """Return a CSV cell a spreadsheet will not run: text starting like a formula gets a leading quote."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def deal_row(deal: Deal) -> dict[str, Cell]:
    """Return a deal as one flat row of DEAL_COLUMNS."""
    q, v = deal.quantity, deal.value
    return {
        "id": deal.id, "supplier": deal.supplier, "recipient": deal.recipient, "system": deal.system,
        "system_family": deal.system_family, "category": deal.category, "status": deal.status,
        "quantity_value": q.value if q else None, "quantity_unit": q.unit if q else None,
        "quantity_bound": q.bound if q else None,
        "value_amount": _decimal(v.amount) if v else None, "value_currency": v.currency if v else None,
        "value_bound": v.bound if v else None,
        "ordered_on": deal.ordered_on, "first_delivered_on": deal.first_delivered_on,
        "completed_on": deal.completed_on, "has_conflict": deal.has_conflict, "sources": deal.sources,
        "claims": deal.claims, "first_reported": deal.first_reported, "last_reported": deal.last_reported,
    }


def _decimal(amount: Decimal) -> str:
    return str(int(amount)) if amount == amount.to_integral_value() else str(amount)


def to_csv(deals: Sequence[Deal], stream: IO[str]) -> None:
    """Write deals as CSV with DEAL_COLUMNS."""
    writer = csv.DictWriter(stream, fieldnames=list(DEAL_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in deal_row(d).items()} for d in deals)


def to_json(details: Sequence[DealDetail], stream: IO[str]) -> None:
    """Write deals with their figures, timelines and denials as one JSON array."""
    json.dump([d.to_record() for d in details], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def to_parquet(deals: Sequence[Deal], path: Path) -> None:
    """Write deals as a Parquet file with DEAL_COLUMNS.

    Raises:
        ConfigError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ConfigError("Parquet export needs pyarrow; install armsledger[parquet]") from err
    types = {"quantity_value": pa.int64(), "sources": pa.int64(), "claims": pa.int64(), "has_conflict": pa.bool_()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in DEAL_COLUMNS])
    rows = [deal_row(d) for d in deals]
    table = pa.table({c: [r[c] for r in rows] for c in DEAL_COLUMNS}, schema=schema)
    pq.write_table(table, str(path))


def to_sipri(deals: Sequence[Deal], stream: IO[str], *, country: Callable[[str], str],
             delivery_years: Callable[[Deal], list[int]], battalions_per_regiment: int = 2) -> None:
    """Write deals in SIPRI's trade-register columns (no preamble, UTF-8).

    Args:
        country: ISO code -> the country name SIPRI would print.
        delivery_years: the years in which a deal's deliveries are reported.
        battalions_per_regiment: a regiment set is counted in battalions, as SIPRI counts.
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(SIPRI_COLUMNS)
    for deal in deals:
        q = deal.quantity
        number = q.value * battalions_per_regiment if q and q.unit == "regiment" else q.value if q else ""
        years = delivery_years(deal)
        writer.writerow([safe_cell(cell) for cell in (
            country(deal.recipient), country(deal.supplier), (deal.ordered_on or "")[:4], "",
            number, "?" if q and q.bound else "", deal.system or "", deal.category or "",
            "", "", "; ".join(str(y) for y in years), "New", sipri_comment(deal), "", "", "",
        )])


def sipri_comment(deal: Deal) -> str:
    """Say in SIPRI's style what the news adds: `$2.5 b deal; 2 battalion; delivering; 2 sources`."""
    parts: list[str] = []
    if deal.value is not None:
        parts.append(f"{money_words(deal.value.amount, deal.value.currency, deal.value.bound)} deal")
    if deal.quantity is not None:
        bound = f"{deal.quantity.bound} " if deal.quantity.bound else ""
        parts.append(f"{bound}{deal.quantity.value} {deal.quantity.unit}")
    parts += [deal.status, f"{deal.sources} source{'s' if deal.sources != 1 else ''}", f"armsledger {deal.id}"]
    return "; ".join(parts)


def money_words(amount: Decimal, currency: str, bound: str | None = None) -> str:
    """Write an amount the way SIPRI does: `$3 b`, `$980 m`, `EUR 1.2 b`."""
    symbol = "$" if currency == "USD" else f"{currency} "
    for scale, word in ((Decimal(10) ** 9, "b"), (Decimal(10) ** 6, "m")):
        if amount >= scale:
            number = (amount / scale).normalize()
            return f"{bound + ' ' if bound else ''}{symbol}{number:f} {word}"
    return f"{bound + ' ' if bound else ''}{symbol}{_decimal(amount)}"


def export(fmt: str, *, deals: Sequence[Deal], details: Callable[[], Sequence[DealDetail]],
           stream: IO[str] | None = None, path: Path | None = None, **sipri: Any) -> None:  # Any: to_sipri's options
    """Write deals in a format to a text stream or (parquet) a file.

    Raises:
        ConfigError: an unknown format, or parquet without a file.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ConfigError("parquet is binary: give a file with --output")
        to_parquet(deals, path)
        return
    assert stream is not None
    if fmt == "csv":
        to_csv(deals, stream)
    elif fmt == "json":
        to_json(details(), stream)
    else:
        to_sipri(deals, stream, **sipri)
