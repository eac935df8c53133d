"""Measure `extract` throughput and memory on a realistic, mostly off-topic news stream.

    python benchmarks/extract_speed.py [--articles 20000] [--shared ../shared]
    python benchmarks/extract_speed.py --dense --articles 2000     # the holdout articles, repeated

Builds a JSON Lines corpus on disk: the 2,225 BBC articles of `shared/bench/bbc-2005.jsonl`,
repeated (with fresh ids) until it holds --articles articles, with the seed and holdout articles
mixed in every 500 articles. It then streams the file through the pipeline (read, clean, detect,
extract) in this process, one core, and prints articles/s, MB/s, the peak resident memory at each
quarter of the run (flat = streaming), and the claims found in BBC articles, which are mostly
false positives, grouped by what they are. With --dense the stream is the 45 holdout articles repeated
(fresh ids) to --articles: dense on-topic news, where most sentences are parsed. Throughput is printed
per wall-clock second and per CPU second of this process (the issue's measure: other jobs on the
machine do not count against it). The model is loaded before the clock starts.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from armsledger.errors import SourceError
from armsledger.mentions import load_gazetteers
from armsledger.pipeline import run
from armsledger.settings import Settings
from armsledger.syntax import load_model

REPO = Path(__file__).resolve().parent.parent


def build_corpus(shared: Path, articles: int, out: Path) -> int:
    """Write the benchmark corpus to `out`; return its size in bytes."""
    bbc = [json.loads(line) for line in (shared / "bench" / "bbc-2005.jsonl").open(encoding="utf-8")]
    extra = []
    seeds = shared / "seeds"
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        extra.append({"id": path.name, "text": path.read_text(encoding="utf-8")})
    holdout = shared / "eval" / "holdout" / "docs.jsonl"
    if holdout.is_file():
        extra.extend(json.loads(line) for line in holdout.open(encoding="utf-8"))
    written = 0
    with out.open("w", encoding="utf-8") as f:
        while written < articles:
            for row in bbc:
                if written >= articles:
                    break
                row = dict(row, id=f"{row['id']}#{written}")
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                written += 1
                if extra and written % 500 == 0:
                    f.write(json.dumps(extra[(written // 500) % len(extra)], ensure_ascii=False) + "\n")
    return out.stat().st_size


def build_dense(shared: Path, articles: int, out: Path) -> int:
    """Write the holdout articles, repeated with fresh ids, to `out`; return its size in bytes."""
    rows = [json.loads(line) for line in (shared / "eval" / "holdout" / "docs.jsonl").open(encoding="utf-8")]
    with out.open("w", encoding="utf-8") as f:
        for k in range(articles):
            row = rows[k % len(rows)]
            f.write(json.dumps(dict(row, id=f"{row['id']}#{k}"), ensure_ascii=False) + "\n")
    return out.stat().st_size


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--dense", action="store_true", help="stream the holdout articles, repeated, instead of BBC")
    a = ap.parse_args(argv)
    if not (a.shared / "bench" / "bbc-2005.jsonl").is_file():
        print(f"no benchmark data at {a.shared}/bench/bbc-2005.jsonl", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "stream.jsonl"
        size = (build_dense if a.dense else build_corpus)(a.shared, a.articles, corpus)
        # one worker: the issue measures articles per CPU second of one process (`--workers` now
        # defaults to every core, whose child processes this process's CPU time would not count)
        settings = dataclasses.replace(Settings.load(), jobs=1)
        gazetteers = load_gazetteers()
        load_model()
        errors: list[SourceError] = []
        start_mb = peak_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        n = bbc_claims = 0
        checkpoints: list[tuple[int, float]] = []
        kinds: Counter[str] = Counter()
        examples: dict[str, str] = {}
        for result in run(str(corpus), settings=settings, gazetteers=gazetteers, on_error=errors.append):
            n += 1
            if n % max(1, a.articles // 4) == 0:
                checkpoints.append((n, peak_mb()))
            if result.article.id.startswith("bbc-"):
                for claim in result.claims:
                    bbc_claims += 1
                    kind = f"{claim.event} {claim.supplier}->{claim.recipient} {claim.system}"
                    kinds[kind] += 1
                    examples.setdefault(kind, f"{result.article.id}: {claim.evidence[:140]}")
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    bbc_unique = 2225
    print(f"articles: {n} ({size / 1e6:.1f} MB{', dense' if a.dense else ''}) in {elapsed:.1f} s on one core, "
          f"{cpu:.1f} CPU s")
    print(f"throughput: {n / elapsed:,.0f} articles/s, {size / 1e6 / elapsed:.2f} MB/s; "
          f"{n / cpu:,.0f} articles per CPU second")
    print(f"peak memory: {start_mb:.0f} MB before the run; " +
          ", ".join(f"{mb:.0f} MB after {k:,}" for k, mb in checkpoints))
    print(f"input errors: {len(errors)}")
    print(f"claims in BBC articles: {bbc_claims} over {n} stream articles "
          f"({len(kinds)} distinct; the BBC set holds {bbc_unique} unique articles, repeated)")
    for kind, count in kinds.most_common(15):
        print(f"  {count:5d}  {kind}   e.g. {examples[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
