#!/usr/bin/env python3
"""The reader on sentences of our own, each with the claims a careful reader writes down for it.

    .venv/bin/python benchmarks/own_sentences.py            # one line per set
    .venv/bin/python benchmarks/own_sentences.py --misses   # and every sentence read wrong

The sets in benchmarks/sentences/ were written for this project, with their expected claims, before
the rules that now read them were written or changed: short sentences, news sentences, long news
sentences with attribution and relative clauses, and near misses (domestic orders, tests, exercises,
airliners, sanctions, treaties, production, opinions) that must give no claim. They measure how the
reader does on English it was not fitted to; once a rule is changed for a miss here, that sentence is
development data, so add new sentences rather than editing old ones.

Each line: the sentence, a tab, then its claims separated by ";": "event supplier recipient system"
with "denied" and "planned" words where they hold and "-" for no system. Alternatives a careful
reader could defend are separated by "|". An empty expectation means no claim. Systems are compared
by catalogue family, so "Abrams" and "M1A2" are the same system.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from armsledger import Article, extract
from armsledger.mentions import Gazetteers, load_gazetteers

SETS = ROOT / "benchmarks" / "sentences"

Key = tuple[str, str | None, str | None, str, bool, bool]


@dataclass(frozen=True)
class Case:
    text: str
    readings: tuple[frozenset[Key], ...]
    """Each defensible reading: the set of claim keys it gives."""


def family(gaz: Gazetteers, name: str | None) -> str:
    """A system's catalogue family, folded, or the name itself when the catalogue lacks it."""
    if not name or name == "-":
        return "-"
    found = [m for m in gaz.matcher.find(name) if m.kind == "system"]
    entry = gaz.systems.get(found[0].entity) if found else None
    return (entry.family if entry is not None and entry.family else name).lower().replace("-", "").replace(" ", "")


def _key(words: list[str], gaz: Gazetteers) -> Key:
    flags = {"denied", "planned"}
    plain = [w for w in words if w not in flags]
    return (plain[0], plain[1], plain[2], family(gaz, " ".join(plain[3:]) or "-"), "denied" in words,
            "planned" in words)


def load(path: Path, gaz: Gazetteers) -> list[Case]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        text, _, expected = line.partition("\t")
        try:
            readings = tuple(frozenset(_key(part.split(), gaz) for part in alt.split(";") if part.strip())
                             for alt in expected.split("|")) if expected.strip() else (frozenset(),)
        except IndexError:
            sys.exit(f"{path}:{n}: an expected claim needs event, supplier, recipient and system")
        cases.append(Case(text, readings))
    return cases


def read(case: Case, gaz: Gazetteers) -> frozenset[Key]:
    article = Article(id="s", text=case.text, published="2025-06-02")
    return frozenset((c.event, c.supplier, c.recipient, family(gaz, c.system), c.denied, c.planned)
                     for c in extract(article, gazetteers=gaz))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print each sentence read wrong")
    args = ap.parse_args()
    gaz = load_gazetteers()
    total_right = total = 0
    for path in sorted(SETS.glob("*.tsv")):
        cases = load(path, gaz)
        right = tp = fp = fn = 0
        for case in cases:
            got = read(case, gaz)
            best = max(case.readings, key=lambda r: len(r & got) - len(got - r))
            tp, fp, fn = tp + len(best & got), fp + len(got - best), fn + len(best - got)
            if got == best:
                right += 1
            elif args.misses:
                print(f"  {path.stem}: {case.text}\n    want {sorted(best)}\n    got  {sorted(got)}")
        total_right, total = total_right + right, total + len(cases)
        print(f"{path.stem:<16} {right:>3}/{len(cases):<3} sentences right   claims: {tp} found, {fp} spurious, "
              f"{fn} missed")
    print(f"{'all':<16} {total_right:>3}/{total:<3} sentences right")


if __name__ == "__main__":
    main()
