"""Count the register's deals by facet: how many of the filtered deals have each value."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, String, case, cast, func, literal_column, select, union_all

from armsledger.store.tables import deals

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
    columns = ("status", "supplier", "recipient", "system_family", "category")
    # One statement: the matching deals are read once (a CTE used several times is materialised by
    # SQLite and PostgreSQL alike) and every facet grouped from them; on 60,572 deals with
    # status=delivering&since=2010 this took 30 ms instead of 270 (nine scans of the deals).
    matching = select(*(deals.c[name] for name in columns), _sources().label("sources"), _year().label("year"),
                      deals.c.has_denial, deals.c.has_plan).where(condition).cte("matching")
    n = func.count().label("n")
    branches = []
    for name in columns:
        column = matching.c[name]
        branches.append(select(literal_column(f"'{name}'").label("facet"), cast(column, String).label("v"), n)
                        .where(column.is_not(None)).group_by(column).order_by(n.desc(), column)
                        .limit(max_values).subquery())
    branches.append(select(literal_column("'sources'").label("facet"), matching.c.sources.label("v"), n)
                    .group_by(matching.c.sources).subquery())
    branches.append(select(literal_column("'year'").label("facet"), matching.c.year.label("v"), n)
                    .where(matching.c.year.is_not(None)).group_by(matching.c.year).subquery())
    for name, flag in (("denied", matching.c.has_denial), ("planned", matching.c.has_plan)):
        branches.append(select(literal_column(f"'{name}'").label("facet"), literal_column("'yes'").label("v"), n)
                        .where(flag).subquery())
    counted: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    for row in connection.execute(union_all(*(select(branch) for branch in branches))):
        if int(row.n) > 0:
            counted[row.facet].append((str(row.v), int(row.n)))
    found = {name: sorted(counted[name], key=lambda item: (-item[1], item[0])) for name in columns}
    found["sources"] = sorted(counted["sources"])
    found["year"] = sorted(counted["year"], reverse=True)
    found["denied"], found["planned"] = counted["denied"], counted["planned"]
    return {name: found[name] for name in FACETS}


def categories(connection: Connection) -> list[str]:
    """Return every category some deal has, alphabetically: the register's pick list."""
    found = connection.execute(select(deals.c.category).where(deals.c.category.is_not(None)).distinct()).scalars()
    return sorted((str(c) for c in found), key=str.casefold)
