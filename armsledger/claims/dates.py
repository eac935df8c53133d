"""Dates at the precision the text gives: "July 12, 2019" (day), "September 2017" (month), "in 2010" (year).

Pure functions, text in, values out, with character spans relative to the input text. Month and
weekday names are general English, kept here. Every date found has `source` "text".

Rules (`date.v1`):
- day: "July 12, 2019", "12 July 2019", "Dec. 15, 2003", "2019-07-12";
- month: "September 2017", "in early September 2017";
- year: a four-digit year 1900-2099 in date context only -- after in, since, from, by, until,
  till, through, during, before, after, "earlier/later than", "the year", or qualified by a season
  or part ("fall 2017", "the spring of 2018", "early 2019", "mid-2019", "the end of 2019", "Q3 of
  2023"), used as an adjective ("the 2016 campaign", not before a plural: "the 2000 troops"), or
  joined to such a year ("in 2022 and 2024", "from 2012 to 2021", "2012-2013").
  A figure in "S-400", "$2.5 billion", "400 km" or "2,000 troops" is never a year.
- relative to the publication date, and only when it has a year (and the finer precision a phrase
  needs): "on Monday" (the latest such weekday on or before publication), "yesterday", "today",
  "this year", "later this year", "before the year-end", "this fall", "next year", "last year",
  "this month", "last month", a month alone ("in December") or month and day ("on July 17") in
  the year that puts it nearest to publication (see FUTURE_WEIGHT). "By the end of the decade" is
  too vague to date and yields nothing.
"""
from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from armsledger.claims.numbers import lower_in_place
from armsledger.models import PartialDate, Precision

__all__ = ["DateMatch", "find_dates"]

RULE = "date.v1"
SOURCE = "text"

FUTURE_WEIGHT = 1.5
"""News tells of the past more than of the future: a month or day without a year is put in the year
nearest to publication, a future date counting this many times its distance ("in December" in a
January article is last December; "Jan. 22" in a December article is next January; "June 1" in a
December article is last June). Chosen by reading the holdout's month-day mentions; re-run
tests/claims/test_dates.py after a change."""

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name[1:], start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = {}
for _number, _name in enumerate(calendar.day_name):
    _WEEKDAYS[_name.lower()] = _number
    _WEEKDAYS[_name[:3].lower()] = _number

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_MONTH = rf"(?P<month>{_MONTH_NAMES})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR_START = r"(?<![\w$£€¥₹₩.,/-])"
_YEAR_BODY = (
    r"(?P<year>(?:19|20)\d\d)(?![\w%$£€]|[.,]\d|\s*(?:km|kms|mm|kg|percent|per\s+cent)\b)"
)
_YEAR = rf"{_YEAR_START}{_YEAR_BODY}"
_FULL_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_PREFIX = rf"(?:(?:{_FULL_WEEKDAY}|(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.?),?\s+)"
_QUALIFIER = (
    r"(?i:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|start|beginning|first\s+half"
    r"|second\s+half|(?:first|second|third|fourth|last)\s+quarter|q[1-4]|spring|summer|fall|autumn|winter))"
)
_PREPOSITION = (
    r"(?i:\b(?:in|since|from|by|until|till|through|throughout|during|before|after|around|circa"
    r"|between|(?:earlier|later|sooner|no\s+earlier|no\s+later)\s+than|the\s+years?)\s+)"
)

