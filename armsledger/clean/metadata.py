"""Read an article's metadata from its fields, URL and text: dates with their precision, the
dateline, the outlet, the author and the title.

Dates are read by a small grammar rather than a general date parser, so that "July 2008" stays a
month and "2008" a year: general parsers fill in a day that the text never gave.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from functools import cache
from importlib import resources
from urllib.parse import SplitResult, urlsplit

from armsledger.models import PartialDate, Precision

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_AGENCY = r"[A-Z][\w&.'’-]*(?: [A-Z&][\w&.'’-]*){0,3}"

DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*[A-Z][a-z]+\.?(?: [A-Z][a-z]+)?(?=,|\s*[(/]))?"
    rf"(?:,\s*(?:(?P<month>{_MONTH})\.?\s*(?P<day>\d{{1,2}})\b|(?P<day_first>\d{{1,2}})\s+(?P<month_after>{_MONTH})\b))?"
    r"\s*[.,]?\s*"
    rf"(?:/(?P<slash_agency>{_AGENCY})/|\((?P<paren_agency>{_AGENCY})\))?"
    r"\s*(?:\.|:|[-–—]+)\s*"
)
"""A dateline at the start of a paragraph: "MOSCOW, March 16. /TASS/. ", "WASHINGTON (Reuters) - ",
"SEOUL, Dec. 30 (Yonhap) -- ", "WARSAW, 5 April – ", "WASHINGTON – ". Groups: place, month and day
(or day_first and month_after), and the agency."""

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d\d?)[-/.](?P<d>\d\d?)(?!\d)"), "day"),
    (re.compile(rf"(?:{_WEEKDAY})?(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                r"(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE), "day"),
    (re.compile(rf"(?:{_WEEKDAY})?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH})\.?,?\s+"
                r"(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE), "day"),
    (re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?![\d-])"), "month"),
    (re.compile(rf"(?P<mn>{_MONTH})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE), "month"),
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)"), "year"),
)

_URL_DATES: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)(?=/|$|[-_.])"), "day"),
    (re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)(?P<d>\d\d)(?=/|$)"), "day"),
    (re.compile(rf"/(?P<y>(?:19|20)\d\d)/(?P<mn>{_MONTH})/(?P<d>\d\d?)(?=/|$)", re.IGNORECASE), "day"),
    (re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?=/|$|[-_.])"), "day"),
    (re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d?)(?=/|$)"), "month"),
    (re.compile(rf"/(?P<y>(?:19|20)\d\d)/(?P<mn>{_MONTH})(?=/|$)", re.IGNORECASE), "month"),
)

_BYLINE = re.compile(
    r"By:?\s+(?P<name>(?!(?:the|a|an)\b)[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|al|bin|el|der)){0,4})"
    r"\s*(?:$|[|,;–—]|\s-\s|\s+(?:and|for|in)\s)"
)
_NOT_NAMES = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Then", "Now",
     "Far", "Contrast", "Comparison", "Law", "Default", "Design", "Early", "Late"]
) | frozenset(name.title() for name in MONTHS)
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 25


def parse_date(text: str, *, source: str) -> PartialDate | None:
    """Return the first date in text at the precision it is written, or None.

    "2020-01-29", "Jan 29, 2020", "Wed, Jan 29, 2020", "29 January 2020" give a day;
    "2014-01" and "July 2008" a month; "2008" a year.
    """
    for pattern, precision in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            date = _from_match(match, precision, source)
            if date is not None:
                return date
    return None


def split_url(url: str) -> SplitResult | None:
    """Return a URL's parts, or None when it cannot be parsed ("http://[::1", "http://[x]/")."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 -- parses the host: a bracketed host that is no IPv6 address raises here
        parts.port  # noqa: B018 -- "http://host:99999/" raises here
    except ValueError:
        return None
    return parts


def date_from_url(url: str | None) -> PartialDate | None:
    """Return the date written in a URL's path: /2013/05/29/ and /2013/0530/ give a day, /2014/01/ a month."""
    if not url:
        return None
    parts = split_url(url)
    if parts is None:
        return None
    path = parts.path
    for pattern, precision in _URL_DATES:
        match = pattern.search(path)
        if match:
            date = _from_match(match, precision, "url")
            if date is not None:
                return date
    return None


def date_from_dateline(match: re.Match[str]) -> PartialDate | None:
    """Return the month and day of a DATELINE match as `--MM-DD` (a dateline has no year)."""
    name, day_text = match.group("month") or match.group("month_after"), match.group("day") or match.group("day_first")
    if not name or not day_text:
        return None
    month = MONTHS[name.lower().rstrip(".")]
    day = int(day_text)
    try:
        dt.date(2000, month, day)  # a leap year, so "Feb 29" is valid
    except ValueError:
        return None
    return PartialDate(f"--{month:02d}-{day:02d}", "day", "dateline")


def agency_of(match: re.Match[str]) -> str | None:
    """Return the news agency named in a DATELINE match ("TASS", "Reuters"), or None."""
    return match.group("slash_agency") or match.group("paren_agency")


def author_from_byline(line: str) -> str | None:
    """Return the name in a byline ("By Sergei Blagov | July 7, 2008"), or None if it is not one."""
    match = _BYLINE.match(line)
    if not match:
        return None
    name = match.group("name").strip()
    if name.split()[0] in _NOT_NAMES:
        return None
    return name


def is_headline(paragraph: str) -> bool:
    """Tell whether a paragraph reads as a headline: short, one line, not ending in a full stop."""
    if len(paragraph) > _HEADLINE_MAX_CHARS or "\n" in paragraph:
        return False
    words = paragraph.split()
    return 2 <= len(words) <= _HEADLINE_MAX_WORDS and not paragraph.endswith((".", ",", ";", ":"))


def outlet_from_url(url: str | None) -> tuple[str | None, bool]:
    """Return the outlet named by a URL's host and whether the name came from data/outlets.csv.

    An unknown host gives its registered name ("example" for news.example.co.uk), with False.
    """
    if not url:
        return None, False
    parts = split_url(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower() if parts is not None else ""
    if not host:
        return None, False
    known = _outlets()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = known.get(".".join(labels[i:]))
        if name:
            return name, True
    core = labels[:-1] if len(labels) > 1 else labels  # drop the top-level domain
    while len(core) > 1 and core[-1] in _SECOND_LEVEL:
        core = core[:-1]
    return core[-1], False


_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "gov", "edu", "ac", "ne", "or", "go"])
"""Second-level labels of country domains (news.example.co.uk), skipped to reach the site's name."""


@cache
def _outlets() -> dict[str, str]:
    text = resources.files("armsledger").joinpath("data/outlets.csv").read_text(encoding="utf-8")
    return {row["host"]: row["name"] for row in csv.DictReader(text.splitlines())}


def _from_match(match: re.Match[str], precision: Precision, source: str) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if precision == "year":
        return PartialDate(f"{year:04d}", "year", source)
    month = MONTHS[groups["mn"].lower().rstrip(".")] if groups.get("mn") else int(groups["m"])
    if not 1 <= month <= 12:
        return None
    if precision == "month":
        return PartialDate(f"{year:04d}-{month:02d}", "month", source)
    try:
        day = dt.date(year, month, int(groups["d"]))
    except ValueError:
        return None
    return PartialDate(day.isoformat(), "day", source)
