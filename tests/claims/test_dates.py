"""Tests for the date normaliser: absolute dates at their precision, and dates relative to publication."""
from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsledger.claims.dates import find_dates
from armsledger.models import PartialDate

MONDAY = PartialDate("2020-03-16", "day", "published")
"""A Monday publication date."""


def _dates(text: str, published: PartialDate | None = None) -> list[tuple[str, str, str]]:
    """Return (words, value, precision) for each date found in a text."""
    found = find_dates(text, published=published)
    assert all(match.date.source == "text" for match in found)
    return [(text[m.start:m.end], m.date.value, m.date.precision) for m in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("Shipments started on July 12, 2019.", [("July 12, 2019", "2019-07-12", "day")]),
    ("Shipments started on 12 July 2019.", [("12 July 2019", "2019-07-12", "day")]),
    ("The visit ended Dec. 15, 2003, in Moscow.", [("Dec. 15, 2003", "2003-12-15", "day")]),
    ("Updated 2:12 PM EST, Wed, Jan 29, 2020", [("Wed, Jan 29, 2020", "2020-01-29", "day")]),
    ("It was signed on Sept. 3rd, 2018.", [("Sept. 3rd, 2018", "2018-09-03", "day")]),
    ("Logged 2019-07-12 by the registry.", [("2019-07-12", "2019-07-12", "day")]),
    ("Moscow said in September 2017 that it signed.", [("September 2017", "2017-09", "month")]),
    ("The acceptance papers were signed in December 2019.", [("December 2019", "2019-12", "month")]),
    ("Talks resumed in May 2019.", [("May 2019", "2019-05", "month")]),
    ("Trials ended in early September 2017.", [("early September 2017", "2017-09", "month")]),
    ("The order was completed in 2010.", [("2010", "2010", "year")]),
    ("Russia announced in fall 2017 the sale.", [("fall 2017", "2017", "year")]),
    ("The first set came in the spring of 2018.", [("the spring of 2018", "2018", "year")]),
    ("Deliveries start in early 2019.", [("early 2019", "2019", "year")]),
    ("Deliveries end late 2020.", [("late 2020", "2020", "year")]),
    ("Tests are set for mid-2021.", [("mid-2021", "2021", "year")]),
    ("The line closes by the end of 2024.", [("the end of 2024", "2024", "year")]),
    ("Exports can begin no earlier than 2016.", [("2016", "2016", "year")]),
    ("It has served since 2007 and until 2030.", [("2007", "2007", "year"), ("2030", "2030", "year")]),
    ("Contracts were signed in 2022 and 2024.", [("2022", "2022", "year"), ("2024", "2024", "year")]),
    ("It was leased from 2012 to 2021.", [("2012", "2012", "year"), ("2021", "2021", "year")]),
    ("Guns bought in the years 2012-2013 failed.", [("2012", "2012", "year"), ("2013", "2013", "year")]),
    ("Delivery is due in Q3 of 2023.", [("Q3 of 2023", "2023", "year")]),
    ("It voided the 2017 deal.", [("2017", "2017", "year")]),
    ("The first set came in the spring of 2018 and was tested in December 2018.",
     [("the spring of 2018", "2018", "year"), ("December 2018", "2018-12", "month")]),
])
def test_find_dates_reads_absolute_dates_at_their_precision(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _dates(text) == expected
    assert _dates(text, MONDAY) == expected


@pytest.mark.parametrize("text", [
    "The S-400 fires at targets 400 km away.",
    "A $2.5 billion deal was signed.",
    "The F-16 Block 70 is offered.",
    "Some 2,000 troops took part.",
    "The jet climbs to 2019 m quickly.",
    "Exports rose 2019 percent.",
    "The 2019 jets flew.",
    "Theresa May said nothing.",
    "It was reported on Monday.",
    "It will be done by the end of the decade.",
    "Last year was quiet.",
])
def test_find_dates_ignores_figures_and_relative_words_without_a_publication_date(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The agency reported on Monday.", [("Monday", "2020-03-16", "day")]),
    ("The agency reported on Wednesday.", [("Wednesday", "2020-03-11", "day")]),
    ("The agency reported last Monday.", [("last Monday", "2020-03-09", "day")]),
    ("It will complete the contract before the year-end.", [("the year-end", "2020", "year")]),
    ("It will be done this year.", [("this year", "2020", "year")]),
    ("It will sign later this year.", [("later this year", "2020", "year")]),
    ("It will finish by the end of the year.", [("the end of the year", "2020", "year")]),
    ("Deliveries begin this fall.", [("this fall", "2020", "year")]),
    ("It was signed at the beginning of this fall.", [("the beginning of this fall", "2020", "year")]),
    ("Deliveries begin next year.", [("next year", "2021", "year")]),
    ("Deliveries begin early next year.", [("early next year", "2021", "year")]),
    ("Last year the deal fell through.", [("Last year", "2019", "year")]),
    ("It was signed last month.", [("last month", "2020-02", "month")]),
    ("It was signed earlier this month.", [("earlier this month", "2020-03", "month")]),
    ("It was signed yesterday.", [("yesterday", "2020-03-15", "day")]),
    ("It is signed today.", [("today", "2020-03-16", "day")]),
    ("On July 17, the spokesman will speak.", [("July 17", "2020-07-17", "day")]),
    ("On December 17, the spokesman spoke.", [("December 17", "2019-12-17", "day")]),
    ("MOSCOW, March 16. The agency said.", [("March 16", "2020-03-16", "day")]),
    ("It arrived in December.", [("December", "2019-12", "month")]),
    ("It arrives in April.", [("April", "2020-04", "month")]),
    ("It arrived last December.", [("last December", "2019-12", "month")]),
    ("Russia Today reported the sale.", []),
    ("It will be done by the end of the decade.", []),
    ("The deal of July 12, 2019 stands.", [("July 12, 2019", "2019-07-12", "day")]),
])
def test_find_dates_resolves_relative_dates_against_publication(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _dates(text, MONDAY) == expected


@pytest.mark.parametrize(("published", "text", "expected"), [
    (PartialDate("2020", "year", "url"), "It was signed on Monday and delivered this year.",
     [("this year", "2020", "year")]),
    (PartialDate("2020-03", "month", "url"), "It was signed last month, yesterday.",
     [("last month", "2020-02", "month")]),
    (PartialDate("--03-16", "day", "dateline"), "It was signed on Monday, last year.", []),
    (PartialDate("2021-01-05", "day", "published"), "It was signed last month.",
     [("last month", "2020-12", "month")]),
    (PartialDate("2021-01-05", "day", "published"), "It was signed in December.",
     [("December", "2020-12", "month")]),
    (PartialDate("2012-12-11", "day", "published"), "Deliveries begin Jan. 22, after talks on June 1.",
     [("Jan. 22", "2013-01-22", "day"), ("June 1", "2012-06-01", "day")]),
    (PartialDate("2021-07-05", "day", "published"), "It was signed last December, due next March.",
     [("last December", "2020-12", "month"), ("next March", "2022-03", "month")]),
])
def test_relative_dates_need_the_precision_they_resolve_to(
        published: PartialDate, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _dates(text, published) == expected


_DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(_DAYS)
def test_any_month_and_year_never_yields_a_day(day: date) -> None:
    text = f"It was signed in {calendar.month_name[day.month]} {day.year} in the capital."
    assert _dates(text) == [(f"{calendar.month_name[day.month]} {day.year}", f"{day:%Y-%m}", "month")]
    assert _dates(text, MONDAY)[0][2] == "month"


@given(_DAYS, st.booleans())
def test_any_written_day_round_trips(day: date, day_first: bool) -> None:
    month = calendar.month_name[day.month]
    words = f"{day.day} {month} {day.year}" if day_first else f"{month} {day.day}, {day.year}"
    assert _dates(f"It was signed on {words}.") == [(words, day.isoformat(), "day")]


@given(st.integers(min_value=1900, max_value=2099))
def test_a_years_digits_outside_date_context_are_never_a_date(year: int) -> None:
    text = f"The S-{year} flies {year} km for ${year} billion with {year:,} troops."
    assert _dates(text) == []


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       st.sampled_from(list(calendar.day_name)))
def test_on_a_weekday_is_the_latest_such_day_on_or_before_publication(published: date, weekday: str) -> None:
    found = _dates(f"The ministry said on {weekday}.", PartialDate(published.isoformat(), "day", "published"))
    resolved = date.fromisoformat(found[0][1])
    assert calendar.day_name[resolved.weekday()] == weekday
    assert 0 <= (published - resolved).days < 7
