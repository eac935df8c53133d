"""Read the ledger: turn rows of deals, figures, claims and articles into ledger_models objects."""
from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Numeric,
    Select,
    and_,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.sql.elements import True_

from armsledger.errors import ConfigError, NotFound
from armsledger.ledger_models import (
    Conflict,
    Deal,
    DealDetail,
    Denial,
    Figure,
    FigureValue,
    Flow,
    SourceRef,
    StoredArticle,
    StoredClaim,
    TimelineEvent,
)
from armsledger.models import Money, Quantity
from armsledger.store.tables import (
    USD_FIRST,
    articles,
    claims,
    deal_conflicts,
    deal_denials,
    deal_figures,
    deals,
)

SORTS = ("last_reported", "first_reported", "ordered_on", "first_delivered_on", "supplier", "recipient",
         "system", "status", "sources", "claims", "value", "quantity", "id")
"""Fields deals can be sorted by; prefix `-` for descending."""

Condition = ColumnElement[bool]
"""A condition on the deals table (`deal_filter`), which the reading functions below take."""

SystemNames = str | Collection[str]
"""A system filter: one name, or the names one catalogue entry goes by (designation, family, alias)."""


def deal_filter(*, supplier: str | None = None, recipient: str | None = None, system: SystemNames | None = None,
                category: str | None = None, status: str | None = None, since: int | None = None,
                until: int | None = None, q: str | None = None, denied: bool | None = None,
                planned: bool | None = None, min_sources: int | None = None,
                text_match: ColumnElement[bool] | None = None, q_state: str | None = None) -> ColumnElement[bool]:
    """Return the WHERE condition for the deal filters shared by the CLI and the web.

    Args:
        system: a name matched against the deal's system and family, or several (any matches).
        denied, planned: True keeps deals with (False without) a claim a source denies, or states as planned.
        min_sources: keep deals resting on at least this many independent sources.
        text_match: a condition on claims (full-text search of evidence, search.py): with q, a deal
            whose claim meets it matches too.
        q_state: the state code q names (`AM` for `Armenia`): with q, deals it supplies or receives match too.
    """
    terms: list[ColumnElement[bool]] = []
    if supplier:
        terms.append(deals.c.supplier == supplier.upper())
    if recipient:
        terms.append(deals.c.recipient == recipient.upper())
    if system:
        names = sorted({system.lower()} if isinstance(system, str) else {n.lower() for n in system})
        terms.append(or_(func.lower(deals.c.system).in_(names), func.lower(deals.c.system_family).in_(names)))
    if denied is not None:  # the flags of migration 0010, set when the deal is written
        terms.append(deals.c.has_denial if denied else ~deals.c.has_denial)
    if planned is not None:
        terms.append(deals.c.has_plan if planned else ~deals.c.has_plan)
    if min_sources is not None:
        terms.append(deals.c.sources >= min_sources)
    if category:
        terms.append(func.lower(deals.c.category) == category.lower())
    if status:
        terms.append(deals.c.status == status.lower())
    if since is not None:
        latest = func.coalesce(deals.c.completed_on, deals.c.last_reported, deals.c.first_delivered_on,
                               deals.c.ordered_on)
        terms.append(func.substr(latest, 1, 4) >= f"{since:04d}")
    if until is not None:
        earliest = func.coalesce(deals.c.ordered_on, deals.c.first_delivered_on, deals.c.first_reported)
        terms.append(func.substr(earliest, 1, 4) <= f"{until:04d}")
    if q:
        # autoescape: a `%` or `_` in q is that character (LIKE ... ESCAPE '/'), never a wildcard.
        needle = q.lower()
        terms.append(or_(
            func.lower(deals.c.id).contains(needle, autoescape=True),
            func.lower(deals.c.system).contains(needle, autoescape=True),
            func.lower(deals.c.system_family).contains(needle, autoescape=True), func.lower(deals.c.supplier) == q.lower(),
            func.lower(deals.c.recipient) == q.lower(),
            *((deals.c.supplier == q_state.upper(), deals.c.recipient == q_state.upper()) if q_state else ()),
            deals.c.id.in_(select(claims.c.deal_id).where(or_(
                func.lower(claims.c.evidence).contains(needle, autoescape=True), text_match if text_match is not None else false()))),
        ))
    return and_(*terms) if terms else true()  # true() alone tells select_deals that nothing is filtered


