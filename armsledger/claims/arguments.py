"""What a reading's role words name: states (for parties), systems (for the item), and figures.

A role is bound to one token, the head of its phrase (claims/frames.py); the phrase is the head with
its modifiers that stay inside a noun phrase (compounds, adjectives, possessors, counts, "of"
phrases, coordinated heads), never its relative clauses or its "for" phrases: "ejection seats for
the F-16" names seats, not the F-16; "88 TPE331 engines for the HTT-40" names the TPE331.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armsledger.claims.vocabulary import (
    ARMS_MODIFIERS,
    BATCH_NOUNS,
    CIVIL_WORDS,
    FOLLOW_ON_WORDS,
    GOODS_NOUNS,
    PLATFORM_PART_NOUNS,
    WEAPON_NOUNS,
)
from armsledger.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PHRASE_LINKS = frozenset(["compound", "amod", "flat", "nmod:poss", "det", "nummod", "appos", "fixed",
                          "nmod:unmarked", "compound:prt", "case", "punct", "advmod", "nmod:desc"])
"""Dependents that stay inside a noun phrase."""
OF_LINKS = frozenset(["nmod"])
"""An "of" dependent stays inside its phrase too: "two regiments of S-400", "the government of India"."""
_DESIGNATION = re.compile(r"^(?=[^ ]*\d)[A-Za-z][A-Za-z]*(?:[-/][A-Za-z0-9]+)*\d*[A-Za-z]*$|^[A-Z]{2,}[a-z]?[A-Z]+$"
                          r"|^[A-Z][\w-]*-class$")
"""A designation's shape: letters with a number ("TC-20", "HTT-40", "type-041"), mixed capitals ("MArG"),
or a class name ("Yuan-class")."""


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A parsed sentence with its catalogue mentions, relative to the sentence."""

    doc: Doc
    mentions: list[Mention]
    by_token: dict[int, Mention]
    """The mention each token falls in."""

    @classmethod
    def of(cls, doc: Doc, mentions: list[Mention]) -> SentenceView:
        """Map each mention to the tokens it covers."""
        by_token: dict[int, Mention] = {}
        if mentions:
            spans = sorted(mentions, key=lambda m: m.start)
            starts = [m.start for m in spans]
            for tok in doc:
                k = bisect_right(starts, tok.idx + len(tok.text) - 1) - 1  # the last mention starting inside
                while k >= 0 and spans[k].end > tok.idx:
                    by_token.setdefault(tok.i, spans[k])
                    k -= 1
        return cls(doc, mentions, by_token)

    def token_of(self, mention: Mention) -> Token | None:
        """The first token a mention covers."""
        return next((self.doc[i] for i, m in sorted(self.by_token.items()) if m is mention), None)


def text_of(doc: Doc) -> str:
    """A parsed sentence's text, joined once (spaCy joins its tokens on every `doc.text`)."""
    found = doc.user_data.get("text")
    if found is None:
        found = doc.user_data["text"] = doc.text
    return str(found)


def phrase(doc: Doc, head: int, *, with_conjuncts: bool = True) -> list[int]:
    """Return the token indices of the noun phrase headed by `head`."""
    out: list[int] = []
    stack = [doc[head]]
    while stack:
        tok = stack.pop()
        out.append(tok.i)
        for child in tok.children:
            dep = child.dep_
            if dep in PHRASE_LINKS or (dep in OF_LINKS and case_of(child) == "of") or (
                    with_conjuncts and (dep == "cc" or dep == "conj" and not _is_contrast(child))):
                stack.append(child)
    return sorted(out)


def conjuncts(doc: Doc, head: int) -> list[int]:
    """Return a head and the heads coordinated with it ("S-400 and Su-35"): one claim each."""
    out = [head]
    for child in doc[head].children:
        if child.dep_ == "conj" and not _is_contrast(child):
            out.extend(conjuncts(doc, child.i))
    return out


def _is_contrast(conjunct: Token) -> bool:
    return any(c.dep_ == "cc" and c.lower_ in CONTRASTS for c in conjunct.children)


CONTRASTS = frozenset(["but", "yet", "whereas", "while"])
"""Conjunctions that contrast rather than list: "offered jets to Turkey, but Germany opposed the sale"
parsed with 'Germany' a conjunct of 'Turkey' opens a clause of its own."""


def case_of(tok: Token) -> str | None:
    """The preposition of a phrase ("of" for "of S-400"), or None.

    Its own 'case' dependent, else a 'case' word opening the phrase but hung by the parse from a
    modifier inside it ("of [Teevra 40] naval gun systems" with 'of' under the name)."""
    own = next((c.lower_ for c in tok.children if c.dep_ == "case"), None)
    if own is not None:
        return own
    first = tok.left_edge
    if first.i < tok.i and first.dep_ == "case" and first.head.i != tok.i and first.head.head.i == tok.i:
        return first.lower_
    return None


