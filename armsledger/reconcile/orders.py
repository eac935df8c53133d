"""Split the claims about one supplier, recipient and system family into orders.

A group holds one order unless the texts say there is another: an agreement dated more than
ORDER_YEAR_GAP years from the others, or words such as "second regiment set", "new contract",
"additional batch" on an offer, talks or a signing.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armsledger.reconcile.status import is_end_of_talks

if TYPE_CHECKING:
    from armsledger.reconcile import Evidence

QUANTITY_RATIO = 1.5
"""Exact counts further apart than this (212 and 96) cannot be one order's, when signed on different dates."""
ORDER_YEAR_GAP = 1
"""Agreements at most this many years apart are one order reported with different dates."""
PRE_ORDER_EVENTS = ("interest", "negotiation", "agreement")
"""Events that can open a new order; deliveries and completions always serve an existing one."""

_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_ORDER_NOUNS = r"(?:contract|deal|order|batch|regiment set|set|agreement|lot|tranche|package|buy|purchase)s?"
_UNIT_NOUNS = (r"(?:squadron|regiment|battalion|batter(?:y|ies)|units?|jets?|aircraft|fighters?|helicopters?"
               r"|ships?|vessels?|submarines?|frigates?|corvettes?|guns?|howitzers?|tanks?|launchers?|systems?)")
_CUE = re.compile(
    r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th|new|additional|another|further|follow-on|repeat)"
    rf"[\s-]+(?:[\w'-]+\s+){{0,3}}?{_ORDER_NOUNS}\b"
    # "another 12 jets", "additional squadrons", "a follow-on batch of 18 aircraft"
    rf"|\b(another|additional|further|follow-on)\s+(?:\d+\s+|[\w-]+\s+){{0,2}}?{_UNIT_NOUNS}\b"
    # "two more squadrons", "12 more Rafale", not "more than"
    r"|\b((?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+few|several)\s+more)\b(?!\s+than)",
    re.IGNORECASE,
)


_SYSTEM_CUE = re.compile(r"\b(?:another|additional|further|follow-on)\s+(?:\d+\s+)?([\w-]+)", re.IGNORECASE)
SYSTEM_PREFIX_CHARS = 5
"""How much of a system's name (letters and digits) a word after "additional" must start with to name
it: "additional Rafales", "another K9s", "further Leopards" (Leopard-2)."""


def _names(word: str, names: Sequence[str]) -> bool:
    token = re.sub(r"[^a-z0-9]", "", word.lower())
    for name in names:
        joined = re.sub(r"[^a-z0-9]", "", name.lower())
        if len(joined) >= 2 and token.startswith(joined[:SYSTEM_PREFIX_CHARS]):
            return True
    return False


def cue_match(text: str, names: Sequence[str] = ()) -> tuple[int, str] | None:
    """Return the order a text names and the words naming it: (2, "second contract"), (0, "two more").

    Args:
        text: the claim's sentence.
        names: the claim's system and family; "additional" before one of them ("additional
            Rafales") is a cue as "additional jets" is.
    """
    match = _CUE.search(text)
    if match is None:
        by_name = next((m for m in _SYSTEM_CUE.finditer(text) if _names(m.group(1), names)), None)
        return None if by_name is None else (0, by_name.group(0))
    word = next(g for g in match.groups() if g is not None)
    return _ORDINALS.get(word.lower(), 0), match.group(0)


def new_order_cue(text: str) -> int | None:
    """Return the order number a text names (2 for "second contract"), 0 for "a new contract", or None."""
    found = cue_match(text)
    return None if found is None else found[0]


@dataclass(frozen=True, slots=True)
class _Order:
    index: float
    anchor: int | None
    """The year of its (first) signed agreement, when known."""


def _year(item: Evidence) -> int | None:
    date = item.claim.date
    return date.year if date is not None else None


