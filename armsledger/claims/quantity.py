"""Quantities: "at least six battalions", "a regiment set", "more than 120 advanced guided missiles".

Pure functions, text in, values out, with character spans relative to the input text.
The nouns, their units and the words that may not stand between a number and its noun are
general English and live in `data/patterns/units.json`.

Rules (`quantity.v2`; v1 did not cap a count before a system name, "5,000,000 F-16s"):
- A number (digits, words, "a dozen"; "a"/"an" only before a formation noun such as "regiment
  set"), an optional bound before it, then up to three other words, then a counted noun.
- An ordinal before a singular formation noun counts one: "the second regiment set", "the 4th
  S-400 regiment" (a deal names its batches so).
  Consecutive nouns read as one ("fighter jets"); the last one gives the unit.
- A figure is not a count when it is glued to other characters ("S-400", "Su-35", "20-year",
  "3,200-ton"), follows a currency sign ("$2.5 billion"), is a bare four-digit year 1900-2099
  without a bound ("in 2019 F-16s"), is followed by "%", or follows a capitalised word that is
  not a function word ("Block 70", "Hermes 900": part of a designation).
- Measures and function words may not stand between the number and the noun ("400 km",
  "30 percent", "six of the ships", "40 mm naval gun").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from armsledger.claims.numbers import (
    BOUND_PATTERN,
    BOUNDS,
    NUMBER_PATTERN,
    NUMBER_WORDS,
    alternation,
    bound_of,
    lower_in_place,
    number_value,
)
from armsledger.models import Quantity

__all__ = ["QuantityMatch", "count_before", "find_quantities"]

RULE = "quantity.v2"

_DATA = json.loads(
    resources.files("armsledger").joinpath("data/patterns/units.json").read_text(encoding="utf-8")
)
_NOUN_UNITS: dict[str, str] = {noun.lower(): unit for noun, unit in _DATA["nouns"].items()}
_ARTICLE_NOUNS: frozenset[str] = frozenset(_DATA["article_nouns"])
_SAME_IN_PLURAL: frozenset[str] = frozenset(_DATA["same_in_plural"])
MAX_COUNT = 1_000_000
"""No transfer counts a million launchers or vehicles: "2.8 million units" is a sales figure."""
_STOP_WORDS: frozenset[str] = frozenset(_DATA["gap_stop_words"])
_MEASURES: frozenset[str] = frozenset(_DATA["measure_words"])
_COUNT_ADJECTIVES: list[str] = list(_DATA["count_adjectives"])
_NUMBER_WORDS: frozenset[str] = frozenset(NUMBER_WORDS)

MAX_GAP_WORDS = 3
"""Words allowed between a number and its noun: "more than 120 advanced guided surface-to-air
missiles" needs three; four let "12 to India, including aircraft"-style runs through."""

