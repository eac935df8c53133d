"""Tests for the quantity normaliser: counted nouns, units, bounds, and the figures that are not counts."""
from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from armsledger.claims.quantity import count_before, find_quantities
from armsledger.models import UNITS, Quantity


def _only(text: str) -> tuple[int, str, str | None, str, str]:
    """Return (value, unit, bound, matched text, noun) of the one quantity in a text."""
    matches = find_quantities(text)
    assert len(matches) == 1, matches
    match = matches[0]
    assert text[match.start:match.end] == match.quantity.text
    return match.quantity.value, match.quantity.unit, match.quantity.bound, match.quantity.text, match.noun


@pytest.mark.parametrize(("text", "value", "unit", "bound", "noun"), [
    ("The ministry ordered at least six battalions of the system.", 6, "battalion", "at least", "battalions"),
    ("Cairo took delivery of two divisions last spring.", 2, "battalion", None, "divisions"),
    ("Four batteries were deployed near the border.", 4, "battery", None, "batteries"),
    ("The buyer got a regiment set of the launchers.", 1, "regiment", None, "regiment set"),
    ("They signed for two regiment sets of the system.", 2, "regiment", None, "regiment sets"),
    ("The army fields three regiments.", 3, "regiment", None, "regiments"),
    ("The navy received more than 120 advanced guided surface-to-air missiles.", 120, "missile",
     "more than", "missiles"),
    ("The package includes 500 interceptors.", 500, "missile", None, "interceptors"),
    ("Some 1,200 rockets were shipped.", 1200, "missile", "some", "rockets"),
    ("The deal covers 48 launchers.", 48, "unit", None, "launchers"),
    ("Jakarta will buy two more frigates.", 2, "unit", None, "frigates"),
    ("Washington cleared the sale of 22 unarmed drones.", 22, "unit", None, "drones"),
    ("The carrier ordered 10 737-800 planes.", 10, "unit", None, "planes"),
    ("Delhi wants 36 new multirole fighter jets.", 36, "unit", None, "fighter jets"),
    ("The air force bought 12 Su-35 fighters.", 12, "unit", None, "fighters"),
    ("A shipyard will build two 3,200-ton frigates.", 2, "unit", None, "frigates"),
    ("The fleet adds six 2,400-ton offshore patrol vessels.", 6, "unit", None, "vessels"),
    ("They seek over five additional attack helicopters.", 5, "unit", "over", "helicopters"),
    ("Nearly 200 units have been built.", 200, "unit", "nearly", "units"),
    ("The army took close to 150 tanks.", 150, "unit", "close to", "tanks"),
    ("The order is for twenty-two howitzers.", 22, "unit", None, "howitzers"),
    ("A dozen corvettes are planned.", 12, "unit", None, "corvettes"),
    ("Eight UAVs were handed over.", 8, "unit", None, "UAVs"),
    ("The last 3 regiments will arrive late.", 3, "regiment", None, "regiments"),
    ("It will get one more regiment.", 1, "regiment", None, "regiment"),
    ("The contract covers 14 armoured vehicles.", 14, "unit", None, "vehicles"),
    ("The navy is buying three diesel submarines.", 3, "unit", None, "submarines"),
    ("They sold 40 odd trainer aircraft.", 40, "unit", None, "trainer aircraft"),
    ("The ministry asked for four missile systems.", 4, "unit", None, "missile systems"),
])
def test_find_quantities_reads_number_unit_and_bound(
        text: str, value: int, unit: str, bound: str | None, noun: str) -> None:
    found_value, found_unit, found_bound, _, found_noun = _only(text)
    assert (found_value, found_unit, found_bound, found_noun) == (value, unit, bound, noun)
    assert found_unit in UNITS


