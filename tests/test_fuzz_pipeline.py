"""Fuzz the whole pipeline: generated corpora of broken, hostile and arms-news-like articles.

Every example writes one corpus (JSON Lines, gzipped JSON Lines, a text file or an HTML file) and
runs `armsledger.run` over it. Whatever the input, nothing escapes the run, every claim's span is
its evidence in the cleaned text, and every figure is in range. The default profile writes about
3,000 articles, of which some 1,300 get past reading (about two minutes on two cores);
ARMSLEDGER_FUZZ_EXAMPLES scales it.
"""
from __future__ import annotations

import gzip
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from armsledger.errors import SourceError
from armsledger.mentions import load_gazetteers
from armsledger.models import Claim
from armsledger.pipeline import Result, run
from armsledger.settings import Settings

EXAMPLES = int(os.environ.get("ARMSLEDGER_FUZZ_EXAMPLES", "600"))
"""Corpora generated per run; a JSON Lines one holds two to twelve lines."""
PHASES = tuple(Phase) if os.environ.get("ARMSLEDGER_FUZZ_SHRINK", "1") != "0" else \
    (Phase.explicit, Phase.reuse, Phase.generate)
"""ARMSLEDGER_FUZZ_SHRINK=0 reports a failing corpus as found: shrinking one can take minutes."""
settings.register_profile("pipeline-fuzz", max_examples=EXAMPLES, deadline=None, phases=PHASES,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

GAZETTEERS = load_gazetteers()
SYSTEMS = sorted(s.designation for s in GAZETTEERS.systems.values())
STATES = sorted(s.name for s in GAZETTEERS.states.values())
INT64 = 2**63

NEWS = [
    "sold", "delivered", "has ordered", "signed a contract for", "will buy", "received", "took delivery of",
    "is in talks to buy", "cancelled the order for", "denied buying", "to", "from", "for", "worth", "and",
    "the Ministry of Defence said", "according to Reuters", "he said.", "batteries", "units", "missiles",
    "$2.5 billion", "US$ 0.5 bn", "Rs 10,000 crore", "EUR 3.75 bn", "€1", "¥99999999999999999999", "$0",
    "5,000,000,000,000", "99999", "0", "-3", "1e308", "12", "two dozen", "a million", "999,999,999,999,999,999,999",
    "0 March", "31 February", "31 February 2021", "in year 0", "in 99999", "March 0, 2020", "on 32 May 2019",
    "in the 1990s", "Dec. 15", "No. 3", "U.S.", "MOSCOW, March 16. /TASS/.", "WARSAW, 5 April –",
    ".", ". ", "!", "?", ",", ";", ":", "—", "(", ")", "\"", "“", "\n", "\n\n", "...",
]
HOSTILE = [
    "\x00", "\x01", "\x1b[31m", "\x7f", "\u200b", "\ufeff", "\u2028", "\r\n", "\t", "\f", "\ud800", "\udfff",
    "\U0010ffff", "\u0301", "ﬁ", "İ", "ß", "<p>", "</p>", "<div", "<script>alert(1)</script>", "<!--", "]]>",
    "&amp;", "&#0;", "&#xD800;", "&#1114112;", "&nbsp;", "<br/>", "<html><body>", "x" * 3000, "S-400" * 500,
    ", " * 800,
]
BAD_URLS = ["http://[::1", "http://[x]/", "https://example.org:99999/a", "ftp://", "://", "http://", "\x00",
            "http://example.org/2021/02/31/story", "http://example.org/99999/01/01/x", "https://ex ample.org/",
            "https://example.org/news/2019/07/12/s-400.html"]
ODD_DATES = ["0000-00-00", "99999-01-01", "2021-02-31", "31 February 2021", "yesterday", "", "2019", "-1",
             "2019-13-01T25:61:61Z", "Tue, 32 Jan 2019 00:00:00 GMT"]

fragment = st.one_of(st.sampled_from(SYSTEMS), st.sampled_from(STATES), st.sampled_from(NEWS),
                     st.sampled_from(HOSTILE), st.text(max_size=12),
                     st.integers(min_value=-10**25, max_value=10**25).map(str))
COUNTS = ["12", "two", "5,000,000,000,000", "0", "99999", "a million", "999,999", "1e9", "-4", "36", "some"]
AMOUNTS = ["$2.5 billion", "US$ 0.5 bn", "Rs 10,000 crore", "EUR 3.75 bn", "$0", "$99999999999999999999 trillion",
           "€1", "1,000,000,000,000,000,000 rubles", "$5,000,000,000,000", "$.5m", "£ 3 million"]
DATES = ["in 2019", "on 0 March", "on 31 February", "on 31 February 2021", "in year 0", "in 99999", "on March 0, 2020",
         "last year", "in July 2019", "on 29 February 2100", "in 0000", "in the 1990s", ""]
VERBS = ["sold", "delivered", "has ordered", "signed a contract for", "will buy", "received", "took delivery of",
         "is in talks to buy", "cancelled the order for", "denied buying", "plans to acquire", "agreed to supply"]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """A sentence shaped like arms news, its figures often absurd: "Egypt has ordered 12 Rafale from France ..."."""
    words = [draw(st.sampled_from(STATES)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(COUNTS)),
             draw(st.sampled_from(SYSTEMS)), draw(st.sampled_from(["to", "from", "for", ""])),
             draw(st.sampled_from(STATES)), draw(st.sampled_from(["for", "worth", ""])),
             draw(st.sampled_from(AMOUNTS)), draw(st.sampled_from(DATES))]
    if draw(st.integers(0, 3)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(fragment))
    return " ".join(words) + draw(st.sampled_from([".", ".", "", ";", ", he said.", "\n\n"]))


body = st.lists(st.one_of(fragment, news_sentence(), news_sentence()), min_size=1, max_size=40).map(" ".join)
odd_value = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.lists(st.integers(), max_size=2),
                      st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), body)


