"""The flat deal row, defined once: the web's CSV, `armsledger export` (CSV, JSON, Parquet) and SIPRI's columns.

Each cited figure (quantity, value, ordered_on, delivered_on, status) carries where it was read: the
evidence sentence, the article's id, outlet and URL. A number is a number (the currency has its own
column) and a date has its precision (`year`, `month`, `day`) beside it.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from armsledger.ledger_models import ClaimSource, Deal, DealIdentity, Figure

CITED: tuple[str, ...] = ("quantity", "value", "ordered_on", "delivered_on", "status")
"""The figures whose source each row cites, in columns `<figure>_evidence`, `_article_id`, `_outlet`, `_url`;
delivered_on cites the reconciled figure first_delivered_on."""

STATUS_EVENTS: dict[str, tuple[str, ...]] = {
    "offered": ("interest",), "negotiating": ("negotiation",), "ordered": ("agreement",),
    "delivering": ("delivery",), "delivered": ("completion", "delivery"), "cancelled": ("cancellation",),
}
"""The claim events that earn each status, preferred first (reconcile/status.py)."""

PRECISIONS: dict[int, str] = {4: "year", 7: "month", 10: "day"}
"""An ISO 8601 date's length -> its precision."""


@dataclass(frozen=True, slots=True)
class DealRow(DealIdentity):
    """One deal as one flat row: its columns are COLUMNS, in this order (DealIdentity's fields first)."""

    status_evidence: str | None
    status_article_id: str | None
    status_outlet: str | None
    status_url: str | None
    is_disputed: bool
    expected: str | None
    quantity: int | None
    quantity_unit: str | None
    quantity_bound: str | None
    quantity_evidence: str | None
    quantity_article_id: str | None
    quantity_outlet: str | None
    quantity_url: str | None
    value: Decimal | None
    value_currency: str | None
    value_bound: str | None
    value_evidence: str | None
    value_article_id: str | None
    value_outlet: str | None
    value_url: str | None
    ordered_on: str | None
    ordered_on_precision: str | None
    ordered_on_evidence: str | None
    ordered_on_article_id: str | None
    ordered_on_outlet: str | None
    ordered_on_url: str | None
    delivered_on: str | None
    """The first delivery."""
    delivered_on_precision: str | None
    delivered_on_evidence: str | None
    delivered_on_article_id: str | None
    delivered_on_outlet: str | None
    delivered_on_url: str | None
    completed_on: str | None
    completed_on_precision: str | None
    has_conflict: bool
    sources: int
    claims: int
    first_reported: str | None
    last_reported: str | None


COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(DealRow))
"""The row's columns, the same in CSV, JSON, Parquet and the web's CSV."""


def precision(date: str | None) -> str | None:
    """Return an ISO 8601 date's precision: `year` (`2017`), `month` (`2017-09`), `day`, or None."""
    return PRECISIONS.get(len(date)) if date else None


def deal_row(deal: Deal, figures: Mapping[str, Figure], claims: Sequence[ClaimSource]) -> DealRow:
    """Return a deal as one flat row, citing for each figure the claim its value was read from.

    Args:
        figures: the deal's reconciled figures by name (quantity, value, ordered_on, first_delivered_on, ...).
        claims: the deal's claims with their articles (store/provenance.py).
    """
    by_id = {c.claim_id: c for c in claims}
    q_evidence, q_article, q_outlet, q_url = _cite(_figure_source(figures.get("quantity"), by_id))
    v_evidence, v_article, v_outlet, v_url = _cite(_figure_source(figures.get("value"), by_id))
    o_evidence, o_article, o_outlet, o_url = _cite(_figure_source(figures.get("ordered_on"), by_id))
    d_evidence, d_article, d_outlet, d_url = _cite(_figure_source(figures.get("first_delivered_on"), by_id))
    s_evidence, s_article, s_outlet, s_url = _cite(_status_source(deal.status, claims))
    q, v = deal.quantity, deal.value
    return DealRow(
        id=deal.id, supplier=deal.supplier, recipient=deal.recipient, system=deal.system,
        system_family=deal.system_family, category=deal.category, status=deal.status,
        status_evidence=s_evidence, status_article_id=s_article, status_outlet=s_outlet, status_url=s_url,
        is_disputed=deal.is_disputed, expected=deal.expected,
        quantity=q.value if q else None, quantity_unit=q.unit if q else None, quantity_bound=q.bound if q else None,
        quantity_evidence=q_evidence, quantity_article_id=q_article, quantity_outlet=q_outlet, quantity_url=q_url,
        value=v.amount if v else None, value_currency=v.currency if v else None, value_bound=v.bound if v else None,
        value_evidence=v_evidence, value_article_id=v_article, value_outlet=v_outlet, value_url=v_url,
        ordered_on=deal.ordered_on, ordered_on_precision=precision(deal.ordered_on),
        ordered_on_evidence=o_evidence, ordered_on_article_id=o_article, ordered_on_outlet=o_outlet,
        ordered_on_url=o_url,
        delivered_on=deal.first_delivered_on, delivered_on_precision=precision(deal.first_delivered_on),
        delivered_on_evidence=d_evidence, delivered_on_article_id=d_article, delivered_on_outlet=d_outlet,
        delivered_on_url=d_url,
        completed_on=deal.completed_on, completed_on_precision=precision(deal.completed_on),
        has_conflict=deal.has_conflict, sources=deal.sources, claims=deal.claims,
        first_reported=deal.first_reported, last_reported=deal.last_reported,
    )


def _cite(source: ClaimSource | None) -> tuple[str | None, str | None, str | None, str | None]:
    """A source's evidence sentence, article id, outlet and URL (all None without a source)."""
    return (source.evidence, source.article_id, source.outlet, source.url) if source else (None, None, None, None)


def _figure_source(figure: Figure | None, by_id: Mapping[str, ClaimSource]) -> ClaimSource | None:
    """The first source of the figure's consensus value (a contract-level value, not a unit price)."""
    if figure is None or figure.consensus is None:
        return None
    for value in figure.values:
        if value.value == figure.consensus and value.kind is None:
            return next((by_id[ref.claim_id] for ref in value.sources if ref.claim_id in by_id), None)
    return None


def _status_source(status: str, claims: Sequence[ClaimSource]) -> ClaimSource | None:
    """The claim that earned the status: the first report of it, or for `delivered` the last delivery.

    The stored claim does not say whether its event was hedged, so a hedged signing can be cited;
    the status itself is the reconciler's and counts no hedged event.
    """
    for event in STATUS_EVENTS.get(status, ()):
        earned = sorted((c for c in claims if c.event == event and not c.denied and not c.planned),
                        key=lambda c: (c.date or c.published or "9999", c.claim_id))
        if earned:
            return earned[-1] if status == "delivered" else earned[0]
    return None
