"""Counts of the register kept at ingest: facet values, totals and flows per scope (migration 0010).

A scope is the register unfiltered (`""`) or with one filter: `status:ordered`, `supplier:RU`,
`recipient:TR`, `category:air defence system`, `sources:2` (min_sources=2), `denied:yes`,
`planned:no`; and by year, `year` (since=until=Y), `latest` (each deal under the year it was last
active: since=Y sums the years from Y up) and `earliest` (the year first dated: until=Y sums the
years up to Y). Per scope, deal_tallies holds how many of its deals have each facet value (the
facets of facets.py), the total (`total`) and each supplier-to-recipient flow (`flow`, `RU>TR`).

deals.reconcile_groups subtracts the deals it replaces and adds the ones it writes, in the same
transaction, so the counts are those of the deals table at every commit. The web reads a scope's
few rows instead of grouping the deals per request; a view no scope covers (two filters, a text
search, a system name) is counted from the deals, as before (facets.py).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from armsledger.ledger_models import Flow, YearCount
from armsledger.store.tables import deal_tallies, deals

MANY_SOURCES = 3
"""Deals on this many independent sources or more are counted together (`3+`), as facets.py does."""
COLUMN_FACETS = ("status", "supplier", "recipient", "system_family", "category")
YEAR_LOW, YEAR_HIGH = 1900, 2100
"""The years a since/until filter may name (web/filters.py YEAR_RANGE): `year` scopes cover these."""
ODD_DATES = "odd_dates"
"""Facet of scope "" counting deals whose year prefix is not 4 digits: while any, year scopes are not used."""
ROWS_PER_STATEMENT = 2_000

Key = tuple[str, int, str, str]
"""(scope, year, facet, value): one count; year is 0 for the scopes that have none."""

_COLUMNS = (deals.c.id, deals.c.status, deals.c.supplier, deals.c.recipient, deals.c.system_family, deals.c.category,
            deals.c.sources, deals.c.has_denial, deals.c.has_plan, deals.c.ordered_on, deals.c.first_delivered_on,
            deals.c.first_reported, deals.c.last_reported, deals.c.completed_on)
"""What the counts read of a deal (named, so that a later column of deals changes nothing here)."""


def _first(*values: str | None) -> str | None:
    """SQL's coalesce."""
    return next((v for v in values if v is not None), None)


def _year4(value: str | None) -> int | None:
    return int(value[:4]) if value is not None and len(value) >= 4 and value[:4].isdigit() else None


def deal_keys(row: Any) -> Counter[Key]:  # Any: a Row with _COLUMNS
    """Return the counts one deal adds: each scope it belongs to times each facet value it has."""
    marks: list[tuple[str, str]] = [("total", "")]
    for name in COLUMN_FACETS:
        if getattr(row, name) is not None:
            marks.append((name, str(getattr(row, name))))
    marks.append(("sources", f"{MANY_SOURCES}+" if row.sources >= MANY_SOURCES else str(row.sources)))
    first_dated = _first(row.ordered_on, row.first_delivered_on, row.first_reported)
    if first_dated is not None:
        marks.append(("year", first_dated[:4]))
    if row.has_denial:
        marks.append(("denied", "yes"))
    if row.has_plan:
        marks.append(("planned", "yes"))
    marks.append(("flow", f"{row.supplier}>{row.recipient}"))
    # overview.deals_by_year: the year first dated (as the year facet) and the status
    marks.append(("year_status", f"{first_dated[:4]}|{row.status}") if first_dated is not None
                 else ("undated_status", row.status))
    scopes: list[tuple[str, int]] = [("", 0), (f"status:{row.status.lower()}", 0), (f"supplier:{row.supplier}", 0),
                                     (f"recipient:{row.recipient}", 0),
                                     (f"denied:{'yes' if row.has_denial else 'no'}", 0),
                                     (f"planned:{'yes' if row.has_plan else 'no'}", 0)]
    if row.category is not None:
        scopes.append((f"category:{row.category.lower()}", 0))
    scopes += [(f"sources:{k}", 0) for k in range(1, min(row.sources, MANY_SOURCES) + 1)]
    # The since and until filters (reads.deal_filter) compare the first 4 characters of these dates.
    latest_text = _first(row.completed_on, row.last_reported, row.first_delivered_on, row.ordered_on)
    earliest_text = _first(row.ordered_on, row.first_delivered_on, row.first_reported)
    latest, earliest = _year4(latest_text), _year4(earliest_text)
    found: Counter[Key] = Counter()
    if (latest_text is not None and latest is None) or (earliest_text is not None and earliest is None):
        found[("", 0, ODD_DATES, "")] += 1
    else:
        if latest is not None:
            scopes.append(("latest", latest))
        if earliest is not None:
            scopes.append(("earliest", earliest))
        if latest is not None and earliest is not None:
            scopes += [("year", y) for y in range(max(earliest, YEAR_LOW), min(latest, YEAR_HIGH) + 1)]
    for scope, year in scopes:
        for facet, value in marks:
            found[(scope, year, facet, value)] += 1
    return found


