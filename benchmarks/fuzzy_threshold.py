"""Measure the fuzzy fallback's precision and recall per score, to choose FUZZY_MIN_SCORE.

Usage:
    .venv/bin/python benchmarks/fuzzy_threshold.py [NEGATIVES_CORPUS.jsonl]

Positives: leave-one-out over the names of systems that have several (each name is looked up
among all the others; a hit on its own system is right, on another wrong). Negatives: the
designation-shaped tokens of a corpus (default: the BBC 2005 set) that name no system.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from armsledger.mentions import load_gazetteers
from armsledger.mentions.coverage import unresolved_names
from armsledger.mentions.fuzzy import MIN_NAME_CHARS, FuzzyIndex
from armsledger.mentions.matcher import canon

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "bbc-2005.jsonl"
SCORES = (75.0, 80.0, 85.0, 88.0, 90.0, 92.0, 95.0)


def main(argv: list[str] | None = None) -> int:
    """Print one line per score: precision and recall on positives, acceptance of negatives."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    gazetteers = load_gazetteers()
    systems = gazetteers.systems
    index = FuzzyIndex.build(systems.values())
    positives = [(name, system.id) for system in gazetteers.systems.values() if system.aliases
                 for name in (system.designation, *system.aliases) if len(canon(name)) >= MIN_NAME_CHARS]
    texts = (json.loads(line)["text"] for line in args.corpus.read_text(encoding="utf-8").splitlines())
    negatives = [n for n in unresolved_names(texts, gazetteers) if len(canon(n)) >= MIN_NAME_CHARS]
    print(f"{len(positives)} held-out names, {len(negatives)} negative tokens")
    for score in SCORES:
        right = wrong = same_family = same_origin = 0
        for name, ident in positives:
            found = index.best(name, min_score=score, exclude=canon(name))
            if found is not None:
                right += found[0] == ident
                wrong += found[0] != ident
                hit, truth = systems[found[0]], systems[ident]
                same_family += hit.family == truth.family
                same_origin += hit.origin == truth.origin
        accepted = sum(index.best(n, min_score=score) is not None for n in negatives)
        precision = right / (right + wrong) if right + wrong else 1.0
        tried = max(1, right + wrong)
        print(f"score {score:5.1f}: recall {right / len(positives):.2f} precision {precision:.2f} "
              f"(same family {same_family / tried:.2f}, same origin {same_origin / tried:.2f}) "
              f"negatives accepted {accepted / max(1, len(negatives)):.2f} ({accepted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
