"""Compare the ledger with SIPRI's trade register, honestly.

A deal and a SIPRI row are one order when supplier and recipient are the same, the systems are of
one family (the catalogue's, or the same designation written SIPRI's way: `K9` and `K-9 Thunder
155mm`), and the order years fall within ORDER_YEAR_WINDOW; among candidates, the nearest year, the
closest quantity and a compatible status win. Only deals at ordered or later are paired: SIPRI lists
orders, not talks; a deal the news reports cancelled is never a match, and is listed apart with the
SIPRI row of its order, if any (SIPRI may show deliveries the news says will not come). A field blank
on both sides is no difference.

The comparison gives three lists, each with its evidence: SIPRI rows the ledger lacks (with how many
stored articles name the system at all), ledger deals SIPRI lacks (with their sentences), and the
pairs whose figures or status differ.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from armsledger.export import sipri_count
from armsledger.ledger_models import Deal, TimelineEvent, _Record
from armsledger.mentions.categories import category_classes
from armsledger.sipri.rows import SipriRow

ORDER_YEAR_WINDOW = 2
"""Order years at most this far apart can be one order: news dates a decision or a signing, SIPRI the
contract, and the two are often a year or two apart."""
DELIVERY_LEAD_YEARS = 6
"""A deal known only by its deliveries or reports pairs with rows ordered up to this many years before."""
PRE_ORDER_STATUSES = ("offered", "negotiating")
NOT_TRANSFERRED = ("cancelled",)
"""Statuses by which the news says the order will not be carried out: never a match with a SIPRI row."""

SAME, DIFFERS, BOTH_BLANK, NEWS_ONLY, SIPRI_ONLY = "same", "differs", "both blank", "news only", "SIPRI only"
OTHER_CURRENCY = "other currency"
"""Values in two currencies: not compared (no exchange rate is assumed), so no difference."""
DISPUTED = "disputed"
"""The news reports the deal's status and a standing denial of it: not the same as SIPRI's, whatever SIPRI says."""
SIPRI_FURTHER = "SIPRI further"
"""SIPRI shows the order further on (delivered where the news last said delivering): its data are newer."""


@dataclass(frozen=True, slots=True)
class Difference(_Record):
    """One field of a deal and its SIPRI row: both values and how they compare (`state`)."""

    field: str
    news: str | None
    sipri: str | None
    is_same: bool
    """True when the values agree or both are blank: no difference."""
    state: str = SAME
    """`same`, `differs`, `both blank`, `news only` or `SIPRI only`."""


@dataclass(frozen=True, slots=True)
class Match(_Record):
    """A deal and the SIPRI row it lines up with, field by field."""

    deal: Deal
    row: SipriRow
    fields: list[Difference]

    @property
    def differs(self) -> bool:
        """Whether a figure or the status differs, or the news disputes its status (a value only one side
        gives is no difference)."""
        return any(f.state in (DIFFERS, DISPUTED) for f in self.fields)


@dataclass(frozen=True, slots=True)
class NewsOnly(_Record):
    """A deal at ordered or later that SIPRI does not list, with the sentences that report it."""

    deal: Deal
    evidence: list[TimelineEvent]


@dataclass(frozen=True, slots=True)
class SipriOnly(_Record):
    """A SIPRI row the ledger has no deal for, and whether the stored articles name its system."""

    row: SipriRow
    articles: int
    """Stored articles with a claim about the row's system family."""
    articles_with_parties: int
    """Of those, the articles with a claim naming the row's supplier and recipient too."""


@dataclass(frozen=True, slots=True)
class Cancelled(_Record):
    """A deal the news reports cancelled, and the SIPRI row of its order, if SIPRI lists one.

    Never a match: where SIPRI records the order (and perhaps deliveries), the news and SIPRI disagree
    on whether it is carried out, and both are shown.
    """

    deal: Deal
    row: SipriRow | None
    evidence: list[TimelineEvent]
    """The deal's cancellation sentences (its whole timeline when none is stored)."""


@dataclass(frozen=True, slots=True)
class SipriDiff(_Record):
    """The ledger and SIPRI side by side: every pair, and the three lists."""

    matches: list[Match] = field(default_factory=list)
    news_only: list[NewsOnly] = field(default_factory=list)
    sipri_only: list[SipriOnly] = field(default_factory=list)
    differing: list[Match] = field(default_factory=list)
    """The pairs whose figures or status differ."""
    cancelled: list[Cancelled] = field(default_factory=list)
    """Deals the news reports cancelled, each with the SIPRI row of its order if there is one."""


