"""Stage 4: extract(doc, mentions) -> list[Claim].

Sentences are read in order (claims/reader.py) with a discourse that carries the system and the
parties an article is about into sentences that leave them unsaid. The title is read for that
context only: headlines restate the body in a compressed, tense-less form. A document yields each
claim key (event, supplier, recipient, system, denied, planned) once, with the figures of all the
sentences that stated it.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left

from armsledger.claims.discourse import SYSTEM_MEMORY_SENTENCES, Discourse
from armsledger.claims.reader import SentenceContext, read_sentence
from armsledger.claims.triggers import Rules, load_rules
from armsledger.claims.vocabulary import GENERIC_ARMS
from armsledger.mentions import Gazetteers, detect
from armsledger.models import Claim, Document, Mention, PartialDate

__all__ = ["extract", "fold_claims"]

_ARMS_WORDS = re.compile(
    r"\b(?:" + GENERIC_ARMS + r"|"
    r"warships?|frigates?|corvettes?|submarines?|fighter\s+jets?|howitzers?|missiles?|helicopters?|drones?|"
    r"armou?red|tanks?|military|munitions|ammunition|rockets?|artillery)\b")
"""Unnamed arms: a document with neither these nor a catalogued system cannot hold a claim."""


def extract(doc: Document, mentions: list[Mention], *, gazetteers: Gazetteers, fold: bool = True) -> list[Claim]:
    """Return the arms-transfer claims of one document.

    Args:
        doc: the cleaned document, with its sentence spans.
        mentions: the catalogue mentions of `doc.text`, sorted by start (from `detect`).
        gazetteers: the catalogues the mentions came from (for systems' origin and designation).
        fold: True for one claim per key, with the figures of every sentence that stated it (FORMAT.md);
            False for every statement on its own, each with its own sentence and figures (the ledger
            keeps these, so that each figure links to the sentence it came from).

    Returns:
        The claims, in the order the document first states them.
    """
    if not any(m.kind == "system" for m in mentions) and not _ARMS_WORDS.search(doc.text):
        return []  # nothing for a claim to be about: most news, read in microseconds
    rules = load_rules()
    discourse = Discourse()
    if doc.title:
        title_doc = Document(id=doc.id, text=doc.title, sentences=((0, len(doc.title)),))
        _read_all(title_doc, detect(title_doc, gazetteers), discourse, rules=rules, gazetteers=gazetteers)
        discourse.system_age = 0 if discourse.system else 99
    claims = _read_all(doc, mentions, discourse, rules=rules, gazetteers=gazetteers)
    return fold_claims(claims) if fold else _distinct(claims)


def _read_all(doc: Document, mentions: list[Mention], discourse: Discourse, *, rules: Rules,
              gazetteers: Gazetteers) -> list[Claim]:
    starts = [m.start for m in mentions]
    out: list[Claim] = []
    for s0, s1 in doc.sentences:
        i, j = bisect_left(starts, s0), bisect_left(starts, s1)
        local = [m for m in mentions[i:j] if m.end <= s1]
        text = doc.text[s0:s1]
        if doc.title and s0 < 400 and text.strip() == doc.title.strip():
            continue  # the headline, read for context before the body
        ctx = SentenceContext(doc=doc.id, text=text, offset=s0,
                              mentions=[dataclasses.replace(m, start=m.start - s0, end=m.end - s0) for m in local],
                              published=doc.published)
        if not local and (not rules.cheap_event.search(text) or (
                not _has_recent_system(discourse) and not _ARMS_WORDS.search(text))):
            discourse.system_age += 1
            continue
        out.extend(read_sentence(ctx, discourse, rules=rules, gazetteers=gazetteers))
    return out


def fold_claims(claims: list[Claim]) -> list[Claim]:
    """Keep one claim per key; fill its missing figures and source from later statements of it."""
    folded: dict[tuple[object, ...], Claim] = {}
    for claim in claims:
        key = (claim.event, claim.supplier, claim.recipient, claim.system, claim.denied, claim.planned)
        first = folded.get(key)
        if first is None:
            folded[key] = claim
            continue
        folded[key] = dataclasses.replace(
            first,
            quantity=first.quantity or claim.quantity,
            value=first.value or claim.value,
            date=_fold_date(first, claim),
            source=first.source or claim.source,
            notes=(*first.notes, f"also stated at characters {claim.span[0]}-{claim.span[1]} ({claim.rule})"),
        )
    return list(folded.values())


def _fold_date(first: Claim, later: Claim) -> PartialDate | None:
    """A delivery key dates from its earliest stated delivery (when deliveries began); others
    keep the first date the article gives."""
    if first.date is None or later.date is None:
        return first.date or later.date
    if first.event == "delivery" and later.date.year and first.date.year and later.date.value < first.date.value:
        return later.date
    return first.date


def _distinct(claims: list[Claim]) -> list[Claim]:
    """Drop exact repeats (same key and sentence), which two triggers of one sentence can produce."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for claim in claims:
        key = (claim.event, claim.supplier, claim.recipient, claim.system, claim.denied, claim.planned, claim.span)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _has_recent_system(discourse: Discourse) -> bool:
    """True while the article is about something: a system named lately, or a claim already made."""
    return (discourse.system is not None and discourse.system_age <= SYSTEM_MEMORY_SENTENCES) \
        or discourse.recipient is not None
