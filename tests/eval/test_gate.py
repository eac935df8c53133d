"""The eval gate: extraction quality on both development sets may not fall below its pinned floors."""
from __future__ import annotations

import json
import os

import pytest

from tests.eval import gate

pytestmark = pytest.mark.skipif(
    not gate.DEV_SETS[0].gold.is_file() and os.environ.get("CI") != "true",
    reason="../shared/eval is not beside the repo",
)


@pytest.fixture(scope="module")
def baseline() -> dict[str, dict[str, dict[str, object]]]:
    return json.loads(gate.BASELINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    return {dev.name: gate.score(dev.docs, dev.gold) for dev in gate.DEV_SETS}


@pytest.mark.parametrize("dev", gate.DEV_SETS, ids=lambda d: d.name)
def test_gate_corpus_is_the_one_the_floors_were_set_on(dev: gate.DevSet, baseline: dict[str, dict[str, dict[str, object]]]) -> None:
    assert gate.corpus_hash(dev.gold, dev.docs) == baseline["sets"][dev.name]["corpus_hash"], (
        f"{dev.name}: the documents or their gold changed: re-run `python tests/eval/gate.py --update` "
        "and review the floors"
    )


@pytest.mark.parametrize("dev", gate.DEV_SETS, ids=lambda d: d.name)
@pytest.mark.parametrize("metric", gate.METRICS)
def test_extraction_meets_its_floor(scores: dict[str, dict[str, float]],
                                    baseline: dict[str, dict[str, dict[str, dict[str, float]]]],
                                    dev: gate.DevSet, metric: str) -> None:
    floor = baseline["sets"][dev.name]["floors"][metric]
    assert scores[dev.name][metric] >= floor, f"{dev.name} {metric} {scores[dev.name][metric]:.3f} < {floor}"


def test_every_floor_is_written_down(baseline: dict[str, dict[str, dict[str, dict[str, float]]]]) -> None:
    for dev in gate.DEV_SETS:
        assert set(baseline["sets"][dev.name]["floors"]) == set(gate.METRICS), dev.name
