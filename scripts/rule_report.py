#!/usr/bin/env python3
"""The per-rule report: what each grammar rule contributes on the development gold.

    .venv/bin/python scripts/rule_report.py                # both development sets
    .venv/bin/python scripts/rule_report.py --markdown     # a table for a note or a pull request

For every rule of `armsledger/data/patterns/` (predicates, frames, modality cues): the claim keys it
took part in that the gold confirms (TP) or does not have (FP, optional gold lines neutral), on how
many articles it fired, and the claim F1 lost on each set when it is switched off (a negative loss
means the set scores better without it). A rule that fires on one article only is flagged: it is
either too narrow to keep or not yet tested beyond one text.

Parses are computed once and reused for every switched-off grammar, so the report takes about as long
as one extraction per rule.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from eval import gate

from armsledger.claims import (
    Grammar,
    document,
    extract,
    fold_claims,
    load_grammar,
)
from armsledger.clean import clean
from armsledger.mentions import detect, load_gazetteers
from armsledger.models import Document, Mention
from armsledger.read import read
from armsledger.settings import Settings

_CUE = re.compile(r"\b([a-z]+(?:[.-][a-z]+)+)\.v\d+\b")


def _cached_parse() -> None:
    """Parse each sentence once for the whole report."""
    memo: dict[tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]], object] = {}
    original = document.parse

    def parse(texts, *, names=None, proper=None):  # type: ignore[no-untyped-def]
        names = names or [[] for _ in texts]
        proper = proper or [[] for _ in texts]
        keys = [(t, tuple(n), tuple(p)) for t, n, p in zip(texts, names, proper)]
        todo = list(dict.fromkeys(k for k in keys if k not in memo))
        for key, doc in zip(todo, original([t for t, _, _ in todo], names=[list(n) for _, n, _ in todo],
                                           proper=[list(p) for _, _, p in todo])):
            memo[key] = doc
        return [memo[k] for k in keys]

    document.parse = parse  # type: ignore[assignment]


def _corpus(path: Path) -> list[tuple[Document, list[Mention]]]:
    gaz = load_gazetteers()
    out = []
    for article in read(str(path), settings=Settings.load()):
        doc = clean(article)
        out.append((doc, detect(doc, gaz)))
    return out


def _claims(corpus: list[tuple[Document, list[Mention]]], grammar: Grammar) -> list[dict[str, object]]:
    gaz = load_gazetteers()
    rows = []
    for doc, mentions in corpus:
        statements = extract(doc, mentions, gazetteers=gaz, fold=False, grammar=grammar)
        for claim in fold_claims(statements):
            rows.append(claim.to_record(explain=True))
    return rows


def _rules_of(record: dict[str, object]) -> set[str]:
    explain = record["explain"]
    assert isinstance(explain, dict)
    used = {str(explain["rule"]).rsplit(".v", 1)[0]}
    for note in explain["notes"]:
        used.update(_CUE.findall(str(note)))
    return used


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    _cached_parse()
    scorer = gate.load_scorer()
    grammar = load_grammar()
    ids = grammar.rule_ids()
    corpora = {dev.name: (_corpus(dev.docs), dev) for dev in gate.DEV_SETS}
    base: dict[str, float] = {}
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    articles: dict[str, set[str]] = defaultdict(set)
    for name, (corpus, dev) in corpora.items():
        rows = _claims(corpus, grammar)
        base[name] = gate.score(dev.docs, dev.gold, pred_rows=[{k: v for k, v in r.items() if k != "explain"}
                                                                for r in rows])["claim_f1"]
        gold_rows = scorer.load(str(dev.gold))
        gold = scorer.fold(gold_rows, False, True)
        pred_keys = scorer.fold(rows, False, False)
        matched = set(scorer.match([k for k, v in gold.items() if not v["optional"]], list(pred_keys)).values())
        optional = [k for k, v in gold.items() if v["optional"]]
        for key in pred_keys:
            records = [r for r in rows if (r["doc"], r["event"], r["supplier"], r["recipient"]) == key[:4]
                       and bool(r["denied"]) == key[5] and bool(r["planned"]) == key[6]
                       and scorer.norm_system(r["system"]) in key[4]]
            used = set().union(*(_rules_of(r) for r in records)) if records else set()
            is_tp = key in matched
            is_neutral = not is_tp and any(scorer.compatible(g, key) for g in optional)
            for rule in used:
                articles[rule].add(f"{name}:{key[0]}")
                if is_tp:
                    tp[rule] += 1
                elif not is_neutral:
                    fp[rule] += 1
    lost: dict[str, dict[str, float]] = {}
    for rule in ids:
        reduced = grammar.without([rule])
        lost[rule] = {}
        for name, (corpus, dev) in corpora.items():
            rows = [{k: v for k, v in r.items() if k != "explain"} for r in _claims(corpus, reduced)]
            lost[rule][name] = base[name] - gate.score(dev.docs, dev.gold, pred_rows=rows)["claim_f1"]
    names = list(corpora)
    header = ["rule", "TP", "FP", "articles"] + [f"F1 lost ({n})" for n in names] + ["flag"]
    lines = []
    for rule in ids:
        flag = "fires on one article" if len(articles[rule]) == 1 else ("never fires" if not articles[rule] else "")
        lines.append([rule, str(tp[rule]), str(fp[rule]), str(len(articles[rule]))]
                     + [f"{lost[rule][n]:+.3f}" for n in names] + [flag])
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in lines:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
        for row in [header, *lines]:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print("\nclaim F1 with every rule: " + ", ".join(f"{n} {base[n]:.3f}" for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
