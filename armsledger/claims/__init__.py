"""Stage 4: extract(doc, mentions) -> list[Claim].

Candidate sentences are parsed by the syntactic model (armsledger/syntax) and read by the claim
grammar (data/patterns/*.jsonl, loaded by claims/grammar.py):
- frames.py finds each predicate (a Reading, reading.py) and its roles in the tree, with repairs.py
  reading back the parser's known errors; modality.py reads its modality; absorb.py marks readings
  that only say what another is about;
- resolve.py turns a reading's roles into claims: items.py (what is transferred, with
  enumeration.py for lists), parties.py (who sells, who buys), figures.py (count, sum, date), over
  the article's topic (context.py);
- document.py reads the sentences in order with the topic they carry. A document
yields each claim key (event, supplier, recipient, system, denied, planned) once, with the figures of
all the sentences that stated it.
"""
from __future__ import annotations

import dataclasses

from armsledger.claims.document import Miss, read_document
from armsledger.claims.grammar import Grammar, load_grammar
from armsledger.claims.vocabulary import DOCUMENT_ARMS_WORDS
from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Document, Mention, PartialDate

__all__ = ["Grammar", "Miss", "extract", "fold_claims", "load_grammar"]



def extract(doc: Document, mentions: list[Mention], *, gazetteers: Gazetteers, fold: bool = True,
            grammar: Grammar | None = None, misses: list[Miss] | None = None) -> list[Claim]:
    """Return the arms-transfer claims of one document.

    Args:
        doc: the cleaned document, with its sentence spans.
        mentions: the catalogue mentions of `doc.text`, sorted by start (from `detect`).
        gazetteers: the catalogues the mentions came from (for systems' origin and designation).
        fold: True for one claim per key, with the figures of every sentence that stated it (FORMAT.md);
            False for every statement on its own, each with its own sentence and figures (the ledger
            keeps these, so that each figure links to the sentence it came from).
        grammar: the claim grammar; the bundled one (`load_grammar()`) if None.
        misses: if given, every candidate sentence that gave no claim is appended, with why.

    Returns:
        The claims, in the order the document first states them.
    """
    if not any(m.kind == "system" for m in mentions) and not DOCUMENT_ARMS_WORDS.search(doc.text) and not (
            doc.title and DOCUMENT_ARMS_WORDS.search(doc.title)):
        return []  # nothing for a claim to be about: most news, read in microseconds
    claims = read_document(doc, mentions, gazetteers=gazetteers, grammar=grammar or load_grammar(), misses=misses)
    return fold_claims(claims) if fold else claims


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