def _rows(connection: Connection, keys: Iterable[str]) -> list[Any]:  # Any: Rows with _COLUMNS
    ordered = sorted(keys)
    found: list[Any] = []
    for start in range(0, len(ordered), 500):
        found.extend(connection.execute(select(*_COLUMNS).where(deals.c.deal_key.in_(ordered[start:start + 500]))))
    return found


def count_groups(connection: Connection, keys: Iterable[str]) -> Counter[Key]:
    """Return the counts the stored deals of these deal groups make up."""
    found: Counter[Key] = Counter()
    for row in _rows(connection, keys):
        found.update(deal_keys(row))
    return found


def apply(connection: Connection, delta: Mapping[Key, int]) -> None:
    """Add a change of counts to deal_tallies; counts that reach 0 are removed."""
    changes = [(key, n) for key, n in delta.items() if n]
    if not changes:
        return
    dialect = connection.dialect.name
    upsert = (postgresql.insert(deal_tallies) if dialect == "postgresql" else sqlite.insert(deal_tallies))
    statement = upsert.on_conflict_do_update(
        index_elements=[deal_tallies.c.scope, deal_tallies.c.year, deal_tallies.c.facet, deal_tallies.c.value],
        set_={"n": deal_tallies.c.n + upsert.excluded.n})
    for start in range(0, len(changes), ROWS_PER_STATEMENT):
        chunk = changes[start:start + ROWS_PER_STATEMENT]
        connection.execute(statement, [{"scope": s, "year": y, "facet": f, "value": v, "n": n}
                                       for (s, y, f, v), n in chunk])
    emptied = [{"s": s, "y": y, "f": f, "v": v} for (s, y, f, v), n in changes if n < 0]
    if emptied:
        connection.execute(delete(deal_tallies).where(
            deal_tallies.c.scope == bindparam("s"), deal_tallies.c.year == bindparam("y"),
            deal_tallies.c.facet == bindparam("f"), deal_tallies.c.value == bindparam("v"),
            deal_tallies.c.n <= 0), emptied)


def rebuild(connection: Connection) -> None:
    """Count every stored deal again into deal_tallies (migration 0010; a repair)."""
    connection.execute(delete(deal_tallies))
    found: Counter[Key] = Counter()
    for row in connection.execute(select(*_COLUMNS)):
        found.update(deal_keys(row))
    apply(connection, found)


def refresh_flags(connection: Connection, keys: Iterable[str]) -> None:
    """Set has_denial and has_plan of the deals of these groups from their claims."""
    from armsledger.store.tables import claims

    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        connection.execute(update(deals).where(deals.c.deal_key.in_(chunk)).values(
            has_denial=select(claims.c.id).where(claims.c.deal_id == deals.c.id, claims.c.denied).exists(),
            has_plan=select(claims.c.id).where(claims.c.deal_id == deals.c.id, claims.c.planned).exists()))


# -- reading -----------------------------------------------------------------------------------

Scope = tuple[str, str, int]
"""(scope, how, year): how is `=` (that scope; year 0 or the year), `>=` or `<=` (a sum over years)."""

_ONE_FILTER_SCOPES = ("status", "supplier", "recipient", "category", "denied", "planned")


def scope_of(connection: Connection, filters: Mapping[str, object]) -> Scope | None:
    """Return the scope whose counts are those of the deals matching filters (deals()' keywords), or None."""
    chosen = {k: v for k, v in filters.items() if v is not None and v != ""}
    since, until = chosen.pop("since", None), chosen.pop("until", None)
    if since is not None or until is not None:
        if chosen or not _are_years_kept(connection):
            return None
        if since is not None and until is not None:
            return ("year", "=", int(str(since))) if since == until else None
        return ("latest", ">=", int(str(since))) if since is not None else ("earliest", "<=", int(str(until)))
    if not chosen:
        return ("", "=", 0)
    if len(chosen) > 1:
        return None
    (name, value), = chosen.items()
    if name == "min_sources":
        return (f"sources:{value}", "=", 0) if isinstance(value, int) and 1 <= value <= MANY_SOURCES else None
    if name not in _ONE_FILTER_SCOPES:
        return None
    if isinstance(value, bool):
        return (f"{name}:{'yes' if value else 'no'}", "=", 0) if name in ("denied", "planned") else None
    text = str(value)
    if not text.isascii():  # SQLite's lower() folds ASCII only: leave the rest to the SQL filter
        return None
    folded = {"supplier": text.upper(), "recipient": text.upper()}.get(name, text.lower())
    return (f"{name}:{folded}", "=", 0)