def fold(name: str) -> str:
    """Return a designation in comparable form: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def family_index(families: Collection[str], *, family_of: Callable[[str], str | None],
                 category_of: Callable[[str], str | None] = lambda family: None
                 ) -> Callable[[SipriRow], str | None]:
    """Return a function giving the family, among these, that a SIPRI row's system belongs to, or None.

    By the catalogue first (the row's resolved system, else its designation), else by name: the
    designation written SIPRI's way, or its words from one on, starts with the family's (`S-400
    Triumf`, `K-9 Thunder 155mm`, `PJ-10 BrahMos` are `S-400`, `K9`, `BrahMos`), no digit follows
    (`S-4000` is not `S-400`), and where the family's
    category is known, SIPRI's description is of the same class (`M-1 Sokol`, a light aircraft, is
    no `M-1` tank).
    """
    wanted = set(families)
    folded = {fold(f): f for f in wanted if fold(f)}
    cache: dict[tuple[str | None, str], str | None] = {}

    def find(row: SipriRow) -> str | None:
        key = (row.system, row.designation)
        if key not in cache:
            cache[key] = _find(row)
        return cache[key]

    def _find(row: SipriRow) -> str | None:
        for name in (row.system, row.designation):
            found = family_of(name) if name else None
            if found in wanted:
                return found
        words = row.designation.split()
        # From each word on: "PJ-10 BrahMos" is BrahMos as well as PJ-10 (licence production's names).
        for start in range(len(words)):
            long = fold(" ".join(words[start:]))
            for end in range(len(long), 0, -1):
                if long[:end] in folded and (end == len(long) or not long[end].isdigit()):
                    family = folded[long[:end]]
                    return family if _is_same_class(category_of(family), row.description) else None
        return None

    return find


def _is_same_class(category: str | None, description: str) -> bool:
    """Whether a catalogue category and a SIPRI description name one class of weapon (unknown: yes)."""
    if not category or not description:
        return True
    ours, theirs = category_classes(category), category_classes(description)
    return not ours or not theirs or not ours.isdisjoint(theirs)


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


UNDATED = ORDER_YEAR_WINDOW + 2
"""The year gap given to a deal no date places: it pairs last, and only on the same number."""


SAME_NUMBER_WINDOW = ORDER_YEAR_WINDOW + 2
"""Order years this far apart still pair when deal and row count the same number of items."""


def _year_gap(deal: Deal, row: SipriRow, *, is_same_number: bool = False) -> int | None:
    """How far apart the order years are, or None when the row cannot be this deal's order."""
    ordered = _year(deal.ordered_on)
    if row.ordered_year is None:
        return ORDER_YEAR_WINDOW
    if ordered is not None:
        gap = abs(ordered - row.ordered_year)
        return gap if gap <= (SAME_NUMBER_WINDOW if is_same_number else ORDER_YEAR_WINDOW) else None
    later = _year(deal.first_delivered_on) or _year(deal.first_reported)
    if later is None:
        return UNDATED
    if later - DELIVERY_LEAD_YEARS <= row.ordered_year <= later + 1:
        return ORDER_YEAR_WINDOW + 1
    return None


_STAGES = ("offered", "negotiating", "ordered", "delivering", "delivered")


def _stage(status: str) -> int:
    return _STAGES.index(status) if status in _STAGES else len(_STAGES)


def _status_fit(deal: Deal, row: SipriRow) -> int:
    """0 for the same status, 1 when SIPRI is further on (its data are newer), 2 when the news is."""
    ours, theirs = _stage(deal.status), _stage(sipri_status(row))
    return 0 if ours == theirs else 1 if ours < theirs else 2


def _number(deal: Deal, battalions_per_regiment: int) -> int | None:
    q = deal.quantity
    return None if q is None else sipri_count(q.value, q.unit, battalions_per_regiment=battalions_per_regiment)


def _quantity_fit(deal: Deal, row: SipriRow, battalions_per_regiment: int) -> int:
    """0 for the same number, 1 when either is unknown, 2 when close, 3 when far apart."""
    number = _number(deal, battalions_per_regiment)
    if number is None or row.quantity_ordered is None:
        return 1
    if number == row.quantity_ordered:
        return 0
    low, high = sorted((number, row.quantity_ordered))
    return 2 if high <= low * 1.5 else 3


def sipri_status(row: SipriRow) -> str:
    """Return the status a SIPRI row shows, in the ledger's words."""
    if not row.delivery_years:
        return "ordered"
    if row.quantity_ordered is not None and row.quantity_delivered is not None \
            and row.quantity_delivered >= row.quantity_ordered:
        return "delivered"
    return "delivering"


def line_up(deals: Sequence[Deal], rows: Sequence[SipriRow], *, row_family: Callable[[SipriRow], str | None],
            battalions_per_regiment: int = 2) -> tuple[list[tuple[Deal, SipriRow]], list[Deal], list[SipriRow]]:
    """Pair deals at ordered or later, and not cancelled, with SIPRI rows of one order, best pairs first.

    Returns:
        (pairs, deals at ordered or later and not cancelled without a row, rows without a deal).
    """
    live = [d for d in deals if d.status not in PRE_ORDER_STATUSES and d.status not in NOT_TRANSFERRED]
    pairs = _pair(live, rows, row_family=row_family, battalions_per_regiment=battalions_per_regiment)
    used_deals, used_rows = {d.id for d, _ in pairs}, {r.line for _, r in pairs}
    lonely = [d for d in live if d.id not in used_deals]
    return pairs, lonely, [r for r in rows if r.line not in used_rows]


