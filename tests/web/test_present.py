"""Values in words, as pages and CSV show them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from armsledger.models import Money, PartialDate, Quantity
from armsledger.web.present import is_web_url, show, show_figure


@pytest.mark.parametrize(("value", "words"), [
    (Money(Decimal(2500000000), "USD"), "$2.5 billion"),
    (Money(Decimal(3000000000), "USD", "more than"), "more than $3 billion"),
    (Money(Decimal(400000000000), "INR"), "INR 400 billion"),
    (Money(Decimal(1234567), "EUR"), "€1.23 million"),
    (Money(Decimal(950000), "GBP"), "£950,000"),
    (Quantity(6, "battalion", "at least"), "at least 6 battalions"),
    (Quantity(1, "regiment"), "1 regiment"), (Quantity(2, "battery"), "2 batteries"),
    (PartialDate("2017-09", "month"), "2017-09"), (None, "—"), ("", "—"), (True, "yes"),
])
def test_show_reads_values_as_an_analyst_would(value: object, words: str) -> None:
    assert show(value) == words


@pytest.mark.parametrize(("text", "words"), [
    ("more than USD 3000000000", "more than $3 billion"), ("USD 2500000000", "$2.5 billion"),
    ("at least 6 battalion", "at least 6 battalions"), ("2 regiment", "2 regiments"),
    ("2017-09", "2017-09"), ("1 regiment set", "1 regiment set"), (None, "—"),
])
def test_show_figure_rewrites_the_ledger_figure_words(text: str | None, words: str) -> None:
    assert show_figure(text) == words


@pytest.mark.parametrize(("url", "is_linked"), [
    ("https://news.example/a", True), ("http://x.example", True), ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False), ("data:text/html,<b>", False), ("//evil.example", False), (None, False),
])
def test_only_web_urls_become_links(url: str | None, is_linked: bool) -> None:
    assert is_web_url(url) is is_linked
