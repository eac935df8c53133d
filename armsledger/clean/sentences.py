"""Split cleaned text into sentences: character spans, one per sentence, in order.

A sentence ends at a paragraph break, or at `.`, `!` or `?` (with any closing quotes) followed by
space and a capital, a digit or an opening quote. It does not end after a title ("Mr."), an
initial ("John A. Boehner"), a month or "No." before a number ("Dec. 15", "No. 3"), inside a
number ("$2.5 billion", "Dec.15"), or inside a dateline ("MOSCOW, March 16. /TASS/. Russia ...").
After a dotted acronym or a company suffix ("U.S.", "a.m.", "Inc.") it ends only when the next
word is one that usually starts a sentence ("The", "It", "But", ...).
"""
from __future__ import annotations

import re

from armsledger.clean.metadata import DATELINE

Span = tuple[int, int]

_TITLES = frozenset(
    ["Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl",
     "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Sen", "Rep", "Gov", "Pres", "Rev", "Hon", "Amb", "Supt",
     "Insp", "St", "Mt", "Ft", "Jr", "Sr", "Sen", "Fr", "Gens", "Reps", "Sens", "Govs", "vs", "v",
     "cf", "approx", "Dept", "Univ", "Assn"]
)
"""Words that end in a period but never end a sentence in news text."""

_BEFORE_NUMBER = frozenset(
    ["No", "Nos", "Nr", "Vol", "Art", "Fig", "Sec", "Para", "p", "pp", "Jan", "Feb", "Mar", "Apr",
     "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)
"""Words whose period ends no sentence when a number follows ("No. 3", "Jan. 15")."""

_SUFFIXES = frozenset(["Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "LLC", "etc"])
"""Company suffixes and "etc.": often the last word of a sentence, often not."""

_STARTERS = frozenset(
    ["The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their",
     "Our", "This", "That", "These", "Those", "There", "Here", "But", "And", "Yet", "So", "Or", "In",
     "On", "At", "As", "After", "Before", "When", "While", "If", "Since", "Although", "Though",
     "However", "Meanwhile", "Still", "Also", "Last", "Next", "Earlier", "Later", "Now", "Then",
     "Other", "Some", "Many", "Most", "Both", "Such", "No", "Not", "Under", "According"]
)
"""Words after which a period that follows an acronym ("U.S.") is taken as a sentence end."""

_CANDIDATE = re.compile(
    r"""[.!?…\n)](?:(?<=\n)\n*|(?<=[a-z]\))(?=[A-Z][A-Za-z])"""
    r"""|(?<=[.!?…])[.!?…]*["'”’»)\]]*(?:\s+(?=["'“‘«(\[]*[A-Z0-9])|(?=[“‘]?[A-Z][a-z])"""
    r"""|\s+(?=[a-z][\w-]*\.(?:com|org|net|gov|int|in|co|io|ru|cn|uk)\b)))"""
)
"""A possible sentence end: a line break; stop marks with closing quotes, then space and a capital
or digit (or, with no space, a capitalised word: text glued by a scraper); a closing parenthesis
glued to a capitalised word (a photo credit run into the story); a space and a lower-case web
address ("idrw.org has been told"), which outlets put at the start of a sentence. It starts with one character
class so that the regex engine can scan for it quickly."""

_LOWER_ABBREVIATIONS = frozenset(w for w in _TITLES | _BEFORE_NUMBER | _SUFFIXES if w.islower())
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"""["'“‘«(\[]*([A-Za-z0-9]+)""")
_STOPS = frozenset(".!?…")
_OPENERS = "\"'“‘(«["
_LOOKBEHIND_CHARS = 40

MAX_READ_CHARS = 2000
"""A sentence is read (names detected, a head parsed) up to here; the rest of a longer one (a table,
a run-on list, a page without full stops) is not read. It bounds the work per sentence: a 4 MB
"sentence" costs what 2,000 characters cost, plus one linear pass. claims/document.py parses at
most MAX_PARSE_CHARS (1,500) of it after a dateline, so no claim is lost at this bound."""
_CUT_SEARCH_CHARS = 200
"""How far back from MAX_READ_CHARS a clause mark or a space is looked for, so no name is cut."""
_CLAUSE_MARKS = re.compile(r"[\s\S]*[;:,)\u2013\u2014]\s")


def split_sentences(text: str) -> tuple[Span, ...]:
    """Return the (start, end) character spans of the sentences of text, whitespace trimmed.

    Args:
        text: cleaned body text, paragraphs separated by line breaks.

    Returns:
        Spans in text order; every non-blank character of text is in exactly one span.
    """
    spans: list[Span] = []
    start = 0
    skip_until = _dateline_end(text, 0)
    for match in _CANDIDATE.finditer(text):
        if text[match.start()] == "\n":
            _add(spans, text, start, match.start())
            start = match.end()
            skip_until = _dateline_end(text, start)
        elif match.start() >= skip_until and _is_sentence_end(text, match):
            _add(spans, text, start, match.end())
            start = match.end()
    _add(spans, text, start, len(text))
    return tuple(spans)


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    dot = match.start()
    if text[dot] != "." or text[dot + 1:dot + 2] in _STOPS:  # "!", "?", "...", a caption's ")"
        return True
    window = max(0, dot - _LOOKBEHIND_CHARS)
    space = max(text.rfind(" ", window, dot), text.rfind("\n", window, dot))
    word = text[space + 1:dot].lstrip(_OPENERS)
    if word.islower() and "." not in word and word not in _LOWER_ABBREVIATIONS:
        return True  # the common case: an ordinary word
    if word in _TITLES:
        return False
    if word in _BEFORE_NUMBER:
        return not text[match.end():match.end() + 1].isdigit()
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John A. Boehner"
    if word in _SUFFIXES or _ACRONYM.match(word):
        next_word = _NEXT_WORD.match(text, match.end())
        return next_word is not None and next_word.group(1) in _STARTERS
    return True


def _dateline_end(text: str, start: int) -> int:
    match = DATELINE.match(text, start)
    return match.end() if match else -1


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        lead = len(segment) - len(segment.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def read_end(text: str, start: int, end: int) -> int:
    """Return where the read part of the sentence text[start:end] ends: end, or for a sentence
    longer than MAX_READ_CHARS the last clause mark (";", ",", ":", a dash) or else the last space
    before that bound, or the bound itself when there is neither."""
    if end - start <= MAX_READ_CHARS:
        return end
    bound = start + MAX_READ_CHARS
    window = text[bound - _CUT_SEARCH_CHARS:bound]
    found = _CLAUSE_MARKS.match(window)
    if found:
        return bound - _CUT_SEARCH_CHARS + found.end() - 1
    space = max(window.rfind(" "), window.rfind("\n"))
    return bound - _CUT_SEARCH_CHARS + space if space >= 0 else bound
