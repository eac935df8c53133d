"""Write reconciled deals: re-reconcile the deal groups an ingest touched, and only those."""
from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from armsledger.reconcile import Evidence, ReconciledDeal, outlets, reconcile
from armsledger.store import tallies
from armsledger.store.articles import claim_from_row
from armsledger.store.tables import articles, claims, deal_conflicts, deal_denials, deal_figures, deals

KEYS_PER_QUERY = 500
"""Deal groups per IN (...) list: well under SQLite's and PostgreSQL's parameter limits."""


def load_evidence(connection: Connection, keys: Collection[str]) -> list[Evidence]:
    """Return every stored claim of the given deal groups, with its article's provenance."""
    rows: list[Any] = []  # Any: Rows of claims joined with their articles
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        chunk = ordered[start:start + KEYS_PER_QUERY]
        rows.extend(connection.execute(
            select(claims, articles.c.source_group, articles.c.outlet, articles.c.published)
            .join(articles, articles.c.id == claims.c.article_id)
            .where(claims.c.deal_key.in_(chunk))
            .order_by(claims.c.article_id, claims.c.ordinal)
        ))
    outlet_of = _outlets(connection, {row.source_group for row in rows})
    return [Evidence(row.id, claim_from_row(row), row.article_id, outlet_of.get(row.article_id, row.source_group),
                     row.outlet, row.published, row.source_group) for row in rows]


def _outlets(connection: Connection, groups: Collection[str]) -> dict[str, str]:
    """Article id -> the outlet it counts as; every copy of one story counts as the story's outlet."""
    head = func.substr(articles.c.text, 1, outlets.HEAD_CHARS).label("head")
    tail = func.substr(articles.c.text, func.length(articles.c.text) - (outlets.TAIL_CHARS - 1)).label("tail")
    members: dict[str, list[tuple[bool, str, str]]] = {}
    ordered = sorted(groups)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        chunk = ordered[start:start + KEYS_PER_QUERY]
        for row in connection.execute(
            select(articles.c.id, articles.c.outlet, articles.c.url, articles.c.source_group, head, tail)
            .where(articles.c.source_group.in_(chunk)).order_by(articles.c.id)
        ):
            name = outlets.identify(outlet=row.outlet, url=row.url, head=row.head or "", tail=row.tail or "",
                                    fallback="")
            members.setdefault(row.source_group, []).append((row.id != row.source_group, row.id, name))
    found: dict[str, str] = {}
    for group, found_members in members.items():
        named = [name for _, _, name in sorted(found_members) if name]
        for _, article_id, _ in found_members:
            found[article_id] = named[0] if named else group
    return found


def deal_keys(connection: Connection) -> set[str]:
    """Return the deal group key of every stored claim that has one."""
    return {str(k) for k in connection.execute(select(claims.c.deal_key).distinct()).scalars() if k is not None}


def reconcile_groups(connection: Connection, keys: Collection[str], *, battalions_per_regiment: int,
                     categories: Mapping[str, str]) -> list[ReconciledDeal]:
    """Reconcile the given deal groups from their stored claims and replace their stored deals.

    The register's counts (tallies.py) and the list of conflicts change with them: the replaced
    deals' counts are taken off and the new ones' added, in the same transaction.
    """
    if not keys:
        return []
    result = reconcile(load_evidence(connection, keys), battalions_per_regiment=battalions_per_regiment,
                       categories=categories)
    replaced = tallies.count_groups(connection, keys)
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        chunk = ordered[start:start + KEYS_PER_QUERY]
        old = select(deals.c.id).where(deals.c.deal_key.in_(chunk))
        connection.execute(delete(deal_conflicts).where(deal_conflicts.c.deal_id.in_(old)))
        connection.execute(delete(deal_denials).where(deal_denials.c.deal_id.in_(old)))
        connection.execute(delete(deal_figures).where(deal_figures.c.deal_id.in_(old)))
        connection.execute(delete(deals).where(deals.c.deal_key.in_(chunk)))
        connection.execute(update(claims).where(claims.c.deal_key.in_(chunk)).values(deal_id=None, deal_reason=None))
    _insert(connection, result)
    tallies.refresh_flags(connection, keys)
    change = tallies.count_groups(connection, keys)
    change.subtract(replaced)  # negative where a count goes down
    tallies.apply(connection, change)
    return result


_SET_DEAL = (update(claims).where(claims.c.id == bindparam("claim_id"))
             .values(deal_id=bindparam("new_deal_id"), deal_reason=bindparam("reason")))


def _insert(connection: Connection, result: list[ReconciledDeal]) -> None:
    """Insert deals, their figures and denials, and point their claims at them: one statement each."""
    if not result:
        return
    connection.execute(insert(deals), [_deal_row(item) for item in result])
    figures = [
        {"deal_id": item.deal.id, "figure": name, "consensus": figure.consensus,
         "has_conflict": figure.has_conflict, "values_json": json.dumps([v.to_record() for v in figure.values]),
         "conflict_note": figure.conflict_note,
         "reported_on": max((s.published for v in figure.values for s in v.sources if s.published), default=None)}
        for item in result for name, figure in item.figures.items()
    ]
    if figures:
        connection.execute(insert(deal_figures), figures)
    conflicting = [{"deal_id": row["deal_id"], "figure": row["figure"], "reported_on": row["reported_on"]}
                   for row in figures if row["has_conflict"]]
    if conflicting:
        connection.execute(insert(deal_conflicts), conflicting)
    denials = sorted({(item.deal.id, claim_id, denied) for item in result
                      for claim_id, denied_ids in item.denials for denied in denied_ids or [""]})
    if denials:
        connection.execute(insert(deal_denials),
                           [{"deal_id": d, "claim_id": c, "denied_claim_id": x} for d, c, x in denials])
    connection.execute(_SET_DEAL, [{"claim_id": claim_id, "new_deal_id": item.deal.id,
                                    "reason": item.reasons.get(claim_id)}
                                   for item in result for claim_id in item.claim_ids])


def _deal_row(item: ReconciledDeal) -> dict[str, object]:
    d = item.deal
    return {
        "id": d.id, "deal_key": item.key, "ordinal": item.ordinal, "supplier": d.supplier,
        "recipient": d.recipient, "system": d.system, "system_family": d.system_family, "category": d.category,
        "status": d.status,
        "quantity_value": d.quantity.value if d.quantity else None,
        "quantity_unit": d.quantity.unit if d.quantity else None,
        "quantity_bound": d.quantity.bound if d.quantity else None,
        "value_amount": str(d.value.amount) if d.value else None,
        "value_currency": d.value.currency if d.value else None,
        "value_bound": d.value.bound if d.value else None,
        "ordered_on": d.ordered_on, "first_delivered_on": d.first_delivered_on, "completed_on": d.completed_on,
        "has_conflict": d.has_conflict, "sources": d.sources, "claims": d.claims,
        "first_reported": d.first_reported, "last_reported": d.last_reported,
        "is_disputed": d.is_disputed, "expected": d.expected,
    }
