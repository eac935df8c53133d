"""The figures of a claim: its quantity, value and date, chosen among those a clause states."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from armsledger.claims.dates import find_dates
from armsledger.claims.quantity import count_before, find_quantities
from armsledger.claims.value import find_values
from armsledger.models import Mention, Money, PartialDate, Quantity

T = TypeVar("T")

_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|by|before|no\s+later\s+than|not\s+before)\s+(?:the\s+end\s+of\s+)?$",
                              re.IGNORECASE)
"""A deadline ("wait until 2026", "by 2030") dates a planned event, never one that happened."""
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|stated|reported|added|confirmed|claimed|denied|wrote)\s+"
    r"(?:on\s+|late\s+on\s+|early\s+on\s+)?$", re.IGNORECASE)
"""The date of a statement ("officials said on Wednesday") is when it was said, not when the event was."""


def read_figures(clause: str, local: list[Mention], systems: list[Mention], t0: int, *,
                 published: PartialDate | None,
                 is_planned: bool = False) -> tuple[dict[str, Quantity | None], Money | None, PartialDate | None]:
    """Return each system's quantity (by system id), and the clause's value and date nearest the trigger.

    With several systems in a clause, a count belongs to the system it stands nearest to:
    "10 Su-35 fighter jets and S-400 missiles" counts the Su-35s only.
    """
    named = [m for m in systems if m in local]
    quantities = [(q.start, q.end, q.quantity) for q in find_quantities(clause)]
    for m in named:
        counted = count_before(clause, m.start)
        if counted is not None:
            quantities.append((counted[0], m.start, _unit_after(clause, m.end, counted[1])))
    per_system: dict[str, Quantity | None] = {}
    if len(named) <= 1:
        anchor = named[0].start if named else t0
        only = _nearest(quantities, anchor)
        per_system = {m.entity: only for m in systems} or {"": only}
    else:
        for start, end, quantity in quantities:
            inside = [m for m in named if start <= m.start and m.end <= end]
            owner = inside[0] if inside else min(
                named, key=lambda m: m.start - end if m.start >= end else start - m.end if m.end <= start else 0)
            per_system.setdefault(owner.entity, quantity)
    value = _stated_value(clause, t0)
    dates = [(d.start, d.end, d.date) for d in find_dates(clause, published=published)
             if (is_planned or not _DEADLINE_BEFORE.search(clause[max(0, d.start - 20):d.start]))
             and not _SPEECH_BEFORE.search(clause[max(0, d.start - 30):d.start])]
    date = _nearest(dates, t0)
    return per_system, value, date


def _nearest(found: Sequence[tuple[int, int, T]], anchor: int) -> T | None:
    if not found:
        return None
    return min(found, key=lambda f: min(abs(f[0] - anchor), abs(f[1] - anchor)))[2]


def _unit_after(clause: str, end: int, counted: Quantity) -> Quantity:
    """Read "five S-400 regiment sets" as five regiments: the noun after the system gives the unit."""
    words = re.findall(r"[\w-]+", clause[end:end + 40])[:3]
    for n in range(len(words), 0, -1):
        for match in find_quantities(f"{counted.value} {' '.join(words[:n])}"):
            if match.start == 0:
                return Quantity(counted.value, match.quantity.unit, counted.bound, counted.text)
    return counted


def _stated_value(clause: str, t0: int) -> Money | None:
    """Return the value nearest the trigger; of "$800m (£545m)", the stated one before its conversion."""
    found = find_values(clause)
    if not found:
        return None
    nearest = min(found, key=lambda v: min(abs(v.start - t0), abs(v.end - t0)))
    for v in found:
        if v.end <= nearest.start and re.fullmatch(r"\s*\(\s*", clause[v.end:nearest.start]):
            return v.money
    return nearest.money
