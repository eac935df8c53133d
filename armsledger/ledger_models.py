"""What the ledger answers: frozen dataclasses for deals, their figures, timelines and sources.

Every class has `to_record()`, a JSON-ready dict, so the CLI and the web render the same fields.
Dates are ISO 8601 strings at their own precision (`2017`, `2017-09`, `2019-07-12`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from armsledger.models import Money, Quantity

STATUSES: tuple[str, ...] = ("offered", "negotiating", "ordered", "delivering", "delivered", "cancelled")
"""A deal's status, in the order a deal usually passes through them (`cancelled` can end any)."""

FIGURES: tuple[str, ...] = ("quantity", "value", "ordered_on", "first_delivered_on", "completed_on")
"""The figures reconciled for each deal."""


def _plain(value: Any) -> Any:  # Any: walks dataclasses, lists and scalars of any type
    """Turn dataclasses, tuples and Decimals into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class _Record:
    """Mixin: `to_record()` for the frozen dataclasses below."""

    __slots__ = ()

    def to_record(self) -> dict[str, Any]:  # Any: JSON values
        """Return the object as a JSON-ready dict."""
        record = _plain(self)
        assert isinstance(record, dict)
        return record


@dataclass(frozen=True, slots=True)
class SourceRef(_Record):
    """One article that reports a value: which claim, which outlet, attributed to whom."""

    claim_id: str
    article_id: str
    outlet: str | None
    published: str | None
    source: str | None
    """Who the article attributes the claim to, or None."""
    independent_source: str
    """The outlet the article counts as (reconcile/outlets.py): a wire's copies share it and count once."""
    story: str | None = None
    """The article's syndication group: near-copies of one text, never in conflict with each other."""


@dataclass(frozen=True, slots=True)
class FigureValue(_Record):
    """One distinct value of a figure and the sources that give it."""

    value: str
    """The value as shown: `at least 6 battalion`, `USD 2500000000`, `2017-09`."""
    sources: list[SourceRef]
    normalized: str | None = None
    """The value in the figure's common unit (`4 battalion` for `2 regiment`), when converted."""
    kind: str | None = None
    """None for a contract-level figure; else what it is (`unit price`, `fleet size`, ...): kept as
    evidence, never the deal's figure (reconcile/kinds.py)."""


@dataclass(frozen=True, slots=True)
class Figure(_Record):
    """A deal's figure: the consensus (a value a source stated, in its unit), every distinct value,
    and whether sources disagree."""

    consensus: str | None
    values: list[FigureValue]
    has_conflict: bool
    conflict_note: str | None = None
    """How the disagreeing sources differ: `independent outlets`, or `one outlet at different dates`."""


@dataclass(frozen=True, slots=True)
class DealIdentity(_Record):
    """What a deal is: its id, who supplies what to whom, and how far it has got. A Deal's and a DealRow's first fields."""

    id: str
    supplier: str
    recipient: str
    system: str | None
    system_family: str | None
    category: str | None
    status: str


@dataclass(frozen=True, slots=True)
class Deal(DealIdentity):
    """One order of one system family from a supplier to a recipient, reconciled from claims."""

    quantity: Quantity | None
    value: Money | None
    ordered_on: str | None
    first_delivered_on: str | None
    completed_on: str | None
    has_conflict: bool
    sources: int
    """How many independent sources (syndication groups) report the deal."""
    claims: int
    first_reported: str | None
    last_reported: str | None
    is_disputed: bool = False
    """A standing denial contradicts the events that earned the status (both sides under `denials`)."""
    expected: str | None = None
    """The planned events the status does not count, with their dates: `delivery 2025; completion 2026`."""
    has_denial: bool = False
    """A source denies one of the deal's claims (answered by a later report or not: see is_disputed)."""


@dataclass(frozen=True, slots=True)
class TimelineEvent(_Record):
    """One claim about a deal, placed on its timeline."""

    date: str | None
    event: str
    denied: bool
    planned: bool
    claim_id: str
    article_id: str
    source: str | None
    outlet: str | None
    evidence: str
    span: tuple[int, int]
    published: str | None = None
    reason: str | None = None
    """Why the claim was put in this deal."""


@dataclass(frozen=True, slots=True)
class ClaimSource(_Record):
    """A deal's claim with the article it came from: what an export cites for a figure."""

    claim_id: str
    event: str
    denied: bool
    planned: bool
    date: str | None
    published: str | None
    evidence: str
    """The sentence the claim was read from."""
    article_id: str
    outlet: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Denial(_Record):
    """A claim that denies an event, set against the claims reporting that event."""

    claim: TimelineEvent
    denies: list[TimelineEvent]


