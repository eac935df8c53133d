"""Measure whether ingest slows down as the ledger grows: the rate of each thousand articles.

    python benchmarks/ingest_growth.py [--articles 100000] [--db /tmp/growth.db] [--shared ../shared]

Builds distinct articles from the BBC bench corpus (`shared/bench/bbc-2005.jsonl`): each is a
seeded random draw of 8-20 sentences from all of its sentences, so that, as in real news, some
sentences and stock phrases recur across many articles while no two articles are copies. Every
--holdout-every'th article is instead a held-out defence article (`shared/eval/holdout/docs.jsonl`,
in turn) with its own id, URL and first line: the same deals told again and again, so that deal
groups grow as they do in a real archive and reconciling them is measured too. It then ingests
them into a fresh ledger (SQLite unless --db is a postgresql:// URL) in one `Ledger.ingest` call
and prints, for each thousand articles, the wall-clock rate and the CPU time of this process per
article (steadier than the rate on a shared machine; on PostgreSQL the server's time is not in
it), then each thousand's rate and CPU time as a share of the first thousand's. Flat figures
from the first thousand to the last mean per-article cost does not grow; the issue asks that the
rate stay within 20%.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from armsledger.clean.sentences import split_sentences
from armsledger.ledger import Ledger
from armsledger.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEED = 11


def build(shared: Path, count: int, out: Path, *, holdout_every: int = 0) -> None:
    """Write `count` distinct articles made of BBC sentences (and every holdout_every'th a holdout
    article told anew) to out, as JSON Lines."""
    pool: list[str] = []
    for line in (shared / "bench" / "bbc-2005.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"]
        pool.extend(text[start:end] for start, end in split_sentences(text) if end - start > 30)
    holdout = [json.loads(line) for line in (shared / "eval" / "holdout" / "docs.jsonl").open(encoding="utf-8")]
    draw = random.Random(SEED)
    with out.open("w", encoding="utf-8") as f:
        for n in range(count):
            if holdout_every and n % holdout_every == holdout_every - 1:
                told = holdout[(n // holdout_every) % len(holdout)]
                f.write(json.dumps({"id": f"growth-{n:06d}", "url": f"https://bench.example/{n}",
                                    "title": told.get("title"), "published": told.get("published"),
                                    "text": f"Dispatch {n} from our correspondents.\n\n{told['text']}"}) + "\n")
                continue
            sentences = draw.sample(pool, draw.randint(8, 20))
            paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
            f.write(json.dumps({"id": f"growth-{n:06d}", "text": "\n\n".join(paragraphs)}) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--holdout-every", type=int, default=50, help="every Nth article a holdout one (0: none)")
    ap.add_argument("--db", default=None, help="ledger URL; a fresh SQLite file if omitted")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    a = ap.parse_args(argv)
    if not (a.shared / "bench" / "bbc-2005.jsonl").is_file():
        print(f"no benchmark data at {a.shared}/bench/bbc-2005.jsonl", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "growth.jsonl"
        build(a.shared, a.articles, corpus, holdout_every=a.holdout_every)
        url = a.db or str(Path(tmp) / "growth.db")
        previous = [0, 0.0, 0.0]
        rates: list[float] = []
        cpu_ms: list[float] = []

        def progress(n: int) -> None:  # printed as it goes: a run stopped early keeps its figures
            if n % 1000:
                return
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            rates.append((n - previous[0]) / (wall - previous[1]))
            cpu_ms.append(1000 * (cpu - previous[2]) / (n - previous[0]))
            previous[:] = [n, wall, cpu]
            print(f"{n // 1000:>8}  {rates[-1]:>10,.0f}  {cpu_ms[-1]:>14.3f}  {rates[-1] / rates[0]:>9.0%}"
                  f"  {cpu_ms[-1] / cpu_ms[0]:>9.0%}", flush=True)

        print("thousand  articles/s  CPU ms/article  rate/first  CPU/first", flush=True)
        with Ledger(url, settings=Settings(batch_size=200)) as ledger:
            assert ledger.gazetteers is not None  # loaded before the clock starts
            wall0, cpu0 = time.perf_counter(), time.process_time()
            summary = ledger.ingest(corpus, progress=progress)
        print(f"{summary.articles_read:,} articles read, {summary.duplicates} duplicates, "
              f"{summary.syndicated} wire copies, {summary.claims} claims, {summary.deals_touched} deals, "
              f"ledger {url.split('/')[-1]}")
        if cpu_ms:
            print(f"last thousand / first: rate {rates[-1] / rates[0]:.0%}, CPU per article "
                  f"{cpu_ms[-1] / cpu_ms[0]:.0%}; CPU per article, slowest thousand / first: "
                  f"{max(cpu_ms) / cpu_ms[0]:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
