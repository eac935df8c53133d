"""What resolving a reading needs beyond its sentence: the article's topic, the context, the item."""
from __future__ import annotations

from dataclasses import dataclass, field

from armsledger.claims.reading import Reading
from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Mention, PartialDate, Quantity

TOPIC_MEMORY_SENTENCES = 4
"""How many sentences a system stays the article's topic for a sentence that names none ("Deliveries
began in July."). Kept from the earlier reader (tuned on the seeds); re-run the eval report after a change."""


@dataclass(slots=True)
class Topic:
    """What the article is about so far, carried into sentences that leave it unsaid."""

    system: Mention | None = None
    system_age: int = 99
    supplier: str | None = None
    recipient: str | None = None
    claimed_system: str | None = None
    claim_age: int = 99
    subject: str | None = None
    """The state the last parsed sentence was about (its subject), for a pronoun that opens the next."""
    lead: Mention | None = None
    """The system of the article's first claim: what its deal nouns with no item are about."""
    headline_states: tuple[str, ...] = ()
    """The states the headline names, in order: what the article is about."""

    def step(self) -> None:
        """Age the topic by one sentence."""
        self.system_age += 1
        self.claim_age += 1

    def note_systems(self, systems: list[Mention]) -> None:
        """A sentence named systems: the last is the topic now."""
        if systems:
            self.system, self.system_age = systems[-1], 0

    def note_claim(self, claim: Claim, mention: Mention | None) -> None:
        """A claim was made: its parties are the topic's."""
        self.supplier, self.recipient, self.claimed_system = claim.supplier, claim.recipient, claim.system
        self.claim_age = 0
        if mention is not None:
            self.system, self.system_age = mention, 0
            if self.lead is None and not claim.denied:
                self.lead = mention


@dataclass(slots=True)
class Context:
    """What resolving needs beyond the sentence."""

    doc_id: str
    offset: int
    published: PartialDate | None
    gazetteers: Gazetteers
    topic: Topic
    source: str | None
    readings: list[Reading] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a reading transfers: a catalogued system, a name the catalogue lacks, or unnamed arms."""

    system: Mention | None
    name: str | None
    tokens: tuple[int, ...]
    quantity: Quantity | None
    how: str
    is_reference: bool = False
    """The item points back to the article's topic (a pronoun, "the jets", or no item at all)."""
    is_rejected: bool = False
    """Passed over for another ("picked X over Y": Y): interest, denied."""
    is_final: bool = False
    """The last of an order ("the last of 36 jets", "the remaining helicopters"): a delivery completes it."""