@dataclass(frozen=True, slots=True)
class DealDetail(_Record):
    """A deal with its timeline, its figures and its denials."""

    deal: Deal
    timeline: list[TimelineEvent]
    figures: dict[str, Figure]
    denials: list[Denial]


@dataclass(frozen=True, slots=True)
class Conflict(_Record):
    """A figure on which independent sources disagree."""

    deal_id: str
    figure: str
    values: list[FigureValue]
    reported_on: str | None
    """The latest publication date among the conflicting sources."""
    supplier: str = ""
    recipient: str = ""
    system: str | None = None
    note: str | None = None
    """How the sources differ: `independent outlets`, or `one outlet at different dates`."""


@dataclass(frozen=True, slots=True)
class StoredClaim(_Record):
    """A claim as stored, with the deal it was reconciled into."""

    id: str
    event: str
    supplier: str | None
    recipient: str | None
    system: str | None
    system_family: str | None
    denied: bool
    planned: bool
    quantity: Quantity | None
    value: Money | None
    date: str | None
    source: str | None
    evidence: str
    span: tuple[int, int]
    rule: str
    deal_id: str | None


@dataclass(frozen=True, slots=True)
class StoredArticle(_Record):
    """An article as stored: its cleaned text, metadata, claims and syndication links."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    published_precision: str | None
    published_source: str | None
    text: str
    content_hash: str
    copy_of: str | None
    """The article this one is a near-duplicate (wire copy) of, or None."""
    copies: list[str]
    """Articles that are near-duplicates of this one."""
    claims: list[StoredClaim]


@dataclass(frozen=True, slots=True)
class Flow(_Record):
    """Deals from one supplier to one recipient."""

    supplier: str
    recipient: str
    deals: int


@dataclass(frozen=True, slots=True)
class YearCount(_Record):
    """Deals of one status first dated in one year (ordered, else first delivered, else first reported)."""

    year: int | None
    """None for a deal with no date at all."""
    status: str
    deals: int


@dataclass(frozen=True, slots=True)
class ArticleEntry(_Record):
    """One line of the article index: an article's metadata and how many claims were read from it."""

    id: str
    outlet: str | None
    published: str | None
    title: str | None
    claims: int


@dataclass(frozen=True, slots=True)
class SystemEntry(_Record):
    """One line of the system index: a system family, its category and how many deals name it."""

    family: str
    category: str | None
    deals: int


@dataclass(frozen=True, slots=True)
class SystemView(_Record):
    """A weapon system: its catalogue facts (where the gazetteer knows it) and its deals."""

    system: str
    designation: str | None
    family: str | None
    category: str | None
    origin: str | None
    deals: list[Deal]


@dataclass(frozen=True, slots=True)
class IngestSummary(_Record):
    """What one ingest run did."""

    articles_read: int
    articles_skipped: int
    """Already stored with the same content: nothing to do."""
    duplicates: int
    """Same content as a stored article under another id: not stored again."""
    syndicated: int
    """Near-duplicates of a stored article (wire copies): stored and linked."""
    claims: int
    deals_touched: int
    errors: int = 0
    replaced: int = 0
    """Stored before under the same id, stored again: new content, or re-extracted on request."""


@dataclass(frozen=True, slots=True)
class NewItem(_Record):
    """A deal, conflict or denial that a poll of `armsledger watch` found new, and where."""

    kind: str
    """`deal`, `conflict` or `denial`."""
    deal_id: str
    item: str
    """What is new: the deal id, `deal#figure` for a conflict, `deal#claim` for a denial."""
    seen_at: str
    """When it was first seen (ISO 8601, UTC)."""
    poll: int
    feed: str
    """The watched URL whose articles made it."""
    supplier: str | None = None
    recipient: str | None = None
    system: str | None = None
    status: str | None = None
    figure: str | None = None
    """For a conflict: the figure sources disagree on."""
    values: tuple[str, ...] = ()
    """For a conflict: the values they give."""
    evidence: str | None = None
    """For a denial: the sentence that denies."""
    article_id: str | None = None
    """For a denial: the article of that sentence."""


@dataclass(frozen=True, slots=True)
class NewsView(_Record):
    """What the watch found new after a time: the web's /new page."""

    since: str | None
    """The time the items are new after; the last poll's start by default (None: no poll yet)."""
    last_poll: str | None
    items: list[NewItem]
