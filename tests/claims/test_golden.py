"""Golden claim files: the claims of every development article, pinned.

`tests/data/golden/<set>/<doc>.claims.jsonl` holds, for each article of the two development sets
(../shared/seeds and ../shared/eval/holdout), the claims the reader gives today: their keys, figures,
span and rule. The evidence sentences are not copied (the articles are not ours); the span points into
the article. Any change in what the reader finds shows here as a diff; regenerate deliberately with

    pytest tests/claims/test_golden.py --update-golden

and review the diff with the per-rule report (scripts/rule_report.py) beside it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from armsledger.pipeline import run
from armsledger.settings import Settings
from tests.eval import gate

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
KEPT = ("event", "supplier", "recipient", "system", "denied", "planned", "quantity", "value", "date", "span")

pytestmark = pytest.mark.skipif(not gate.DEV_SETS[0].gold.is_file(), reason="../shared/eval is not beside the repo")


def _records(dev: gate.DevSet) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for result in run(str(dev.docs), settings=Settings.load()):
        rows = []
        for claim in result.claims:
            record = claim.to_record(explain=True)
            row = {k: record[k] for k in KEPT}
            row["rule"] = claim.rule
            rows.append(row)
        out[result.document.id] = rows
    return out


def _file(dev: gate.DevSet, doc: str) -> Path:
    return GOLDEN / dev.name / f"{doc.replace('/', '_')}.claims.jsonl"


@pytest.mark.parametrize("dev", gate.DEV_SETS, ids=lambda d: d.name)
def test_claims_match_the_golden_files(dev: gate.DevSet, update_golden: bool) -> None:
    found = _records(dev)
    if update_golden:
        (GOLDEN / dev.name).mkdir(parents=True, exist_ok=True)
        for old in (GOLDEN / dev.name).glob("*.claims.jsonl"):
            old.unlink()
        for doc, rows in found.items():
            _file(dev, doc).write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
                                       encoding="utf-8")
        pytest.skip("golden files rewritten")
    changed = []
    for doc, rows in found.items():
        path = _file(dev, doc)
        expected = path.read_text(encoding="utf-8").splitlines() if path.is_file() else None
        got = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]
        if expected != got:
            changed.append(doc)
    assert not changed, f"{dev.name}: claims changed for {changed}; review, then rerun with --update-golden"
