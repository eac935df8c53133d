"""What an article is about so far: the memory a reader carries from sentence to sentence.

A sentence that leaves its system or parties unsaid ("Deliveries reportedly began on July 12, 2019.")
takes them from here; each sentence read updates it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from armsledger.claims import parties as _parties
from armsledger.claims.attribution import is_person
from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Mention

SYSTEM_MEMORY_SENTENCES = 4
"""How many sentences a system named earlier stays the topic for a sentence that names none
("Deliveries reportedly began on July 12, 2019."). Chosen on the seeds, where the gap is at most 3;
re-run the eval gate and the BBC false-positive count after a change."""

REFERENCE_BEFORE = re.compile(
    r"(?:(?:compet\w*|bid\w*|pitted)\s+against|rival\s+to|alongside|next\s+to|besides)\s+(?:the\s+)?(?:\w+\s+){0,4}$"
    r"|\balongside\s+[^.;]{0,60}\band\s+(?:the\s+)?(?:\w+\s+){0,2}$|(?:modification|version|variant|derivative|successor|upgrade|replacement|rival|competitor)s?\s+(?:of|to|for)"
    r"\s+(?:the\s+)?$|(?:rather\s+than|instead\s+of|unlike|similar\s+to|compared\s+(?:to|with)|"
    r"equivalent\s+of|replac(?:e|es|ed|ing)\b[^.;:]{0,70})\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NON_ARMS_TOPIC = re.compile(
    r"\b(?:nuclear\s+(?:deal|programme|program|talks|agreement)|oil|gas|energy|trade|tariffs?|peace|ceasefire|truce|"
    r"investment|loan|debt|grain|climate|prisoners?|hostages?|visas?|sanctions|embargo|exercises?|drills?|"
    r"airlines?|airliners?|jetliners?|passengers?|troops|soldiers|peacekeepers|civilian|commercial|carriers?\s+(?:air|airline)|civil(?:ian)?\s+aircraft)\b", re.IGNORECASE)
"""Deals and talks about something other than arms: a system named earlier is not carried into them."""


@dataclass(slots=True)
class Discourse:
    """What the article is about so far: carried into sentences that leave it unsaid."""

    system: Mention | None = None
    system_age: int = 99
    recent: list[Mention] = field(default_factory=list)
    """Systems named lately, newest last, for a generic noun that fits an older one ("the jets")."""
    supplier: str | None = None
    recipient: str | None = None
    event: str | None = None
    """The event of the last claim: a formal act that follows ("the acceptance certificate was
    signed") belongs to it."""
    subject: str | None = None
    recipients: dict[str, set[str]] = field(default_factory=dict)
    """The recipients each system was claimed for so far, by system id."""
    last_person: str | None = None
    notes: list[str] = field(default_factory=list)




def carried_system(clause: str, local: list[Mention], discourse: Discourse,
                   gazetteers: Gazetteers) -> Mention | None:
    """Return the system a clause that names none speaks of, from what the article was about.

    None when nothing recent fits: the clause is about another topic ("an interim nuclear deal"),
    names arms of another maker ("16 Russian helicopters", "APCs from China") or a generic noun
    no recent system fits ("100 of the jets" after a SAM system).
    """
    if discourse.system is None or discourse.system_age > SYSTEM_MEMORY_SENTENCES:
        return None
    if _NON_ARMS_TOPIC.search(clause) or _other_arms(clause, local, discourse.system, gazetteers):
        return None
    system = _fitting(clause, discourse, gazetteers)
    if system is None:
        return None
    known = discourse.recipients.get(system.entity, set()) | {gazetteers.systems[system.entity].origin}
    named = {m.state for m in local if m.kind != "system" and m.state}
    if named and not named & known and not _ANAPHOR.search(clause):
        return None  # the clause is about other states, and nothing in it points back to the system
    return system


_ANAPHOR = re.compile(
    r"\b(?:it|they|them)\b|\b(?:the|these|those|this|that|same|such)\s+(?:\w+\s+)?(?:system|systems|jets?|aircraft|"
    r"missiles|ships|frigates|submarines|tanks|helicopters|drones|deliveries|delivery|deal|contract|order|batch)\b",
    re.IGNORECASE)
"""Words that point back to what was said before ("the system", "these jets", "it")."""


def remember(text: str, mentions: list[Mention], discourse: Discourse, claims: list[Claim],
             source: str | None) -> None:
    """Update what the article is about after a sentence (mentions relative to its text)."""
    discourse.system_age += 1
    named = [m for m in mentions if m.kind == "system"
             and not REFERENCE_BEFORE.search(text[max(0, m.start - 80):m.start])]
    if named:
        discourse.system = named[-1]
        discourse.system_age = 0
        discourse.recent = (discourse.recent + named)[-6:]
    for claim, mention in ((c, m) for c in claims for m in [*mentions, *discourse.recent]
                           if c.system and c.recipient and _names_designation(m, c.system)):
        discourse.recipients.setdefault(mention.entity, set()).add(claim.recipient)  # type: ignore[arg-type]
    if claims:
        discourse.supplier, discourse.recipient = claims[-1].supplier, claims[-1].recipient
        discourse.event = claims[-1].event
        claimed = [m for m in named if claims[-1].system and m.text and
                   _names_designation(m, claims[-1].system)]
        if claimed:
            discourse.system = claimed[-1]
        discourse.system_age = 0 if discourse.system else discourse.system_age
    subjects = [m for m in mentions if m.state and m.kind != "system" and m.role != "demonym"]
    if subjects:
        first = subjects[0]
        words = re.findall(r"[\w']+", text[:first.start].lower())
        if not words or words[-1] not in _parties.PREPOSITIONS:
            discourse.subject = first.state
    if source and is_person(source):
        discourse.last_person = source


def _other_arms(clause: str, local: list[Mention], carried: Mention, gazetteers: Gazetteers) -> bool:
    """True when the clause names unnamed arms of another maker ("16 Russian helicopters") than the
    system carried from earlier sentences: then it speaks of something else."""
    makers = _parties.generic_origin(clause, local)
    makers += [m.state for m in local if m.state and m.kind == "state"
               and re.search(r"\bfrom\s+(?:the\s+)?$", clause[max(0, m.start - 12):m.start], re.IGNORECASE)]
    origin = gazetteers.systems[carried.entity].origin
    return bool(makers) and origin not in makers


_NOUN_CATEGORIES = (
    (re.compile(r"\b(?:jets?|fighters?|aircraft|planes?|warplanes?|bombers?)\b", re.IGNORECASE), ("aircraft",)),
    (re.compile(r"\bhelicopters?\b", re.IGNORECASE), ("helicopter",)),
    (re.compile(r"\b(?:ships?|vessels?|frigates?|corvettes?|destroyers?|submarines?|warships?|boats?)\b", re.IGNORECASE),
     ("ship", "frigate", "corvette", "destroyer", "submarine", "boat", "craft")),
    (re.compile(r"\b(?:air[\s-]+defen[cs]e|missile[\s-]+defen[cs]e|batter(?:y|ies)|interceptors?)\b", re.IGNORECASE),
     ("SAM", "air defence", "missile")),
    (re.compile(r"\btanks?\b", re.IGNORECASE), ("tank",)),
    (re.compile(r"\b(?:armou?red\s+(?:personnel\s+carriers?|vehicles?)|APCs?|IFVs?|infantry\s+fighting\s+vehicles?)\b"),
     ("APC", "vehicle", "armoured")),
    (re.compile(r"\b(?:drones?|UAVs?|UCAVs?)\b"), ("UAV",)),
    (re.compile(r"\b(?:howitzers?|guns?)\b", re.IGNORECASE), ("gun", "howitzer", "artillery")),
)
"""Generic nouns and the catalogue categories they can stand for ("the jets" is no SAM system)."""


_GENERIC_OBJECT = re.compile(
    r"\b(?:sell|sells|sold|selling|supply|supplies|supplied|supplying|provide|provides|provided|providing|buy|buys|"
    r"bought|buying|procure\w*|acquir\w+|deliver\w*|send\w*|sent|transfer\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:weapons|arms|weaponry|ammunition|munitions|military\s+(?:hardware|equipment))\b", re.IGNORECASE)


def _fitting(clause: str, discourse: Discourse, gazetteers: Gazetteers) -> Mention | None:
    """Return the recent system a clause's generic noun can stand for; the latest if it has none."""
    assert discourse.system is not None
    if _GENERIC_OBJECT.search(clause):
        return None  # "sell weapons to": arms in general, not the system named earlier
    for noun, categories in _NOUN_CATEGORIES:
        if noun.search(clause):
            for m in reversed([*discourse.recent, discourse.system]):
                if any(c in gazetteers.systems[m.entity].category for c in categories):
                    return m
            return None
    return discourse.system


def _names_designation(m: Mention, designation: str) -> bool:
    """True when a mention's text names the given designation (for the claim's own system)."""
    return designation.lower().replace("-", "") in m.text.lower().replace("-", "")
