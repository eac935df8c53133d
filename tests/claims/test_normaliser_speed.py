"""Speed guards for the field normalisers: each bails out fast on a sentence without a figure.

The target is < 20 µs per 200-character sentence with no match on an idle machine; the guards allow
ten times that, so that a loaded CI runner passes and only a real regression (a whole-text scan with
a case-insensitive alternation costs 100-300 µs) fails.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from armsledger.claims.dates import find_dates
from armsledger.claims.quantity import count_before, find_quantities
from armsledger.claims.value import find_values
from armsledger.models import PartialDate

CEILING_US = 200.0
"""Ten times the 20 µs target: a guard against regressions, not a benchmark."""

_SENTENCE = (
    "The minister told reporters that the government remained committed to reforming the health "
    "service and would publish detailed proposals after consulting doctors, nurses and patient groups."
)[:200]
_PUBLISHED = PartialDate("2020-03-16", "day", "published")


def _best_microseconds(call: Callable[[], object], *, calls: int = 200, rounds: int = 5) -> float:
    """Return the best mean time of one call over a few rounds, in microseconds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - started) / calls * 1e6)
    return best


@pytest.mark.parametrize(("name", "call"), [
    ("find_quantities", lambda: find_quantities(_SENTENCE)),
    ("find_values", lambda: find_values(_SENTENCE)),
    ("find_dates", lambda: find_dates(_SENTENCE)),
    ("find_dates with a publication date", lambda: find_dates(_SENTENCE, published=_PUBLISHED)),
    ("count_before", lambda: count_before(_SENTENCE, _SENTENCE.index("doctors"))),
])
def test_normaliser_bails_out_fast_on_a_sentence_without_figures(name: str, call: Callable[[], object]) -> None:
    assert call() in ([], None)
    assert _best_microseconds(call) < CEILING_US, name