def _are_years_kept(connection: Connection) -> bool:
    return not connection.execute(select(deal_tallies.c.n).where(
        deal_tallies.c.scope == "", deal_tallies.c.year == 0, deal_tallies.c.facet == ODD_DATES)).first()


def _where(scope: Scope) -> Any:  # Any: a SQL condition
    name, how, year = scope
    if how == ">=":
        return and_(deal_tallies.c.scope == name, deal_tallies.c.year >= year)
    if how == "<=":
        return and_(deal_tallies.c.scope == name, deal_tallies.c.year <= year)
    return and_(deal_tallies.c.scope == name, deal_tallies.c.year == year)


def _counts(connection: Connection, scope: Scope, facets: Iterable[str]) -> dict[str, dict[str, int]]:
    n = func.sum(deal_tallies.c.n).label("n")
    query = select(deal_tallies.c.facet, deal_tallies.c.value, deal_tallies.c.n if scope[1] == "=" else n).where(
        _where(scope), deal_tallies.c.facet.in_(list(facets)))
    if scope[1] != "=":  # a sum over years
        query = query.group_by(deal_tallies.c.facet, deal_tallies.c.value)
    found: dict[str, dict[str, int]] = {}
    for row in connection.execute(query):
        if int(row.n) > 0:
            found.setdefault(row.facet, {})[row.value] = int(row.n)
    return found


def total(connection: Connection, scope: Scope) -> int:
    """Count the deals of a scope."""
    return _counts(connection, scope, ["total"]).get("total", {}).get("", 0)


def facet_counts(connection: Connection, scope: Scope, *, max_values: int) -> dict[str, list[tuple[str, int]]]:
    """Return a scope's facets as facets.facet_counts returns them for the same deals."""
    found: dict[str, list[tuple[str, int]]] = {}
    n = func.sum(deal_tallies.c.n).label("n")
    for name in COLUMN_FACETS:  # the most frequent values only, picked by the database (ix_deal_tallies_n)
        if scope[1] == "=":  # one row a value: no grouping (SQLite 3.40 groups 3,000 rows in 20 ms)
            query = (select(deal_tallies.c.value, deal_tallies.c.n).where(_where(scope), deal_tallies.c.facet == name)
                     .order_by(deal_tallies.c.n.desc(), deal_tallies.c.value))
        else:
            query = (select(deal_tallies.c.value, n).where(_where(scope), deal_tallies.c.facet == name)
                     .group_by(deal_tallies.c.value).having(n > 0).order_by(n.desc(), deal_tallies.c.value))
        found[name] = [(str(r.value), int(r.n)) for r in connection.execute(query.limit(max_values))]
    counts = _counts(connection, scope, ["sources", "year", "denied", "planned"])
    found["sources"] = sorted(counts.get("sources", {}).items())
    found["year"] = sorted(counts.get("year", {}).items(), reverse=True)
    for name in ("denied", "planned"):
        found[name] = list(counts.get(name, {}).items())
    return found


def deals_by_year(connection: Connection, scope: Scope) -> list[YearCount]:
    """Return a scope's deals by the year first dated and status, as overview.deals_by_year does."""
    counts = _counts(connection, scope, ["year_status", "undated_status"])
    found = [YearCount(None, status, n) for status, n in counts.get("undated_status", {}).items()]
    for value, n in counts.get("year_status", {}).items():
        year, _, status = value.rpartition("|")
        found.append(YearCount(int(year) if year.isdigit() else None, status, n))
    return sorted(found, key=lambda c: (c.year is not None, c.year or 0, c.status))


def categories(connection: Connection) -> list[str]:
    """Return every category some deal has, alphabetically."""
    return sorted(_counts(connection, ("", "=", 0), ["category"]).get("category", {}), key=str.casefold)


def flows(connection: Connection, scope: Scope) -> list[Flow]:
    """Return a scope's deal counts per supplier and recipient, largest first."""
    # Thousands of pairs: read as plain tuples and sorted as tuples (a sort key function per Flow
    # and a row object per pair took most of /flows' 90 ms).
    n = func.sum(deal_tallies.c.n) if scope[1] != "=" else deal_tallies.c.n
    query = select(deal_tallies.c.value, n).where(_where(scope), deal_tallies.c.facet == "flow")
    if scope[1] != "=":
        query = query.group_by(deal_tallies.c.value)
    pairs = []
    for value, count in connection.execute(query):
        if count > 0:
            supplier, _, recipient = value.partition(">")
            pairs.append((-int(count), supplier, recipient))
    pairs.sort()
    return [Flow(supplier, recipient, -count) for count, supplier, recipient in pairs]

