"""The eval gate: extraction quality on the annotated seeds may not fall below its pinned floors."""
from __future__ import annotations

import json
import os

import pytest

from tests.eval import gate

GOLD = gate.SHARED / "eval" / "dev" / "gold.jsonl"
pytestmark = pytest.mark.skipif(
    not GOLD.is_file() and os.environ.get("CI") != "true", reason="../shared/eval is not beside the repo"
)


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return gate.score(gate.SHARED / "seeds", GOLD)


@pytest.fixture(scope="module")
def baseline() -> dict[str, dict[str, float]]:
    return json.loads(gate.BASELINE.read_text(encoding="utf-8"))


def test_gate_floors_are_never_below_the_issue_minimum(baseline: dict[str, dict[str, float]]) -> None:
    for metric, minimum in baseline["minimum"].items():
        assert baseline["floors"][metric] >= minimum, metric


def test_gate_corpus_is_the_one_the_floors_were_set_on(baseline: dict[str, str]) -> None:
    assert gate.corpus_hash(GOLD, gate.SHARED / "seeds") == baseline["corpus_hash"], (
        "the seeds or their gold changed: re-run `python tests/eval/gate.py --update` and review the floors"
    )


@pytest.mark.parametrize("metric", gate.METRICS)
def test_extraction_meets_its_floor_on_the_seeds(scores: dict[str, float],
                                                 baseline: dict[str, dict[str, float]], metric: str) -> None:
    assert scores[metric] >= baseline["floors"][metric], f"{metric} {scores[metric]:.3f}"