_NOUN = alternation(_NOUN_UNITS)
_NOUN_RUN_RE = re.compile(rf"(?:{_NOUN})(?:\s+(?:{_NOUN}))*(?![\w-])")
"""A run of counted nouns in lower-cased text ("fighter jets"), matched where a stem was found."""
_NOUN_STEMS: tuple[str, ...] = tuple(sorted({noun[:6] for noun in _NOUN_UNITS}))
"""Beginnings of the nouns (six letters at most): a text without any has no quantity (a fast test)."""
_TOKEN_RE = re.compile(r"[^\W_][\w'’.,/-]*")
_LOOKBACK_TOKENS = 8
"""Words a bound and a number may span before the number's last word: "in excess of one hundred and
twenty"."""
_CURRENCY_SIGNS = "$£€¥₹₩₽"
_NUMBER_START = rf"(?<![\w{_CURRENCY_SIGNS}.,/&-])"
_NUMBER_END = r"(?![\w%-]|\s*(?:%|per\s*cent|percent)|\.\d)"
_WORD_CHARS = r"[\w'’/+-]"
_STOP_OR_NUMBER = alternation(_STOP_WORDS | _NUMBER_WORDS)
_MEASURE = alternation(_MEASURES)
_GAP_WORD = (
    rf"(?!(?:{_STOP_OR_NUMBER}|[\d.,]+)(?![\w'’+/-]|[.,]\w))(?!(?:{_MEASURE})(?![\w+]|['’]\w))"
    rf"(?:{_WORD_CHARS}+(?:[.,]{_WORD_CHARS}+)*)"
)
"""A word that may stand between a number and its noun: not a function word, measure or number."""
_QUANTITY_RE = re.compile(
    rf"{_NUMBER_START}(?:(?P<bound>{BOUND_PATTERN})\s+)?(?P<number>{NUMBER_PATTERN}){_NUMBER_END}"
    rf"(?P<gap>(?:\s+{_GAP_WORD}){{0,{MAX_GAP_WORDS}}}?)\s+"
    rf"(?P<noun>(?:{_NOUN})(?:\s+(?:{_NOUN}))*)(?![\w-])"
)
"""The quantity grammar, matched in lower-cased text (a case-insensitive match is several times slower)."""
_ORDINAL_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|next"
    rf"|another|\d+(?:st|nd|rd|th))\s+(?:{_GAP_WORD}\s+){{0,2}}$"
)
"""An ordinal before a singular formation noun counts one: "the second regiment set" is a regiment."""
_COUNT_BEFORE_RE = re.compile(
    rf"{_NUMBER_START}(?:(?P<bound>{BOUND_PATTERN})\s+)?(?P<number>{NUMBER_PATTERN}){_NUMBER_END}"
    rf"(?:\s+(?:{'|'.join(map(re.escape, _COUNT_ADJECTIVES))}|[\w-]+-(?:made|built|designed|produced)))"
    r"{0,2}\s+$"
)
"""The grammar of a count before a system name, matched in lower-cased text."""
_START_WORDS: frozenset[str] = frozenset(
    {bound.split()[0] for bound in BOUNDS} | set(NUMBER_WORDS) | {"a", "an", "half"}
)
"""Words a quantity can begin with; other words are not tried (a fast test)."""
_NUMBER_STARTS: frozenset[str] = frozenset(NUMBER_WORDS) | {"a", "an", "dozen"}
_RUN_WORDS: frozenset[str] = (
    frozenset(word for bound in BOUNDS for word in bound.split()) | _NUMBER_STARTS | {"and"}
)
"""Words of a bound or a number in words: "at least one hundred and twenty" is one run."""
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_PREVIOUS_WORD_RE = re.compile(r"([\w'’.-]+)\s+$")
_COUNT_BEFORE_WINDOW_CHARS = 80
"""How far back count_before looks; "at least one hundred and twenty more " fits."""


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A counted noun found in a text: its span, its quantity and the noun as written."""

    start: int
    end: int
    quantity: Quantity
    noun: str


def find_quantities(text: str) -> list[QuantityMatch]:
    """Find every counted quantity in a text ("at least six battalions", "two more frigates").

    Args:
        text: a sentence or a whole document.

    Returns:
        The matches in text order, with spans relative to `text`.
    """
    lowered = lower_in_place(text)
    found: list[QuantityMatch] = []
    last_end = 0
    for noun_start in _noun_starts(lowered):
        if noun_start < last_end:
            continue
        counted = _quantity_before(text, lowered, max(last_end, noun_start - 160), noun_start)
        if counted is None:
            single = _one_formation(text, lowered, max(last_end, noun_start - 60), noun_start)
            if single is not None:
                found.append(single)
                last_end = single.end
            continue
        match, value = counted
        noun = text[match.start("noun"):match.end("noun")]
        unit = _NOUN_UNITS[_last_noun(noun)]
        quantity = Quantity(int(value), unit, bound_of(match["bound"]), text[match.start():match.end()])
        found.append(QuantityMatch(match.start(), match.end(), quantity, noun))
        last_end = match.end()
    return found


def _noun_starts(lowered: str) -> list[int]:
    """Return the offsets where a counted noun (or a run such as "fighter jets") begins."""
    starts: list[int] = []
    for stem in _NOUN_STEMS:
        at = lowered.find(stem)
        while at >= 0:
            before = lowered[at - 1] if at else " "
            if not (before.isalnum() or before in "_-") and _NOUN_RUN_RE.match(lowered, at):
                starts.append(at)
            at = lowered.find(stem, at + 1)
    return sorted(starts)


def _quantity_before(text: str, lowered: str, window_start: int,
                     noun_start: int) -> tuple[re.Match[str], Decimal] | None:
    """Return the grammar's match (in `lowered`) that reaches the noun at `noun_start`, and its count.

    Tries the grammar only at the starts of the last few words before the noun that can begin a
    number or a bound, earliest first, so that "at least six" wins over "six".
    """
    tokens = list(_TOKEN_RE.finditer(lowered, max(window_start, noun_start - 120), noun_start))
    words = [token.group(0) for token in tokens]
    numbers = [index for index in range(max(0, len(words) - MAX_GAP_WORDS - 1), len(words))
               if _is_number_start(words[index])]
    if not numbers:
        return None
    first = numbers[0]
    while first > 0 and numbers[0] - first < _LOOKBACK_TOKENS and words[first - 1] in _RUN_WORDS:
        first -= 1
    for index in range(first, numbers[-1] + 1):
        word = words[index]
        if not (word[0].isdigit() or word.split("-")[0] in _START_WORDS):
            continue
        match = _QUANTITY_RE.match(lowered, tokens[index].start())
        if match is None or not match.start("noun") <= noun_start < match.end():
            continue
        value = _count_value(text, match, article_ok=_is_article_noun(match["noun"]))
        if value is not None and _fits_noun(text, match, value):
            return match, value
    return None


def _fits_noun(text: str, match: re.Match[str], value: Decimal) -> bool:
    """Tell whether a count agrees with its noun and the words between them.

    "777 plane" and "70 gun" are designations (a count above one takes a plural noun); "a" counts
    a formation only across names ("an S-400 regiment"), not adjectives ("a longer battery").
    """
    head = _last_noun(match["noun"])
    if value >= MAX_COUNT or (value > 1 and not head.endswith("s") and head not in _SAME_IN_PLURAL):
        return False
    if match["number"] in ("a", "an"):
        gap = text[match.start("gap"):match.end("gap")].split()
        return all(word[0].isupper() or any(char.isdigit() for char in word) for word in gap)
    return True


def _one_formation(text: str, lowered: str, window_start: int, noun_start: int) -> QuantityMatch | None:
    """Read "the second regiment set" or "the 4th S-400 regiment" as one formation, or None."""
    run = _NOUN_RUN_RE.match(lowered, noun_start)
    if run is None or not _is_article_noun(run.group(0)) or text[noun_start].isupper():
        return None  # "the 2nd Battalion" names a unit of an army
    ordinal = _ORDINAL_BEFORE_RE.search(lowered, window_start, noun_start)
    if ordinal is None:
        return None
    unit = _NOUN_UNITS[_last_noun(run.group(0))]
    quantity = Quantity(1, unit, None, text[ordinal.start():run.end()])
    return QuantityMatch(ordinal.start(), run.end(), quantity, text[noun_start:run.end()])


def count_before(text: str, end: int) -> tuple[int, Quantity] | None:
    """Read the number that ends right before `end`, e.g. before a system name: "20 F-16s".

    Up to two words such as "more", "additional" or "Russian-made" may follow the number
    ("two more F-16s", "at least six new ").

    Args:
        text: the text.
        end: the offset where the counted thing starts (the number and a space end there).

    Returns:
        (start offset of the number or its bound, Quantity(value, "unit", bound)), or None when
        no count ends there: no number, a year ("in 2019 F-16s"), money, a designation's digits,
        "a"/"an" (too weak to count a system), or a figure of MAX_COUNT or more ("5,000,000 F-16s").
    """
    if end <= 0 or end > len(text) or not text[end - 1].isspace():
        return None
    window_start = max(0, end - _COUNT_BEFORE_WINDOW_CHARS)
    lowered = lower_in_place(text[:end])
    if not any(map(_is_number_start, lowered[window_start:].split()[-3:])):
        return None
    for token in _TOKEN_RE.finditer(lowered, window_start, end):
        word = token.group(0)
        if not (word[0].isdigit() or word.split("-")[0] in _START_WORDS) or word in ("a", "an"):
            continue
        match = _COUNT_BEFORE_RE.match(lowered, token.start(), end)
        if match is None or match["number"] in ("a", "an"):
            continue
        value = _count_value(text, match, article_ok=False)
        if value is not None and value < MAX_COUNT:
            words = text[match.start():end].rstrip()
            return match.start(), Quantity(int(value), "unit", bound_of(match["bound"]), words)
    return None


def _is_number_start(word: str) -> bool:
    """Tell whether a lower-case word can be (the start of) a number: "20", "twenty-two", "a"."""
    word = word.lstrip("(\"“'")
    return word[:1].isdigit() or word.split("-")[0] in _NUMBER_STARTS


def _count_value(text: str, match: re.Match[str], *, article_ok: bool) -> Decimal | None:
    """Return the whole positive count a match reads, or None if it is not a count."""
    number = match["number"]
    if number.lower() in ("a", "an") and not article_ok:
        return None
    value = number_value(number)
    if value is None or value <= 0 or value != value.to_integral_value():
        return None
    if match["bound"] is None and _YEAR_RE.fullmatch(number):
        return None
    if match["bound"] is None and _follows_name(text, match.start()):
        return None
    return value


def _follows_name(text: str, start: int) -> bool:
    """Tell whether a figure follows a capitalised word that makes it a designation ("Block 70")."""
    if text[max(0, start - 3):start].rstrip().endswith("/"):
        return True  # "155/ 52": a calibre or a designation
    previous = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group(1)
    if not word[0].isupper() or word.endswith(("'s", "’s", "s'", ".")):
        return False
    return word.lower() not in _STOP_WORDS


def _last_noun(noun: str) -> str:
    """Return the last counted noun of a run such as "fighter jets" or "regiment sets", lower case."""
    lowered = " ".join(noun.lower().split())
    for candidate in sorted(_NOUN_UNITS, key=len, reverse=True):
        if lowered.endswith(candidate) and (
            len(lowered) == len(candidate) or lowered[-len(candidate) - 1] == " "
        ):
            return candidate
    return lowered


def _is_article_noun(noun: str) -> bool:
    """Tell whether "a"/"an" may count this noun run: it is a formation ("a regiment set")."""
    return " ".join(noun.lower().split()) in _ARTICLE_NOUNS
