"""Count the register's deals by facet: how many of the filtered deals have each value."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, String, case, cast, func, select

from armsledger.store.tables import claims, deals

FACETS = ("status", "supplier", "recipient", "system_family", "category", "sources", "year", "denied",
          "planned")
"""The facets, in the order the register shows them."""
MAX_VALUES = 15
"""Values listed per facet, most deals first; the rest are reached through the filters."""
MANY_SOURCES = 3
"""Deals on this many independent sources or more are counted together (`3+`)."""


def _year() -> ColumnElement[str]:
    return func.substr(func.coalesce(deals.c.ordered_on, deals.c.first_delivered_on, deals.c.first_reported), 1, 4)


def _sources() -> ColumnElement[str]:
    return case((deals.c.sources >= MANY_SOURCES, f"{MANY_SOURCES}+"), else_=cast(deals.c.sources, String))


def facet_counts(connection: Connection, condition: ColumnElement[bool], *,
                 max_values: int = MAX_VALUES) -> dict[str, list[tuple[str, int]]]:
    """Return, per facet, its values and how many deals matching condition have each, most first.

    `sources` counts `1`, `2` and `3+` independent sources; `year` is the year a deal was ordered
    (else first delivered, else first reported); `denied` and `planned` count the deals with a
    claim a source denies or states as planned, under the value `yes`.
    """
    found: dict[str, list[tuple[str, int]]] = {}
    columns: dict[str, ColumnElement[object]] = {
        "status": deals.c.status, "supplier": deals.c.supplier, "recipient": deals.c.recipient,
        "system_family": deals.c.system_family, "category": deals.c.category,
    }
    n = func.count().label("n")
    for name, column in columns.items():
        rows = connection.execute(select(column.label("v"), n).where(condition, column.is_not(None))
                                  .group_by(column).order_by(n.desc(), column).limit(max_values))
        found[name] = [(str(r.v), int(r.n)) for r in rows]
    sources = _sources().label("v")
    rows = connection.execute(select(sources, n).where(condition).group_by(sources).order_by(sources))
    found["sources"] = [(str(r.v), int(r.n)) for r in rows]
    year = _year().label("v")
    rows = connection.execute(select(year, n).where(condition, year.is_not(None)).group_by(year)
                              .order_by(year.desc()))
    found["year"] = [(str(r.v), int(r.n)) for r in rows]
    for name, flag in (("denied", claims.c.denied), ("planned", claims.c.planned)):
        flagged = deals.c.id.in_(select(claims.c.deal_id).where(flag))  # bare: the partial index of 0007
        total = int(connection.execute(select(func.count()).select_from(deals).where(condition, flagged))
                    .scalar_one())
        found[name] = [("yes", total)] if total else []
    return found


def categories(connection: Connection) -> list[str]:
    """Return every category some deal has, alphabetically: the register's pick list."""
    found = connection.execute(select(deals.c.category).where(deals.c.category.is_not(None)).distinct()).scalars()
    return sorted((str(c) for c in found), key=str.casefold)
