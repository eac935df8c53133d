"""Tests for the shared number reader: digits, words, idioms and bounds."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsledger.claims.numbers import number_value, parse_number

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _in_words(number: int) -> str:
    """Write 1..999 in English words, the way news does ("one hundred and twenty-two")."""
    hundreds, rest = divmod(number, 100)
    words = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest and hundreds:
        words.append("and")
    if 0 < rest < 20:
        words.append(_UNITS[rest])
    elif rest:
        tens, units = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_UNITS[units]}" if units else ""))
    return " ".join(words)


@pytest.mark.parametrize(("text", "expected"), [
    ("six", (Decimal(6), None)),
    ("Six", (Decimal(6), None)),
    ("at least six", (Decimal(6), "at least")),
    ("more than 120", (Decimal(120), "more than")),
    ("More  than 120", (Decimal(120), "more than")),
    ("over 40", (Decimal(40), "over")),
    ("up to five", (Decimal(5), "up to")),
    ("about 300", (Decimal(300), "about")),
    ("around 12", (Decimal(12), "around")),
    ("nearly 200", (Decimal(200), "nearly")),
    ("some 40", (Decimal(40), "some")),
    ("close to 150", (Decimal(150), "close to")),
    ("twenty-two", (Decimal(22), None)),
    ("twenty two", (Decimal(22), None)),
    ("one hundred and twenty", (Decimal(120), None)),
    ("a hundred", (Decimal(100), None)),
    ("two thousand five hundred", (Decimal(2500), None)),
    ("1,500", (Decimal(1500), None)),
    ("1.5", (Decimal("1.5"), None)),
    ("1.5 million", (Decimal(1_500_000), None)),
    ("12,50,000", (Decimal(1_250_000), None)),
    ("a dozen", (Decimal(12), None)),
    ("half a dozen", (Decimal(6), None)),
    ("a couple of", (Decimal(2), None)),
    ("a", (Decimal(1), None)),
    ("an", (Decimal(1), None)),
    ("seventeen", (Decimal(17), None)),
])
def test_parse_number_reads_figures_words_and_bounds(text: str, expected: tuple[Decimal, str | None]) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [
    "several", "dozens", "many", "a few", "hundreds", "two three", "twenty thirty", "1,5", "six battalions",
    "", "sixth", "seventh", "S-400", "hundred",
])
def test_parse_number_refuses_vague_or_malformed_numbers(text: str) -> None:
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_any_integer_written_with_commas_round_trips(number: int) -> None:
    assert parse_number(f"{number:,}") == (Decimal(number), None)


@given(st.integers(min_value=1, max_value=999))
def test_any_number_below_a_thousand_in_words_round_trips(number: int) -> None:
    assert parse_number(_in_words(number)) == (Decimal(number), None)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["at least", "more than", "up to", "about"]))
def test_a_bound_is_kept_apart_from_the_figure(number: int, bound: str) -> None:
    assert parse_number(f"{bound} {number}") == (Decimal(number), bound)


@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1))
def test_decimal_figures_keep_their_value(number: Decimal) -> None:
    assert number_value(str(number)) == number