SortKey = tuple[ColumnElement[Any], bool]  # Any: a number or a text
"""One term of a deal order: the expression, and whether it runs descending (nulls last either way)."""


def sort_keys(sort: str) -> list[SortKey]:
    """Return the terms a sort orders deals by, before the deal id that breaks ties.

    Raises:
        ConfigError: an unknown sort field.
    """
    field = sort.lstrip("-")
    if field not in SORTS:
        raise ConfigError(f"cannot sort deals by {sort!r}; choose one of {', '.join(SORTS)} (prefix - to reverse)")
    is_descending = sort.startswith("-")
    if field == "value":
        # Amounts in US dollars first, then the rest by amount in their own currency: the ledger
        # keeps the currency a source stated and converts nothing.
        return [(USD_FIRST, False), (cast(deals.c.value_amount, Numeric(30, 2)), is_descending)]
    return [(deals.c["quantity_value" if field == "quantity" else field], is_descending)]


Segment = tuple[list[ColumnElement[bool]], list[ColumnElement[Any]]]  # Any: order terms of any type
"""A stretch of an order: the condition on the deals in it, and the order within it."""


def _ordered(expr: ColumnElement[Any], is_descending: bool, *, is_backward: bool) -> ColumnElement[Any]:  # Any: any
    return expr.desc() if is_descending != is_backward else expr.asc()


def _segments(keys: list[SortKey], values: Sequence[object] | None, deal_id: str | None, *,
              is_backward: bool) -> list[Segment]:
    """Cut the order of keys, from a deal onwards (backwards: before it), into stretches each read by index.

    An order with nulls last reads in one statement only by testing every deal (`k > v OR k IS NULL
    OR ...`), and the database then sorts all that pass. Cut into the deals whose key equals the
    deal's (by id), those past it (by key) and the nulls (by id), each stretch is one range of an
    index on (key, id): a page deep in the ledger reads its rows instead of every deal after it.
    values: the deal's values of the keys; None reads the whole order (no deal to start from).
    """
    if not keys:
        if deal_id is None or values is None:
            return [([], [deals.c.id.desc() if is_backward else deals.c.id.asc()])]
        return [([deals.c.id < deal_id if is_backward else deals.c.id > deal_id],
                 [deals.c.id.desc() if is_backward else deals.c.id.asc()])]
    (expr, is_descending), rest = keys[0], keys[1:]
    within = _segments(rest, None, None, is_backward=is_backward)
    if expr is USD_FIRST:
        # Two values, never null: each is its own stretch (a range of key 1 followed by a null of key
        # 2 is no range of the index), and past one value is the other.
        order = [0, 1] if is_descending == is_backward else [1, 0]
        later = order[order.index(int(str(values[0]))) + 1:] if values is not None else order
        same = [] if values is None else [
            ([expr == literal(int(str(values[0]))), *cond], o)
            for cond, o in _segments(rest, values[1:], deal_id, is_backward=is_backward)]
        return same + [([expr == literal(choice), *cond], o) for choice in later for cond, o in within]
    known = [([expr.is_not(None), *cond], [_ordered(expr, is_descending, is_backward=is_backward), *order])
             for cond, order in within]
    nulls = [([expr.is_(None), *cond], order) for cond, order in within]
    if values is None:
        return nulls + known if is_backward else known + nulls
    value = values[0]
    if value is None:  # among the nulls, which come last: backwards every known value comes after them
        inner = [([expr.is_(None), *cond], order)
                 for cond, order in _segments(rest, values[1:], deal_id, is_backward=is_backward)]
        return inner + known if is_backward else inner
    bound = literal(value, type_=expr.type)
    same = [([expr == bound, *cond], order)
            for cond, order in _segments(rest, values[1:], deal_id, is_backward=is_backward)]
    past = expr < bound if is_descending != is_backward else expr > bound
    beyond_known = [([past, *cond], order) for cond, order in known]
    return same + beyond_known + ([] if is_backward else nulls)


