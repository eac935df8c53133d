"""A deal's status, earned by its own events.

Only events that happened count: undenied, unhedged and unplanned. Planned events are kept as what
the deal expects, with their dates. A cancellation counts only when it can be of this order (it is
not dated before the order was signed, it stops the order, not a batch of it, and it does not end
talks after the order was signed) and nothing earned after it undoes it. A denial that no later report answers marks the status disputed.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armsledger.models import Claim

if TYPE_CHECKING:
    from armsledger.reconcile import Evidence

STAGE = {"interest": 0, "negotiation": 1, "agreement": 2, "delivery": 3, "completion": 4}
STATUS_OF_STAGE = ("offered", "negotiating", "ordered", "delivering", "delivered")

_WHOLE_ORDER = re.compile(
    r"\b(?:complet(?:ed|es|ion\s+of)\s+(?:the\s+)?deliver(?:y|ies)"
    r"|all\s+(?:of\s+)?(?:the\s+)?\d+\s+(?:[\w-]+\s+){0,4}?(?:contracted|ordered)"
    r"|(?:the\s+)?(?:last|final)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:batch|unit|delivery|aircraft|jet|ship|squadron|regiment|battalion|battery|vessel)s?\s+"
    r"(?:was|were|has\s+been|have\s+been|arrived|reached)\b)",
    re.IGNORECASE,
)
"""Words by which a delivery is the whole order's: "completed deliveries of", "all 36 contracted",
"the last of the ships was handed over". A completion in all but the event's name."""


_PART_OF_ORDER = re.compile(
    r"\b(?:second|third|fourth|fifth|remaining|last(?!\s+(?:year|month|week)\b)|final|part\s+of(?:\s+the)?|some\s+of(?:\s+the)?"
    r"|\d+\s+of\s+the|rest\s+of\s+the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:batch|tranche|lot|set|squadron|regiment|battalion|batter(?:y|ies)|deliver(?:y|ies)|units?|aircraft|jets?"
    r"|ships?|vessels?|order|contract)s?\b",
    re.IGNORECASE,
)
"""Words by which a cancellation stops part of an order ("the second batch", "the remaining 12 jets"),
not the order: the deal is not cancelled by it."""


_TALKS = r"(?:talks|negotiations|discussions)"
_END_OF_TALKS = re.compile(
    rf"\b(?:end(?:ed|s)?|halt(?:ed|s)?|abandon(?:ed|s)?|broke(?:n)?\s+off|break(?:s)?\s+off|call(?:ed|s)?\s+off"
    rf"|suspend(?:ed|s)?|froze|frozen|freez(?:es|ing)|walk(?:ed|s)?\s+away\s+from|pull(?:ed|s)?\s+out\s+of)"
    rf"\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w-]+\s+){{0,2}}?{_TALKS}\b"
    rf"|\b{_TALKS}\b[^.;]{{0,80}}?\b(?:collapsed|broke\s+down|(?:have|has)\s+failed|failed|ended|stalled"
    rf"|(?:were|was|have\s+been|had\s+been)\s+(?:abandoned|halted|called\s+off|suspended|ended))\b",
    re.IGNORECASE,
)
"""Words by which a cancellation ends talks, not an order: "ended talks on 30 tanks", "talks ... collapsed"."""


def is_end_of_talks(claim: Claim) -> bool:
    """Say whether a cancellation ends talks ("halted talks on", "negotiations collapsed"), not an order."""
    return claim.event == "cancellation" and _END_OF_TALKS.search(claim.evidence) is not None


@dataclass(frozen=True, slots=True)
class Standing:
    """A deal's status, whether a standing denial disputes it, and what it expects."""

    status: str
    is_disputed: bool
    expected: str | None


def is_hedged(claim: Claim) -> bool:
    """Say whether the reader saw a hedge ("may", "reportedly") on the claim's event."""
    return any(note.startswith("hedged") for note in claim.notes)


def is_earned(claim: Claim) -> bool:
    """Say whether a claim can earn a status: it happened, as far as its text says.

    A hedge on an offer or on talks is already read into the event ("may sign" is a negotiation);
    on a signing, a delivery or a cancellation it earns nothing.
    """
    hedge_counts = claim.event not in ("interest", "negotiation")
    return not claim.denied and not claim.planned and not (hedge_counts and is_hedged(claim))


def is_whole_order(claim: Claim) -> bool:
    """Say whether a delivery or completion is of the whole order ("completed deliveries of all 24")."""
    return claim.event == "completion" or (claim.event == "delivery" and _WHOLE_ORDER.search(claim.evidence) is not None)


