"""Stage 5: reconcile(evidence) -> list[ReconciledDeal]. Pure: claims with provenance in, deals out.

A deal is one order of one system family from a supplier to a recipient: partition.py parts a
group's claims by lease or purchase and by buying service, orders.py splits each part into orders,
and every claim keeps why it was put in its deal. For each deal: a status earned by its own events
(status.py), each figure's consensus, distinct values and conflicts (figures.py), and its denials
set against the claims they deny.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from armsledger.ledger_models import Deal, Figure, SourceRef
from armsledger.models import Claim, Money, Quantity
from armsledger.reconcile import figures as _figures
from armsledger.reconcile import kinds as _kinds
from armsledger.reconcile.orders import ORDER_YEAR_GAP, anchor_years, new_order_cue, split
from armsledger.reconcile.partition import partition
from armsledger.reconcile.status import is_whole_order, standing

__all__ = ["Evidence", "ReconciledDeal", "deal_key", "new_order_cue", "reconcile"]

_FIGURE_EVENTS = ("agreement", "completion", "delivery", "negotiation", "interest", "cancellation")
"""Where a deal's quantity and value are read from, best first: the order itself, then the rest; a
cancellation last ("ended talks on 30 tanks" is all a deal of ended talks may say)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stored claim with its provenance: the article, the outlet it counts as, its syndication group."""

    claim_id: str
    claim: Claim
    article_id: str
    independent_source: str
    """The outlet the article counts as (outlets.identify): copies of one wire share it."""
    outlet: str | None = None
    published: str | None = None
    story: str | None = None
    """The article's syndication group (near-copies of one text); None: the article alone."""

    def ref(self) -> SourceRef:
        """Return the source reference shown next to a value."""
        return SourceRef(self.claim_id, self.article_id, self.outlet, self.published, self.claim.source,
                         self.independent_source, self.story or self.article_id)


@dataclass(frozen=True, slots=True)
class ReconciledDeal:
    """One deal: its summary row, figures, denials and the claims it was built from."""

    key: str
    ordinal: int
    deal: Deal
    figures: dict[str, Figure]
    denials: list[tuple[str, list[str]]]
    """(denying claim id, ids of the claims it denies)."""
    claim_ids: list[str]
    reasons: dict[str, str] = dataclasses.field(default_factory=dict)
    """Claim id -> why the claim was put in this deal."""


def deal_key(claim: Claim) -> str | None:
    """Return the group a claim's deal belongs to (`RU|TR|S-400`), or None when a party is unknown."""
    if not claim.supplier or not claim.recipient:
        return None
    return f"{claim.supplier}|{claim.recipient}|{claim.system_family or claim.system or ''}"


def deal_id(key: str, ordinal: int) -> str:
    """Return a deal's stable, URL-safe id: `ru-tr-s-400-1`."""
    supplier, recipient, family = key.split("|", 2)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{supplier}-{recipient}-{family or 'arms'}".lower()).strip("-")
    return f"{slug}-{ordinal}"


def reconcile(evidence: Iterable[Evidence], *, battalions_per_regiment: int = 2,
              categories: Mapping[str, str] | None = None) -> list[ReconciledDeal]:
    """Group claims into deals and reconcile each deal's status, figures and denials.

    Args:
        evidence: the claims of every group to reconcile (all claims of a group, for a correct result).
        battalions_per_regiment: how many battalions a regiment set counts as when comparing.
        categories: system or family id -> category, from the gazetteer; missing ids give None.

    Returns:
        The deals, ordered by group key and order number. Claims without supplier or recipient
        belong to no deal.
    """
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        key = deal_key(item.claim)
        if key is not None:
            groups[key].append(item)
    deals: list[ReconciledDeal] = []
    for key in sorted(groups):
        items = sorted(groups[key], key=lambda i: (i.published or "", i.article_id, i.claim_id))
        orders: list[tuple[list[Evidence], dict[str, str]]] = []
        for part, part_reasons in partition(items):
            for placed in split(part):
                reasons = {i.claim_id: "; ".join(r for r in (part_reasons.get(i.claim_id), why) if r)
                           for i, why in placed}
                orders.append(([i for i, _ in placed], reasons))
        # Numbered in time order, so a follow-on keeps its number when a later order is reported.
        orders.sort(key=lambda order: _began(order[0]))
        for ordinal, (members, reasons) in enumerate(orders, 1):
            deals.append(_deal(key, ordinal, members, reasons, battalions_per_regiment, categories or {}))
    return deals