def select_deals(condition: ColumnElement[bool], *, sort: str = "-last_reported", limit: int | None = None,
                 offset: int = 0, after: str | None = None, before: str | None = None,
                 cursor: Sequence[object] = (), is_backward: bool = False) -> Select[Any]:  # Any: the row type
    """Return the query for deals matching a condition, sorted and paged by offset or by key.

    Over every deal, each stretch of the order (_segments) is read by its own subquery, the ids of
    at most offset + limit deals of it, and the few deals they name are put in order.

    Args:
        after: a deal id: only the deals that come after it in this order (keyset paging).
        before: a deal id: only the deals that come before it, nearest first (the rows come in
            reverse order: the caller turns them round).
        cursor: with after or before, that deal's values of the sort keys (cursor_values).
        is_backward: read from the end of the order, in reverse (the last page); implied by before.

    Raises:
        ConfigError: an unknown sort field.
    """
    keys = sort_keys(sort)
    is_backward = is_backward or before is not None
    start = after if after is not None else before
    ordered = [(expr.asc() if is_descending == is_backward else expr.desc()) for expr, is_descending in keys]
    ordered = [term.nulls_first() if is_backward else term.nulls_last() for term in ordered]
    order = [*ordered, deals.c.id.desc() if is_backward else deals.c.id]
    if not isinstance(condition, True_):
        # Filtered, the deals are found by the filter's index and the few that match sorted; by
        # stretches, the database would walk an order's index testing the filter on every deal.
        query = select(deals).where(condition)
        if start is not None:
            query = query.where(beyond(keys, start, cursor, is_backward=is_backward))
        query = query.order_by(*order).offset(offset)
        return query.limit(limit) if limit is not None else query
    wanted = None if limit is None else limit + offset
    stretches = []
    for cond, within in _segments(keys, list(cursor) if start is not None else None, start, is_backward=is_backward):
        stretch = select(deals.c.id).where(*cond).order_by(*within)
        stretches.append(select(stretch.limit(wanted).subquery() if wanted is not None else stretch.subquery()))
    chosen = union_all(*stretches).subquery("chosen") if len(stretches) > 1 else stretches[0].subquery("chosen")
    query = select(deals).where(deals.c.id.in_(select(chosen.c.id))).order_by(*order).offset(offset)
    return query.limit(limit) if limit is not None else query


def cursor_values(connection: Connection, sort: str, deal_id: str) -> list[object] | None:
    """Return a deal's values of the sort keys of an order (for beyond), or None when no deal has the id.

    Raises:
        ConfigError: an unknown sort field.
    """
    row = connection.execute(select(*(expr for expr, _ in sort_keys(sort))).where(deals.c.id == deal_id)).first()
    return None if row is None else list(row)


def beyond(keys: list[SortKey], deal_id: str, values: Sequence[object], *,
           is_backward: bool = False) -> ColumnElement[bool]:
    """Return the condition on a deal to come after deal_id in the order of keys (before it if is_backward).

    The keyset condition `(k1, k2, id) > (v1, v2, id0)` with nulls last, as the stretches of
    _segments, each a range of an index: counting the deals before a deep page reads the index.
    values are the deal's own (cursor_values), bound as parameters of the key's type.
    """
    return or_(*(and_(*cond) for cond, _ in _segments(keys, values, deal_id, is_backward=is_backward)))