def _when(item: Evidence) -> int | None:
    year = _year(item)
    if year is None and item.published:
        return int(item.published[:4])
    return year


def _is_signing(item: Evidence) -> bool:
    c = item.claim
    return c.event == "agreement" and not c.denied and not c.planned


def split(items: Sequence[Evidence]) -> list[list[tuple[Evidence, str]]]:
    """Return the group's claims as orders, in order, each claim with why it is in its order.

    Every claim goes to exactly one order.
    """
    cues: dict[str, int] = {}
    cue_words: dict[str, str] = {}
    for item in items:
        if item.claim.event in PRE_ORDER_EVENTS or item.claim.event == "cancellation":
            found = cue_match(item.claim.evidence,
                              [n for n in (item.claim.system, item.claim.system_family) if n])
            if found is not None:
                cues[item.claim_id], cue_words[item.claim_id] = found
    clusters = _cluster(anchor_years(items, cues))
    # A signing dated within a known order is that order, whatever its sentence says.
    known = {y for cluster in clusters for y in range(cluster[0] - ORDER_YEAR_GAP, cluster[-1] + ORDER_YEAR_GAP + 1)}
    reasons: dict[str, str] = {}
    for item in items:
        if item.claim_id in cues and _is_signing(item) and _year(item) in known:
            del cues[item.claim_id]
            reasons[item.claim_id] = (f"signed in {_year(item)}, within a known order's years: "
                                      f"'{cue_words[item.claim_id]}' read as that order")
    clusters = _cluster(anchor_years(items, cues))
    base = [_Order(float(n), cluster[0]) for n, cluster in enumerate(clusters, 1)] or [_Order(1.0, None)]
    cluster_of = {year: float(n) for n, cluster in enumerate(clusters, 1) for year in cluster}
    cluster_years = {float(n): cluster for n, cluster in enumerate(clusters, 1)}
    assigned: dict[str, float] = {}
    generic = _generic_orders(items, cues, len(base) + 1.0)
    for item in items:
        year = _year(item)
        if item.claim_id in cues:
            number = cues[item.claim_id]
            if item.claim.event == "cancellation":  # it points at an order that exists
                if number and float(number) in {o.index for o in base}:
                    assigned[item.claim_id] = float(number)
                    reasons[item.claim_id] = f"'{cue_words[item.claim_id]}' in its sentence: that order cancelled"
                elif not number:
                    # "halted talks on additional launchers" ends the order so worded, never the first one.
                    assigned[item.claim_id] = _worded_before(item, items, generic, len(base) + 1.0)
                    reasons[item.claim_id] = (f"'{cue_words[item.claim_id]}' in its sentence: the order so worded "
                                              "before it, cancelled")
                continue
            assigned[item.claim_id] = float(number) if number else generic[item.claim_id]
            reasons[item.claim_id] = f"'{cue_words[item.claim_id]}' in its sentence: an order of its own"
            if not number and generic[item.claim_id] > len(base) + 1.0:
                reasons[item.claim_id] += ", reported after another such order was signed"
        elif _is_signing(item) and year in cluster_of:
            assigned[item.claim_id] = cluster_of[year]
            years = cluster_years[cluster_of[year]]
            reasons.setdefault(item.claim_id, f"signed in {year}, the order's year" if years[0] == years[-1]
                               else f"signed in {year}: the order signed in {years[0]}-{years[-1]}")
    _follow_cues_within_articles(items, cues, assigned, base, reasons)
    orders = {o.index: o for o in base}
    for item in items:
        index = assigned.get(item.claim_id)
        if index is not None and index not in orders:
            signing = [y for i in items if assigned.get(i.claim_id) == index and _is_signing(i)
                       for y in [_year(i)] if y is not None]
            orders[index] = _Order(index, min(signing) if signing else None)
    ranked = sorted(orders.values(), key=lambda o: o.index)
    counts: dict[float, list[tuple[int, str]]] = defaultdict(list)
    for item in items:
        count = _counts(item)
        if item.claim_id in assigned and _is_signing(item) and count is not None:
            counts[assigned[item.claim_id]].append(count)
    signed_in: dict[str, set[float]] = defaultdict(set)
    for item in items:
        if item.claim_id in assigned and _is_signing(item):
            signed_in[item.article_id].add(assigned[item.claim_id])
    signed_on: dict[float, str] = {}
    for item in items:
        date = _dated_or_year(item)
        if item.claim_id in assigned and _is_signing(item) and date is not None:
            index = assigned[item.claim_id]
            signed_on[index] = min(date, signed_on.get(index, date))
    prospective = max(o.index for o in ranked) + 1.0
    for item in items:
        if item.claim_id not in assigned:
            fitting = _fitting(item, ranked, counts, signed_in)
            talks = _talks_after_signing(item, fitting, signed_on, assigned, items)
            if talks is not None:
                assigned[item.claim_id] = talks[0] if talks[0] >= 0 else prospective
                reasons[item.claim_id] = talks[1]
                continue
            assigned[item.claim_id], reasons[item.claim_id] = _place(item, fitting)
            if len(fitting) < len(ranked):
                reasons[item.claim_id] += ("; the order whose count it fits" if _is_signing(item)
                                           else "; not an order signed for fewer, nor one its article reports signed")
    grouped: dict[float, list[tuple[Evidence, str]]] = defaultdict(list)
    for item in items:
        grouped[assigned[item.claim_id]].append((item, reasons[item.claim_id]))
    return _split_off_earlier([part for index in sorted(grouped) for part in _part_by_quantity(grouped[index])])


