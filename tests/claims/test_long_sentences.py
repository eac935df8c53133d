"""A sentence without end (a run-on list, a page with no full stop) costs a bounded amount of work.

The bounds are counted, not timed: characters handed to the parser, mentions kept. The articles
are written for these tests.
"""
from __future__ import annotations

from collections.abc import Sequence

import pytest

import armsledger
from armsledger.claims import document
from armsledger.claims.document import MAX_PARSE_CHARS
from armsledger.clean import clean
from armsledger.clean.sentences import MAX_READ_CHARS, read_end
from armsledger.mentions import Gazetteers, detect, load_gazetteers
from armsledger.models import Article
from armsledger.syntax import parse

RUN_ON = ("Russia delivered two S-400 batteries to Turkey for $2.5 billion in July 2019, while India ordered "
          "36 Rafale jets from France and Greece bought Leopard 2 tanks, ")
MEGABYTE = 1_000_000


@pytest.fixture(scope="module")
def gazetteers() -> Gazetteers:
    return load_gazetteers()


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def test_a_megabyte_sentence_hands_the_parser_one_head_of_bounded_length(
        gazetteers: Gazetteers, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    def counting_parse(sentences: Sequence[str], **kwargs: object) -> object:
        parsed.extend(sentences)
        return parse(sentences, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "parse", counting_parse)
    claims = armsledger.extract(Article(id="runon", text=_repeat(RUN_ON, MEGABYTE)), gazetteers=gazetteers)
    assert claims, "the head of the sentence still gives its claims"
    assert len(parsed) <= 2  # the sentence, and a headline if one was taken from it
    assert all(len(text) <= MAX_PARSE_CHARS for text in parsed)


@pytest.mark.parametrize("unit", ["S-400 ", RUN_ON, "Turkey, "])
def test_detect_in_a_megabyte_sentence_finds_names_in_its_read_part_only(gazetteers: Gazetteers, unit: str) -> None:
    text = _repeat(unit, MEGABYTE)
    doc = clean(Article(id="long", text=text))
    assert len(doc.sentences) == 1
    mentions = detect(doc, gazetteers)
    assert mentions and all(m.end <= MAX_READ_CHARS for m in mentions)
    assert len(mentions) <= MAX_READ_CHARS // 2
    assert all(doc.text[m.start:m.end] == m.text for m in mentions)


def test_a_long_sentence_gives_the_claims_of_its_read_part(gazetteers: Gazetteers) -> None:
    text = _repeat(RUN_ON, 200_000)
    head = text[:read_end(text, 0, len(text))]
    whole = armsledger.extract(Article(id="a", text=text), gazetteers=gazetteers)
    piece = armsledger.extract(Article(id="a", text=head), gazetteers=gazetteers)
    assert whole and whole == piece


def test_a_short_sentence_is_read_to_its_end(gazetteers: Gazetteers) -> None:
    text = "Nigeria took delivery of 12 Super Tucano aircraft from the United States in 2021."
    doc = clean(Article(id="short", text=text))
    assert read_end(doc.text, *doc.sentences[0]) == doc.sentences[0][1]
    assert [m.text for m in detect(doc, gazetteers)][-1] == "United States"


@pytest.mark.parametrize("tail", [", " * 1000, " ," * 1000, " " + "and " * 500])
def test_a_sentence_cut_for_parsing_at_a_space_keeps_its_evidence_equal_to_its_span(
        gazetteers: Gazetteers, tail: str) -> None:
    text = "Thailand signed a contract for 12 AGM-158C LRASM missiles with the United States" + tail + "."
    doc = clean(Article(id="cut", text=text))
    claims = armsledger.extract(Article(id="cut", text=text), gazetteers=gazetteers)
    assert claims
    assert all(doc.text[c.span[0]:c.span[1]] == c.evidence for c in claims)
