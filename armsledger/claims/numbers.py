"""Numbers as news writes them: "six", "twenty-two", "1,500", "1.5 million", "a dozen", "at least six".

Shared by the quantity, value and date normalisers. `NUMBER_PATTERN` and `BOUND_PATTERN` are
regular-expression sources (to be compiled case-insensitively) that the other normalisers embed;
`number_value` turns what they matched into a Decimal.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

__all__ = ["BOUNDS", "BOUND_PATTERN", "DIGITS_PATTERN", "NUMBER_PATTERN", "NUMBER_WORDS", "SCALE_WORDS",
           "WORDS_PATTERN", "alternation", "bound_of", "lower_in_place", "number_value", "parse_number", "plain_decimal"]

_SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}
"""Number words that multiply what precedes them."""

_IDIOMS: dict[str, int] = {
    "a dozen": 12, "half a dozen": 6, "dozen": 12, "a couple of": 2, "a pair of": 2,
    "a": 1, "an": 1, "a single": 1,
}
"""Phrases that stand for a number; "a"/"an" count one."""

BOUNDS: tuple[str, ...] = (
    "at least", "more than", "over", "up to", "about", "around", "nearly", "some", "almost",
    "approximately", "roughly", "close to", "as many as", "upwards of", "in excess of",
    "fewer than", "less than", "at most", "an estimated", "estimated", "just over", "just under",
)
"""Words before a figure that make it approximate or a limit; kept as written (lower case)."""


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of literal words, longest first, with inner spaces as `\\s+`."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


BOUND_PATTERN = rf"(?:{alternation(list(BOUNDS))})"
"""Regex source for a bound word; compile case-insensitively."""

DIGITS_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?(?![.,]?\d)"
)
"""Regex source for a figure in digits: `1500`, `1,500`, `12,50,000` (Indian grouping), `1.5`."""

_WORD = alternation(list(_SMALL) + list(_TENS))
_SCALE = alternation(list(SCALE_WORDS))
WORDS_PATTERN = (
    rf"(?:{_WORD}|(?:an?|one)(?=\s+(?:{_SCALE})))"
    rf"(?:(?:-|\s+|\s+and\s+)(?:{_WORD}|{_SCALE})\b)*"
)
"""Regex source for a number in words ("twenty-two", "one hundred and twenty", "a hundred")."""
NUMBER_PATTERN = (
    rf"(?:{DIGITS_PATTERN}(?:\s+(?:{_SCALE})\b)?"
    rf"|(?:{alternation([idiom for idiom in _IDIOMS if idiom not in ('a', 'an')])})\b"
    rf"|{WORDS_PATTERN}\b|an?\b)"
)
"""Regex source for a number in digits or words, or an idiom such as "a dozen"; compile
case-insensitively and pass the match to `number_value`."""

NUMBER_WORDS: tuple[str, ...] = (*_SMALL, *_TENS, *SCALE_WORDS, "dozen", "dozens", "several", "couple",
                                  "pair", "half", "single", "few", "many", "numerous")
"""Words that are, or stand for, numbers (lower case)."""

_FULL_RE = re.compile(rf"(?:(?P<bound>{BOUND_PATTERN})\s+)?(?P<number>{NUMBER_PATTERN})", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[a-z]+")


def number_value(text: str) -> Decimal | None:
    """Return the value of a number matched by NUMBER_PATTERN, or None if its words do not add up.

    Args:
        text: "six", "twenty-two", "one hundred and twenty", "1,500", "1.5 million", "a dozen".
    """
    lowered = " ".join(text.lower().split())
    if lowered in _IDIOMS:
        return Decimal(_IDIOMS[lowered])
    if lowered[:1].isdigit():
        figure, _, scale = lowered.partition(" ")
        value = Decimal(figure.replace(",", ""))
        if scale:
            value *= SCALE_WORDS[scale]
        return plain_decimal(value)
    return _words_value(_TOKEN_RE.findall(lowered))


def _words_value(tokens: list[str]) -> Decimal | None:
    """Add up number words ("two hundred and twenty two"); None for a malformed run ("two three")."""
    total, current, last = 0, 0, ""
    for token in tokens:
        if token == "and":
            if last != "hundred" and last != "big":
                return None
            continue
        if token in ("a", "an"):
            current, last = 1, "unit"
        elif token in _SMALL:
            if last in ("unit", "teen") or (last == "tens" and _SMALL[token] >= 10):
                return None
            current += _SMALL[token]
            last = "teen" if _SMALL[token] >= 10 else "unit"
        elif token in _TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += _TENS[token]
            last = "tens"
        elif token == "hundred":
            if last in ("", "hundred") or current >= 100:
                return None
            current *= 100
            last = "hundred"
        elif token in SCALE_WORDS:
            if last in ("", "big"):
                return None
            total += current * SCALE_WORDS[token]
            current, last = 0, "big"
        else:
            return None
    return Decimal(total + current) if last else None


def plain_decimal(value: Decimal) -> Decimal:
    """Return a whole Decimal in plain integer form (`2500000000`, not `2.5E+9`)."""
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def lower_in_place(text: str) -> str:
    """Lower-case a text keeping every offset: characters that lower-case to two stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def bound_of(text: str | None) -> str | None:
    """Return a bound as we keep it: lower case, single spaces; None for None."""
    return None if text is None else " ".join(text.lower().split())


def parse_number(text: str) -> tuple[Decimal, str | None] | None:
    """Read a number written in digits or words, with an optional bound before it.

    Args:
        text: "six", "at least six", "more than 120", "twenty-two", "1,500", "1.5", "a dozen".

    Returns:
        (value, bound) with bound such as "at least", "more than" (lower case) or None for an
        exact figure; None when the text is not one number ("several", "dozens", "two three").
    """
    match = _FULL_RE.fullmatch(text.strip())
    if match is None:
        return None
    value = number_value(match["number"])
    if value is None:
        return None
    return value, bound_of(match["bound"])