def states_in(view: SentenceView, tokens: list[int]) -> list[Mention]:
    """Return the state and organisation mentions in a phrase (an organisation stands for its state,
    unless the phrase names the state it is credited to: "France's KNDS", "Hagglunds of Sweden")."""
    seen: list[Mention] = []
    tokens_of: dict[int, list[int]] = {}
    for i in tokens:
        m = view.by_token.get(i)
        if m is not None and m.kind != "system" and m.state:
            if m not in seen:
                seen.append(m)
            tokens_of.setdefault(id(m), []).append(i)
    if len(seen) < 2:
        return seen
    doc = view.doc
    credited = {id(firm) for firm in seen if firm.kind == "org" for state in seen if state.kind == "state"
                and state.state != firm.state and any(
                    doc[i].head.i in tokens_of[id(firm)] and doc[i].dep_ in ("nmod:poss", "nmod", "amod", "compound")
                    for i in tokens_of[id(state)])}
    return [m for m in seen if id(m) not in credited]


def systems_in(view: SentenceView, tokens: list[int]) -> list[Mention]:
    """Return the system mentions in a phrase, in order."""
    seen: list[Mention] = []
    for i in tokens:
        m = view.by_token.get(i)
        if m is not None and m.kind == "system" and m not in seen:
            seen.append(m)
    return seen


PLATFORM_MODIFIERS = WEAPON_NOUNS - frozenset([
    "system", "systems", "unit", "units", "set", "sets", "piece", "pieces", "kit", "kits", "batch", "batches", "arms",
    "equipment", "hardware", "engine", "engines", "carrier", "carriers", "gun", "guns", "weapon", "weapons"])
"""Weapon nouns that make the noun they qualify a weapon too ("destroyer escorts", "missile craft")."""


def is_weapon_phrase(doc: Doc, head: int) -> bool:
    """True when a phrase's head is a weapon noun ("jets", "missile systems", "arms")."""
    tok = doc[head]
    if tok.lemma_.lower() in WEAPON_NOUNS or tok.lower_ in WEAPON_NOUNS:
        return True
    if _CLASS_NAME.fullmatch(tok.text):
        return True  # "six retired Abukuma-class" with the noun left out: a class of warship
    if tok.lemma_.lower() not in PLATFORM_PART_NOUNS and any(
            c.dep_ == "compound" and c.i == tok.i - 1 and c.lower_ in PLATFORM_MODIFIERS for c in tok.children):
        return True  # "destroyer escorts", "missile craft": a kind of weapon the head noun does not name
    # "arms materials", "military supplies", "defence goods": goods that a modifier says are arms
    return tok.lemma_.lower() in GOODS_NOUNS and any(
        c.dep_ in ("compound", "amod") and c.lower_ in ARMS_MODIFIERS for c in tok.children)


def is_civil(doc: Doc, tokens: list[int]) -> bool:
    """True when a phrase says it is civilian ("passenger jets", "commercial aircraft")."""
    return any(doc[i].lower_ in CIVIL_WORDS for i in tokens)


def is_anaphor(doc: Doc, head: int) -> bool:
    """True when an item points back ("them", "the systems", "these jets", "the first batch")."""
    tok = doc[head]
    if tok.pos_ == "PRON" and tok.lower_ in ("it", "them", "they", "these", "those", "which"):
        return True
    if any(c.i < tok.i and (c.pos_ == "PROPN" or c.dep_ in ("compound", "flat") and _DESIGNATION.match(c.text))
           for c in tok.children):
        return False  # "the Guardian aircraft": a name, not a reference back
    if tok.lower_ in BATCH_NOUNS and not any(c.dep_ == "nmod" for c in tok.children) and any(
            c.dep_ in ("det", "amod") and c.lower_ in FOLLOW_ON_WORDS for c in tok.children):
        return True  # "negotiating for a further batch": more of what was just named
    # "such systems": the kind just named
    return any(c.dep_ in ("det", "amod") and c.lower_ in ("the", "these", "those", "this", "that", "such")
               for c in tok.children) and (
        tok.lemma_.lower() in WEAPON_NOUNS or tok.lower_ in ("batch", "batches", "set", "sets", "consignment"))


_CLASS_NAME = re.compile(r"((?:[A-Z][\w]*\s+)*[A-Z][\w]*)\s*-\s*class\b")
_NUMBERED = re.compile(r"(?<![\w-])(?=[A-Za-z]*[A-Z])[A-Za-z]{1,8}(?:\s*-\s*|/|\s)?\d{1,4}[A-Za-z]{0,3}(?:/[A-Z])?(?![\w-])")
_MIXED_CAPS = re.compile(r"(?<![\w-])(?=\w*[a-z])(?=\w*[A-Z]\w*[A-Z])[A-Z]\w{2,}(?:\s\d{2,4})?(?![\w-])")


DESIGNATION_REACH = 4
"""How many words before its noun a designation may take ("3,200-ton Miguel Malvar-class")."""

DESIGNATION_BREAKS = frozenset(["DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PUNCT", "PART"])
"""Words that end the run of modifiers before a noun: no designation reaches past them."""