def _began(items: Sequence[Evidence]) -> str:
    """When an order is first known: its earliest signing's date, else its earliest claim's date or
    publication ("~" sorts an order nothing dates last)."""
    def when(i: Evidence) -> str:
        return i.claim.date.value if i.claim.date is not None and i.claim.date.year is not None else (i.published or "~")

    signed = [when(i) for i in items if i.claim.event == "agreement" and not i.claim.denied and not i.claim.planned]
    return min(signed or [when(i) for i in items], default="~")


def _deal(key: str, ordinal: int, items: Sequence[Evidence], reasons: dict[str, str],
          battalions_per_regiment: int, categories: Mapping[str, str]) -> ReconciledDeal:
    supplier, recipient, family = key.split("|", 2)
    quantity_figure, quantity = _quantity(items, battalions_per_regiment)
    value_figure, value = _value(items)
    figures = {
        "quantity": quantity_figure,
        "value": value_figure,
        "ordered_on": _dates(_order_dating(items), ("agreement",), pick=min, is_conflict_checked=True),
        "first_delivered_on": _first_delivery(items),
        "completed_on": _completion(items),
    }
    systems = Counter(i.claim.system for i in items if i.claim.system)
    system = min(systems, key=lambda s: (-systems[s], s)) if systems else None
    published = sorted(i.published for i in items if i.published)
    earned = standing(items, ordered_on=figures["ordered_on"].consensus)
    deal = Deal(
        id=deal_id(key, ordinal), supplier=supplier, recipient=recipient, system=system,
        system_family=family or None,
        category=categories.get(system or "") or categories.get(family),
        status=earned.status, quantity=quantity, value=value,
        ordered_on=figures["ordered_on"].consensus,
        first_delivered_on=figures["first_delivered_on"].consensus,
        completed_on=figures["completed_on"].consensus,
        has_conflict=any(f.has_conflict for f in figures.values()),
        sources=len({i.independent_source for i in items}), claims=len(items),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        is_disputed=earned.is_disputed, expected=earned.expected,
    )
    return ReconciledDeal(key, ordinal, deal, figures, _denials(items), [i.claim_id for i in items], reasons)


def status(items: Sequence[Evidence]) -> str:
    """Return a deal's status, earned by its undenied, unhedged, unplanned events (status.py)."""
    return standing(items).status


def _tier(items: Sequence[Evidence], has_figure: str) -> list[Evidence]:
    """Return the claims of the best event that states the figure (the order's own, if any)."""
    for event in _FIGURE_EVENTS:
        tier = [i for i in items if i.claim.event == event and not i.claim.denied
                and getattr(i.claim, has_figure) is not None]
        if tier:
            return tier
    return []


def _quantity(items: Sequence[Evidence], battalions_per_regiment: int) -> tuple[Figure, Quantity | None]:
    """The order's quantity from contract-level counts; fleets and deliveries so far set aside."""
    def reading(i: Evidence) -> _figures.Reading:
        assert i.claim.quantity is not None
        return _figures.quantity_reading(i.claim.quantity, i.ref(), battalions_per_regiment=battalions_per_regiment)

    contract = [i for i in items if _kinds.quantity_kind(i.claim) == _kinds.CONTRACT]
    tier = _tier(contract, "quantity")
    figure, best = _figures.reconcile_amounts([reading(i) for i in tier])
    figure = _with_set_aside(figure, items, "quantity", _kinds.quantity_kind, reading)
    if best is None:
        return figure, None
    return figure, next(i.claim.quantity for i in tier if i.claim_id == best.ref.claim_id)


def _value(items: Sequence[Evidence]) -> tuple[Figure, Money | None]:
    """The order's value from contract-level sums; unit prices and programme totals set aside."""
    def reading(i: Evidence) -> _figures.Reading:
        assert i.claim.value is not None
        return _figures.money_reading(i.claim.value, i.ref())

    contract = [i for i in items if _kinds.value_kind(i.claim) == _kinds.CONTRACT]
    tier = _tier(contract, "value")
    figure, best = _figures.reconcile_amounts([reading(i) for i in tier])
    figure = _with_set_aside(figure, items, "value", _kinds.value_kind, reading)
    if best is None:
        return figure, None
    return figure, next(i.claim.value for i in tier if i.claim_id == best.ref.claim_id)


def _with_set_aside(figure: Figure, items: Sequence[Evidence], field: str, kind_of: Callable[[Claim], str],
                    reading: Callable[[Evidence], _figures.Reading]) -> Figure:
    """Add the figures of other kinds (unit price, fleet size) to a figure's values, marked."""
    aside: dict[str, list[_figures.Reading]] = defaultdict(list)
    for i in items:
        if getattr(i.claim, field) is not None and not i.claim.denied:
            kind = kind_of(i.claim)
            if kind != _kinds.CONTRACT:
                aside[kind].append(reading(i))
    if not aside:
        return figure
    extra = [v for kind in sorted(aside) for v in _figures.set_aside(aside[kind], kind)]
    return dataclasses.replace(figure, values=figure.values + extra)