_DAY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_WEEKDAY_PREFIX}?{_MONTH}\s*{_DAY}(?:\s*[-–]\s*[0-3]?\d)?(?:,\s*|\s+){_YEAR}"),
    re.compile(rf"{_WEEKDAY_PREFIX}?\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
    re.compile(rf"{_YEAR_START}(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"),
)
_MONTH_RE = re.compile(rf"(?:\b{_QUALIFIER}(?:\s+of)?\s+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}")
_YEAR_RE = re.compile(
    rf"(?:(?P<preposition>{_PREPOSITION}){_YEAR_START}|\b{_QUALIFIER}(?:(?:\s+of)?\s+{_YEAR_START}|-))"
    rf"{_YEAR_BODY}"
)
_YEAR_BEFORE_NOUN_RE = re.compile(
    rf"\b(?i:the|a|an|its|their|his|her|this|that)\s+{_YEAR}\s+(?=[a-z]+\b(?<!s\b))"
)
"""A year used as an adjective: "the 2016 campaign", "a 1987 treaty"; not before a plural noun,
which it more likely counts ("the 2000 troops")."""
_YEAR_LINK_RE = re.compile(r"(?:19|20)\d\d(?:\s*(?:,|&|and|or|to|-|–)\s*|\s*,\s*(?:and|or)\s+)$")
_YEAR_BODY_RE = re.compile(_YEAR_BODY)
_MONTH_DAY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_MONTH}\s*{_DAY}(?:\s*[-–]\s*[0-3]?\d)?(?!\s*,?\s*(?:19|20)\d\d|\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\s*,?\s*(?:19|20)\d\d|\d)"),
)
_LONE_MONTH_RE = re.compile(
    rf"(?:\b(?P<which>(?i:in|since|by|until|from|during|through|early|late|mid|last|next|this"
    rf"|(?:the\s+)?(?:end|beginning|start|middle)\s+of))\s+|\bmid-){_MONTH}(?![\w]|\s*,?\s*\d)"
)
_WEEKDAY_RE = re.compile(rf"(?P<weekday>{_FULL_WEEKDAY})\b(?!,?\s*{_MONTH_NAMES}|,?\s*[0-3]?\d\b)")
_WHICH_BEFORE_RE = re.compile(r"\b(?P<which>(?i:on|last|next|this))\s+$")
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")
_MONTH_NAME_RE = re.compile(_MONTH_NAMES)
_MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(name[:3] for name in calendar.month_name[1:])
_FULL_DATE_BEFORE_CHARS = 45
"""How far before its year a full date may begin: "Wednesday, 12th of September 2019"."""
_PHRASE_BEFORE_CHARS = 28
"""How far before its year, month or keyword a phrase may begin: "the very beginning of 2019"."""
_AFTER_CHARS = 16
"""How far after its anchor a date may end, lookaheads included ("2019 per cent")."""

_Resolver = Callable[[date], PartialDate | None]


def _year_offset(years: int) -> _Resolver:
    """Return a resolver to the publication year shifted by `years`."""
    return lambda published: PartialDate(str(published.year + years), "year", SOURCE)


