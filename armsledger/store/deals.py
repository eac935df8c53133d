"""Write reconciled deals: re-reconcile the deal groups an ingest touched, and only those."""
from __future__ import annotations

import json
from collections.abc import Collection, Mapping

from sqlalchemy import Connection, delete, insert, select, update

from armsledger.reconcile import Evidence, ReconciledDeal, reconcile
from armsledger.store.articles import claim_from_row
from armsledger.store.tables import articles, claims, deal_denials, deal_figures, deals

KEYS_PER_QUERY = 500
"""Deal groups per IN (...) list: well under SQLite's and PostgreSQL's parameter limits."""


def load_evidence(connection: Connection, keys: Collection[str]) -> list[Evidence]:
    """Return every stored claim of the given deal groups, with its article's provenance."""
    found: list[Evidence] = []
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        chunk = ordered[start:start + KEYS_PER_QUERY]
        rows = connection.execute(
            select(claims, articles.c.source_group, articles.c.outlet, articles.c.published)
            .join(articles, articles.c.id == claims.c.article_id)
            .where(claims.c.deal_key.in_(chunk))
            .order_by(claims.c.article_id, claims.c.ordinal)
        )
        found.extend(Evidence(row.id, claim_from_row(row), row.article_id, row.source_group, row.outlet,
                              row.published) for row in rows)
    return found


def reconcile_groups(connection: Connection, keys: Collection[str], *, battalions_per_regiment: int,
                     categories: Mapping[str, str]) -> list[ReconciledDeal]:
    """Reconcile the given deal groups from their stored claims and replace their stored deals."""
    if not keys:
        return []
    result = reconcile(load_evidence(connection, keys), battalions_per_regiment=battalions_per_regiment,
                       categories=categories)
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        chunk = ordered[start:start + KEYS_PER_QUERY]
        old = select(deals.c.id).where(deals.c.deal_key.in_(chunk))
        connection.execute(delete(deal_denials).where(deal_denials.c.deal_id.in_(old)))
        connection.execute(delete(deal_figures).where(deal_figures.c.deal_id.in_(old)))
        connection.execute(delete(deals).where(deals.c.deal_key.in_(chunk)))
        connection.execute(update(claims).where(claims.c.deal_key.in_(chunk)).values(deal_id=None))
    for item in result:
        _insert(connection, item)
    return result


def _insert(connection: Connection, item: ReconciledDeal) -> None:
    d = item.deal
    connection.execute(insert(deals).values(
        id=d.id, deal_key=item.key, ordinal=item.ordinal, supplier=d.supplier, recipient=d.recipient,
        system=d.system, system_family=d.system_family, category=d.category, status=d.status,
        quantity_value=d.quantity.value if d.quantity else None,
        quantity_unit=d.quantity.unit if d.quantity else None,
        quantity_bound=d.quantity.bound if d.quantity else None,
        value_amount=str(d.value.amount) if d.value else None,
        value_currency=d.value.currency if d.value else None,
        value_bound=d.value.bound if d.value else None,
        ordered_on=d.ordered_on, first_delivered_on=d.first_delivered_on, completed_on=d.completed_on,
        has_conflict=d.has_conflict, sources=d.sources, claims=d.claims,
        first_reported=d.first_reported, last_reported=d.last_reported,
    ))
    connection.execute(insert(deal_figures), [
        {"deal_id": d.id, "figure": name, "consensus": figure.consensus, "has_conflict": figure.has_conflict,
         "values_json": json.dumps([v.to_record() for v in figure.values]),
         "reported_on": max((s.published for v in figure.values for s in v.sources if s.published),
                            default=None)}
        for name, figure in item.figures.items()
    ])
    pairs = {(claim_id, denied) for claim_id, denied_ids in item.denials for denied in denied_ids}
    pairs |= {(claim_id, "") for claim_id, denied_ids in item.denials if not denied_ids}
    if pairs:
        connection.execute(insert(deal_denials),
                           [{"deal_id": d.id, "claim_id": c, "denied_claim_id": x} for c, x in sorted(pairs)])
    for start in range(0, len(item.claim_ids), KEYS_PER_QUERY):
        connection.execute(update(claims).where(claims.c.id.in_(item.claim_ids[start:start + KEYS_PER_QUERY]))
                           .values(deal_id=d.id))
