"""Measure how extraction scales with worker processes, and check the output does not change.

    python benchmarks/scale.py [--jobs 1 2] [--passes 3] [--holdout-articles 2000] [--shared ../shared]

Two streams: the 2,225 BBC articles of `shared/bench/bbc-2005.jsonl` (mostly off-topic news), and
the holdout's arms-trade articles (`shared/eval/holdout/docs.jsonl`) repeated with fresh ids to
--holdout-articles (dense: nearly every sentence reaches the claim stage). Each stream goes
through `armsledger.pipeline.run` (read, clean, detect, extract) with each --jobs value, the
values taken in turn within each pass so that a busy machine slows them alike, after one warm-up
pass. It prints the median articles/s of each, its speed-up over the first --jobs value, the
CPU time per article of all processes and of the reading one (the part that does not scale), the
rate those CPU times allow on free cores (this machine is shared: the wall-clock figures move with
other jobs), and whether the claims,
written as `armsledger extract --format jsonl` writes them, are byte-identical for every value.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from armsledger.mentions import Gazetteers, load_gazetteers
from armsledger.pipeline import run
from armsledger.settings import Settings
from armsledger.workers import cores

REPO = Path(__file__).resolve().parent.parent


def repeated(source: Path, articles: int, out: Path) -> Path:
    """Write source's articles to out, repeated with fresh ids until there are `articles` of them."""
    rows = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as f:
        for n in range(articles):
            row = rows[n % len(rows)]
            f.write(json.dumps(dict(row, id=f"{row['id']}#{n}"), ensure_ascii=False) + "\n")
    return out


@dataclass(frozen=True, slots=True)
class Pass:
    """One timed pass over a stream."""

    rate: float
    """Articles per second, wall clock."""
    reader_ms: float
    """CPU time of the reading (parent) process per article."""
    total_ms: float
    """CPU time of every process (parent and workers) per article."""
    articles: int
    digest: str
    """sha256 of the claims as JSON Lines."""


def one_pass(corpus: Path, jobs: int, gazetteers: Gazetteers) -> Pass:
    """Run the pipeline over a stream once and time it."""
    digest = hashlib.sha256()
    settings = Settings(jobs=jobs)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    count = 0
    for result in run(corpus, settings=settings, gazetteers=gazetteers, on_error=lambda err: None):
        count += 1
        for claim in result.claims:
            digest.update((json.dumps(claim.to_record(), ensure_ascii=False) + "\n").encode())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, reaped when run() ends
    workers_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    per = 1000 / max(1, count)
    return Pass(count / wall, cpu * per, (cpu + workers_cpu) * per, count, digest.hexdigest())


def measure(name: str, corpus: Path, jobs: list[int], passes: int, gazetteers: Gazetteers) -> bool:
    """Print one stream's figures; return whether every --jobs value gave the same claims."""
    for value in jobs:
        one_pass(corpus, value, gazetteers)  # warm-up: page cache, imports, the pool's first fork
    runs: dict[int, list[Pass]] = {value: [] for value in jobs}
    for _ in range(passes):
        for value in jobs:
            runs[value].append(one_pass(corpus, value, gazetteers))
    base = statistics.median(p.rate for p in runs[jobs[0]])
    digests = {p.digest for value in jobs for p in runs[value]}
    for value in jobs:
        rates = [p.rate for p in runs[value]]
        median = statistics.median(rates)
        total = statistics.median(p.total_ms for p in runs[value])
        reader = statistics.median(p.reader_ms for p in runs[value])
        # What these CPU times allow on this machine when nothing else runs: each worker on a core,
        # the reader keeping up, all processes within the machine's cores.
        workers_ms = total - reader if value > 1 else total
        bound = 1000 * min(max(1, value) / workers_ms, 1 / reader, cores() / total) if value > 1 else 1000 / total
        print(f"{name:<8} {runs[value][0].articles:>6,} articles  jobs {value}: {median:>7,.0f} articles/s "
              f"(passes {min(rates):,.0f}-{max(rates):,.0f})  x{median / base:.2f}  CPU {total:.3f} ms/article "
              f"(reader {reader:.3f}); idle {cores()}-core bound {bound:,.0f}/s")
    identical = len(digests) == 1
    print(f"{name:<8} claims identical for jobs {', '.join(map(str, jobs))}: {'yes' if identical else 'NO'} "
          f"(sha256 {min(digests)[:16]})")
    return identical


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--holdout-articles", type=int, default=2000)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    a = ap.parse_args(argv)
    bbc = a.shared / "bench" / "bbc-2005.jsonl"
    holdout = a.shared / "eval" / "holdout" / "docs.jsonl"
    for path in (bbc, holdout):
        if not path.is_file():
            print(f"no benchmark data at {path}", file=sys.stderr)
            return 2
    gazetteers = load_gazetteers()
    with tempfile.TemporaryDirectory() as tmp:
        dense = repeated(holdout, a.holdout_articles, Path(tmp) / "holdout.jsonl")
        same = [measure("bbc", bbc, a.jobs, a.passes, gazetteers),
                measure("holdout", dense, a.jobs, a.passes, gazetteers)]
    return 0 if all(same) else 1


if __name__ == "__main__":
    sys.exit(main())
