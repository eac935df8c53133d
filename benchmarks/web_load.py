"""Load benchmark of the web: N concurrent clients for T seconds against the register, deal pages and the API.

    python benchmarks/fill_db.py --db /tmp/bench.db --claims 100000      # once
    python benchmarks/web_load.py --db /tmp/bench.db --clients 50 --duration 30

Starts `armsledger serve` on a free port (or measures --url), then runs closed-loop clients with
no think time: each sends its next request as soon as the last answer arrived, over one
keep-alive HTTP/1.1 connection. Each client cycles through the three scenarios; every request
picks a different page of the register, a different deal, a different API query. Prints
requests, throughput and latency percentiles per scenario; exits 1 when a target is missed:
p95 >= TARGET_P95_MS or any error.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

TARGET_P95_MS = 150.0
START_TIMEOUT_S = 180.0
"""A server on a loaded 2-core machine took over 60 s to answer its first request (two processes starting)."""
DEAL_SAMPLE = 600
"""Distinct deals the deal scenario visits."""
LEDGER_DEALS = 1_200
"""Distinct deals (deal pages, and register pages after each) the `ledger` mix draws from the whole ledger."""
SAMPLE_RUN = 10
"""Deals read together from one random place in the ledger when drawing them."""
STATUSES = ("offered", "negotiating", "ordered", "delivering", "delivered", "cancelled")


@dataclass
class Scenario:
    name: str
    paths: list[str]
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def _get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def scenarios(base: str, rng: random.Random, *, mix: str, ledger_deals: int = LEDGER_DEALS) -> list[Scenario]:
    """Build the scenarios' URL lists from what the server holds.

    `fixed`: the register's first page, the deal with the most claims, one API query, as the
    issue states the target. `varied`: every request a different register page or filter, one
    of DEAL_SAMPLE deals, a different API query: mostly cache misses, the server's raw speed.
    """
    if mix == "fixed":
        busiest = _get_json(f"{base}/api/deals?limit=1&sort=-claims")["deals"]
        assert isinstance(busiest, list) and busiest, "the ledger holds no deals"
        return [Scenario("register", ["/"]), Scenario("deal", [f"/deals/{busiest[0]['id']}"]),
                Scenario("api", ["/api/deals?limit=50"])]
    if mix == "ledger":
        return ledger_scenarios(base, rng, deals=ledger_deals)
    total = int(_get_json(f"{base}/api/deals?limit=1")["total"])  # type: ignore[call-overload]
    flows = _get_json(f"{base}/api/flows")["flows"]
    assert isinstance(flows, list)
    recipients = sorted({f["recipient"] for f in flows})
    suppliers = sorted({f["supplier"] for f in flows})
    deal_ids: list[str] = []
    for sort in ("-last_reported", "supplier", "-ordered_on", "recipient", "system", "-sources"):
        for offset in rng.sample(range(max(total - 200, 1)), 1):
            found = _get_json(f"{base}/api/deals?limit=200&sort={sort}&offset={offset}")["deals"]
            assert isinstance(found, list)
            deal_ids.extend(d["id"] for d in found)
    deal_ids = rng.sample(deal_ids, min(DEAL_SAMPLE, len(deal_ids)))
    last_page = max(total // 50 - 1, 0)
    register = ["/"] + [f"/?offset={50 * rng.randint(0, last_page)}" for _ in range(100)]
    register += [f"/?recipient={r}" for r in recipients[:60]] + [f"/?supplier={s}&sort=-ordered_on" for s in suppliers]
    register += [f"/?status={s}&since={y}" for s in STATUSES for y in (2000, 2010, 2020)]
    api = [f"/api/deals?supplier={s}&limit=20" for s in suppliers] + [f"/api/deals/{d}" for d in deal_ids[:100]]
    api += [f"/api/deals?recipient={r}" for r in recipients]
    return [Scenario("register", register), Scenario("deal", [f"/deals/{d}" for d in deal_ids]),
            Scenario("api", api)]


def _sample_deals(base: str, rng: random.Random, total: int, wanted: int) -> list[dict[str, object]]:
    """Return about `wanted` deals drawn from the whole ledger: runs of SAMPLE_RUN deals at random offsets."""
    found: list[dict[str, object]] = []
    room = max(total - SAMPLE_RUN, 1)
    for offset in sorted(rng.sample(range(room), min(max(wanted // SAMPLE_RUN, 1), room))):
        page = _get_json(f"{base}/api/deals?limit={SAMPLE_RUN}&sort=-last_reported&offset={offset}")["deals"]
        assert isinstance(page, list)
        found.extend(page)
    return rng.sample(found, min(wanted, len(found)))


def ledger_scenarios(base: str, rng: random.Random, *, deals: int = LEDGER_DEALS) -> list[Scenario]:
    """URLs drawn from the whole ledger: deals, register pages, filters, facets, flows and conflicts.

    register: the first page in every order; a page after each of LEDGER_DEALS deals in one of the
    orders (keyset pages from the whole range, not only the first ones); every facet value the first
    page offers, with and without a second facet; the last pages. views: every page of /conflicts
    in both orders, /flows by year, by category and paged. deal: one page per sampled deal. api:
    deals by supplier and recipient, single deals. Each URL is distinct.
    """
    first = _get_json(f"{base}/api/deals?limit=1")
    total = int(first["total"])  # type: ignore[call-overload]
    sampled = _sample_deals(base, rng, total, deals)
    sorts = ["-last_reported", "-value", "quantity", "supplier", "-ordered_on", "-sources", "recipient", "system"]
    register = {"/"} | {f"/?sort={s}" for s in sorts} | {f"/?page=last&sort={s}" for s in sorts[:3]}
    register |= {f"/?sort={rng.choice(sorts)}&after={d['id']}" for d in sampled}
    facet_links: set[str] = set()
    facets = {"status": STATUSES, "supplier": sorted({str(d["supplier"]) for d in sampled}),
              "recipient": sorted({str(d["recipient"]) for d in sampled}),
              "category": sorted({str(d["category"]) for d in sampled if d.get("category")}),
              "min_sources": ("1", "2", "3"), "denied": ("yes", "no"), "planned": ("yes", "no")}
    for name, values in facets.items():
        facet_links |= {f"/?{urllib.parse.urlencode({name: v})}" for v in values}
    facet_links |= {f"/?system={urllib.parse.quote(str(d['system_family']))}" for d in sampled[:80] if d.get("system_family")}
    facet_links |= {f"/?since={y}&until={y}" for y in range(1995, 2026)}
    facet_links |= {f"/?status={s}&since={y}" for s in STATUSES for y in (2000, 2010, 2020)}
    facet_links |= {f"/?supplier={d['supplier']}&status={rng.choice(STATUSES)}" for d in sampled[:60]}
    facet_links |= {f"/?recipient={d['recipient']}&min_sources=2&sort=-value" for d in sampled[60:120]}
    register |= facet_links
    conflicts = int(_get_json(f"{base}/api/conflicts?limit=1")["total"])  # type: ignore[call-overload]
    views = {f"/conflicts?offset={o}" for o in range(0, conflicts, 50)}
    views |= {f"/conflicts?sort=reported_on&offset={o}" for o in range(0, conflicts, 50)}
    views |= {"/flows"} | {f"/flows?since={y}" for y in range(1995, 2026)} | {f"/flows?until={y}" for y in range(1995, 2026, 3)}
    views |= {f"/flows?category={urllib.parse.quote(c)}" for c in facets["category"]}
    views |= {f"/flows?offset={o}" for o in range(0, 200, 50)}
    views |= {"/over-time", "/systems", "/articles"} | {f"/over-time?status={s}" for s in STATUSES}
    deal_pages = [f"/deals/{urllib.parse.quote(str(d['id']))}" for d in sampled]
    api = {f"/api/deals?supplier={s}&limit=20" for s in facets["supplier"]}
    api |= {f"/api/deals?recipient={r}" for r in facets["recipient"]}
    api |= {f"/api/deals/{urllib.parse.quote(str(d['id']))}" for d in sampled[:200]}
    api |= {f"/api/conflicts?offset={o}" for o in range(0, conflicts, 200)} | {"/api/flows"}
    return [Scenario("register", sorted(register)), Scenario("deal", sorted(set(deal_pages))),
            Scenario("views", sorted(views)), Scenario("api", sorted(api))]


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(number: int, host: str, port: int, chosen: list[Scenario], until: float, seed: int) -> None:
    rng = random.Random(seed * 1000 + number)
    reader, writer = await asyncio.open_connection(host, port)
    turn = number
    try:
        while time.perf_counter() < until:
            scenario = chosen[turn % len(chosen)]
            turn += 1
            path = rng.choice(scenario.paths)
            started = time.perf_counter()
            try:
                status = await _request(reader, writer, f"{host}:{port}", path)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                scenario.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            scenario.latencies_ms.append((time.perf_counter() - started) * 1000)
            scenario.statuses[status] = scenario.statuses.get(status, 0) + 1
            if status != 200:
                scenario.errors += 1
    finally:
        writer.close()


async def run_load(host: str, port: int, chosen: list[Scenario], *, clients: int, duration_s: float,
                   seed: int) -> float:
    """Run the clients for duration_s; return the seconds actually measured."""
    started = time.perf_counter()
    until = started + duration_s
    await asyncio.gather(*(_client(n, host, port, chosen, until, seed) for n in range(clients)))
    return time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(chosen: list[Scenario], elapsed_s: float, clients: int) -> bool:
    """Print one line per scenario; return whether every target was met."""
    print(f"{clients} clients, {elapsed_s:.1f} s")
    print(f"{'scenario':<10}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}{'errors':>7}")
    met = True
    for s in chosen:
        p95 = _percentile(s.latencies_ms, 0.95)
        print(f"{s.name:<10}{len(s.latencies_ms):>9}{len(s.latencies_ms) / elapsed_s:>8.0f}"
              f"{statistics.median(s.latencies_ms) if s.latencies_ms else float('nan'):>8.1f}{p95:>8.1f}"
              f"{_percentile(s.latencies_ms, 0.99):>8.1f}{max(s.latencies_ms, default=float('nan')):>8.1f}"
              f"{s.errors:>7}")
        met = met and p95 < TARGET_P95_MS and s.errors == 0 and bool(s.latencies_ms)
    total = sum(len(s.latencies_ms) for s in chosen)
    print(f"{'all':<10}{total:>9}{total / elapsed_s:>8.0f}   target p95 < {TARGET_P95_MS:.0f} ms, no errors: "
          f"{'met' if met else 'MISSED'}")
    return met


def _tree(pid: int) -> list[int]:
    """Return a process and its descendants (uvicorn's workers), from /proc."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:  # gone meanwhile
            continue
    return found


def server_memory_mb(pid: int) -> tuple[float, float]:
    """Return the anonymous and the file-backed resident memory of the server's processes, in MB.

    File-backed pages are mostly the ledger itself, mapped by SQLite's mmap in each connection:
    the kernel's page cache, counted once per mapping; anonymous memory is the processes' own.
    """
    anon = file = 0
    for current in _tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        fields = {line.split(":")[0]: line.split()[1] for line in status.splitlines() if line.startswith("Rss")}
        anon += int(fields.get("RssAnon", 0))
        file += int(fields.get("RssFile", 0))
    return anon / 1024, file / 1024


def server_cpu_s(pid: int) -> float:
    """Return the CPU seconds (user + system) the server's processes have used so far."""
    ticks = 0
    for current in _tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(db: str, port: int, workers: int, cache: bool, *, more: tuple[str, ...] = (),
                  env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start `armsledger serve` (with more flags, in env); return it once it answers."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from armsledger.cli import main; main()", "serve", "--db", db, "--port", str(port),
         "--workers", str(workers), "--cache" if cache else "--no-cache", *more], env=env)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            _get_json(f"http://127.0.0.1:{port}/api/deals?limit=1")
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"armsledger serve exited with {process.returncode}") from None
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"armsledger serve did not answer within {START_TIMEOUT_S} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="Ledger to serve (see fill_db.py); not needed with --url.")
    parser.add_argument("--url", help="Measure this running server instead of starting one.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of measured load.")
    parser.add_argument("--warmup", type=float, default=3.0, help="Seconds of unmeasured load first.")
    parser.add_argument("--workers", type=int, default=2, help="Server processes (armsledger serve --workers).")
    parser.add_argument("--no-cache", action="store_true", help="Serve without the rendered-page cache.")
    parser.add_argument("--mix", choices=("fixed", "varied", "ledger"), default="fixed",
                        help="fixed: the register, one deal page, one API query; varied: a different URL "
                        "each request (see scenarios()); ledger: thousands of distinct URLs from the whole "
                        "ledger (see ledger_scenarios()).")
    parser.add_argument("--ledger-deals", type=int, default=LEDGER_DEALS,
                        help="ledger mix: deals drawn from the whole ledger (a deal page and a register page each).")
    parser.add_argument("--write-paths", metavar="FILE",
                        help="Write the mix's paths to FILE, one a line (for wrk or locust), and stop.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.url and not args.db:
        parser.error("give --db (a ledger to serve) or --url (a running server)")
    process = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        port = _free_port()
        process = _start_server(args.db, port, args.workers, not args.no_cache)
        base = f"http://127.0.0.1:{port}"
    try:
        host, port_text = base.split("://", 1)[1].split(":")
        chosen = scenarios(base, random.Random(args.seed), mix=args.mix, ledger_deals=args.ledger_deals)
        if args.write_paths:
            with open(args.write_paths, "w", encoding="utf-8") as out:
                out.writelines(f"{path}\n" for s in chosen for path in s.paths)
            print(f"wrote {sum(len(s.paths) for s in chosen)} paths to {args.write_paths}")
            return 0
        print(f"{base}: {', '.join(f'{s.name} {len(s.paths)} urls' for s in chosen)}; "
              f"mix {args.mix}, workers {args.workers if process else '?'}, cache {'off' if args.no_cache else 'on'}")
        memory = [server_memory_mb(process.pid)] if process else []
        if args.warmup > 0:
            warm = [Scenario(s.name, s.paths) for s in chosen]
            asyncio.run(run_load(host, int(port_text), warm, clients=args.clients, duration_s=args.warmup,
                                 seed=args.seed + 1))
        if process:
            memory.append(server_memory_mb(process.pid))
            cpu_before = server_cpu_s(process.pid)
        elapsed = asyncio.run(run_load(host, int(port_text), chosen, clients=args.clients,
                                       duration_s=args.duration, seed=args.seed))
        met = report(chosen, elapsed, args.clients)
        if process:
            cpu = server_cpu_s(process.pid) - cpu_before
            answered = sum(len(s.latencies_ms) for s in chosen)
            memory.append(server_memory_mb(process.pid))
            print(f"server CPU {cpu:.1f} s for {answered} answers: {1000 * cpu / max(answered, 1):.1f} ms an answer")
            print("server memory, anonymous / file-backed MB: " + ", ".join(
                f"{when} {a:.0f} / {f:.0f}" for when, (a, f) in zip(("start", "after warm-up", "after the load"),
                                                                 memory, strict=False)))
        return 0 if met else 1
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=15)


if __name__ == "__main__":
    sys.exit(main())