def page(connection: Connection, condition: Condition, *, sort: str, limit: int | None, offset: int,
         after: str | None, before: str | None, is_backward: bool) -> list[Deal]:
    """Return the deals matching a condition, in order: one page of them, by offset or by key (select_deals).

    Raises:
        ConfigError: an unknown sort field.
        NotFound: no deal has the id after or before names.
    """
    values: list[object] = []
    for cursor in (after, before):
        if cursor is not None:
            found_values = cursor_values(connection, sort, cursor)
            if found_values is None:
                raise NotFound(f"no deal {cursor!r} to page from; start again from the first page")
            values = found_values
    query = select_deals(condition, sort=sort, limit=limit, offset=offset, after=after, before=before,
                         cursor=values, is_backward=is_backward)
    found = [deal_from_row(row) for row in connection.execute(query)]
    return found[::-1] if before is not None or is_backward else found


def position(connection: Connection, condition: Condition, *, sort: str, deal_id: str) -> int:
    """Return how many of the deals matching a condition come before deal_id in an order (0 if no such deal).

    Raises:
        ConfigError: an unknown sort field.
    """
    values = cursor_values(connection, sort, deal_id)
    if values is None:
        return 0
    return count(connection, and_(condition, beyond(sort_keys(sort), deal_id, values, is_backward=True)))


def deal_from_row(row: Any) -> Deal:  # Any: a Row of the deals table
    """Build a Deal from its row."""
    return Deal(
        id=row.id, supplier=row.supplier, recipient=row.recipient, system=row.system,
        system_family=row.system_family, category=row.category, status=row.status,
        quantity=None if row.quantity_value is None
        else Quantity(row.quantity_value, row.quantity_unit, row.quantity_bound),
        value=None if row.value_amount is None
        else Money(Decimal(row.value_amount), row.value_currency, row.value_bound),
        ordered_on=row.ordered_on, first_delivered_on=row.first_delivered_on, completed_on=row.completed_on,
        has_conflict=bool(row.has_conflict), sources=row.sources, claims=row.claims,
        first_reported=row.first_reported, last_reported=row.last_reported,
        is_disputed=bool(row.is_disputed), expected=row.expected, has_denial=bool(row.has_denial),
    )


def exists_deal(connection: Connection, deal_id: str) -> bool:
    """Whether a deal has this id."""
    return connection.execute(select(deals.c.id).where(deals.c.id == deal_id)).first() is not None


def count(connection: Connection, condition: ColumnElement[bool]) -> int:
    """Count the deals matching a condition."""
    return int(connection.execute(select(func.count()).select_from(deals).where(condition)).scalar_one())


def figure_values(values_json: str) -> list[FigureValue]:
    """Rebuild a figure's values from their stored JSON."""
    return [FigureValue(v["value"], [SourceRef(**s) for s in v["sources"]], v.get("normalized"), v.get("kind"))
            for v in json.loads(values_json)]


def _event(row: Any) -> TimelineEvent:  # Any: a Row of claims joined with articles
    return TimelineEvent(
        date=row.date, event=row.event, denied=bool(row.denied), planned=bool(row.planned), claim_id=row.id,
        article_id=row.article_id, source=row.source, outlet=row.outlet, evidence=row.evidence,
        span=(row.span_start, row.span_end), published=row.published, reason=row.deal_reason,
    )


def detail(connection: Connection, deal_id: str) -> DealDetail | None:
    """Return a deal with its timeline, figures and denials, or None when no deal has the id."""
    row = connection.execute(select(deals).where(deals.c.id == deal_id)).first()
    if row is None:
        return None
    deal = deal_from_row(row)
    events = {
        r.id: _event(r) for r in connection.execute(
            select(claims, articles.c.outlet, articles.c.published)
            .join(articles, articles.c.id == claims.c.article_id).where(claims.c.deal_id == deal.id))
    }
    timeline = sorted(events.values(), key=lambda e: (e.date or e.published or "9999", e.claim_id))
    figures = {
        r.figure: Figure(r.consensus, figure_values(r.values_json), bool(r.has_conflict), r.conflict_note)
        for r in connection.execute(select(deal_figures).where(deal_figures.c.deal_id == deal.id))
    }
    denied: dict[str, list[TimelineEvent]] = {}
    for r in connection.execute(select(deal_denials).where(deal_denials.c.deal_id == deal.id)
                                .order_by(deal_denials.c.claim_id, deal_denials.c.denied_claim_id)):
        target = denied.setdefault(r.claim_id, [])
        if r.denied_claim_id in events:
            target.append(events[r.denied_claim_id])
    denials = [Denial(events[c], d) for c, d in denied.items() if c in events]
    return DealDetail(deal, timeline, figures, denials)


