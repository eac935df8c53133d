"""Contract values: "$2.5 billion", "Rs 421 crore", "W845b", "5.6 trillion won", "€1.2bn".

Pure functions, text in, values out, with character spans relative to the input text.
Currency signs, codes, words and scale words are general vocabulary kept in
`data/patterns/currencies.json`.

Rules (`value.v3`; v1 read "$0" as a value, v2 sums past MAX_AMOUNT), a small grammar rather than a general parser (quantulum3 and price-parser
both misread "$2.5 billion"):
- prefix form: [bound] sign-or-code figure [scale] -- "$2.5 billion", "US$1.2 billion",
  "USD 500 million", "INR390 b", "Rs 3,000 crore", "W845b" (a bare letter sign only glued to
  its figure);
- suffix form: [bound] figure-or-number-words [scale] currency-word -- "1.2 billion euros",
  "5.6 trillion won", "5.6 tln-won", "two billion dollars", "500 million USD";
- implied form: figure "crore"/"lakh crore" with no currency is rupees, read only before
  punctuation or a money word ("1 lakh crore deal"), so "1.4 crore people" is not money;
- a range ("$1-2 billion", "$1 to $2 billion") is its low end with bound "at least".
A figure without a currency ("2.5 billion") is not a value, nor is an amount of zero ("$0").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from armsledger.claims.numbers import (
    BOUND_PATTERN,
    BOUNDS,
    DIGITS_PATTERN,
    WORDS_PATTERN,
    alternation,
    bound_of,
    number_value,
    plain_decimal,
)
from armsledger.models import Money

__all__ = ["ValueMatch", "find_values"]

RULE = "value.v3"

MAX_AMOUNT = 10**15
"""No arms contract is worth a quadrillion units of any currency: the largest in news, in yen, won or
rupees, are near 10^13. A figure at or past this ("$99999999999999999999 trillion") is no price."""

_DATA = json.loads(
    resources.files("armsledger").joinpath("data/patterns/currencies.json").read_text(encoding="utf-8")
)
_PREFIXES: dict[str, str] = dict(_DATA["prefixes"])
_SUFFIXES: dict[str, str] = {word.lower(): code for word, code in _DATA["suffixes"].items()}
_CODES: dict[str, str] = {code: code for code in _PREFIXES if re.fullmatch(r"[A-Z]{3}", code)}
_SCALES: dict[str, int] = {word.lower(): int(factor) for word, factor in _DATA["scales"].items()}
_IMPLIED: dict[str, str] = dict(_DATA["implied"]["scales"])
_CONTEXT_WORDS: frozenset[str] = frozenset(_DATA["implied"]["context_words"])


def _prefix(sign: str) -> str:
    """Return the regex for one prefix: a lone letter ("W") must be glued to its figure."""
    if re.fullmatch(r"[A-Za-z]", sign):
        return rf"{re.escape(sign)}(?=\d)"
    return rf"{re.escape(sign)}\s?"


_PREFIX = "|".join(_prefix(sign) for sign in sorted(_PREFIXES, key=len, reverse=True))
_SCALE = rf"(?i:{alternation(set(_SCALES))})(?![\w])"
_SUFFIX = rf"(?:(?i:{alternation(set(_SUFFIXES))})|{alternation(set(_CODES))})(?![\w'’])"
_START = r"(?<![A-Za-z0-9_$£€¥₹₩₽₺₪.,-])"
_BOUND = rf"(?:(?P<bound>(?i:{BOUND_PATTERN}))\s+)?"
_VALUE_RE = re.compile(
    rf"{_BOUND}"
    rf"(?:{_START}(?P<prefix>{_PREFIX})(?P<amount>{DIGITS_PATTERN})(?:[\s-]?(?P<scale>{_SCALE}))?"
    rf"|{_START}(?P<amount2>{DIGITS_PATTERN})(?:[\s-]?(?P<scale2>{_SCALE}))?[\s-](?P<suffix>{_SUFFIX})"
    rf"|{_START}(?P<amount3>{DIGITS_PATTERN})\s?(?P<scale3>(?i:{alternation(set(_IMPLIED))}))(?![\w]))"
)
"""The grammar for amounts in digits; tried only where a figure starts (see `find_values`)."""
_WORDS_VALUE_RE = re.compile(
    rf"{_BOUND}(?<![\w-])(?P<amount2>(?i:{WORDS_PATTERN})\b)(?:[\s-]?(?P<scale2>{_SCALE}))?"
    rf"[\s-](?P<suffix>{_SUFFIX})"
)
"""The grammar for amounts in words ("two billion dollars"); tried only near a scale word."""
_WORDS_WINDOW_CHARS = 60
"""How far around a scale word an amount in words is looked for ("at least one hundred and ...")."""
_RANGE_TAIL_RE = re.compile(
    rf"\s*(?:-|–|to|and)\s*(?:{alternation(set(_PREFIXES))})?\s?{DIGITS_PATTERN}[\s-]?(?P<scale>{_SCALE})"
)
_FIGURE_RE = re.compile(r"\d[\d,.]*")
_PREFIX_END_RE = re.compile(rf"(?:{alternation(set(_PREFIXES))})\s?$")
_BOUND_END_RE = re.compile(rf"(?<![\w-])(?i:{BOUND_PATTERN})\s+$")
_SIGN_ENDS = frozenset(sign[-1] for sign in _PREFIXES)
_PREFIX_MAX_CHARS = max(map(len, _PREFIXES)) + 1
_BOUND_MAX_CHARS = 24
_BOUND_LAST_WORDS: frozenset[str] = frozenset(bound.split()[-1] for bound in BOUNDS)
"""The last words of the bounds: only a figure after one of them is tried with a bound (fast)."""
_NEXT_WORD_RE = re.compile(r"\s*([\w'’-]*)")


@dataclass(frozen=True, slots=True)
class ValueMatch:
    """A money amount found in a text: its span and its value."""

    start: int
    end: int
    money: Money


def find_values(text: str) -> list[ValueMatch]:
    """Find every money amount in a text ("a $2.5 billion deal", "worth Rs 421 crore").

    Args:
        text: a sentence or a whole document.

    Returns:
        The matches in text order, with spans relative to `text`; Money.amount is a Decimal of
        whole currency units (2500000000 for "$2.5 billion"), Money.text the words matched
        (bound included) and Money.bound the bound ("more than") or None.
    """
    found: list[ValueMatch] = []
    last_end = 0
    for figure in _FIGURE_RE.finditer(text):
        if figure.start() < last_end or not _may_be_money(text, figure.start(), figure.end()):
            continue
        match = _match_at(text, figure.start(), _VALUE_RE, last_end)
        if match is None or (money := _money(text, match)) is None:
            continue
        end = match.end()
        if match["prefix"] is not None and match["scale"] is None:
            money, end = _range(text, match, money)
        found.append(ValueMatch(match.start(), end, money))
        last_end = end
    if "illion" in text:
        found += _values_in_words(text, found)
    return sorted(found, key=lambda value: value.start)


def _may_be_money(text: str, start: int, end: int) -> bool:
    """Tell whether a figure has a sign or code before it, or a word after it (a fast test)."""
    before = text[max(0, start - 2):start].rstrip()
    if before and before[-1] in _SIGN_ENDS:
        return True
    after = text[end:end + 3].lstrip(" -")
    return after[:1].isalpha()


def _match_at(text: str, figure_start: int, grammar: re.Pattern[str], floor: int) -> re.Match[str] | None:
    """Match the grammar from the currency sign and bound before a figure, if any, else the figure."""
    start = figure_start
    sign = _PREFIX_END_RE.search(text, max(floor, start - _PREFIX_MAX_CHARS), start)
    if sign is not None:
        start = sign.start()
    before = text[max(floor, start - _BOUND_MAX_CHARS):start]
    last_word = before.rsplit(None, 1)[-1].lower() if before[-1:].isspace() and before.strip() else ""
    bound = None
    if last_word in _BOUND_LAST_WORDS:
        bound = _BOUND_END_RE.search(text, max(floor, start - _BOUND_MAX_CHARS), start)
    if bound is not None and (match := grammar.match(text, bound.start())) is not None:
        return match
    return grammar.match(text, start)


def _values_in_words(text: str, found: list[ValueMatch]) -> list[ValueMatch]:
    """Find the amounts written in words before a scale word ("two billion dollars")."""
    words: list[ValueMatch] = []
    at = text.find("illion")
    while at >= 0:
        before = text[max(0, at - 12):at].rstrip("mbtrMBTR").rstrip()
        if before[-1:].isalpha():
            match = _WORDS_VALUE_RE.search(text, max(0, at - _WORDS_WINDOW_CHARS), at + _WORDS_WINDOW_CHARS)
            overlaps = match is not None and any(
                match.start() < kept.end and kept.start < match.end() for kept in found + words)
            if match is not None and not overlaps and (money := _money(text, match)) is not None:
                words.append(ValueMatch(match.start(), match.end(), money))
        at = text.find("illion", at + 1)
    return words


def _money(text: str, match: re.Match[str]) -> Money | None:
    """Return the Money a grammar match stands for, or None when it is not money after all."""
    groups = match.groupdict()
    if groups.get("prefix") is not None:
        currency = _PREFIXES[match["prefix"].rstrip()]
        amount_text, scale = match["amount"], match["scale"]
    elif groups.get("suffix") is not None:
        currency = _SUFFIXES.get(" ".join(match["suffix"].lower().split())) or _CODES[match["suffix"]]
        amount_text, scale = match["amount2"], match["scale2"]
    else:
        scale = match["scale3"]
        if not _is_money_context(text, match.end()):
            return None
        currency = _IMPLIED[" ".join(scale.lower().split())]
        amount_text = match["amount3"]
    amount = number_value(amount_text)
    if amount is None:
        return None
    if scale is not None:
        amount *= _SCALES[" ".join(scale.lower().split())]
    if amount <= 0 or amount >= MAX_AMOUNT:
        return None  # "$0" states no price
    return Money(plain_decimal(amount), currency, bound_of(match["bound"]), match.group(0))


def _range(text: str, match: re.Match[str], money: Money) -> tuple[Money, int]:
    """Read "$1-2 billion" or "$1 to $2 billion" as at least $1 billion, not as one dollar."""
    tail = _RANGE_TAIL_RE.match(text, match.end())
    if tail is None:
        return money, match.end()
    amount = money.amount * _SCALES[" ".join(tail["scale"].lower().split())]
    if amount >= MAX_AMOUNT:
        return money, match.end()
    words = text[match.start():tail.end()]
    return Money(plain_decimal(amount), money.currency, money.bound or "at least", words), tail.end()


def _is_money_context(text: str, end: int) -> bool:
    """Tell whether an amount without currency is followed by punctuation or a money word."""
    following = _NEXT_WORD_RE.match(text, end)
    word = following.group(1).lower() if following else ""
    return word == "" or word in _CONTEXT_WORDS

