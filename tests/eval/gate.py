"""The quality gate: score `extract` on an annotated corpus with the shared scorer.

    python tests/eval/gate.py            # print the scores and the floors
    python tests/eval/gate.py --update   # record today's scores as `achieved` and re-hash the corpus

The floors live in tests/eval/baseline.json with a hash of the gold file and the documents, so a
changed corpus is noticed rather than silently compared. Floors are edited by hand, never below
the `minimum` the extraction issue set (a test checks), with a line in the CHANGELOG.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from armsledger.pipeline import run
from armsledger.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
BASELINE = Path(__file__).with_name("baseline.json")
METRICS = ("claim_f1", "relaxed_f1", "quantity", "value", "date", "date_year")


def corpus_hash(gold: Path, docs: Path) -> str:
    """Hash the gold file and every document, so the floors are tied to one corpus."""
    h = hashlib.sha256(gold.read_bytes())
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_scorer(shared: Path = SHARED) -> ModuleType:
    """Import the shared scorer, score.py, as a module."""
    spec = importlib.util.spec_from_file_location("armsledger_eval_score", shared / "eval" / "score.py")
    assert spec and spec.loader, "score.py not found"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(docs: Path, gold: Path, shared: Path = SHARED) -> dict[str, float]:
    """Extract claims from `docs` and score them against `gold`; return the gate's metrics."""
    scorer = load_scorer(shared)
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as f:
            for result in run(str(docs), settings=Settings.load()):
                for claim in result.claims:
                    f.write(json.dumps(claim.to_record(), ensure_ascii=False) + "\n")
        gold_rows, pred_rows = scorer.load(str(gold)), scorer.load(str(pred))
    docs_in_gold = {r.get("doc") for r in gold_rows}
    pred_rows = [r for r in pred_rows if r.get("doc") in docs_in_gold]
    (tp, fp, fn), attrs, _, _ = scorer.score_claims(gold_rows, pred_rows, relaxed=False)
    (rtp, rfp, rfn), _, _, _ = scorer.score_claims(gold_rows, pred_rows, relaxed=True)
    out = {"claim_f1": scorer.prf(tp, fp, fn)[2], "relaxed_f1": scorer.prf(rtp, rfp, rfn)[2]}
    for name, (correct, total) in attrs.items():
        out[name] = correct / total if total else 1.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="record today's scores and the corpus hash")
    a = ap.parse_args(argv)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    scores = score(SHARED / "seeds", SHARED / "eval" / "dev" / "gold.jsonl")
    for m in METRICS:
        print(f"{m:<12} {scores[m]:.3f}  floor {baseline['floors'][m]:.3f}")
    if a.update:
        baseline["achieved"] = {m: round(scores[m], 3) for m in METRICS}
        baseline["corpus_hash"] = corpus_hash(SHARED / "eval" / "dev" / "gold.jsonl", SHARED / "seeds")
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return 0 if all(scores[m] >= baseline["floors"][m] for m in METRICS) else 1


if __name__ == "__main__":
    sys.exit(main())
