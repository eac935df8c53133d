"""Reconcile one figure of a deal across sources: consensus, distinct values, conflict.

Quantities compare in a common unit (a regiment set counts as `battalions_per_regiment` battalions);
stated bounds (`at least`, `more than`, `up to`, `about`) become intervals, and two sources conflict
when their intervals cannot both be true and they are two outlets, or one outlet at two dates
(`disagreement`). Two readings of one article, or of copies of one story, never conflict.
"""
from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from armsledger.ledger_models import Figure, FigureValue, SourceRef
from armsledger.models import Money, Quantity

ABOUT_TOLERANCE = 0.1
"""An `about`/`nearly` figure covers +-10% of its value."""
MONEY_ROUNDING = 0.02
"""Exact money figures agree within 2%: outlets round ($2.48 billion vs $2.5 billion)."""

Pick = Callable[[list[str]], str]
"""Chooses a consensus date among candidates (min for the first delivery, max for completion)."""

_LOWER = ("least", "more", "over", "above", "exceed", "minimum")
_UPPER = ("up to", "most", "less", "under", "below", "fewer", "maximum")
_ABOUT = ("about", "around", "approx", "nearly", "almost", "some", "roughly", "estimated", "close to")


@dataclass(frozen=True, slots=True)
class Reading:
    """One source's reading of a figure, ready to compare."""

    shown: str
    """The value as the source gives it: `at least 6 battalion`."""
    kind: str
    """What can be compared with what: a unit family (`battalion`, `missile`) or a currency."""
    low: float
    high: float
    normalized: str
    """The value in the kind's common unit: `4 battalion` for `2 regiment`."""
    ref: SourceRef
    precision: int = 0
    """How specific the value is (exact beats a bound; a day beats a month); breaks ties."""


def interval(number: float, bound: str | None, *, step: float, rounding: float = 0.0) -> tuple[float, float]:
    """Return the range of true values a figure with a bound word allows."""
    word = (bound or "").lower()
    if any(w in word for w in _ABOUT):
        return number * (1 - ABOUT_TOLERANCE), number * (1 + ABOUT_TOLERANCE)
    strict = "more" in word or "over" in word or "above" in word or "exceed" in word
    if any(w in word for w in _LOWER):
        return number + (step if strict else 0.0), math.inf
    strict = "less" in word or "under" in word or "below" in word or "fewer" in word
    if any(w in word for w in _UPPER):
        return 0.0, number - (step if strict else 0.0)
    return number * (1 - rounding), number * (1 + rounding)


def quantity_reading(quantity: Quantity, ref: SourceRef, *, battalions_per_regiment: int) -> Reading:
    """Read a quantity in its unit family: regiments count as battalions."""
    value, unit = quantity.value, quantity.unit
    if unit == "regiment":
        value, unit = value * battalions_per_regiment, "battalion"
    low, high = interval(float(value), quantity.bound, step=1.0)
    shown = f"{quantity.bound + ' ' if quantity.bound else ''}{quantity.value} {quantity.unit}"
    normalized = f"{quantity.bound + ' ' if quantity.bound else ''}{value} {unit}"
    return Reading(shown, unit, low, high, normalized, ref, precision=0 if quantity.bound else 1)


def money_reading(money: Money, ref: SourceRef) -> Reading:
    """Read a contract value in its currency."""
    amount = float(money.amount)
    low, high = interval(amount, money.bound, step=max(amount * 1e-9, 1.0), rounding=MONEY_ROUNDING)
    shown = f"{money.bound + ' ' if money.bound else ''}{money.currency} {_amount(money.amount)}"
    return Reading(shown, money.currency, low, high, shown, ref, precision=0 if money.bound else 1)


def _amount(amount: Decimal) -> str:
    return str(int(amount)) if amount == amount.to_integral_value() else str(amount)


INDEPENDENT = "independent outlets"
SAME_OUTLET = "one outlet at different dates"


def disagreement(a: SourceRef, b: SourceRef) -> str | None:
    """Say how two sources of differing values can conflict: INDEPENDENT, SAME_OUTLET, or None.

    One article, or copies of one story, cannot disagree with itself; one outlet's articles of one
    day are one report.
    """
    if a.article_id == b.article_id or (a.story is not None and a.story == b.story):
        return None
    if a.independent_source != b.independent_source:
        return INDEPENDENT
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return SAME_OUTLET
    return None


def _conflict(pairs: Iterable[tuple[SourceRef, SourceRef]]) -> str | None:
    """Return the strongest disagreement among the pairs of sources whose values cannot both hold."""
    found = {disagreement(a, b) for a, b in pairs} - {None}
    return INDEPENDENT if INDEPENDENT in found else SAME_OUTLET if found else None


def reconcile_amounts(readings: Sequence[Reading]) -> tuple[Figure, Reading | None]:
    """Return the figure for quantity or value readings, and the consensus reading."""
    if not readings:
        return Figure(None, [], False), None
    kinds: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        kinds[reading.kind].append(reading)
    # The kind most sources use is the deal's figure (battalions, not the missiles delivered with them).
    main = max(kinds.values(), key=lambda rs: (len({r.ref.independent_source for r in rs}), -len(kinds)))
    note = _conflict((a.ref, b.ref) for rs in kinds.values() for a in rs for b in rs
                     if a.high < b.low or b.high < a.low)

    def support(candidate: Reading) -> tuple[int, int, int, bool, str]:
        agreeing = {r.ref.independent_source for r in main if r.low <= candidate.high and candidate.low <= r.high}
        stating = {r.ref.independent_source for r in main if r.shown == candidate.shown}
        # Between equals: the value more sources state in those words, then the one in the common unit.
        return (len(agreeing), candidate.precision, len(stating), candidate.normalized == candidate.shown,
                candidate.ref.published or "")

    best = max(main, key=support)
    return Figure(best.shown, _values(readings), note is not None, note), best


def set_aside(readings: Sequence[Reading], kind: str) -> list[FigureValue]:
    """Return readings that are not the deal's figure (unit prices, fleets) as values marked with their kind."""
    return [dataclasses.replace(v, kind=kind) for v in _values(readings)]


def reconcile_dates(readings: Sequence[Reading], *, pick: Pick,
                    is_conflict_checked: bool) -> Figure:
    """Return the figure for date readings: dates agree when one is a prefix of the other.

    Args:
        pick: chooses the consensus among the dates the most sources agree with (min, max).
        is_conflict_checked: whether disagreeing sources make a conflict (an order has one date;
            deliveries have many).
    """
    if not readings:
        return Figure(None, [], False)
    dates = sorted({r.shown for r in readings})

    def agree(a: str, b: str) -> bool:
        return a.startswith(b) or b.startswith(a)

    note = _conflict((a.ref, b.ref) for a in readings for b in readings
                     if not agree(a.shown, b.shown)) if is_conflict_checked else None
    support = {d: len({r.ref.independent_source for r in readings if agree(d, r.shown)}) for d in dates}
    top = max(support.values()) if is_conflict_checked else 0
    chosen = pick([d for d in dates if support[d] >= top])
    # Report the most precise date that agrees with the chosen one.
    consensus = max((d for d in dates if agree(d, chosen) and support[d] >= top), key=len)
    return Figure(consensus, _values(readings), note is not None, note)


def _values(readings: Sequence[Reading]) -> list[FigureValue]:
    grouped: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        grouped[reading.shown].append(reading)
    return [
        FigureValue(shown, [r.ref for r in group],
                    group[0].normalized if group[0].normalized != shown else None)
        for shown, group in sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