@pytest.mark.parametrize("text", [
    "Exports rose 30 percent on missiles.",
    "About 30% of the missiles failed.",
    "The radar sees targets 400 km away, missiles included.",
    "It has a 40 mm naval gun system.",
    "A 155 mm/52 calibre howitzer was shown.",
    "It paid $500 million for missiles.",
    "In 2019 tanks were delivered.",
    "The S-400 launchers arrived.",
    "The F-16 Block 70 jets arrived.",
    "Factories make the Hermes 900 UAV.",
    "The 4th tank arrives in May.",
    "The second frigate is due.",
    "The second regiments are due.",
    "Several frigates were sold.",
    "Dozens of helicopters were sold.",
    "The 20-year-old aircraft were retired.",
    "It sold 12 to the navy, including aircraft.",
    "Six of the ships were new.",
    "It deployed a missile system near the coast.",
    "2,000 troops escorted the convoy.",
    "The three different types of missiles differ.",
    "It sold 2.8 million units last year.",
    "The 777 plane was grounded.",
    "The phone has a longer battery.",
    "It offers up to 30 hours' battery life.",
    "He served in the 2nd Battalion.",
])
def test_find_quantities_ignores_figures_that_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "words", "unit"), [
    ("Talks are on the second regiment set of the system.", "second regiment set", "regiment"),
    ("The 4th S-400 regiment arrives next year.", "4th S-400 regiment", "regiment"),
    ("The air force received its 3rd regiment.", "3rd regiment", "regiment"),
    ("Another battery was delivered.", "Another battery", "battery"),
])
def test_an_ordinal_before_a_formation_counts_one(text: str, words: str, unit: str) -> None:
    assert _only(text)[:4] == (1, unit, None, words)


def test_find_quantities_reads_each_count_of_a_sentence_with_spans() -> None:
    text = "It received a regiment set (two battalions) and 2,000 troops; 12 tanks follow."
    found = [(text[m.start:m.end], m.quantity.value, m.quantity.unit) for m in find_quantities(text)]
    assert found == [("a regiment set", 1, "regiment"), ("two battalions", 2, "battalion"),
                     ("12 tanks", 12, "unit")]


def test_a_rejected_figure_does_not_hide_the_count_after_it() -> None:
    text = "In 2019 four tanks were delivered."
    assert [m.quantity.value for m in find_quantities(text)] == [4]


@pytest.mark.parametrize(("text", "system", "expected"), [
    ("Athens bought 20 F-16s.", "F-16s", (14, Quantity(20, "unit", None, "20"))),
    ("Seoul ordered two more F-35s.", "F-35s", (14, Quantity(2, "unit", None, "two more"))),
    ("The army wants at least six Tigers.", "Tigers", (15, Quantity(6, "unit", "at least", "at least six"))),
    ("They got twenty-two Rafales.", "Rafales", (9, Quantity(22, "unit", None, "twenty-two"))),
    ("It bought 12 Russian-made Su-35s.", "Su-35s", (10, Quantity(12, "unit", None, "12 Russian-made"))),
    ("Some 40 Leopards were sold.", "Leopards", (0, Quantity(40, "unit", "some", "Some 40"))),
])
def test_count_before_reads_the_number_in_front_of_a_system(
        text: str, system: str, expected: tuple[int, Quantity]) -> None:
    assert count_before(text, text.index(system)) == expected


@pytest.mark.parametrize(("text", "system"), [
    ("It ordered in 2019 F-16s.", "F-16s"),
    ("It paid $20 F-16s.", "F-16s"),
    ("The new Block 70 F-16s fly.", "F-16s"),
    ("The S-400 launchers came.", "launchers"),
    ("It ordered an F-16 trainer.", "F-16"),
    ("It ordered the F-16s.", "F-16s"),
    ("F-16s", "F-16s"),
    ("It rose 30% Rafales.", "Rafales"),
])
def test_count_before_refuses_years_money_designations_and_articles(text: str, system: str) -> None:
    assert count_before(text, text.index(system)) is None


_NOUNS = st.sampled_from([("frigates", "unit"), ("battalions", "battalion"), ("missiles", "missile"),
                          ("batteries", "battery"), ("regiment sets", "regiment"), ("launchers", "unit")])


@given(st.integers(min_value=2, max_value=99_999), _NOUNS)
def test_any_count_of_a_counted_noun_is_read(number: int, noun_unit: tuple[str, str]) -> None:
    assume(not 1900 <= number <= 2099)
    noun, unit = noun_unit
    text = f"The contract covers {number:,} {noun}."
    assert _only(text)[:3] == (number, unit, None)


@given(st.integers(min_value=1900, max_value=2099))
def test_a_year_before_a_system_is_never_a_count(year: int) -> None:
    text = f"Deliveries began in {year} F-16s first."
    assert count_before(text, text.index("F-16s")) is None
    assert find_quantities(f"In {year} tanks were delivered.") == []


@given(st.integers(min_value=100, max_value=999))
def test_a_designations_digits_are_never_a_count(number: int) -> None:
    assert find_quantities(f"The S-{number} missiles and the Mk {number} launchers.") == []