def _reported_on(item: Evidence) -> str | None:
    """When an event happened at the latest: its date, else its article's publication."""
    date = item.claim.date
    return date.value if date is not None and date.year is not None else item.published


def _is_before(a: str, b: str) -> bool:
    """Whether one partial date is wholly before another (2019 is not before 2019-05)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _split_off_earlier(orders: list[list[tuple[Evidence, str]]]) -> list[list[tuple[Evidence, str]]]:
    """Move deliveries dated before every signing of their order to an earlier order.

    An order delivers nothing before it is signed: such a delivery is of an earlier order, the latest
    one signed before it, else one the texts do not tell (an order of its own, first in time).
    """
    def signed(order: list[tuple[Evidence, str]]) -> str | None:
        return min((d for i, _ in order if _is_signing(i) for d in [_dated_or_year(i)] if d), default=None)

    moved: list[tuple[Evidence, str]] = []
    kept: list[list[tuple[Evidence, str]]] = []
    for order in orders:
        start = signed(order)
        early = [] if start is None else [
            (i, why) for i, why in order if i.claim.event in ("delivery", "completion") and not i.claim.denied
            and not i.claim.planned and (when := _reported_on(i)) is not None and _is_before(when, start)]
        moved.extend((i, f"delivered by {_reported_on(i)}, before its order's signing ({start}): an earlier order's")
                     for i, _ in early)
        kept.append([pair for pair in order if pair not in early])
    earlier: list[tuple[Evidence, str]] = []
    for item, why in moved:
        when = _reported_on(item) or ""
        before = [order for order in kept if (start := signed(order)) is not None and not _is_before(when, start)]
        if before:
            max(before, key=lambda order: signed(order) or "").append((item, why))
        else:
            earlier.append((item, f"{why}, which the texts do not report signed"))
    return ([earlier] if earlier else []) + [order for order in kept if order]


def _dated_or_year(item: Evidence) -> str | None:
    date = item.claim.date
    return date.value if date is not None and date.year is not None else None


def _generic_orders(items: Sequence[Evidence], cues: Mapping[str, int], start: float) -> dict[str, float]:
    """Number the new orders that words like "two more" or "additional" open, in time order.

    A signing so worded opens a new order; talks or offers so worded, reported in a later year than
    that signing, are of yet another order (the Army's "six more" signed in 2020, then "five
    additional" discussed in 2023).
    """
    worded = sorted((i for i in items if cues.get(i.claim_id) == 0 and i.claim.event != "cancellation"),
                    key=lambda i: (_when(i) or 0, i.published or "", i.claim_id))
    index, signed = start, None
    found: dict[str, float] = {}
    for item in worded:
        when, year = _when(item), _year(item)
        if signed is not None and when is not None:
            is_new_signing = _is_signing(item) and year is not None and abs(year - signed) > ORDER_YEAR_GAP
            is_later_talk = not _is_signing(item) and when > signed
            if is_new_signing or is_later_talk:
                index, signed = index + 1, None
        if _is_signing(item) and signed is None:
            signed = year if year is not None else when
        found[item.claim_id] = index
    return found


def _worded_before(cancellation: Evidence, items: Sequence[Evidence], generic: Mapping[str, float],
                   start: float) -> float:
    """The latest order opened by words like "more" or "additional" that is reported no later than a
    cancellation so worded; an order of its own when there is none."""
    when = _when(cancellation)
    before = [generic[i.claim_id] for i in items if i.claim_id in generic
              and (when is None or (_when(i) or 0) <= when)]
    return max(before) if before else max(generic.values(), default=start - 1.0) + 1.0


def anchor_years(items: Sequence[Evidence], cues: Mapping[str, int]) -> list[int]:
    """Return the years of signings strong enough to stand for an order of their own.

    A dated signing anchors an order when it states a figure (quantity or value) or when two
    independent sources date a signing to that year; a bare dated mention ("the decision to buy,
    announced on July 17, 2019") joins the order before it instead.
    """
    sources: dict[int, set[str]] = defaultdict(set)
    strong: set[int] = set()
    for item in items:
        year = _year(item)
        if year is None or not _is_signing(item) or item.claim_id in cues:
            continue
        sources[year].add(item.independent_source)
        if item.claim.quantity is not None or item.claim.value is not None:
            strong.add(year)
    return sorted(strong | {y for y, found in sources.items() if len(found) >= 2})


def _cluster(years: list[int]) -> list[list[int]]:
    """Group sorted years into runs no more than ORDER_YEAR_GAP apart."""
    clusters: list[list[int]] = []
    for year in years:
        if clusters and year - clusters[-1][-1] <= ORDER_YEAR_GAP:
            clusters[-1].append(year)
        else:
            clusters.append([year])
    return clusters


def _follow_cues_within_articles(items: Sequence[Evidence], cues: dict[str, int],
                                 assigned: dict[str, float], base: list[_Order], reasons: dict[str, str]) -> None:
    """An article about a new order: its other offers, talks and planned signings serve that order."""
    latest_anchor = max((o.anchor for o in base if o.anchor is not None), default=None)
    by_article: dict[str, float] = {}
    for item in items:
        if item.claim_id in cues and item.claim_id in assigned:
            by_article.setdefault(item.article_id, assigned[item.claim_id])
    for item in items:
        index = by_article.get(item.article_id)
        c = item.claim
        if index is None or item.claim_id in assigned or c.event not in PRE_ORDER_EVENTS or _is_signing(item):
            continue
        year = _year(item)
        if year is None or latest_anchor is None or year > latest_anchor:
            assigned[item.claim_id] = index
            reasons[item.claim_id] = "its article is about a new order: its talks and offers serve it"


def _fitting(item: Evidence, orders: list[_Order], counts: Mapping[float, list[tuple[int, str]]],
             signed_in: Mapping[str, set[float]]) -> list[_Order]:
    """The orders a claim without a cue can join across articles.

    An undated signing joins the orders whose signed counts fit its own. A delivery cannot be of an
    order signed for fewer items than it delivers (in the same unit), and a delivery its sentence
    does not date cannot be of an order its own article reports signed: an order just signed has
    delivered nothing yet ("signed for 12 guns on Monday ... has already taken delivery of 24"). A
    claim that fits none keeps every order open (a signing's disagreement then shows as a conflict).
    """
    count = _counts(item)
    if _is_signing(item):
        if count is None:
            return orders
        fit = [o for o in orders if o.anchor is None or all(_is_one_count(count, c) for c in counts.get(o.index, []))]
    elif item.claim.event in ("delivery", "completion") and not item.claim.denied:
        fit = [o for o in orders if not (count is not None and _is_fewer(counts.get(o.index, []), count))
               and not (_year(item) is None and o.index in signed_in.get(item.article_id, set()))]
    else:
        return orders
    return fit if any(o.anchor is not None for o in fit) else orders


def _is_fewer(signed: Sequence[tuple[int, str]], delivered: tuple[int, str]) -> bool:
    """Whether an order's signed counts (in the delivery's unit) are all short of what was delivered."""
    same_unit = [n for n, unit in signed if unit == delivered[1]]
    return bool(same_unit) and max(same_unit) < delivered[0]


def _is_year_after(later: str, signed: str) -> bool:
    """Whether a date is more than a year after a signing (by month where both name one)."""
    gap_years = int(later[:4]) - int(signed[:4])
    if len(later) >= 7 and len(signed) >= 7:
        return gap_years * 12 + int(later[5:7]) - int(signed[5:7]) > 12
    return gap_years > ORDER_YEAR_GAP


def _talks_after_signing(item: Evidence, orders: list[_Order], signed_on: Mapping[float, str],
                         assigned: Mapping[str, float], items: Sequence[Evidence]) -> tuple[float, str] | None:
    """Place talks, offers or an end of talks told after a signing, or None to place it as any claim.

    Talks or offers reported more than a year after the last order was signed (and before no other
    signing) are a prospective order, not that order. An end of talks after a signing ends the
    latest unsigned talks reported before it, else talks of their own: never the signed order. The
    group's prospective order is returned as -1.
    """
    when = _reported_on(item)
    signings = [signed_on[o.index] for o in orders if o.index in signed_on]
    before = [d for d in signings if when is not None and not _is_before(when, d)]
    if when is None or not before:
        return None
    last = max(before)
    if is_end_of_talks(item.claim):
        talks = [(_reported_on(i) or "", assigned[i.claim_id]) for i in items if i.claim_id in assigned
                 and assigned[i.claim_id] not in signed_on and i.claim.event in ("interest", "negotiation")
                 and not _is_before(when, _reported_on(i) or "")]
        if talks:
            return max(talks)[1], f"ends talks reported before it, after the {last} signing: those talks' order"
        return -1.0, f"ends talks after the {last} signing: talks of their own, not the signed order"
    is_talk = item.claim.event in PRE_ORDER_EVENTS and not _is_signing(item)
    if is_talk and len(before) == len(signings) and _is_year_after(when, last):
        return -1.0, (f"{item.claim.event} of {when}, more than a year after the last signing ({last}): "
                      "a prospective order")
    return None


def _place(item: Evidence, orders: list[_Order]) -> tuple[float, str]:
    """Place a claim without a cue: talks precede an order, deliveries follow one."""
    # In time order: a follow-on numbered after a later order's signing still comes before it.
    anchored = sorted((o for o in orders if o.anchor is not None), key=lambda o: (o.anchor or 0, o.index))
    when = _when(item)
    if not anchored:
        return orders[0].index, ("no signing dates its order: the group's first order" if len(orders) > 1
                                 else "the only order of this supplier, recipient and system")
    if when is None:
        return orders[0].index, "undated: the first order"
    if item.claim.event in PRE_ORDER_EVENTS and not _is_signing(item):
        later = [o for o in anchored if o.anchor is not None and o.anchor >= when]
        if later:
            return later[0].index, f"{item.claim.event} of {when}, before the {later[0].anchor} signing"
        return anchored[-1].index, f"{item.claim.event} of {when}, after the last signing ({anchored[-1].anchor})"
    earlier = [o for o in anchored if o.anchor is not None and o.anchor <= when]
    if earlier:
        return earlier[-1].index, f"{item.claim.event} of {when}, after the {earlier[-1].anchor} signing"
    return anchored[0].index, f"{item.claim.event} of {when}, before any signing: the first order"


def _counts(item: Evidence) -> tuple[int, str] | None:
    q = item.claim.quantity
    return (q.value, q.unit) if q is not None and q.bound is None and q.value > 0 else None


def _dated(item: Evidence) -> str | None:
    """The signing's date, when it names a month or a day (a year alone can be either order's)."""
    date = item.claim.date
    return date.value if date is not None and date.year is not None and date.precision != "year" else None


def _is_one_date(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _is_one_count(a: tuple[int, str], b: tuple[int, str]) -> bool:
    if a[1] != b[1]:
        return True  # other units: nothing to tell them apart by
    low, high = sorted((a[0], b[0]))
    return high < low * QUANTITY_RATIO


@dataclass
class _Signed:
    """Signings of one order: their dates and counts, and every claim placed with them."""

    dates: list[str]
    counts: list[tuple[int, str]]
    members: list[tuple[Evidence, str]]


def _part_by_quantity(order: list[tuple[Evidence, str]]) -> list[list[tuple[Evidence, str]]]:
    """Part an order whose signings, on different dates, state counts that cannot be one order's."""
    signings = sorted(((i, why) for i, why in order if _is_signing(i) and _counts(i) and _dated(i)),
                      key=lambda pair: _dated(pair[0]) or "")
    parts: list[_Signed] = []
    for item, why in signings:
        date, count = _dated(item), _counts(item)
        assert date is not None and count is not None
        home = next((p for p in parts if any(_is_one_date(date, d) for d in p.dates)
                     or any(_is_one_count(count, c) for c in p.counts)), None)
        if home is None:
            if parts:
                first = parts[0]
                why = (f"signed {date} for {count[0]} {count[1]}: not one order with the {first.dates[0]} "
                       f"signing for {first.counts[0][0]} {first.counts[0][1]}")
            parts.append(_Signed([date], [count], [(item, why)]))
        else:
            home.dates.append(date)
            home.counts.append(count)
            home.members.append((item, why))
    if len(parts) < 2:
        return [order]
    placed = {id(i) for p in parts for i, _ in p.members}
    by_article: dict[str, set[int]] = defaultdict(set)
    for n, part in enumerate(parts):
        for item, _ in part.members:
            by_article[item.article_id].add(n)
    for item, why in order:
        if id(item) in placed:
            continue
        n = _nearest_part(item, parts, by_article)
        parts[n].members.append((item, f"{why}; with the {parts[n].dates[0]} signing"))
    rank = {id(i): k for k, (i, _) in enumerate(order)}
    return [sorted(p.members, key=lambda pair: rank[id(pair[0])]) for p in parts]


def _nearest_part(item: Evidence, parts: list[_Signed], by_article: Mapping[str, set[int]]) -> int:
    """The part a claim serves: its article's, else by date (talks before a signing, deliveries after)."""
    own = by_article.get(item.article_id, set())
    if len(own) == 1:
        return next(iter(own))
    date = item.claim.date.value if item.claim.date and item.claim.date.year else (item.published or "")
    if not date:
        return 0
    starts = [p.dates[0] for p in parts]
    if item.claim.event in PRE_ORDER_EVENTS:
        later = [n for n, start in enumerate(starts) if start >= date[:len(start)]]
        return later[0] if later else len(parts) - 1
    earlier = [n for n, start in enumerate(starts) if start[:len(date)] <= date]
    return earlier[-1] if earlier else 0
