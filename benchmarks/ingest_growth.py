"""Measure whether ingest slows down as the ledger grows: the rate of each thousand articles.

    python benchmarks/ingest_growth.py [--articles 20000] [--db /tmp/growth.db] [--shared ../shared]

Builds distinct articles from the BBC bench corpus (`shared/bench/bbc-2005.jsonl`): each is a
seeded random draw of 8-20 sentences from all of its sentences, so that, as in real news, some
sentences and stock phrases recur across many articles while no two articles are copies. It then
ingests them into a fresh ledger (SQLite unless --db is a postgresql:// URL) in one `Ledger.ingest`
call and prints, for each thousand articles, the wall-clock rate and the CPU time per article
(steadier than the rate on a shared machine). Flat figures from the first thousand to the last
mean per-article cost does not grow.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from armsledger.ledger import Ledger
from armsledger.sentences import split_sentences
from armsledger.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEED = 11


def build(shared: Path, count: int, out: Path) -> None:
    """Write `count` distinct articles made of BBC sentences to out, as JSON Lines."""
    pool: list[str] = []
    for line in (shared / "bench" / "bbc-2005.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"]
        pool.extend(text[start:end] for start, end in split_sentences(text) if end - start > 30)
    draw = random.Random(SEED)
    with out.open("w", encoding="utf-8") as f:
        for n in range(count):
            sentences = draw.sample(pool, draw.randint(8, 20))
            paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
            f.write(json.dumps({"id": f"growth-{n:06d}", "text": "\n\n".join(paragraphs)}) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--db", default=None, help="ledger URL; a fresh SQLite file if omitted")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    a = ap.parse_args(argv)
    if not (a.shared / "bench" / "bbc-2005.jsonl").is_file():
        print(f"no benchmark data at {a.shared}/bench/bbc-2005.jsonl", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "growth.jsonl"
        build(a.shared, a.articles, corpus)
        url = a.db or str(Path(tmp) / "growth.db")
        marks: list[tuple[int, float, float]] = []

        def progress(n: int) -> None:
            if n % 1000 == 0:
                marks.append((n, time.perf_counter() - wall0, time.process_time() - cpu0))

        with Ledger(url, settings=Settings(batch_size=200)) as ledger:
            assert ledger.gazetteers is not None  # loaded before the clock starts
            wall0, cpu0 = time.perf_counter(), time.process_time()
            summary = ledger.ingest(corpus, progress=progress)
        print(f"{summary.articles_read:,} articles read, {summary.duplicates} duplicates, "
              f"{summary.syndicated} wire copies, {summary.claims} claims, ledger {url.split('/')[-1]}")
        print("thousand  articles/s  CPU ms/article")
        previous = (0, 0.0, 0.0)
        cpu_ms = []
        for mark in marks:
            n = mark[0] - previous[0]
            cpu_ms.append(1000 * (mark[2] - previous[2]) / n)
            print(f"{mark[0] // 1000:>8}  {n / (mark[1] - previous[1]):>10,.0f}  {cpu_ms[-1]:>14.3f}")
            previous = mark
        if cpu_ms:
            print(f"CPU per article of the last thousand: {100 * cpu_ms[-1] / cpu_ms[0]:.0f}% of the first's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