def st_html(text: str) -> str:
    """Wrap text in a page that may be left broken."""
    return f"<html><head><title>{text[:40]}</title></head><body><article><p>{text}</p><p>{text[::-1]}"


@st.composite
def record(draw: st.DrawFn) -> dict[str, object]:
    """One JSON Lines object: the fields FORMAT.md names, often odd or missing, and extra ones."""
    row: dict[str, object] = {}
    if draw(st.integers(0, 19)):
        row["id"] = draw(st.one_of(st.text(max_size=8), odd_value)) if not draw(st.integers(0, 9)) else \
            f"a{draw(st.integers(0, 10**6))}"
    kind = draw(st.sampled_from(["text"] * 6 + ["html", "html", "both", "none", "odd"]))
    if kind in ("text", "both"):
        row["text"] = draw(body)
    if kind in ("html", "both"):
        row["html"] = st_html(draw(body))
    if kind == "odd":
        row[draw(st.sampled_from(["text", "html"]))] = draw(odd_value)
    for name, values in (("url", st.sampled_from(BAD_URLS)), ("published", st.sampled_from(ODD_DATES)),
                         ("title", body), ("author", body), ("outlet", body)):
        if draw(st.booleans()):
            row[name] = draw(st.one_of(values, odd_value))
    if draw(st.integers(0, 5)) == 0:
        row[draw(st.text(max_size=5))] = draw(odd_value)
    return row


def _line(row: dict[str, object] | str) -> bytes:
    # ensure_ascii: a lone surrogate is written as its \\ud800 escape, which is how JSON carries one
    return (row if isinstance(row, str) else json.dumps(row, ensure_ascii=True)).encode("utf-8") + b"\n"


junk_line = st.sampled_from(["{", "[1, 2]", "null", '"x"', "{\"id\": \"j\", \"text\": \"\\ud800 Russia sold\"}",
                             "{\"id\": 1e999, \"text\": \"x\"}", "", "   ", "\x00", "{\"id\": \"d\", \"id\": \"e\"}"])


@st.composite
def corpus(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: a JSON Lines corpus (maybe gzipped) or one text or HTML file."""
    shape = draw(st.sampled_from(["jsonl", "jsonl", "jsonl", "jsonl.gz", "txt", "html"]))
    if shape.startswith("jsonl"):
        rows = draw(st.lists(st.one_of(record(), record(), record(), junk_line), min_size=2, max_size=12))
        data = b"".join(_line(r) for r in rows)
        if draw(st.integers(0, 9)) == 0:
            data += draw(st.binary(max_size=40))  # a torn last line, or bytes that are not UTF-8
        if shape == "jsonl.gz":
            data = gzip.compress(data)
            if draw(st.integers(0, 4)) == 0:
                data = data[:len(data) // 2]  # a truncated download
        return f"corpus.{shape}", data
    text = draw(body) if shape == "txt" else st_html(draw(body))
    data = text.encode("utf-8", errors="surrogatepass" if draw(st.booleans()) else "replace")
    return f"article.{shape}", data + draw(st.binary(max_size=8))


def _check_claim(result: Result, claim: Claim) -> None:
    start, end = claim.span
    if claim.span != (0, 0):  # (0, 0): read from the headline
        assert 0 <= start < end <= len(result.document.text)
        assert result.document.text[start:end] == claim.evidence, (claim.span, claim.evidence)
    if claim.quantity is not None:
        assert 0 < claim.quantity.value < INT64
    if claim.value is not None:
        amount = claim.value.amount
        assert isinstance(amount, Decimal) and amount.is_finite() and 0 < amount < Decimal(10) ** 18
        assert len(claim.value.currency) == 3 and claim.value.currency.isupper()
    if claim.date is not None and claim.date.year is not None:
        assert 1 <= claim.date.year <= 9999


@settings(settings.get_profile("pipeline-fuzz"))
@given(corpus())
def test_no_generated_corpus_stops_the_run_and_every_claim_is_sound(generated: tuple[str, bytes]) -> None:
    name, data = generated
    errors: list[SourceError] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        results = list(run(path, settings=Settings(jobs=1), gazetteers=GAZETTEERS, on_error=errors.append))
    for result in results:
        for claim in (*result.claims, *result.statements):
            _check_claim(result, claim)
    assert all(isinstance(e, SourceError) and e.reason for e in errors)
    # pipeline.process turns a stage's ValueError or ArithmeticError into such an error: a crash
    bugs = [str(e) for e in errors if "bug in armsledger" in e.reason]
    assert not bugs, bugs