def conflicts(connection: Connection, *, limit: int | None = None, offset: int = 0,
              is_oldest_first: bool = False) -> list[Conflict]:
    """Return the figures on which independent sources disagree, newest report first (or oldest).

    Read from deal_conflicts, the conflicting figures kept at ingest (migration 0010), a few
    thousand rows, joined to their figure and deal by key.

    Args:
        limit, offset: one page of them: at most limit, after skipping offset (None: all).
    """
    def order(table: Any) -> list[Any]:  # Any: a table or subquery with reported_on, deal_id, figure
        reported = table.c.reported_on.asc() if is_oldest_first else table.c.reported_on.desc()
        return [reported.nulls_last(), table.c.deal_id, table.c.figure]

    page = select(deal_conflicts).order_by(*order(deal_conflicts)).limit(limit).offset(offset).subquery()
    found = connection.execute(
        select(deal_figures, deals.c.supplier, deals.c.recipient, deals.c.system)
        .select_from(page.join(deal_figures, and_(deal_figures.c.deal_id == page.c.deal_id,
                                                  deal_figures.c.figure == page.c.figure))
                     .join(deals, deals.c.id == deal_figures.c.deal_id))
        .order_by(*order(page))
    )
    return [Conflict(r.deal_id, r.figure, figure_values(r.values_json), r.reported_on, r.supplier,
                     r.recipient, r.system, r.conflict_note) for r in found]


def count_conflicts(connection: Connection) -> int:
    """Count the figures on which independent sources disagree."""
    return int(connection.execute(select(func.count()).select_from(deal_conflicts)).scalar_one())


def article(connection: Connection, article_id: str) -> StoredArticle | None:
    """Return an article with its claims and syndication links, or None when no article has the id."""
    row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
    if row is None:
        return None
    found = [
        StoredClaim(
            id=r.id, event=r.event, supplier=r.supplier, recipient=r.recipient, system=r.system,
            system_family=r.system_family, denied=bool(r.denied), planned=bool(r.planned),
            quantity=None if r.quantity_value is None
            else Quantity(r.quantity_value, r.quantity_unit, r.quantity_bound, r.quantity_text or ""),
            value=None if r.value_amount is None
            else Money(Decimal(r.value_amount), r.value_currency, r.value_bound, r.value_text or ""),
            date=r.date, source=r.source, evidence=r.evidence, span=(r.span_start, r.span_end), rule=r.rule,
            deal_id=r.deal_id,
        )
        for r in connection.execute(select(claims).where(claims.c.article_id == row.id).order_by(claims.c.ordinal))
    ]
    copies = list(connection.execute(
        select(articles.c.id).where(articles.c.copy_of == row.id).order_by(articles.c.id)).scalars())
    return StoredArticle(
        id=row.id, title=row.title, outlet=row.outlet, url=row.url, published=row.published,
        published_precision=row.published_precision, published_source=row.published_source, text=row.text,
        content_hash=row.content_hash, copy_of=row.copy_of, copies=copies, claims=found,
    )


def flows(connection: Connection, condition: ColumnElement[bool]) -> list[Flow]:
    """Return deal counts per supplier and recipient, largest first."""
    n = func.count().label("n")
    rows = connection.execute(
        select(deals.c.supplier, deals.c.recipient, n).where(condition)
        .group_by(deals.c.supplier, deals.c.recipient).order_by(n.desc(), deals.c.supplier, deals.c.recipient)
    )
    return [Flow(r.supplier, r.recipient, int(r.n)) for r in rows]
