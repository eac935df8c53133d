"""Store and read imported SIPRI trade-register rows."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, delete, distinct, func, insert, select, true

from armsledger.sipri.rows import SipriRow
from armsledger.store.tables import claims, sipri_rows

ROWS_PER_INSERT = 2000


def replace_rows(connection: Connection, rows: Sequence[SipriRow], *, source_file: str) -> None:
    """Replace every stored SIPRI row with these (in the caller's transaction)."""
    connection.execute(delete(sipri_rows))
    records = [
        {
            "line": r.line, "supplier_name": r.supplier_name, "recipient_name": r.recipient_name,
            "supplier": r.supplier, "recipient": r.recipient, "ordered_year": r.ordered_year,
            "is_ordered_year_uncertain": r.is_ordered_year_uncertain, "quantity_ordered": r.quantity_ordered,
            "is_quantity_uncertain": r.is_quantity_uncertain, "designation": r.designation,
            "description": r.description, "quantity_delivered": r.quantity_delivered,
            "is_delivered_uncertain": r.is_delivered_uncertain,
            "delivery_years": "; ".join(str(y) for y in r.delivery_years), "status": r.status,
            "comments": r.comments, "tiv_per_unit": r.tiv_per_unit, "tiv_total": r.tiv_total,
            "tiv_delivered": r.tiv_delivered,
            "value_amount": None if r.value_amount is None else str(r.value_amount),
            "value_currency": r.value_currency, "system": r.system, "source_file": source_file,
        }
        for r in rows
    ]
    for start in range(0, len(records), ROWS_PER_INSERT):
        connection.execute(insert(sipri_rows), records[start:start + ROWS_PER_INSERT])


def read_rows(connection: Connection, *, systems: Sequence[str] | None = None, supplier: str | None = None,
              recipient: str | None = None, since: int | None = None, until: int | None = None) -> list[SipriRow]:
    """Return stored SIPRI rows, optionally only those of some designations, parties and order years."""
    terms: list[ColumnElement[bool]] = []
    if since is not None:
        terms.append(sipri_rows.c.ordered_year >= since)
    if until is not None:
        terms.append(sipri_rows.c.ordered_year <= until)
    if systems is not None:
        terms.append(sipri_rows.c.system.in_(list(systems)))
    if supplier:
        terms.append(sipri_rows.c.supplier == supplier.upper())
    if recipient:
        terms.append(sipri_rows.c.recipient == recipient.upper())
    query = select(sipri_rows).where(and_(true(), *terms)).order_by(sipri_rows.c.line)
    return [_from_row(r) for r in connection.execute(query)]


def mentions(connection: Connection) -> tuple[dict[str, int], dict[tuple[str, str | None, str | None], int]]:
    """Count the stored articles with a claim about each system family, and about it with its parties.

    Returns:
        (family -> articles, (family, supplier, recipient) -> articles).
    """
    family = func.coalesce(claims.c.system_family, claims.c.system).label("family")
    articles = func.count(distinct(claims.c.article_id)).label("articles")
    per_family = {str(r.family): int(r.articles) for r in connection.execute(
        select(family, articles).where(family.is_not(None)).group_by(family))}
    per_parties = {(str(r.family), r.supplier, r.recipient): int(r.articles) for r in connection.execute(
        select(family, claims.c.supplier, claims.c.recipient, articles).where(family.is_not(None))
        .group_by(family, claims.c.supplier, claims.c.recipient))}
    return per_family, per_parties


def count_rows(connection: Connection) -> int:
    """Count the stored SIPRI rows."""
    return int(connection.execute(select(func.count()).select_from(sipri_rows)).scalar_one())


def _from_row(r: Any) -> SipriRow:  # Any: a Row of the sipri_rows table
    return SipriRow(
        line=r.line, recipient_name=r.recipient_name, supplier_name=r.supplier_name, recipient=r.recipient,
        supplier=r.supplier, ordered_year=r.ordered_year, is_ordered_year_uncertain=bool(r.is_ordered_year_uncertain),
        quantity_ordered=r.quantity_ordered, is_quantity_uncertain=bool(r.is_quantity_uncertain),
        designation=r.designation, description=r.description or "", quantity_delivered=r.quantity_delivered,
        is_delivered_uncertain=bool(r.is_delivered_uncertain),
        delivery_years=tuple(int(y) for y in (r.delivery_years or "").split(";") if y.strip()),
        status=r.status or "", comments=r.comments or "", tiv_per_unit=r.tiv_per_unit or "",
        tiv_total=r.tiv_total or "", tiv_delivered=r.tiv_delivered or "",
        value_amount=None if r.value_amount is None else Decimal(r.value_amount), value_currency=r.value_currency,
        system=r.system,
    )
