"""Part a group's claims by how and for whom the system is acquired, before splitting into orders.

A lease is never the same order as a purchase, and a navy's buy is not its air force's. A claim's
sentence names the mode or the service; a claim whose sentence names neither takes its article's
(when the article names only one). Where the group names a single service, nothing is parted.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armsledger.reconcile import Evidence

_LEASE = re.compile(r"\b(?:leas(?:e|es|ed|ing)|on\s+lease|rent(?:s|ed|ing)?)\b", re.IGNORECASE)
_NOT_A_BUYER = r"(?!['\u2019]?s?\s+(?:air\s+)?(?:base|station|yard|dockyard|academy|museum|exercise|drill)s?\b)"
"""A service named as a place or an event ("a naval air base", "the army's academy") buys nothing."""
_SERVICES = (
    ("navy", re.compile(rf"\b(?:navy|navies|marine\s+corps){_NOT_A_BUYER}", re.IGNORECASE)),
    ("air force", re.compile(rf"\b(?:(?i:air\s+forces?)|IAF|RAF|USAF|PAF|RAAF){_NOT_A_BUYER}")),
    ("army", re.compile(rf"\b(?:army|armies|land\s+forces?|ground\s+forces?){_NOT_A_BUYER}", re.IGNORECASE)),
    ("coast guard", re.compile(rf"\bcoast\s+guards?{_NOT_A_BUYER}", re.IGNORECASE)),
)
_BUYING_EVENTS = ("interest", "negotiation", "agreement")
"""The claims whose named service is a buyer; a delivery's place or escort names none."""


def _services(text: str) -> set[str]:
    return {name for name, pattern in _SERVICES if pattern.search(text)}


def _service(text: str) -> str | None:
    """The one service a sentence names, or None (none, or several)."""
    found = _services(text)
    return next(iter(found)) if len(found) == 1 else None


def _year(item: Evidence) -> int | None:
    date = item.claim.date
    if date is not None and date.year is not None:
        return date.year
    return int(item.published[:4]) if item.published else None


def partition(items: Sequence[Evidence]) -> list[tuple[list[Evidence], dict[str, str]]]:
    """Return the group's claims in parts (lease apart from purchase, one part per service).

    Returns:
        The parts in the order of their first claim, each with a reason per claim where the part
        needed one (claim id -> why it is in this part).
    """
    reasons: dict[str, str] = {}
    mode = _modes(items, reasons)
    service = _services_of(items, reasons)
    parts: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for item in items:
        parts[(mode[item.claim_id], service.get(item.claim_id, ""))].append(item)
    ordered = sorted(parts.values(), key=lambda part: items.index(part[0]))
    return [(part, {i.claim_id: reasons[i.claim_id] for i in part if i.claim_id in reasons}) for part in ordered]


def _modes(items: Sequence[Evidence], reasons: dict[str, str]) -> dict[str, str]:
    """Claim id -> `lease` or `purchase`; a claim takes its article's lease when it says nothing."""
    worded = {i.claim_id for i in items if _LEASE.search(i.claim.evidence)}
    if not worded:
        return {i.claim_id: "purchase" for i in items}
    by_article: dict[str, list[Evidence]] = defaultdict(list)
    for item in items:
        by_article[item.article_id].append(item)
    mode: dict[str, str] = {}
    for item in items:
        if item.claim_id in worded:
            mode[item.claim_id] = "lease"
            reasons[item.claim_id] = "a lease ('lease' in its sentence), apart from any purchase"
        elif all(i.claim_id in worded or i.claim.event not in ("agreement", "negotiation")
                 for i in by_article[item.article_id]) and any(i.claim_id in worded for i in by_article[item.article_id]):
            mode[item.claim_id] = "lease"
            reasons[item.claim_id] = "its article's deal is a lease"
        else:
            mode[item.claim_id] = "purchase"
            reasons[item.claim_id] = "a purchase: its sentence names no lease"
    return mode


def _services_of(items: Sequence[Evidence], reasons: dict[str, str]) -> dict[str, str]:
    """Claim id -> the buying service, only where the group's claims name two services or more."""
    named = {i.claim_id: s for i in items for s in [_service(i.claim.evidence)] if s is not None}
    buyers = {named[i.claim_id] for i in items if i.claim_id in named and i.claim.event in _BUYING_EVENTS}
    if len(buyers) < 2:
        return {}
    by_article: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.claim_id in named:
            by_article[item.article_id].add(named[item.claim_id])
    service: dict[str, str] = {}
    for item in items:
        if item.claim_id in named:
            service[item.claim_id] = named[item.claim_id]
            reasons[item.claim_id] = f"for the {named[item.claim_id]} (named in its sentence)"
        elif len(by_article[item.article_id]) == 1:
            (found,) = by_article[item.article_id]
            service[item.claim_id] = found
            reasons[item.claim_id] = f"for the {found}: its article names that service"
    counts = Counter(service.values())
    for item in items:
        if item.claim_id in service:
            continue
        year = _year(item)

        def distance(name: str, year: int | None = year) -> tuple[int, int]:
            years = [y for i in items if service.get(i.claim_id) == name for y in [_year(i)] if y is not None]
            gap = min((abs(y - year) for y in years), default=99) if year is not None else 99
            return gap, -counts[name]

        nearest = min(counts, key=distance)
        service[item.claim_id] = nearest
        reasons[item.claim_id] = f"names no service: nearest in time to the {nearest}'s claims"
    return service
