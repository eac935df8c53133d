"""Metadata: dates at the precision the text gives, datelines, bylines, headlines, outlets."""
from __future__ import annotations

import pytest

from armsledger.clean.metadata import (
    DATELINE,
    agency_of,
    author_from_byline,
    date_from_dateline,
    date_from_url,
    is_headline,
    outlet_from_url,
    parse_date,
)
from armsledger.models import PartialDate


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("2020-01-29", "2020-01-29", "day"),
    ("Updated 2:12 PM EST, Wed, Jan 29, 2020", "2020-01-29", "day"),
    ("July 7, 2008 | 8:14 PM EDT", "2008-07-07", "day"),
    ("29 January 2020", "2020-01-29", "day"),
    ("Sept. 3rd, 2019", "2019-09-03", "day"),
    ("September 2017", "2017-09", "month"),
    ("2014-01", "2014-01", "month"),
    ("in 2008", "2008", "year"),
])
def test_parse_date_keeps_the_precision_written(text: str, value: str, precision: str) -> None:
    assert parse_date(text, source="s") == PartialDate(value, precision, "s")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Feb 30, 2020", "no date here", "2020-13-01 is not a date"])
def test_parse_date_refuses_what_is_not_a_calendar_date(text: str) -> None:
    result = parse_date(text, source="s")
    assert result is None or result.precision == "year"


def test_date_from_url_ignores_urls_without_dates() -> None:
    assert date_from_url("https://www.example.com/news/world-europe-32290335") is None
    assert date_from_url(None) is None


def test_dateline_gives_month_and_day_and_agency() -> None:
    match = DATELINE.match("MOSCOW, March 16. /TASS/. Russia and Turkey may sign.")
    assert match is not None
    assert date_from_dateline(match) == PartialDate("--03-16", "day", "dateline")
    assert agency_of(match) == "TASS"
    assert PartialDate("--03-16", "day").year is None


def test_dateline_does_not_match_an_ordinary_sentence() -> None:
    assert DATELINE.match("NATO said on Monday that talks would go on.") is None
    assert DATELINE.match("The deal was signed. Then talks ended.") is None


@pytest.mark.parametrize(("line", "name"), [
    ("By Sergei Blagov | July 7, 2008 | 8:14 PM EDT", "Sergei Blagov"),
    ("By Jonathan Marcus, Defence Correspondent", "Jonathan Marcus"),
    ("By: Ana de Souza", "Ana de Souza"),
    ("By Friday, the army had taken the town", None),
    ("By the end of the year", None),
])
def test_author_from_byline(line: str, name: str | None) -> None:
    assert author_from_byline(line) == name


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia Agrees to Sell Air Defense System to China", True),
    ("Why the embargo ended?", True),
    ("The deal was signed on Monday.", False),
    ("Update", False),
])
def test_is_headline(text: str, expected: bool) -> None:
    assert is_headline(text) is expected


def test_outlet_from_url_uses_the_data_file_then_the_host_name() -> None:
    assert outlet_from_url("https://tass.com/defense/1") == ("TASS", True)
    assert outlet_from_url("https://news.example.co.uk/a") == ("example", False)
    assert outlet_from_url(None) == (None, False)
