"""Read SIPRI's trade register as SIPRI publishes it (`compare.py` lines it up with the deals).

The export has a preamble (11 lines), a header whose flag columns are named ` `, Latin-1 text, `?`
flags for uncertain figures, delivery years as `2018; 2019`, and contract values only in the
comments (`$3 b deal`, `INR390 b ($5.4 b) deal`).
"""
from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from pathlib import Path

from armsledger.claims.value import find_values
from armsledger.errors import SourceError
from armsledger.sipri.rows import SipriRow

HEADER_START = "Recipient,Supplier,Year of order"
MAX_PREAMBLE_LINES = 30
"""SIPRI's preamble has 11 lines; allow for a few more in other exports."""
COLUMNS = 16


def _unknown(name: str) -> str | None:
    """Look nothing up: the default for a reader that needs only the register's own names."""
    return None


def read_register(path: str | Path, *, country: Callable[[str], str | None] = _unknown,
                  system: Callable[[str], str | None] = _unknown) -> list[SipriRow]:
    """Read a SIPRI trade-register CSV export in full.

    Args:
        country: a SIPRI country name -> ISO code, or None for a non-state; by default every
            `recipient` and `supplier` code is None (the names are always kept).
        system: a SIPRI weapon designation -> the gazetteer's designation, or None (the default).

    Raises:
        SourceError: the file is missing, or not a SIPRI trade register (quoting what was found).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SourceError(str(path), f"cannot read the file ({err.strerror})") from err
    text = raw.decode("latin-1")
    if "\ufffd" in text or text.startswith("\xef\xbb\xbf") or _looks_like_utf8(raw):
        text = raw.decode("utf-8", errors="replace")
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines[:MAX_PREAMBLE_LINES]) if line.startswith(HEADER_START)), None)
    if start is None:
        first = lines[0][:80] if lines else ""
        raise SourceError(str(path), f"not a SIPRI trade register: no header line starting {HEADER_START!r} "
                          f"in the first {MAX_PREAMBLE_LINES} lines (first line: {first!r}); export the "
                          "trade register as CSV from SIPRI's Arms Transfers Database")
    rows: list[SipriRow] = []
    body = lines[start + 1:]
    n = 0
    while n < len(body):
        number, record = start + 2 + n, body[n]
        cells = _cells(record)
        # SIPRI writes a line break inside a comment without quoting it: join the broken line.
        while 0 < len(cells) < COLUMNS and n + 1 < len(body) and len(_cells(record + " " + body[n + 1])) <= COLUMNS:
            n += 1
            record = f"{record} {body[n]}"
            cells = _cells(record)
        n += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != COLUMNS:
            raise SourceError(f"{path}:{number}", f"expected {COLUMNS} columns as in SIPRI's trade register, "
                              f"found {len(cells)}: {record[:80]!r}")
        rows.append(_row(number, cells, country, system, f"{path}:{number}"))
    if not rows:
        raise SourceError(str(path), "SIPRI header found but no rows below it")
    return rows


def _cells(line: str) -> list[str]:
    return next(csv.reader([line]), [])


def _looks_like_utf8(raw: bytes) -> bool:
    """Tell whether bytes are UTF-8 with non-ASCII text (the UTF-8 copies of the register)."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(ch) > 127 for ch in decoded)


def _row(number: int, cells: list[str], country: Callable[[str], str | None],
         system: Callable[[str], str | None], where: str) -> SipriRow:
    (recipient, supplier, year, year_flag, ordered, ordered_flag, designation, description, delivered,
     delivered_flag, years, status, comments, tiv_unit, tiv_total, tiv_delivered) = (c.strip() for c in cells)
    amount, currency = contract_value(comments)
    return SipriRow(
        line=number, recipient_name=recipient, supplier_name=supplier,
        recipient=country(recipient), supplier=country(supplier),
        ordered_year=_int(year, where, "Year of order"), is_ordered_year_uncertain=year_flag == "?",
        quantity_ordered=_int(ordered, where, "Number ordered"), is_quantity_uncertain=ordered_flag == "?",
        designation=designation, description=description,
        quantity_delivered=_int(delivered, where, "Number delivered"), is_delivered_uncertain=delivered_flag == "?",
        delivery_years=tuple(_int(y, where, "Year(s) of delivery") or 0 for y in years.split(";") if y.strip()),
        status=status, comments=comments, tiv_per_unit=tiv_unit, tiv_total=tiv_total, tiv_delivered=tiv_delivered,
        value_amount=amount, value_currency=currency, system=system(designation),
    )


def _int(cell: str, where: str, column: str) -> int | None:
    cell = cell.strip().rstrip("?").strip()
    if not cell:
        return None
    try:
        return int(float(cell))
    except ValueError as err:
        raise SourceError(where, f"column {column!r} should be a number, found {cell!r}") from err


_SIPRI_SCALE = {"b": Decimal(10) ** 9, "m": Decimal(10) ** 6, "k": Decimal(10) ** 3}
_SIPRI_CODED = re.compile(r"\b([A-Z]{3})\s?(\d+(?:\.\d+)?)\s?([bmk])\b")


def contract_value(comments: str) -> tuple[Decimal | None, str | None]:
    """Read a contract value from SIPRI's comments: a dollar figure first (`$5.4 b`), else the first
    other one (`INR390 b`). The money grammar is the extractor's (claims/value.py)."""
    found = [v.money for v in find_values(comments)]
    chosen = next((m for m in found if m.currency == "USD"), found[0] if found else None)
    if chosen:
        return chosen.amount, chosen.currency
    coded = _SIPRI_CODED.search(comments)  # SIPRI's own codes for old currencies (AUP, ASH, RRS)
    if coded:
        return Decimal(coded.group(2)) * _SIPRI_SCALE[coded.group(3)], coded.group(1)
    return None, None


def sipri_name_table(names: dict[str, str]) -> Callable[[str], str | None]:
    """Return a lookup from SIPRI country names to ISO codes, given name -> code pairs.

    SIPRI marks non-state recipients with `*` or `**`; they get None.
    """
    table = {k.lower(): v for k, v in names.items()}

    def lookup(name: str) -> str | None:
        if name.endswith("*"):
            return None
        return table.get(name.lower()) or table.get(re.sub(r"\s*\(.*\)$", "", name).lower())

    return lookup


@functools.cache
def sipri_spellings() -> dict[str, str]:
    """Return ISO code -> SIPRI's name for the states SIPRI names otherwise than the gazetteer (`TR` -> `Turkiye`).

    Read from data/sipri/country_names.csv, taken from SIPRI's current register; tests/sipri/test_register.py
    checks it against ../shared/eval/reference/sipri-trade-register.csv.
    """
    text = resources.files("armsledger").joinpath("data", "sipri", "country_names.csv").read_text(encoding="utf-8")
    return {row["id"]: row["name"] for row in csv.DictReader(text.splitlines())}

