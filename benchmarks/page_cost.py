"""What each page costs uncached: every path of a list rendered once, in process, grouped by kind.

    python benchmarks/web_load.py --db /tmp/bench.db --mix ledger --ledger-deals 300 --write-paths /tmp/paths.txt
    python benchmarks/page_cost.py --db /tmp/bench.db --paths /tmp/paths.txt

No server and no page cache: each path goes through the whole app (routes, queries, templates)
once, one after the other, and its CPU time is noted. Prints per kind of page (the path and the
names of its query parameters) the count, the CPU seconds together, the median and the slowest,
then the slowest paths. What a cold server must do before its cache holds every page is about
the total; compare only runs from one machine, beside `uptime`.
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import defaultdict

from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from armsledger.web import create_app

SLOWEST_SHOWN = 20


def kind(path: str) -> str:
    """Name a path's kind: the route and the names of its query parameters (`/?after,sort`)."""
    route, _, query = path.partition("?")
    route = "/deals/ID" if route.startswith("/deals/") else re.sub(r"^(/api/deals)/.+", r"\1/ID", route)
    names = sorted({part.split("=")[0] for part in query.split("&") if part})
    return route + ("?" + ",".join(names) if names else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--db", required=True, help="A ledger (fill_db.py).")
    parser.add_argument("--paths", required=True, help="One path a line (web_load.py --write-paths).")
    options = parser.parse_args()
    with open(options.paths, encoding="utf-8") as lines:
        paths = [line.strip() for line in lines if line.strip()]
    with Ledger(options.db, create=False) as ledger, TestClient(create_app(ledger, cache_size=0)) as client:
        client.get("/")  # the first request loads the templates and the state names
        costs: list[tuple[float, str, int]] = []
        for path in paths:
            started = time.process_time()
            status = client.get(path, follow_redirects=False).status_code
            costs.append(((time.process_time() - started) * 1000, path, status))
    by_kind: dict[str, list[float]] = defaultdict(list)
    for cost, path, _ in costs:
        by_kind[kind(path)].append(cost)
    total = sum(cost for cost, _, _ in costs)
    print(f"{len(costs)} paths, CPU {total / 1000:.1f} s, mean {total / len(costs):.1f} ms; "
          f"not 200: {sum(status != 200 for _, _, status in costs)}")
    print(f"{'kind':<40} {'paths':>6} {'CPU s':>7} {'median ms':>10} {'max ms':>8}")
    for name, found in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        print(f"{name:<40} {len(found):>6} {sum(found) / 1000:>7.1f} {statistics.median(found):>10.1f} "
              f"{max(found):>8.1f}")
    print("slowest:")
    for cost, path, status in sorted(costs, reverse=True)[:SLOWEST_SHOWN]:
        print(f"{cost:8.1f} ms  {status}  {path}")


if __name__ == "__main__":
    main()
