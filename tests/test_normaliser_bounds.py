"""Bounds of the quantity and value normalisers (quantity.v2, value.v3): counts past the cap and zero amounts.

Kept beside the other bad-input tests while tests/claims/ is being reworked; move them to
tests/claims/test_quantity.py and test_value.py afterwards.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsledger.claims.quantity import MAX_COUNT, count_before, find_quantities
from armsledger.claims.value import find_values


@pytest.mark.parametrize("text", ["It ordered 5,000,000 F-16s.", "It ordered 1000000 F-16s.",
                                  "It ordered 99999999999999999999 F-16s.", "It ordered two million F-16s."])
def test_count_before_a_system_obeys_the_count_cap(text: str) -> None:
    assert count_before(text, text.index("F-16s")) is None


@given(st.integers(min_value=MAX_COUNT, max_value=10**30))
def test_no_count_at_or_past_the_cap_is_read_before_a_system_or_a_noun(number: int) -> None:
    text = f"It ordered {number:,} F-16s and {number:,} tanks."
    assert count_before(text, text.index("F-16s")) is None
    assert find_quantities(text) == []


def test_count_before_still_reads_counts_under_the_cap() -> None:
    text = "It ordered 999,999 F-16s."
    found = count_before(text, text.index("F-16s"))
    assert found is not None and found[1].value == 999_999


@pytest.mark.parametrize("text", ["The loan was $0.", "It cost $0 million.", "It was worth 0 euros.",
                                  "A US$0.00 deal.", "Rs 0 crore was paid."])
def test_zero_amount_is_no_value(text: str) -> None:
    assert find_values(text) == []


def test_small_amounts_are_still_values() -> None:
    assert [m.money.amount for m in find_values("It paid $0.5 million and then $1.")] == [500_000, 1]


@pytest.mark.parametrize("text", ["It cost $99999999999999999999 trillion.", "A deal worth 1,000,000,000,000,000 rubles.",
                                  "It was worth $5,000,000,000,000 billion."])
def test_an_amount_past_the_cap_is_no_value(text: str) -> None:
    assert find_values(text) == []


def test_an_amount_under_the_cap_is_still_read() -> None:
    [found] = find_values("The deal is worth Rs 10,000 crore.")
    assert found.money.amount == 100_000_000_000 and found.money.currency == "INR"


def test_a_range_whose_scale_would_pass_the_cap_is_not_scaled() -> None:
    found = find_values("It was worth $5,000,000-6 billion.")
    assert [v.money.amount for v in found] == [5_000_000]