def line_up_cancelled(deals: Sequence[Deal], rows: Sequence[SipriRow], *,
                      row_family: Callable[[SipriRow], str | None],
                      battalions_per_regiment: int = 2) -> list[tuple[Deal, SipriRow | None]]:
    """Find the SIPRI row of each cancelled deal's order, by the same tests as line_up, or None."""
    cancelled = [d for d in deals if d.status in NOT_TRANSFERRED]
    found = {d.id: r for d, r in _pair(cancelled, rows, row_family=row_family,
                                       battalions_per_regiment=battalions_per_regiment)}
    return [(d, found.get(d.id)) for d in cancelled]


def _pair(deals: Sequence[Deal], rows: Sequence[SipriRow], *, row_family: Callable[[SipriRow], str | None],
          battalions_per_regiment: int) -> list[tuple[Deal, SipriRow]]:
    """Pair each deal with at most one row of its order, and each row with at most one deal."""
    candidates: list[tuple[tuple[int, int, int, int, str], Deal, SipriRow]] = []
    for deal in deals:
        family = deal.system_family or deal.system
        for row in rows:
            if (row.supplier, row.recipient) != (deal.supplier, deal.recipient) or family is None:
                continue
            if row_family(row) != family:
                continue
            quantity_fit = _quantity_fit(deal, row, battalions_per_regiment)
            gap = _year_gap(deal, row, is_same_number=quantity_fit == 0)
            if gap is None:
                continue
            if gap == UNDATED and quantity_fit != 0:
                continue  # nothing dates the deal: only the same number makes it this row's order
            score = (gap, quantity_fit, _status_fit(deal, row), row.line, deal.id)
            candidates.append((score, deal, row))
    pairs: list[tuple[Deal, SipriRow]] = []
    used_deals: set[str] = set()
    used_rows: set[int] = set()
    for _, deal, row in sorted(candidates, key=lambda c: c[0]):
        if deal.id in used_deals or row.line in used_rows:
            continue
        pairs.append((deal, row))
        used_deals.add(deal.id)
        used_rows.add(row.line)
    pairs.sort(key=lambda p: p[0].id)
    return pairs


def _difference(name: str, news: str | None, sipri: str | None, agree: bool) -> Difference:
    if news is None and sipri is None:
        return Difference(name, None, None, True, BOTH_BLANK)
    if news is None:
        return Difference(name, None, sipri, False, SIPRI_ONLY)
    if sipri is None:
        return Difference(name, news, None, False, NEWS_ONLY)
    return Difference(name, news, sipri, agree, SAME if agree else DIFFERS)


def compare(deal: Deal, row: SipriRow, *, battalions_per_regiment: int) -> list[Difference]:
    """Compare a deal with its SIPRI row: order year, number ordered, value, first delivery, status."""
    q = deal.quantity
    number = _number(deal, battalions_per_regiment)
    unit = "battalion" if q and q.unit == "regiment" else q.unit if q else ""
    money = deal.value
    usd = money.amount if money and money.currency == "USD" else None
    delivered = deal.first_delivered_on[:4] if deal.first_delivered_on else None
    first_sipri = str(min(row.delivery_years)) if row.delivery_years else None
    # Money compares only in dollars, SIPRI's currency; a value in another currency is no difference.
    money_news = f"{money.bound + ' ' if money.bound else ''}{money.currency} {money.amount:f}" if money else None
    money_sipri = f"{row.value_currency} {row.value_amount:f}" if row.value_amount is not None else None
    money_same = usd is not None and row.value_amount is not None and row.value_currency == "USD" \
        and abs(usd - row.value_amount) <= row.value_amount * Decimal("0.05")
    value = _difference("value", money_news, money_sipri, money_same)
    if money and row.value_amount is not None and money.currency != row.value_currency:
        value = Difference("value", money_news, money_sipri, False, OTHER_CURRENCY)
    status = _difference("status", deal.status, sipri_status(row), deal.status == sipri_status(row))
    if _status_fit(deal, row) == 1:
        status = Difference("status", deal.status, sipri_status(row), False, SIPRI_FURTHER)
    if deal.is_disputed:  # a standing denial: the news does not say it happened, so it cannot agree
        status = Difference("status", f"{deal.status}, disputed", sipri_status(row), False, DISPUTED)
    return [
        _difference("ordered_on", deal.ordered_on, _flag(row.ordered_year, row.is_ordered_year_uncertain),
                    deal.ordered_on is not None and deal.ordered_on[:4] == str(row.ordered_year)),
        _difference("quantity", f"{q.bound + ' ' if q and q.bound else ''}{number} {unit}" if q else None,
                    _flag(row.quantity_ordered, row.is_quantity_uncertain),
                    number is not None and number == row.quantity_ordered),
        value,
        _difference("first_delivered_on", deal.first_delivered_on, first_sipri,
                    delivered is not None and delivered == first_sipri),
        status,
    ]


def _flag(value: int | None, is_uncertain: bool) -> str | None:
    return None if value is None else f"{value}{'?' if is_uncertain else ''}"
