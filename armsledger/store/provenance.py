"""Read what an export cites for a batch of deals: their figures, and their claims with each article's outlet and URL."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from armsledger.ledger_models import ClaimSource, Figure
from armsledger.store.reads import figure_values
from armsledger.store.tables import articles, claims, deal_figures

IDS_PER_QUERY = 500
"""Deal ids bound in one `IN (...)`: well under SQLite's and PostgreSQL's limits on parameters."""


def deal_sources(connection: Connection, deal_ids: Sequence[str]) -> tuple[
        dict[str, dict[str, Figure]], dict[str, list[ClaimSource]]]:
    """Return, for each deal id, its figures by name and its claims (ordered by claim id) with their articles."""
    figures: dict[str, dict[str, Figure]] = {deal_id: {} for deal_id in deal_ids}
    found: dict[str, list[ClaimSource]] = {deal_id: [] for deal_id in deal_ids}
    for start in range(0, len(deal_ids), IDS_PER_QUERY):
        batch = list(deal_ids[start:start + IDS_PER_QUERY])
        for r in connection.execute(select(deal_figures).where(deal_figures.c.deal_id.in_(batch))):
            figures[r.deal_id][r.figure] = Figure(r.consensus, figure_values(r.values_json), bool(r.has_conflict),
                                                  r.conflict_note)
        rows = connection.execute(
            select(claims.c.id, claims.c.deal_id, claims.c.event, claims.c.denied, claims.c.planned, claims.c.date,
                   claims.c.evidence, claims.c.article_id, articles.c.published, articles.c.outlet, articles.c.url)
            .join(articles, articles.c.id == claims.c.article_id)
            .where(claims.c.deal_id.in_(batch)).order_by(claims.c.id))
        for r in rows:
            found[r.deal_id].append(ClaimSource(
                claim_id=r.id, event=r.event, denied=bool(r.denied), planned=bool(r.planned), date=r.date,
                published=r.published, evidence=r.evidence, article_id=r.article_id, outlet=r.outlet, url=r.url))
    return figures, found
