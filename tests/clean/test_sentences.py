"""Sentence spans: where a sentence ends in news text and where it does not."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsledger.clean.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "Officials met U.S. envoys in the capital on Friday.",
    "The visit runs from Dec.15 to Dec.22 this year.",
    "Mr. Silva and Dr. Costa signed it.",
    "Order No. 3 covers two boats.",
    "They met on Jan. 5 in the port.",
    "It signed a $2.5 billion deal for 1.5 million rounds.",
    "John A. Smith and J. R. Doe wrote the report.",
    "Gen. Ortiz and Lt. Col. Mendes attended.",
    "Delegates from the U.N. Security Council attended.",
    "\"Will it happen?\" he asked the minister.",
    "The talks, he said, would end at 5 p.m. on Monday.",
])
def test_split_keeps_abbreviations_numbers_and_initials_inside_a_sentence(text: str) -> None:
    assert _sentences(text) == [text]


@pytest.mark.parametrize(("text", "expected"), [
    ("The deal was signed. Deliveries begin in May.", ["The deal was signed.", "Deliveries begin in May."]),
    ("Headline without a stop\n\nThe body starts here.", ["Headline without a stop", "The body starts here."]),
    ("It was sold to the U.S. The buyer paid cash.", ["It was sold to the U.S.", "The buyer paid cash."]),
    ("\"We agree.\" The talks ended.", ["\"We agree.\"", "The talks ended."]),
    ("Is it final? Nobody knows! Talks go on.", ["Is it final?", "Nobody knows!", "Talks go on."]),
    ("It went smoothly.“This is a good day,” he said.", ["It went smoothly.", "“This is a good day,” he said."]),
    ("It ended in 2019. 2020 was quieter.", ["It ended in 2019.", "2020 was quieter."]),
    ("A frigate at sea (Yard photo)The yard signed a deal.", ["A frigate at sea (Yard photo)", "The yard signed a deal."]),
])
def test_split_ends_sentences_at_stops_and_paragraph_breaks(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize("dateline", [
    "MOSCOW, March 16. /TASS/. ",
    "WASHINGTON (Wire) - ",
    "SEOUL, Dec. 30 (Wire) -- ",
    "NEW DELHI, Jan. 5 (Wire): ",
])
def test_split_does_not_break_a_dateline_from_its_sentence(dateline: str) -> None:
    text = dateline + "Two states may sign a contract soon. Talks go on."
    assert _sentences(text) == [dateline + "Two states may sign a contract soon.", "Talks go on."]


def test_split_returns_trimmed_spans_in_order() -> None:
    text = "  First one.   Second one.\n\n\n  Third one.  "
    assert split_sentences(text) == ((2, 12), (15, 26), (31, 41))


_WORDS = st.sampled_from(["The", "deal", "U.S.", "Mr.", "No.", "3", "$2.5", "Jan.", "signed.", "it", "A.",
                          "\n\n", "\n", "\"Yes.\"", "(photo)", "Moscow", "?", "...", "2019."])


@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_split_covers_every_visible_character_once(text: str) -> None:
    spans = split_sentences(text)
    covered = 0
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered += sum(1 for ch in text[start:end] if not ch.isspace())
        last_end = end
    assert covered == sum(1 for ch in text if not ch.isspace())


def test_sentence_may_start_with_a_lower_case_web_address() -> None:
    text = "The navy wants more ships this year. defencenews.com has learnt that talks began."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The navy wants more ships this year.", "defencenews.com has learnt that talks began."]


def test_read_end_keeps_a_sentence_of_the_bound_whole() -> None:
    from armsledger.clean.sentences import MAX_READ_CHARS, read_end

    text = "a" * MAX_READ_CHARS
    assert read_end(text, 0, len(text)) == len(text)


@pytest.mark.parametrize(("unit", "mark"), [("tanks; ", ";"), ("guns, ", ","), ("S-400 ", "0")])
def test_read_end_cuts_a_long_sentence_after_its_last_clause_mark_or_space(unit: str, mark: str) -> None:
    from armsledger.clean.sentences import MAX_READ_CHARS, read_end

    text = unit * (3 * MAX_READ_CHARS // len(unit))
    cut = read_end(text, 0, len(text))
    assert MAX_READ_CHARS - 200 <= cut <= MAX_READ_CHARS
    assert text[cut - 1] == mark and text[cut] == " "


def test_read_end_cuts_a_long_token_at_the_bound() -> None:
    from armsledger.clean.sentences import MAX_READ_CHARS, read_end

    text = "x" * (5 * MAX_READ_CHARS)
    assert read_end(text, 10, len(text)) == 10 + MAX_READ_CHARS
