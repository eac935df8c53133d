"""Time the register's reads on a ledger: one page of deals, the count, the facets, full-text search.

    python benchmarks/fill_db.py --db /tmp/bench.db --claims 30000
    python benchmarks/register_queries.py --db /tmp/bench.db --runs 7

Each read is run once to warm the caches, then --runs times; the median and the slowest run are
printed in milliseconds. No web server: this is the SQL and object building under a page.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from armsledger.ledger import Ledger


def _time(read: Callable[[], object], runs: int) -> tuple[float, float]:
    read()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with Ledger(options.db, create=False) as ledger:
        word = "delivery"
        reads: dict[str, Callable[[], object]] = {
            "deals, page 1 (50)": lambda: ledger.deals(limit=50),
            "deals, sort -value": lambda: ledger.deals(sort="-value", limit=50),
            "count_deals": lambda: ledger.count_deals(),
            "facets, no filter": lambda: ledger.facets(),
            "facets, status=ordered": lambda: ledger.facets(status="ordered"),
            "deals, system=S400": lambda: ledger.deals(system="S400", limit=50),
            "deals, denied=True": lambda: ledger.deals(denied=True, limit=50),
            f"deals, q={word}": lambda: ledger.deals(q=word, limit=50),
            f"search {word!r}": lambda: ledger.search(word),
        }
        print(f"{ledger.count_deals():,} deals")
        print(f"{'read':<28} {'median ms':>10} {'max ms':>8}")
        for name, read in reads.items():
            median, slowest = _time(read, options.runs)
            print(f"{name:<28} {median:>10.1f} {slowest:>8.1f}")


if __name__ == "__main__":
    main()