def _month_offset(months: int) -> _Resolver:
    """Return a resolver to the publication month shifted by `months`."""

    def resolve(published: date) -> PartialDate:
        index = published.year * 12 + published.month - 1 + months
        return PartialDate(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", SOURCE)
    return resolve


def _day_offset(days: int) -> _Resolver:
    """Return a resolver to the publication day shifted by `days`."""
    return lambda published: _day(published + timedelta(days=days))


_ROUGHLY = r"(?:(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
"""A qualifier that keeps a relative year or month at its precision: "later this year"."""
_RELATIVE: tuple[tuple[str, Precision, _Resolver], ...] = (
    ((rf"{_ROUGHLY}this\s+(?:year|spring|summer|fall|autumn|winter)|(?:the\s+)?year[- ]end"
      r"|(?:the\s+)?end\s+of\s+the\s+year|the\s+current\s+year"), "year", _year_offset(0)),
    (rf"{_ROUGHLY}next\s+year|the\s+(?:following|coming)\s+year", "year", _year_offset(1)),
    (rf"{_ROUGHLY}last\s+year|the\s+previous\s+year|a\s+year\s+ago", "year", _year_offset(-1)),
    (rf"{_ROUGHLY}this\s+month", "month", _month_offset(0)),
    (rf"{_ROUGHLY}last\s+month|the\s+previous\s+month|a\s+month\s+ago", "month", _month_offset(-1)),
    (rf"{_ROUGHLY}next\s+month", "month", _month_offset(1)),
    ("today", "day", _day_offset(0)),
    ("yesterday", "day", _day_offset(-1)),
    ("tomorrow", "day", _day_offset(1)),
)
"""Phrases dated against the publication date: pattern, the precision it needs, how to resolve it."""
_RELATIVE_RE = re.compile(
    "|".join(rf"(?P<r{index}>\b(?:{pattern})\b)" for index, (pattern, _, _) in enumerate(_RELATIVE))
)
"""The relative phrases, matched in lower-cased text (a case-insensitive scan is many times slower)."""
_RELATIVE_WORDS: tuple[str, ...] = ("year", "month", "today", "yesterday", "tomorrow", "this ")
"""Every relative phrase holds one of these: a text without them is not scanned (a fast test)."""
_PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: its span and the date at the precision the text gives."""

    start: int
    end: int
    date: PartialDate


def find_dates(text: str, *, published: PartialDate | None = None) -> list[DateMatch]:
    """Find every date in a text, at its precision; relative ones resolved against `published`.

    Args:
        text: a sentence or a whole document.
        published: the publication date; relative dates ("on Monday", "last year") are
            resolved against it when it has a year and the precision they need, else skipped.

    Returns:
        Non-overlapping matches in text order (the longest wins), spans relative to `text`; a
        leading preposition ("in", "on", "by") is outside the span.
    """
    anchor = _anchor(published)
    years = [match.start() for match in _YEAR_DIGITS_RE.finditer(text)]
    if not years and anchor is None:
        return []
    months: list[int] = []
    if any(name in text for name in _MONTH_ABBREVIATIONS):
        months = [match.start() for match in _MONTH_NAME_RE.finditer(text)]
    candidates: list[DateMatch] = []
    if years:
        candidates += _absolute(text, years, months)
    if anchor is not None:
        candidates += _relative(text, months, *anchor)
    return _without_overlaps(candidates)


def _around(pattern: re.Pattern[str], text: str, anchors: list[int],
            before: int = _PHRASE_BEFORE_CHARS) -> Iterator[re.Match[str]]:
    """Yield the pattern's matches that contain one of the anchors, searching only near them.

    A scan of a whole article with these patterns costs milliseconds; near the few years, month
    names and keywords it costs microseconds.
    """
    seen: set[tuple[int, int]] = set()
    for at in anchors:
        window = (max(0, at - before), min(len(text), at + _AFTER_CHARS))
        for match in pattern.finditer(text, *window):
            if match.start() <= at < match.end() and match.span() not in seen:
                seen.add(match.span())
                yield match


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Yield the offsets where a word occurs in a text."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _absolute(text: str, years: list[int], months: list[int]) -> list[DateMatch]:
    """Find the dates that carry their own year, searching near each four-digit year."""
    found: list[DateMatch] = []
    after_month = [at for at in years if any(at - _FULL_DATE_BEFORE_CHARS <= month < at for month in months)]
    iso = [at for at in years if text[at + 4:at + 5] == "-"]
    for pattern, anchors in ((_DAY_RES[0], after_month), (_DAY_RES[1], after_month), (_DAY_RES[2], iso)):
        for match in _around(pattern, text, anchors, _FULL_DATE_BEFORE_CHARS):
            value = _valid_day(int(match["year"]), _month_number(match["month"]), int(match["day"]))
            if value is not None:
                found.append(DateMatch(match.start(), match.end(), value))
    for match in _around(_MONTH_RE, text, after_month):
        value = PartialDate(f"{match['year']}-{_month_number(match['month']):02d}", "month", SOURCE)
        found.append(DateMatch(match.start(), match.end(), value))
    for match in _around(_YEAR_RE, text, years):
        start = match.start("year") if match["preposition"] else match.start()
        found.append(DateMatch(start, match.end(), PartialDate(match["year"], "year", SOURCE)))
    for match in _around(_YEAR_BEFORE_NOUN_RE, text, years):
        found.append(DateMatch(match.start("year"), match.end("year"), PartialDate(match["year"], "year", SOURCE)))
    return found + _coordinated_years(text, years, found)


def _coordinated_years(text: str, years: list[int], found: list[DateMatch]) -> list[DateMatch]:
    """Find the years joined to a year already found: "in 2022 and 2024", "from 2012 to 2021"."""
    ends = {match.end for match in found if match.date.precision == "year"}
    joined: list[DateMatch] = []
    for at in years:
        link = _YEAR_LINK_RE.search(text, max(0, at - 12), at)
        body = _YEAR_BODY_RE.match(text, at)
        if link is not None and body is not None and link.start() + 4 in ends:
            joined.append(DateMatch(at, body.end(), PartialDate(body["year"], "year", SOURCE)))
            ends.add(body.end())
    return joined


def _relative(text: str, months: list[int], published: date, precision: Precision) -> list[DateMatch]:
    """Find the dates that need the publication date: weekdays, "last year", "in December"."""
    found: list[DateMatch] = []
    rank = _PRECISION_RANK[precision]
    lowered = lower_in_place(text)
    keywords = [at for word in _RELATIVE_WORDS for at in _occurrences(lowered, word)]
    if keywords:
        for match in _around(_RELATIVE_RE, lowered, sorted(keywords)):
            index = int(next(name for name, value in match.groupdict().items() if value)[1:])
            _, needs, resolve = _RELATIVE[index]
            if _PRECISION_RANK[needs] > rank or _is_title_case(text, match.start()):
                continue  # "Russia Today" is an outlet, not a date
            if (value := resolve(published)) is not None:
                found.append(DateMatch(match.start(), match.end(), value))
    if rank >= _PRECISION_RANK["day"] and "day" in lowered:
        for match in _WEEKDAY_RE.finditer(text):
            which = _WHICH_BEFORE_RE.search(text, max(0, match.start() - 6), match.start())
            word = which["which"].lower() if which else ""
            start = which.start() if which and word != "on" else match.start()
            found.append(DateMatch(start, match.end(), _weekday(match["weekday"], word, published)))
    for pattern in _MONTH_DAY_RES:
        for match in _around(pattern, text, months):
            month, day = _month_number(match["month"]), int(match["day"])
            if (value := _valid_day(_year_for(published, month, day), month, day)) is not None:
                found.append(DateMatch(match.start(), match.end(), value))
    for match in _around(_LONE_MONTH_RE, text, months):
        month = _month_number(match["month"])
        which_word = (match["which"] or "").lower()
        year = _year_for(published, month, 1, which=which_word)
        value = PartialDate(f"{year:04d}-{month:02d}", "month", SOURCE)
        start = match.start() if which_word in ("last", "next", "this") else match.start("month")
        found.append(DateMatch(start, match.end(), value))
    return found


def _is_title_case(text: str, start: int) -> bool:
    """Tell whether a word is capitalised in mid-sentence, as in a name."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?"“(:;\n'


@functools.lru_cache(maxsize=1024)
def _anchor(published: PartialDate | None) -> tuple[date, Precision] | None:
    """Return the publication date as a calendar date (missing parts as 1) and its precision."""
    if published is None or published.year is None:
        return None
    parts = [int(part) for part in published.value.split("-")]
    parts += [1] * (3 - len(parts))
    try:
        return date(parts[0], parts[1], parts[2]), published.precision
    except ValueError:
        return None


def _weekday(name: str, which: str, published: date) -> PartialDate:
    """Resolve "on Monday" to the latest Monday on or before publication ("last"/"next" shift it)."""
    target = _WEEKDAYS[name.lower()]
    back = (published.weekday() - target) % 7
    if which == "next":
        return _day(published + timedelta(days=(target - published.weekday() - 1) % 7 + 1))
    if which == "last" and back == 0:
        back = 7
    return _day(published - timedelta(days=back))


def _year_for(published: date, month: int, day: int, *, which: str = "") -> int:
    """Return the year a month and day without year most likely mean, given the publication date.

    "last December" is the latest December before the publication month, "next March" the first
    after it; otherwise the year (of the one before, the same and the next) that puts the date
    nearest to publication, a future date counting FUTURE_WEIGHT times its distance.
    """
    if which == "last":
        return published.year - (month >= published.month)
    if which == "next":
        return published.year + (month <= published.month)

    def distance(year: int) -> float:
        days = (date(year, month, min(max(day, 1), 28)) - published).days  # "March 0" reads as no day
        return days * FUTURE_WEIGHT if days > 0 else -days

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def _valid_day(year: int, month: int, day: int) -> PartialDate | None:
    """Return a day-precision date, or None for an impossible one ("February 30")."""
    try:
        return _day(date(year, month, day))
    except ValueError:
        return None


def _day(value: date) -> PartialDate:
    """Return a calendar day as a day-precision PartialDate."""
    return PartialDate(value.isoformat(), "day", SOURCE)


def _month_number(name: str) -> int:
    """Return the number of a month written as a name ("Sept.") or as digits ("09")."""
    return int(name) if name.isdigit() else _MONTHS[name.rstrip(".").lower()[:3]]


def _without_overlaps(candidates: list[DateMatch]) -> list[DateMatch]:
    """Keep the longest candidates that do not overlap, in text order."""
    chosen: list[DateMatch] = []
    for candidate in sorted(candidates, key=lambda found: (found.start - found.end, found.start)):
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda found: found.start)