def _dates(items: Sequence[Evidence], events: tuple[str, ...], *, pick: _figures.Pick,
           is_conflict_checked: bool) -> Figure:
    readings = [
        _figures.Reading(i.claim.date.value, "date", 0.0, 0.0, i.claim.date.value, i.ref(),
                         precision=len(i.claim.date.value))
        for i in items
        if i.claim.event in events and not i.claim.denied and not i.claim.planned
        and i.claim.date is not None and i.claim.date.year is not None
    ]
    return _figures.reconcile_dates(readings, pick=pick, is_conflict_checked=is_conflict_checked)


def _order_dating(items: Sequence[Evidence]) -> Sequence[Evidence]:
    """Return the claims that can date the order: bare mentions far from its anchored years cannot."""
    anchors = anchor_years(items, {})
    if not anchors:
        return items
    return [i for i in items if i.claim.date is None or i.claim.date.year is None
            or any(abs(i.claim.date.year - y) <= ORDER_YEAR_GAP for y in anchors)]


def _denials(items: Sequence[Evidence]) -> list[tuple[str, list[str]]]:
    """Set each denial against the undenied, unplanned claims of the same event in the same deal."""
    return [
        (d.claim_id, [i.claim_id for i in items if i.claim.event == d.claim.event and not i.claim.denied
                      and not i.claim.planned])
        for d in items if d.claim.denied
    ]


_START_RULES = ("delivery.began", "delivery.start-delivering", "delivery.nominal")
_DELIVERED_NOUNS = (r"(?:deliver(?:y|ies)|batch(?:es)?|shipments?|consignments?|lots?|tranches?|units?|aircraft"
                    r"|jets?|fighters?|helicopters?|planes?|ships?|vessels?|submarines?|frigates?|guns?|howitzers?"
                    r"|tanks?|vehicles?|launchers?|systems?|batter(?:y|ies)|battalions?|regiments?|squadrons?"
                    r"|drones?|missiles?|radars?)")
_FIRST_WORDS = re.compile(
    # "the first six launchers", "its first K9 guns", "the initial batch": first of what was delivered
    rf"\b(?:first|initial)\s+(?:[\w-]+\s+){{0,3}}?{_DELIVERED_NOUNS}\b"
    # "deliveries began", "began to arrive", "started delivering"
    r"|\b(?:deliver(?:y|ies)|shipments?)\s+(?:have\s+|has\s+)?(?:began|begun|start(?:ed|s)?|commenc\w*|begins?)\b"
    r"|\b(?:began|begun|begin|start(?:ed|s)?|commenc\w*)\s+(?:to\s+)?(?:deliver\w*|arriv\w*|receiv\w*|ship\w*)",
    re.IGNORECASE,
)
"""Words by which a delivery is the first: the first of what was handed over, or deliveries begun.
"The first since May" says when the last one was, not that this one began them."""


def _completion(items: Sequence[Evidence]) -> Figure:
    """Date the completion of deliveries: a completion's date, else a delivery of the whole order's
    ("has now received all 12 jets it ordered", often dated by when it was said)."""
    completions = [i for i in items if i.claim.event == "completion"]
    if not any(i.claim.date is not None and i.claim.date.year is not None for i in completions):
        completions = [i for i in items if i.claim.event == "delivery" and is_whole_order(i.claim)]
    return _dates(completions, ("completion", "delivery"), pick=max, is_conflict_checked=True)


def _first_delivery(items: Sequence[Evidence]) -> Figure:
    """Date the first delivery: the earliest reported. A completion, or a delivery told as the whole
    order's ("completed deliveries of all 12"), ends deliveries and dates no first one. Sources
    disagree only where each says when deliveries *began* ("deliveries began on ...", "the first
    batch arrived in ..."): a later batch's date is no conflict."""
    deliveries = [i for i in items if i.claim.event == "delivery" and not is_whole_order(i.claim)]
    figure = _dates(deliveries, ("delivery",), pick=min, is_conflict_checked=False)
    starts = [i for i in deliveries if (
        i.claim.rule.rsplit(".v", 1)[0] in _START_RULES or _FIRST_WORDS.search(i.claim.evidence))]
    checked = _dates(starts, ("delivery",), pick=min, is_conflict_checked=True)
    return dataclasses.replace(figure, has_conflict=checked.has_conflict, conflict_note=checked.conflict_note)
