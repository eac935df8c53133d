"""The data that flows through the pipeline: frozen dataclasses, one per stage's output.

Article (read) -> Document (cleaned) -> Mention (detected) -> Claim (extracted) -> deals (reconciled).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

EVENTS: tuple[str, ...] = ("interest", "negotiation", "agreement", "delivery", "completion", "cancellation")
"""The six claim events of FORMAT.md, in the order a deal usually passes through them."""

UNITS: tuple[str, ...] = ("battalion", "battery", "regiment", "unit", "missile")
"""The quantity units of FORMAT.md."""

Precision = Literal["year", "month", "day"]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to some precision: `2019`, `2019-07`, `2019-07-12`.

    A dateline such as "MOSCOW, March 16" gives month and day without the year: then
    `year` is None and `value` reads `--03-16` (ISO 8601's form for a date without year).
    """

    value: str
    precision: Precision
    source: str = ""
    """Where it came from: `published`, `url`, `html-meta`, `header` (an "Updated ..." line or a
    byline date), `dateline`, or a rule name."""

    @property
    def year(self) -> int | None:
        """The year, or None when the date has none."""
        return None if self.value.startswith("--") else int(self.value[:4])


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a source, before cleaning."""

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    origin: str = ""
    """Where it was read: `path` or `path:line`; used in every error message about it."""


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: its body text without page furniture, and its metadata."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    """Character spans of the sentences of `text`, in order."""
    removed: tuple[str, ...] = ()
    """The furniture lines that cleaning removed, for --explain and debugging."""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """One catalogue entry found in a document's text."""

    kind: Literal["state", "org", "system"]
    entity: str
    """The entry id: an ISO 3166-1 alpha-2 code for a state, an organisation id, a system id."""
    start: int
    end: int
    text: str
    state: str | None = None
    """The state the mention stands for (a state, an organisation's home state) or, for a
    system, its origin state."""
    role: str = "name"
    """How it names its entry: `name`, `demonym`, `capital`, `agency`, `company`, `alias`, ..."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """How many items of a system, in one of UNITS."""

    value: int
    unit: str
    bound: str | None = None
    """`at least`, `more than`, `up to`, `about`, or None for an exact figure."""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Money:
    """A contract value: the amount in its currency's units, and the words it was read from."""

    amount: Decimal
    currency: str
    bound: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement, in one document, that an arms-transfer event happened, will or did not.

    The first fields are FORMAT.md's; `span`, `rule`, `trigger` and `gazetteer_version` are its
    provenance: which words of which sentence, read by which rule, with which catalogue.
    """

    doc: str
    event: str
    supplier: str | None
    recipient: str | None
    system: str | None
    evidence: str
    span: tuple[int, int]
    rule: str
    denied: bool = False
    planned: bool = False
    quantity: Quantity | None = None
    value: Money | None = None
    date: PartialDate | None = None
    source: str | None = None
    trigger: str = ""
    gazetteer_version: str = ""
    system_family: str | None = None
    notes: tuple[str, ...] = field(default=())
    """Why each party and figure was chosen, for --explain."""

    def to_record(self, *, explain: bool = False) -> dict[str, object]:
        """Return the claim as FORMAT.md's JSON object; with explain, add its provenance."""
        record: dict[str, object] = {
            "doc": self.doc,
            "event": self.event,
            "supplier": self.supplier,
            "recipient": self.recipient,
            "system": self.system,
            "denied": self.denied,
            "planned": self.planned,
            "quantity": None if self.quantity is None
            else {"value": self.quantity.value, "unit": self.quantity.unit},
            "value": None if self.value is None
            else {"amount": _json_number(self.value.amount), "currency": self.value.currency},
            "date": None if self.date is None else self.date.value,
            "source": self.source,
            "evidence": self.evidence,
            "span": list(self.span),
        }
        if explain:
            record["explain"] = {
                "rule": self.rule,
                "trigger": self.trigger,
                "gazetteer_version": self.gazetteer_version,
                "system_family": self.system_family,
                "quantity_text": self.quantity.text if self.quantity else None,
                "value_text": self.value.text if self.value else None,
                "date_precision": self.date.precision if self.date else None,
                "notes": list(self.notes),
            }
        return record


def _json_number(amount: Decimal) -> int | float:
    """Render a Decimal as an int when whole, else a float (JSON has no decimal type)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)
