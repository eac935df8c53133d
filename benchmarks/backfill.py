"""Measure `armsledger backfill` on a LocalCluster: articles/s and what each shard costs on top.

    python benchmarks/backfill.py [--shards 16] [--repeat 4] [--workers 2] [--shared ../shared]

Splits `shared/bench/bbc-2005.jsonl`, repeated --repeat times with fresh ids, into --shards shards
(every other one gzipped), starts a LocalCluster of --workers processes (one thread each) and warms
every worker up (catalogues and model loaded) before the clock starts. Then it prints:
- the same articles through `pipeline.run` in this process, one core: the rate with no cluster;
- backfill into an empty folder: wall time, articles/s, and the per-shard overhead: the mean of a
  shard task's processor time minus its articles at the in-process CPU rate (hashing, Parquet, the
  worker), and the wall time the cluster adds beyond the tasks spread over its workers;
- backfill again into the same folder (every shard already done): the cost of a skipped shard;
- `Ledger.ingest_shards` of the folder into a fresh SQLite ledger, against a plain ingest.
Figures are wall-clock on a shared machine: compare runs from one machine, as RESULTS.md says.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from armsledger.backfill import ShardReport, backfill, backfill_shard
from armsledger.ledger import Ledger
from armsledger.mentions import load_gazetteers
from armsledger.pipeline import run
from armsledger.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def split_corpus(source: Path, *, shards: int, repeat: int, out: Path) -> int:
    """Write the repeated corpus as `shards` shard files in out; return the number of articles."""
    rows = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    lines = [json.dumps(dict(row, id=f"{row['id']}#{n}"), ensure_ascii=False)
             for n in range(repeat) for row in rows]
    size = -(-len(lines) // shards)
    out.mkdir(parents=True)
    for k in range(shards):
        part = "\n".join(lines[k * size:(k + 1) * size]) + "\n"
        if k % 2:
            with gzip.open(out / f"part-{k:03d}.jsonl.gz", "wt", encoding="utf-8") as stream:
                stream.write(part)
        else:
            (out / f"part-{k:03d}.jsonl").write_text(part, encoding="utf-8")
    return len(lines)


def _warm(shard: str, out: str, dask_worker: Any) -> float:  # Any: distributed's Worker
    """Run one small shard on a worker, so its catalogues and model are loaded before timing."""
    started = time.perf_counter()
    backfill_shard(shard, f"{out}/{dask_worker.name}", settings=Settings())
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=4, help="Copies of the BBC corpus (2,225 articles each).")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster processes (keep it small: the "
                                                               "machine is shared).")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines would bury the figures
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="armsledger-backfill-bench-") as folder:
        root = Path(folder)
        articles = split_corpus(args.shared / "bench" / "bbc-2005.jsonl", shards=args.shards,
                                repeat=args.repeat, out=root / "corpus")
        print(f"corpus: {articles:,} articles in {args.shards} shards; {args.workers} workers, 1 thread each")

        gazetteers = load_gazetteers()
        list(run(root / "corpus" / "part-000.jsonl", settings=settings, gazetteers=gazetteers))  # warm up
        started, cpu_started = time.perf_counter(), time.process_time()
        in_process = sum(1 for _ in run(root / "corpus", settings=settings, gazetteers=gazetteers,
                                        on_error=lambda err: None))
        plain_s, plain_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
        per_article_cpu_s = plain_cpu_s / max(1, in_process)
        print(f"in process, one core: {in_process / plain_s:,.0f} articles/s, "
              f"{in_process / plain_cpu_s:,.0f} per CPU second ({per_article_cpu_s * 1000:.2f} CPU ms an article)")

        started = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            print(f"cluster start: {time.perf_counter() - started:.1f} s")
            warm = client.run(_warm, str(root / "corpus" / "part-000.jsonl"), str(root / "warm"))
            print(f"worker warm-up (catalogues, model, one shard): {max(warm.values()):.1f} s")

            reports: list[ShardReport] = []
            summary = backfill([root / "corpus"], out=root / "shards", settings=settings,
                               scheduler=cluster.scheduler_address, on_shard=reports.append)
            overheads = [r.cpu_seconds - r.articles * per_article_cpu_s for r in reports]
            cpu_s = sum(r.cpu_seconds for r in reports)
            print(f"backfill: {summary.done} shards, {summary.articles:,} articles in {summary.seconds:.2f} s: "
                  f"{summary.articles / summary.seconds:,.0f} articles/s wall, "
                  f"{summary.articles / cpu_s:,.0f} per worker CPU second")
            print(f"per-shard overhead: {statistics.mean(overheads) * 1000:,.0f} CPU ms in the task (median "
                  f"{statistics.median(overheads) * 1000:,.0f} ms; read, extract at the in-process rate "
                  f"subtracted: hashing, Parquet, the worker), and "
                  f"{(summary.seconds - sum(r.seconds for r in reports) / args.workers) / len(reports) * 1000:,.0f}"
                  " ms of wall time a shard beyond the tasks spread over the workers (scheduling, client)")

            again: list[ShardReport] = []
            rerun = backfill([root / "corpus"], out=root / "shards", settings=settings,
                             scheduler=cluster.scheduler_address, on_shard=again.append)
            print(f"rerun, every shard done: {rerun.skipped} skipped in {rerun.seconds:.2f} s "
                  f"({rerun.seconds / max(1, rerun.skipped) * 1000:,.0f} ms a shard, hashing included)")

        started = time.perf_counter()
        with Ledger(str(root / "shards.db"), settings=settings, gazetteers=gazetteers) as ledger:
            loaded = ledger.ingest_shards(root / "shards")
        load_s = time.perf_counter() - started
        print(f"ingest --from-parquet: {loaded.articles_read:,} articles in {load_s:.1f} s "
              f"({loaded.articles_read / load_s:,.0f} articles/s, storing included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
