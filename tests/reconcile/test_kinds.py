"""Figures with their kind: only contract-level figures make a deal's value and quantity."""
from __future__ import annotations

import pytest
from ledger_factories import claim

from armsledger.models import Claim, Money, Quantity
from armsledger.reconcile import Evidence, reconcile
from armsledger.reconcile.kinds import (
    BUDGET,
    CONTRACT,
    CONTRACTS_TOTAL,
    DELIVERED_SO_FAR,
    FLEET,
    PROGRAMME_TOTAL,
    UNIT_PRICE,
    quantity_kind,
    value_kind,
)


def _with_value(text: str, words: str, amount: str = "40000000") -> Claim:
    c = claim("agreement", "US", "PL", "F-35", text)
    from decimal import Decimal
    return Claim(**{**{f: getattr(c, f) for f in c.__slots__}, "value": Money(Decimal(amount), "USD", None, words)})


def _with_quantity(event: str, text: str, words: str, number: int) -> Claim:
    c = claim(event, "FR", "IN", "Rafale", text)
    return Claim(**{**{f: getattr(c, f) for f in c.__slots__}, "quantity": Quantity(number, "unit", None, words)})


@pytest.mark.parametrize(("text", "words", "kind"), [
    ("Warsaw signed for 32 jets at $40 million per aircraft.", "$40 million", UNIT_PRICE),
    ("The jets cost $40 million each, officials said.", "$40 million", UNIT_PRICE),
    ("Each costing $40 million, the jets arrive in 2026.", "$40 million", UNIT_PRICE),
    ("The unit cost is put at $40 million apiece.", "$40 million", UNIT_PRICE),
    ("The programme, worth $40 billion over 30 years, covers support.", "$40 billion", PROGRAMME_TOTAL),
    ("Its life-cycle cost of $40 billion includes fuel.", "$40 billion", PROGRAMME_TOTAL),
    ("Warsaw signed a $4.6 billion contract for 32 jets.", "$4.6 billion", CONTRACT),
    ("The jets are part of a $10 billion modernisation programme.", "$10 billion", PROGRAMME_TOTAL),
    ("Warsaw will buy the jets under its $10 billion air force project.", "$10 billion", PROGRAMME_TOTAL),
    ("Warsaw signed for 32 jets out of a defence budget of $40 billion.", "$40 billion", BUDGET),
    ("The $40 billion procurement budget pays for 32 jets.", "$40 billion", BUDGET),
    ("Lockheed has won $3 billion in contracts from Warsaw, including 32 jets.", "$3 billion", CONTRACTS_TOTAL),
    ("Warsaw signed deals worth $3 billion in new orders this year.", "$3 billion", CONTRACTS_TOTAL),
    ("Warsaw signed a $4.6 billion deal under the programme for 32 jets.", "$4.6 billion", CONTRACT),
    ("The deal, worth $4.6 billion, covers each jet's engines.", "$4.6 billion", CONTRACT),
])
def test_value_kind_reads_the_words_around_the_figure(text: str, words: str, kind: str) -> None:
    assert value_kind(_with_value(text, words)) == kind


@pytest.mark.parametrize(("event", "text", "words", "kind"), [
    ("agreement", "The air force already flies 36 Rafale bought in 2016.", "36 Rafale", FLEET),
    ("agreement", "India has a fleet of 36 Rafale jets.", "36 Rafale jets", FLEET),
    ("delivery", "Ten jets have been handed over so far.", "Ten jets", DELIVERED_SO_FAR),
    ("delivery", "Thirty-six jets were delivered between 2020 and 2022.", "Thirty-six jets", CONTRACT),
    # A delivered count that its words make a part of the order is not the order's.
    ("delivery", "Romania took delivery of the first six launchers on Monday.", "six launchers", DELIVERED_SO_FAR),
    ("delivery", "China delivered two more frigates to Pakistan.", "two more frigates", DELIVERED_SO_FAR),
    ("delivery", "The army will receive the initial batch of six helicopters.", "six helicopters", DELIVERED_SO_FAR),
    ("delivery", "France delivered two guns to Czechia on Thursday, the first of 52 ordered in 2022.", "two guns",
     DELIVERED_SO_FAR),
    ("delivery", "Under the contract, Ankara received a regiment set (two battalions).", "a regiment set", CONTRACT),
    ("delivery", "China recently bought 10 Su-35 fighter jets.", "10 Su-35 fighter jets", CONTRACT),
    ("delivery", "France has completed deliveries of all 36 contracted jets.", "36 contracted jets", CONTRACT),
    ("agreement", "India ordered 26 Rafale M for its carrier.", "26 Rafale M", CONTRACT),
])
def test_quantity_kind_sets_fleets_and_partial_deliveries_apart(event: str, text: str, words: str,
                                                                kind: str) -> None:
    assert quantity_kind(_with_quantity(event, text, words, 36)) == kind


def _ev(n: int, c: Claim) -> Evidence:
    return Evidence(f"a{n}#1", c, f"a{n}", f"outlet{n}", f"Outlet {n}", "2024-01-0" + str(n))


def test_a_unit_price_is_neither_the_deal_value_nor_a_conflict() -> None:
    (deal,) = reconcile([
        _ev(1, _with_value("Warsaw signed a $4.6 billion contract for 32 jets.", "$4.6 billion", "4600000000")),
        _ev(2, _with_value("The jets cost $80 million each.", "$80 million", "80000000")),
    ])
    assert deal.deal.value is not None and deal.deal.value.amount == 4_600_000_000
    figure = deal.figures["value"]
    assert not figure.has_conflict
    assert [(v.value, v.kind) for v in figure.values] == [("USD 4600000000", None), ("USD 80000000", UNIT_PRICE)]


def test_a_deal_with_only_a_unit_price_has_no_value() -> None:
    (deal,) = reconcile([_ev(1, _with_value("The jets cost $80 million each.", "$80 million", "80000000"))])
    assert deal.deal.value is None and deal.figures["value"].consensus is None


def test_the_consensus_is_a_value_a_source_stated_in_its_own_unit() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "RU", "IN", "S-400", "India signed for five regiment sets.", quantity=(5, "regiment"))),
        _ev(2, claim("agreement", "RU", "IN", "S-400", "The deal covers five regiments.", quantity=(5, "regiment"))),
        _ev(3, claim("agreement", "RU", "IN", "S-400", "Ten battalions were ordered.", quantity=(10, "battalion"))),
    ])
    figure = deal.figures["quantity"]
    assert figure.consensus == "5 regiment" and not figure.has_conflict
    assert deal.deal.quantity is not None and (deal.deal.quantity.value, deal.deal.quantity.unit) == (5, "regiment")
    (stated,) = [v for v in figure.values if v.value == "5 regiment"]
    assert stated.normalized == "10 battalion", "the conversion is shown beside the stated value"