def stage(claim: Claim) -> int | None:
    """Return the stage a claim's event reaches, or None for a cancellation."""
    if claim.event == "delivery" and is_whole_order(claim):
        return STAGE["completion"]
    return STAGE.get(claim.event)


def _reported(item: Evidence) -> str:
    """When an item was known: the later of its event's date and its publication."""
    dated = item.claim.date.value if item.claim.date and item.claim.date.year else ""
    return max(dated, item.published or "")


def _year(item: Evidence) -> int | None:
    if item.claim.date is not None and item.claim.date.year is not None:
        return item.claim.date.year
    return int(item.published[:4]) if item.published else None


def standing(items: Sequence[Evidence], *, ordered_on: str | None = None) -> Standing:
    """Return a deal's earned status, whether it is disputed, and its expected events.

    Args:
        items: the deal's claims.
        ordered_on: the deal's order date; a cancellation dated before it is not of this order.
    """
    earned = [i for i in items if is_earned(i.claim) and stage(i.claim) is not None]
    reached = max((s for i in earned for s in [stage(i.claim)] if s is not None), default=0)
    status = STATUS_OF_STAGE[reached]
    order_year = int(ordered_on[:4]) if ordered_on and ordered_on[:4].isdigit() else None
    signed = [_when(i) for i in earned if i.claim.event == "agreement"]
    cancellations = [i for i in items if i.claim.event == "cancellation" and is_earned(i.claim)
                     and not (order_year is not None and (_year(i) or order_year) < order_year)
                     and not _is_part_of_order(i.claim)
                     # Talks that end after a signing end other talks: a signed order is not cancelled by them.
                     and not (is_end_of_talks(i.claim) and any(s <= _when(i) for s in signed))]
    if cancellations:
        last_cancelled = max(_when(i) for i in cancellations)
        undone = [i for i in earned if (stage(i.claim) or 0) >= STAGE["agreement"] and _when(i) > last_cancelled]
        if not undone:
            status = "cancelled"
    return Standing(status, _is_disputed(items, reached, status, has_earned=bool(earned)), _expected(items, reached))


def _is_part_of_order(claim: Claim) -> bool:
    """A cancellation of a batch or of later deliveries, not of the whole order ("a second contract"
    named by its own deal is the whole of that deal)."""
    match = _PART_OF_ORDER.search(claim.evidence)
    if match is None:
        return False
    words = match.group(0).lower()
    return not (words.split()[0] in ("second", "third", "fourth", "fifth")
                and words.split()[-1].rstrip("s") in ("order", "contract"))


def _when(item: Evidence) -> str:
    return item.claim.date.value if item.claim.date and item.claim.date.year else (item.published or "")


def _is_disputed(items: Sequence[Evidence], reached: int, status: str, *, has_earned: bool) -> bool:
    """A denial stands when no other article reports its event (or a later one) after it.

    A denial of a stage the deal has not reached disputes nothing, unless the deal has earned nothing
    at all: a deal told only by denials is disputed, not an offer.
    """
    for denial in items:
        c = denial.claim
        if not c.denied or c.event not in ("agreement", "delivery", "completion", "cancellation"):
            continue
        denied_stage = stage(c)
        if c.event == "cancellation":
            if status != "cancelled":
                continue
        elif denied_stage is None or (denied_stage > reached and has_earned) or status == "cancelled":
            continue
        when = _reported(denial)
        answered = any(
            i.article_id != denial.article_id and is_earned(i.claim) and _reported(i) > when
            and (i.claim.event == c.event if c.event == "cancellation" else (stage(i.claim) or -1) >= (denied_stage or 0))
            for i in items
        )
        if not answered:
            return True
    return False


def _expected(items: Sequence[Evidence], reached: int) -> str | None:
    """Planned events beyond the earned stage (and more deliveries while delivering), each with the
    dates sources give: `delivery 2025, 2026`."""
    dates: dict[str, set[str]] = defaultdict(set)
    for item in items:
        c = item.claim
        s = STAGE.get(c.event)
        if c.denied or not (c.planned or is_hedged(c)) or s is None or s < STAGE["agreement"]:
            continue
        if s < reached or (s == reached and s != STAGE["delivery"]):
            continue  # reached already; only more deliveries can still be expected at the same stage
        found = dates[c.event]
        if c.date is not None and c.date.year is not None:
            found.add(c.date.value)
    if not dates:
        return None
    parts = [f"{event} {', '.join(sorted(found)) or 'date not given'}"
             for event, found in sorted(dates.items(), key=lambda kv: STAGE[kv[0]])]
    return "; ".join(parts)
