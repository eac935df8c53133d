"""Measure detect() throughput over a JSON Lines corpus (default: the shared BBC 2005 set).

Usage:
    .venv/bin/python benchmarks/matcher_speed.py [CORPUS.jsonl] [--passes 5]

Loads the bundled gazetteers once (timed separately), does one warm-up pass, then N timed passes
over every article's text; prints the median MB/s (UTF-8 bytes of text), articles/s and the time
per 2.5 KB of text, in CPU time of this process (what one core does, whatever else the machine
runs) and in wall-clock time, with the spread over passes.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from armsledger.mentions import detect, load_gazetteers
from armsledger.models import Document

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "bbc-2005.jsonl"
ARTICLE_BYTES = 2500
"""The article size the pipeline budget is stated for (0.3 ms per 2.5 KB article)."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one summary line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args(argv)

    docs = [Document(id=str(i), text=json.loads(line)["text"])
            for i, line in enumerate(args.corpus.read_text(encoding="utf-8").splitlines()) if line.strip()]
    size = sum(len(doc.text.encode("utf-8")) for doc in docs)
    started = time.perf_counter()
    gazetteers = load_gazetteers()
    load_s = time.perf_counter() - started
    mentions = sum(len(detect(doc, gazetteers)) for doc in docs)  # warm-up
    cpu_times, wall_times = [], []
    for _ in range(args.passes):
        cpu, wall = time.process_time(), time.perf_counter()
        for doc in docs:
            detect(doc, gazetteers)
        cpu_times.append(time.process_time() - cpu)
        wall_times.append(time.perf_counter() - wall)
    print(f"corpus: {args.corpus.name}: {len(docs)} articles, {size / 1e6:.2f} MB, {mentions} mentions")
    print(f"gazetteers {gazetteers.version}: load + compile {load_s * 1000:.0f} ms")
    for label, times in (("cpu", cpu_times), ("wall", wall_times)):
        median = statistics.median(times)
        print(f"detect ({label}): {size / 1e6 / median:.1f} MB/s (passes {min(times):.3f}-{max(times):.3f} s), "
              f"{len(docs) / median:.0f} articles/s, {median / size * ARTICLE_BYTES * 1e3:.3f} ms per 2.5 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