NOT_NAMES = frozenset(["navy", "army", "air", "force", "guard", "coast", "marine", "marines", "defence", "defense", "ministry", "pentagon", "kremlin", "western", "eastern", "northern", "southern", "soviet", "european", "gulf", "pacific", "atlantic", "arctic", "baltic", "black", "red", "sea", "ocean", "nato", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "state", "states", "national", "royal", "federal", "republic", "people"])
"""Capitalised words before a weapon noun that name no weapon ("Navy ships", "Pacific Fleet vessels")."""


def designation(doc: Doc, tokens: list[int], head: int, *, avoid: tuple[tuple[int, int], ...] = ()) -> str | None:
    """Return a designation-shaped name in a weapon phrase that the catalogue lacks: a class
    ("Miguel Malvar-class frigates"), letters with a number ("TC-20 jets", "Type-041 submarines"),
    or mixed capitals ("MArG 155 guns")."""
    if not is_weapon_phrase(doc, head):
        return None
    if (own := _CLASS_NAME.fullmatch(doc[head].text)) is not None:
        return own.group(1)  # the class named as the head itself ("six Abukuma-class")
    # a designation stands right before its noun, however the parse attached it ("a 3,200-ton Miguel
    # Malvar-class frigate" with the name read as the noun's subject)
    lo = head
    while lo > 0 and head - lo < DESIGNATION_REACH and doc[lo - 1].pos_ not in DESIGNATION_BREAKS:
        lo -= 1
    before = [i for i in tokens if i < head]
    if not before and lo == head:
        return None
    start = doc[min([lo, *before])].idx
    for a0, a1 in avoid:  # a state's name or demonym before the name ("Chinese Yuan-class") is not part of it
        if start <= a0 < doc[head].idx:
            start = max(start, a1)
    text = text_of(doc)[start:doc[head].idx]
    for pattern in (_CLASS_NAME, _NUMBERED, _MIXED_CAPS):
        found = pattern.search(text)
        if found is not None:
            name = (found.group(1) if pattern is _CLASS_NAME else found.group(0)).strip()
            if re.fullmatch(r"[A-Za-z]2[A-Za-z]", name):
                continue  # "G2G", "B2B": 'to' abbreviations ("government-to-government"), not names
            return re.sub(r"\s*-\s*", "-", name)
    return _proper_name_before(doc, head, start)


def _proper_name_before(doc: Doc, head: int, start: int) -> str | None:
    """A capitalised proper noun right before a weapon noun, or before its lowercase modifiers, names
    it ("the Guardian aircraft", "Kaan fighters", "Redback infantry fighting vehicles"), unless it is an institution, a place or a time (a state's and an organisation's
    names are cut off before this by `start`)."""
    k = head - 1
    # past the weapon noun's own lowercase modifiers ("Redback infantry fighting vehicles")
    while k > 0 and head - k < DESIGNATION_REACH and doc[k].text.islower() and doc[k].dep_ in ("compound", "amod"):
        k -= 1
    if k < 0:
        return None
    tok = doc[k]
    if (_reads_as_name(doc, tok) and tok.idx >= start and tok.dep_ in ("compound", "flat", "amod", "advmod")
            and re.fullmatch(r"[A-Z][a-z]{3,}", tok.text) and tok.lower_ not in NOT_NAMES):
        return tok.text
    return None


_DEMONYM_ENDINGS = re.compile(r"(?:an|ese|ish|ic|i)$")
"""Endings of adjectives of peoples and places ("Kurdish", "Baltic", "Emirati"): no weapon's name."""


def _reads_as_name(doc: Doc, tok: Token) -> bool:
    """A proper noun, or a capitalised word inside the sentence that the parser read as an adjective,
    verb, adverb or noun because it does not know the name ("Shahed drones", "Skynex air defence systems"),
    unless it has an adjective of peoples' ending."""
    if tok.pos_ == "PROPN":
        return True
    return (tok.i > doc[tok.i].sent.start and tok.pos_ in ("ADJ", "VERB", "NOUN", "ADV")
            and not (tok.pos_ == "ADJ" and _DEMONYM_ENDINGS.search(tok.lower_)))


def span_text(doc: Doc, tokens: list[int]) -> tuple[int, int]:
    """Return the character span (in the sentence) from a phrase's first to its last token."""
    first, last = doc[min(tokens)], doc[max(tokens)]
    return first.idx, last.idx + len(last.text)


def path_to(doc: Doc, start: int, targets: set[int], *, stops: set[int], limit: int = 8) -> list[str] | None:
    """Return the relations from a token up to one of `targets`, or None if a stop comes first."""
    tok, path = doc[start], list[str]()
    for _ in range(limit):
        if tok.i in targets:
            return path
        if tok.i in stops and tok.i != start:
            return None
        if tok.head.i == tok.i:
            return None
        path.append(tok.dep_)
        tok = tok.head
    return None
