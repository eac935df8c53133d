"""A reading's figures: the item's count, and the sum and date the tree ties to the predicate."""
from __future__ import annotations

from typing import TYPE_CHECKING

from armsledger.claims.arguments import (
    SentenceView,
    path_to,
    span_text,
    text_of,
)
from armsledger.claims.context import Context
from armsledger.claims.dates import DateMatch, find_dates
from armsledger.claims.quantity import find_quantities
from armsledger.claims.reading import Reading
from armsledger.claims.value import ValueMatch, find_values
from armsledger.claims.vocabulary import (
    VALUE_VERBS,
)
from armsledger.models import Money, PartialDate, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc


UNIT_PRICE_WORDS = frozenset(["per", "each", "apiece", "a", "unit"])
"""Words after a sum that make it a unit price ("$40 million per unit", "$90 million each")."""


DEADLINE_CASES = frozenset(["by", "until", "till", "before"])
"""A deadline ("by 2030") dates only a planned event."""


def item_quantity(doc: Doc, tokens: list[int]) -> Quantity | None:
    """The count of an item phrase ("at least six battalions", "10 Su-35 fighter jets"): read in the
    phrase, else in the words from its left edge to its head (a count the parse hung elsewhere)."""
    if not tokens:
        return None
    for start, end in (span_text(doc, tokens), _left_span(doc, tokens)):
        text = text_of(doc)[start:end]
        if not any(ch.isdigit() for ch in text) and not any(doc[t].like_num for t in tokens):
            continue
        found = find_quantities(text)
        if found:
            return found[0].quantity
    return None


def _left_span(doc: Doc, tokens: list[int]) -> tuple[int, int]:
    head = max(tokens, key=lambda t: len(list(doc[t].subtree)))
    first = doc[head].left_edge
    return first.idx, doc[head].idx + len(doc[head].text)


def anchors_of(reading: Reading, ctx: Context) -> set[int]:
    anchors = {reading.token}
    if reading.governor_token is not None:
        anchors.add(reading.governor_token)
    anchors |= {r.token for r in ctx.readings if r.absorbed_into == reading.token}
    return anchors


def stops_of(reading: Reading, ctx: Context) -> set[int]:
    mine = {reading.token, reading.governor_token} | {r.token for r in ctx.readings if r.absorbed_into == reading.token}
    return {r.token for r in ctx.readings if r.token not in mine} | {
        r.governor_token for r in ctx.readings if r.governor_token is not None and r.governor_token not in mine}


def head_of(doc: Doc, start: int, end: int) -> int | None:
    inside = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    for t in inside:
        if not (start <= t.head.idx < end) or t.head.i == t.i:
            return t.i
    return inside[-1].i if inside else None


def read_value(reading: Reading, view: SentenceView, ctx: Context) -> Money | None:
    doc = view.doc
    anchors = anchors_of(reading, ctx) | set(reading.roles.get("item", []))
    tok = doc[reading.token]
    if tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.lemma_.lower() in VALUE_VERBS:
        anchors.add(tok.head.i)  # "the contract is valued at 500 billion won"
    stops = stops_of(reading, ctx)
    sums = []
    for match in _values_in(doc):
        head = head_of(doc, match.start, match.end)
        if head is None or match.money.amount <= 0:
            continue
        after = text_of(doc)[match.end:match.end + 12].lower().split()
        if after and (after[0] in UNIT_PRICE_WORDS or after[:2] == ["a", "piece"]):
            continue
        if any(c.lower_ in ("per", "each", "apiece") for c in doc[head].subtree):
            continue
        if _inside_a_whole(doc, head):
            continue  # "as part of a $325 million aid package": the whole's sum, not this transfer's
        if path_to(doc, head, anchors, stops=stops) is not None:
            return match.money
        sums.append(match.money)
    claimants = [r for r in ctx.readings if r.absorbed_into is None and not r.dropped]
    if len(sums) == 1 and claimants == [reading] and reading.event in ("agreement", "negotiation"):
        # the parse hung the sum elsewhere ("a contract ... for 250 tanks, worth 4.75 billion dollars"),
        # but a sentence with one deal and one sum that is no unit price states the deal's value
        return sums[0]
    return None


def _inside_a_whole(doc: Doc, head: int) -> bool:
    """True when a sum hangs, within three relations, from "as part of": the value of a whole the
    transfer is one part of."""
    tok = doc[head]
    for _ in range(3):
        if tok.lemma_.lower() == "part" and any(c.lower_ == "as" for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def read_date(reading: Reading, view: SentenceView, ctx: Context) -> PartialDate | None:
    doc = view.doc
    anchors = anchors_of(reading, ctx)
    stops = stops_of(reading, ctx)
    for match in _dates_in(doc, ctx.published):
        head = head_of(doc, match.start, match.end)
        if head is None:
            continue
        case = next((c.lower_ for c in doc[head].children if c.dep_ == "case"), None)
        before = text_of(doc)[max(0, match.start - 12):match.start].lower().split()
        if (case in DEADLINE_CASES or (before and before[-1] in DEADLINE_CASES)) and not reading.is_planned:
            continue
        path = path_to(doc, head, anchors, stops=stops | _other_verbs(doc, anchors))
        if path is not None and "parataxis" not in path:
            return match.date
        reporter = _reporting_verb(doc, anchors)
        if reporter is not None and match.date.precision != "day" and path_to(doc, head, {reporter}, stops=stops) is not None:
            # "Russia announced in September 2017 that it had signed a deal": a past act reported in a
            # month or year happened by then; a day ("said on Wednesday") dates only the statement
            return match.date
    return None


def _reporting_verb(doc: Doc, anchors: set[int]) -> int | None:
    """The verb whose complement the predicate's clause is, when that clause is in the past."""
    for a in anchors:
        tok = doc[a]
        while tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "ccomp" and (tok.tag_ in ("VBD", "VBN") or any(
                c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in tok.children)):
            return tok.head.i
    return None


def _other_verbs(doc: Doc, anchors: set[int]) -> set[int]:
    """Verbs outside the predicate's own phrase: a date that hangs from one ("officials said on
    Wednesday") is theirs; one under the predicate ("a contract signed in 2018") is the predicate's."""
    own = {t.i for a in anchors for t in doc[a].subtree}
    return {t.i for t in doc if t.pos_ == "VERB" and t.i not in own}


def _values_in(doc: Doc) -> list[ValueMatch]:
    """The sums a sentence states, found once for all its readings."""
    found: list[ValueMatch] | None = doc.user_data.get("values")
    if found is None:
        found = doc.user_data["values"] = find_values(text_of(doc))
    return found


def _dates_in(doc: Doc, published: PartialDate | None) -> list[DateMatch]:
    """The dates a sentence states, found once for all its readings."""
    key = f"dates:{published}"
    found: list[DateMatch] | None = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = find_dates(text_of(doc), published=published)
    return found


def is_before(date: PartialDate, published: PartialDate | None) -> bool:
    """True when a date lies before publication at its own precision (a planned event is not dated so)."""
    if published is None or published.year is None or date.year is None:
        return False
    return date.value < published.value[:len(date.value)]
