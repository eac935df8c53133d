"""Tests for the value normaliser: currency signs, codes and words, scales, bounds, and non-money."""
from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsledger.claims.value import find_values

_CURRENCIES = json.loads(
    resources.files("armsledger").joinpath("data/patterns/currencies.json").read_text(encoding="utf-8")
)


def _only(text: str) -> tuple[Decimal, str, str | None, str]:
    """Return (amount, currency, bound, matched text) of the one value in a text."""
    found = find_values(text)
    assert len(found) == 1, found
    match = found[0]
    assert text[match.start:match.end] == match.money.text
    return match.money.amount, match.money.currency, match.money.bound, match.money.text


@pytest.mark.parametrize(("text", "amount", "currency", "bound", "words"), [
    ("Ankara signed a $2.5 billion deal.", "2500000000", "USD", None, "$2.5 billion"),
    ("The order is worth of more than $3 billion.", "3000000000", "USD", "more than", "more than $3 billion"),
    ("Beijing will buy $2 billion worth of hardware.", "2000000000", "USD", None, "$2 billion"),
    ("It cost US$1.2 billion.", "1200000000", "USD", None, "US$1.2 billion"),
    ("It cost USD 500 million.", "500000000", "USD", None, "USD 500 million"),
    ("The $8bn package passed.", "8000000000", "USD", None, "$8bn"),
    ("A £600m order followed.", "600000000", "GBP", None, "£600m"),
    ("The €1.2bn contract was signed.", "1200000000", "EUR", None, "€1.2bn"),
    ("It is valued at 1.2 billion euros.", "1200000000", "EUR", None, "1.2 billion euros"),
    ("The ministry cleared INR390 b for jets.", "390000000000", "INR", None, "INR390 b"),
    ("Arms worth Rs 421 crore were sent.", "4210000000", "INR", None, "Rs 421 crore"),
    ("A Rs 3,000 crore order was placed.", "30000000000", "INR", None, "Rs 3,000 crore"),
    ("It approved a 1 lakh crore deal.", "1000000000000", "INR", None, "1 lakh crore"),
    ("Plans worth ₹1 lakh crore were cleared.", "1000000000000", "INR", None, "₹1 lakh crore"),
    ("The W845b deal was signed.", "845000000000", "KRW", None, "W845b"),
    ("The W845 billion deal was signed.", "845000000000", "KRW", None, "W845 billion"),
    ("The contract is worth 5.6 trillion won.", "5600000000000", "KRW", None, "5.6 trillion won"),
    ("A 5.6 tln-won export deal was signed.", "5600000000000", "KRW", None, "5.6 tln-won"),
    ("A ¥500 million order was placed.", "500000000", "JPY", None, "¥500 million"),
    ("It paid 3 billion yuan.", "3000000000", "CNY", None, "3 billion yuan"),
    ("It paid RMB 2 billion.", "2000000000", "CNY", None, "RMB 2 billion"),
    ("The navy spent 20 billion rubles.", "20000000000", "RUB", None, "20 billion rubles"),
    ("The navy spent 5 billion roubles.", "5000000000", "RUB", None, "5 billion roubles"),
    ("Taipei set aside NT$1.5 billion.", "1500000000", "TWD", None, "NT$1.5 billion"),
    ("It spent two billion dollars.", "2000000000", "USD", None, "two billion dollars"),
    ("It approved a more than $115 billion arms deal.", "115000000000", "USD", "more than",
     "more than $115 billion"),
    ("It could spend up to $35bn on jets.", "35000000000", "USD", "up to", "up to $35bn"),
    ("The drones cost over USD 3 billion.", "3000000000", "USD", "over", "over USD 3 billion"),
    ("Each vehicle costs USD 538,000.", "538000", "USD", None, "USD 538,000"),
    ("A $2.5-billion deal was signed.", "2500000000", "USD", None, "$2.5-billion"),
    ("It sold 5 billion Norwegian kroner of arms.", "5000000000", "NOK", None, "5 billion Norwegian kroner"),
    ("A 500 million USD loan was agreed.", "500000000", "USD", None, "500 million USD"),
    ("The grant was $6.5m.", "6500000", "USD", None, "$6.5m"),
    ("The jets will cost $1-2 billion.", "1000000000", "USD", "at least", "$1-2 billion"),
    ("The jets will cost between $1 and $2 billion.", "1000000000", "USD", "at least", "$1 and $2 billion"),
])
def test_find_values_reads_amount_currency_and_bound(
        text: str, amount: str, currency: str, bound: str | None, words: str) -> None:
    assert _only(text) == (Decimal(amount), currency, bound, words)


@pytest.mark.parametrize("text", [
    "The embargo won't change anything.",
    "They fired 2.5 billion rounds.",
    "Some 1.4 crore people voted.",
    "The S-400 can fly 400 km.",
    "It bought 20 F-16 jets in 2019.",
    "Billions of dollars were spent.",
    "A multi-million dollar contract was signed.",
    "The AW845 helicopter flew.",
    "Exports rose 30% in 2019.",
    "It sold 5.08 billion kroner of arms.",
])
def test_find_values_ignores_figures_without_a_currency(text: str) -> None:
    assert find_values(text) == []


def test_find_values_reads_a_value_and_its_printed_conversion() -> None:
    text = "The deal is valued at 844.7 billion won ($585.6 million), the ministry said."
    found = [(text[m.start:m.end], m.money.amount, m.money.currency) for m in find_values(text)]
    assert found == [("844.7 billion won", Decimal(844700000000), "KRW"),
                     ("$585.6 million", Decimal(585600000), "USD")]


def test_find_values_reads_a_sign_after_broken_encoding() -> None:
    assert [m.money.currency for m in find_values("up to $35bn (Â£18.8bn)")] == ["USD", "GBP"]


@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1))
def test_any_amount_in_dollar_billions_parses_to_its_value(amount: Decimal) -> None:
    assert _only(f"The deal is worth ${amount} billion.")[:2] == (amount * 10**9, "USD")


@given(st.integers(min_value=1, max_value=10**12))
def test_any_amount_with_commas_parses_exactly(amount: int) -> None:
    assert _only(f"It paid ${amount:,} in cash.")[:2] == (Decimal(amount), "USD")


@given(st.sampled_from(sorted(_CURRENCIES["prefixes"].items())), st.integers(min_value=1, max_value=999))
def test_every_currency_prefix_reads_its_currency(prefix_currency: tuple[str, str], amount: int) -> None:
    prefix, currency = prefix_currency
    assert _only(f"The order ( {prefix}{amount} million ) was signed.")[:2] == (
        Decimal(amount * 10**6), currency)


@given(st.sampled_from(sorted(_CURRENCIES["suffixes"].items())), st.integers(min_value=1, max_value=999))
def test_every_currency_word_reads_its_currency(suffix_currency: tuple[str, str], amount: int) -> None:
    suffix, currency = suffix_currency
    assert _only(f"The order of {amount} billion {suffix} was signed.")[:2] == (
        Decimal(amount * 10**9), currency)
