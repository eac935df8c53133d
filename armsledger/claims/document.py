"""Read a document's sentences by their grammar, in order, with the topic carried between them.

Only candidate sentences are parsed: a sentence that names a state, an organisation or a system and
has a word that starts like a predicate's lemma (or an irregular form of one). Everything else only
ages the topic. A title that the body does not repeat is read first, as a sentence of its own (its
claims have the empty span (0, 0) and say so): a headline's bare infinitive is its future
("Russia to ship S-300s to Syria").
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

import ahocorasick

from armsledger.claims.arguments import SentenceView, phrase, states_in
from armsledger.claims.attribution import find_source
from armsledger.claims.context import Context, Topic
from armsledger.claims.frames import read_predicates
from armsledger.claims.grammar import Grammar
from armsledger.claims.reading import Reading
from armsledger.claims.resolve import resolve
from armsledger.claims.value import find_values
from armsledger.claims.vocabulary import ARMS_WORDS, IRREGULAR_FORMS, PARTY_NOUNS
from armsledger.clean import DATELINE, read_end
from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Document, Mention
from armsledger.syntax import parse

MAX_PARSE_CHARS = 1500
"""Longer 'sentences' (tables, run-on lists) are cut here before parsing: parsing is linear, but a
sentence this long is no sentence a claim can be read from in one piece."""


@dataclass(frozen=True, slots=True)
class Miss:
    """A candidate sentence that gave no claim, and why (for --explain)."""

    doc: str
    span: tuple[int, int]
    text: str
    why: str


def read_document(doc: Document, mentions: list[Mention], *, gazetteers: Gazetteers,
                  grammar: Grammar, misses: list[Miss] | None = None) -> list[Claim]:
    """Return every claim statement of a document, in order (not folded).

    Args:
        doc: the cleaned document.
        mentions: its catalogue mentions, sorted by start.
        gazetteers: the catalogues.
        grammar: the claim grammar.
        misses: if given, each candidate sentence that gave no claim is appended with its reason.
    """
    starts = [m.start for m in mentions]
    sentences: list[tuple[int, int, list[Mention]]] = []
    for s0, s1 in doc.sentences:
        i, j = bisect_left(starts, s0), bisect_left(starts, s1)
        sentences.append((s0, s1, [dataclasses.replace(m, start=m.start - s0, end=m.end - s0)
                                   for m in mentions[i:j] if m.end <= s1]))
    stems = _stems(grammar)
    # a title is a sentence too: read as far as any sentence is
    title_mentions = gazetteers.matcher.find(doc.title[:read_end(doc.title, 0, len(doc.title))]) if doc.title else []
    headline = _headline(doc, title_mentions)
    if headline is not None:
        sentences.insert(0, headline)
    wanted = _candidates(doc, headline, sentences, stems)
    # a dateline ("WARSAW, 5 April –") is no part of the sentence's grammar: parse what follows it
    windows = {k: _parse_window(_text(doc, headline, k, *sentences[k][:2])) for k in wanted}
    leads = {k: lead for k, (lead, _) in windows.items()}
    texts = [windows[k][1] for k in wanted]
    names = [sorted([(m.start - leads[k], m.end - leads[k]) for m in sentences[k][2]
                     if m.start >= leads[k] and m.end - leads[k] <= len(text)]
                    + [(v.start, v.end) for v in find_values(text)]) for k, text in zip(wanted, texts)]
    proper = [[(m.start - leads[k], m.end - leads[k]) for m in sentences[k][2]
               if m.start >= leads[k] and (m.kind == "org" or m.role in PROPER_STATE_ROLES)] for k in wanted]
    parsed = dict(zip(wanted, parse(texts, names=names, proper=proper)))
    topic = Topic()
    topic.headline_states = tuple(dict.fromkeys(m.state for m in title_mentions if m.kind != "system" and m.state))
    out: list[Claim] = []
    last_person: str | None = None
    for k, (s0, s1, local) in enumerate(sentences):
        topic.step()
        is_headline = headline is not None and k == 0
        text = _text(doc, headline, k, s0, s1)
        if k not in parsed:
            topic.note_systems([m for m in local if m.kind == "system"])
            opening = [m for m in local if m.kind != "system" and m.state and m.start < OPENING_CHARS]
            topic.subject = opening[0].state if opening else topic.subject
            continue
        lead = leads[k]
        text = text[lead:]
        parsed_chars = len(windows[k][1])
        view = SentenceView.of(parsed[k], [dataclasses.replace(m, start=m.start - lead, end=m.end - lead)
                                           for m in local if m.start >= lead and m.end - lead <= parsed_chars])
        source = find_source(text[:read_end(text, 0, len(text))], last_person=last_person)
        if source and " " in source:
            last_person = source
        blocked = frozenset(i for i, m in view.by_token.items() if m.kind in ("system", "org"))
        readings = read_predicates(view.doc, grammar, blocked=blocked, is_headline=is_headline)
        ctx = Context(doc_id=doc.id, offset=s0 + lead, published=doc.published, gazetteers=gazetteers, topic=topic,
                      source=source, readings=readings)
        resolved: list[tuple[Reading, list[Claim]]] = []
        reasons: list[str] = []
        for reading in readings:
            if reading.absorbed_into is not None:
                continue
            claims, why = resolve(reading, view, ctx)
            resolved.append((reading, [dataclasses.replace(c, span=(0, 0), notes=(*c.notes, "read from the headline"))
                                       if is_headline else c for c in claims]))
            if why:
                reasons.append(f"'{view.doc[reading.token].text}' ({reading.predicate.name}): {why}")
        found = _with_passed_over(_without_restatements(resolved), resolved, view)
        if not readings:
            reasons.append("no predicate of the grammar in the parse")
        if misses is not None and not found:
            misses.append(Miss(doc.id, (s0, s1), text.strip(), "; ".join(reasons)))
        named = [m for m in local if m.kind == "system"]
        topic.note_systems(named)
        topic.subject = _subject_state(view) or topic.subject
        if found:
            last = found[-1]
            mention = next((m for m in reversed(named) if _names(m, last.system)), None)
            topic.note_claim(last, mention or (topic.system if last.system else None))
        out.extend(found)
    return _distinct(out)


def _with_passed_over(found: list[Claim], resolved: list[tuple[Reading, list[Claim]]],
                      view: SentenceView) -> list[Claim]:
    """Add the rejection of an interest a contrasted choice passed over ("Uzbekistan evaluated the
    JF-17, but chose the J-10"): interest, denied, as ANNOTATION.md codes a buyer picking X over Y,
    where the choice is the same buyer's."""
    choosers = {reading.token: {c.recipient for c in claims} for reading, claims in resolved}
    out = list(found)
    for reading, claims in resolved:
        if reading.passed_over_by is None:
            continue
        buyers = choosers.get(reading.passed_over_by, set())
        word = view.doc[reading.passed_over_by].text
        for c in claims:
            if c in found and not c.denied and c.recipient in buyers:
                out.append(dataclasses.replace(c, denied=True, notes=(
                    *c.notes, f"passed over: the same buyer '{word}' something else")))
    return out


def _without_restatements(resolved: list[tuple[Reading, list[Claim]]]) -> list[Claim]:
    """The sentence's claims, less the deliveries of readings that yield to an agreement of the same
    sides and system stated in the same sentence (a purchase told beside its signing)."""
    signed = {(c.supplier, c.recipient, c.system) for _, claims in resolved for c in claims
              if c.event == "agreement" and not c.denied}
    return [c for reading, claims in resolved for c in claims
            if not (reading.predicate.yields_to_agreement and c.event == "delivery" and not c.planned
                    and not c.denied and (c.supplier, c.recipient, c.system) in signed)]


PROPER_STATE_ROLES = frozenset(["name", "seat", "capital"])
"""A state's mentions that are proper nouns ("Estonia", "Kyiv", "the Kremlin"); a demonym is an adjective."""
OPENING_CHARS = 40
"""A state named this early in an unparsed sentence is taken as what it is about ("Greece is the
latest buyer..."), for a pronoun that opens the next sentence."""
TOPIC_REACH_SENTENCES = 4
"""A sentence that names no system is parsed only if one was named this many sentences before (it may
carry the topic: "Deliveries began in July"). Same reach as the topic's memory (claims/context.py)."""


def _candidates(doc: Document, headline: tuple[int, int, list[Mention]] | None,
                sentences: list[tuple[int, int, list[Mention]]], stems: _Stems) -> list[int]:
    """The sentences worth parsing: a predicate's word, and a system named (here or just before) or
    unnamed arms beside a state or organisation."""
    out: list[int] = []
    last_system = -99
    for k, (s0, s1, local) in enumerate(sentences):
        has_system = any(m.kind == "system" for m in local)
        text = _text(doc, headline, k, s0, s1)
        recent = k - last_system <= TOPIC_REACH_SENTENCES
        if not _is_title(doc, s0, s1) and stems.search(text) and (
                has_system or (local and (recent or ARMS_WORDS.search(text)))
                or (recent and (_CLIENT.search(text) or _PRONOUN_OPENING.match(text) or _EVENT_NOUN.search(text)
                                or ARMS_WORDS.search(text)))):
            out.append(k)
        if has_system:
            last_system = k
    return out




def _parse_window(text: str) -> tuple[int, str]:
    """Where the parsed part of a sentence starts, and that part: after a dateline, at most
    MAX_PARSE_CHARS, without whitespace at either end (a claim's evidence is the text of its span)."""
    lead = _dateline_length(text)
    piece = text[lead:lead + MAX_PARSE_CHARS]
    stripped = piece.lstrip()
    return lead + len(piece) - len(stripped), stripped.rstrip()


def _dateline_length(text: str) -> int:
    """The length of a dateline that opens the sentence ("WARSAW, 5 April – "), or 0."""
    found = DATELINE.match(text)
    return found.end() if found else 0


def _subject_state(view: SentenceView) -> str | None:
    """The state the sentence's main subject names ("Greece is the latest buyer..."), if any."""
    root = next((t for t in view.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is None:
        return None
    states = states_in(view, phrase(view.doc, subject.i))
    return states[0].state if states else None


_CLIENT = re.compile(r"(?i)\b(?:" + "|".join(PARTY_NOUNS) + r")s?\b")
"""A sentence naming no state may still name a side by its role ("The client also received...")."""


_EVENT_NOUN = re.compile(r"(?i)\b(?:deliver(?:y|ies)|shipments?|contract|deal)\b")
"""A sentence naming no side may still carry on the topic's deal ("deliveries would continue in the
coming days", "The contract is valued at..."): its parties are the topic's."""


_PRONOUN_OPENING = re.compile(r"\s*(?:It|They|We)\b")
"""A sentence opening with a pronoun continues the one before ("It signed a contract for two sets"):
its party is the subject it repeats."""


def _headline(doc: Document, mentions: list[Mention]) -> tuple[int, int, list[Mention]] | None:
    """The title as a sentence of its own (spans relative to the title), when the body does not hold it."""
    if not doc.title or doc.title.strip() in doc.text[:len(doc.title) + 400]:
        return None
    return (0, len(doc.title), mentions)


def _text(doc: Document, headline: tuple[int, int, list[Mention]] | None, k: int, s0: int, s1: int) -> str:
    if headline is not None and k == 0:
        return (doc.title or "")[s0:s1]
    return doc.text[s0:s1]


def _names(m: Mention, designation: str | None) -> bool:
    return designation is not None and designation.lower().replace("-", "") in m.text.lower().replace("-", "") \
        or designation is not None and m.entity.lower() == designation.lower()


def _is_title(doc: Document, s0: int, s1: int) -> bool:
    return bool(doc.title) and s0 < 400 and doc.text[s0:s1].strip() == (doc.title or "").strip()


@dataclass(frozen=True, slots=True)
class _Stems:
    """The stems of the grammar's lemmas, searched in one Aho-Corasick pass (a big alternation
    regex costs a millisecond a sentence)."""

    automaton: object

    def search(self, text: str) -> bool:
        """True when a word of the text starts with a stem ("sold", "deliveries", "contracted")."""
        lowered = text.lower()
        for end, length in self.automaton.iter(lowered):  # type: ignore[attr-defined]
            start = end - length + 1
            if start == 0 or not lowered[start - 1].isalpha():
                return True
        return False


@cache
def _stems_for(lemmas: frozenset[str]) -> _Stems:
    stems = {lemma[:-1] if len(lemma) > 4 and lemma[-1] in "ey" else lemma for lemma in lemmas}
    automaton = ahocorasick.Automaton()
    for word in stems | IRREGULAR_FORMS:
        automaton.add_word(word.lower(), len(word))
    automaton.make_automaton()
    return _Stems(automaton)


def _stems(grammar: Grammar) -> _Stems:
    return _stems_for(grammar.lemmas())


def _distinct(claims: list[Claim]) -> list[Claim]:
    """Drop exact repeats (same key and sentence), which two readings of one sentence can produce."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for claim in claims:
        key = (claim.event, claim.supplier, claim.recipient, claim.system, claim.denied, claim.planned, claim.span)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out
