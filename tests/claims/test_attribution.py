"""Who a sentence attributes itself to."""
from __future__ import annotations

import pytest

from armsledger.claims.attribution import find_source, is_person


@pytest.mark.parametrize(("sentence", "source"), [
    ("The deal is worth $2 billion, Kommersant reported on Friday.", "Kommersant"),
    ("Deliveries begin next year, according to Anna Petrova.", "Anna Petrova"),
    ("Deliveries begin next year, according to Indian media.", "Indian media"),
    ("Deliveries begin next year, according to the head of the state arms exporter.",
     "the head of the state arms exporter"),
    ("Deputy Defence Minister Ivan Orlov said the jets would arrive in May.", "Ivan Orlov"),
    ("The Polish Defence Ministry said the tanks had arrived.", "Polish Defence Ministry"),
    ("A senior military source told reporters the contract was signed.", "A senior military source"),
    ("The contract was signed in March.", None),
])
def test_find_source_names_who_is_cited(sentence: str, source: str | None) -> None:
    assert find_source(sentence, last_person=None) == source


def test_he_said_refers_to_the_last_person_cited() -> None:
    assert find_source("\"We will deliver on time,\" he said.", last_person="Ivan Orlov") == "Ivan Orlov"


@pytest.mark.parametrize(("name", "expected"), [
    ("Ivan Orlov", True), ("Maria del Carmen Ruiz", False), ("White House", False), ("Defence Ministry", False),
])
def test_only_people_are_remembered_for_he_said(name: str, expected: bool) -> None:
    assert is_person(name) is expected
