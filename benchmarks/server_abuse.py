"""Abuse benchmark of the web: huge unauthenticated POSTs, then ten clients on /conflicts beside other readers.

    python benchmarks/fill_db.py --db /tmp/bench.db --claims 100000      # once
    python benchmarks/server_abuse.py --db /tmp/bench.db --post-mb 300 --clients 10 --duration 30

Starts `armsledger serve --allow-ingest` (one process) on a free port and:

1. sends POST /api/ingest bodies of --post-mb, generated on the fly as they are sent: with a
   Content-Length and no token, chunked with no token, and chunked with the token (over the body
   limit); for each, the status, how much of the body the server let in before it answered,
   and the server's resident memory (RSS) before, at its peak while sending, and after;
2. runs --clients closed-loop clients on /conflicts (the first page, then a different page each
   request) for --duration seconds while PROBE_CLIENTS others read the register, a deal page,
   /help and the API, and prints each group's latency percentiles.

Prints figures only; it asserts nothing (see tests/web/test_abuse.py for the checks).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from web_load import Scenario, _free_port, _get_json, _percentile, _start_server, run_load

TOKEN = "bench-token-abuse"
CHUNK_BYTES = 65_536
SEND_TIMEOUT_S = 120.0
PROBE_CLIENTS = 2
WARMUP_S = 3.0
"""Unmeasured load on every page first: templates compiled, connections pooled, threads started."""
RSS_SAMPLE_S = 0.05


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory in MB (Linux /proc): VmRSS in all, RssAnon its heap and stacks, RssFile
    the pages of files it maps (the ledger through SQLite's mmap: the kernel's page cache, reclaimable)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory(pid: int) -> str:
    """The RSS of a process and its anonymous and file-backed parts, in MB."""
    return (f"RSS {rss_mb(pid):.0f} MB (anonymous {rss_mb(pid, 'RssAnon'):.0f}, "
            f"file-backed {rss_mb(pid, 'RssFile'):.0f})")


class PeakRss(threading.Thread):
    """Samples a process's RSS every RSS_SAMPLE_S until stopped; keeps the highest."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(RSS_SAMPLE_S)


def post_huge(port: int, total: int, *, is_chunked: bool, token: str | None) -> tuple[str, int]:
    """Stream a POST /api/ingest body of total bytes; return the answer's status line and the bytes sent."""
    head = ["POST /api/ingest HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    head += ["Transfer-Encoding: chunked"] if is_chunked else [f"Content-Length: {total}"]
    head += [f"Authorization: Bearer {token}"] if token else []
    chunk = b"x" * CHUNK_BYTES
    framed = f"{CHUNK_BYTES:x}\r\n".encode() + chunk + b"\r\n" if is_chunked else chunk
    sent, answer = 0, b""
    deadline = time.monotonic() + SEND_TIMEOUT_S
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        while sent < total and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock], [], 1.0)
            if readable:  # the server answered before the body ended
                break
            if writable:
                try:
                    sock.sendall(framed)
                except OSError:  # it closed the connection: the answer may still be in the buffer
                    break
                sent += CHUNK_BYTES
        if sent >= total and is_chunked:
            try:
                sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass
        sock.settimeout(30)
        try:
            answer = sock.recv(4096)
        except OSError:
            pass
    return (answer.split(b"\r\n", 1)[0].decode("latin-1") or "(no answer)"), sent


def abuse_posts(process: subprocess.Popen[bytes], port: int, total: int) -> None:
    """Send the three huge POSTs; print status, bytes let in and RSS for each."""
    print(f"POST /api/ingest, {total / 1e6:.0f} MB generated on the fly")
    print(f"{'body':<34}{'answer':<30}{'sent MB':>8}{'RSS before':>11}{'peak':>7}{'after':>7}")
    for name, is_chunked, token in (("Content-Length, no token", False, None), ("chunked, no token", True, None),
                                    ("chunked, token (over the limit)", True, TOKEN)):
        before = rss_mb(process.pid)
        sampler = PeakRss(process.pid)
        sampler.start()
        status, sent = post_huge(port, total, is_chunked=is_chunked, token=token)
        time.sleep(0.5)
        sampler.done.set()
        sampler.join()
        print(f"{name:<34}{status[:29]:<30}{sent / 1e6:>8.1f}{before:>11.0f}{sampler.peak:>7.0f}"
              f"{rss_mb(process.pid):>7.0f}")


def conflict_load(process: subprocess.Popen[bytes], port: int, *, clients: int, duration_s: float) -> None:
    """Run clients on /conflicts beside PROBE_CLIENTS on other pages; print both groups' latencies."""
    base = f"http://127.0.0.1:{port}"
    total = int(str(_get_json(f"{base}/api/conflicts?limit=1")["total"]))
    deals = _get_json(f"{base}/api/deals?limit=50&sort=-claims")["deals"]
    assert isinstance(deals, list) and deals, "the ledger holds no deals"
    rng = random.Random(1)
    pages = [f"/conflicts?offset={50 * rng.randint(0, max(total // 50 - 1, 0))}" for _ in range(500)]
    others = ["/", "/help", "/api/deals?limit=50", *(f"/deals/{d['id']}" for d in deals[:20])]
    print(f"\n{total:,} open conflicts; {clients} clients on /conflicts, {PROBE_CLIENTS} on other pages, "
          f"{duration_s:.0f} s each; {memory(process.pid)}")
    warm = [Scenario("warm-up", pages[:20] + others)]
    asyncio.run(run_load("127.0.0.1", port, warm, clients=clients, duration_s=WARMUP_S, seed=3))
    print(f"{'load':<26}{'group':<12}{'requests':>9}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'errors':>7}")
    for label, paths in (("/conflicts (first page)", ["/conflicts"]), ("/conflicts?offset=random", pages)):
        heavy, light = [Scenario("conflicts", paths)], [Scenario("others", others)]

        async def both(heavy: list[Scenario] = heavy, light: list[Scenario] = light) -> None:
            await asyncio.gather(run_load("127.0.0.1", port, heavy, clients=clients, duration_s=duration_s, seed=1),
                                 run_load("127.0.0.1", port, light, clients=PROBE_CLIENTS, duration_s=duration_s,
                                          seed=2))

        asyncio.run(both())
        for s in heavy + light:
            print(f"{label:<26}{s.name:<12}{len(s.latencies_ms):>9}{_percentile(s.latencies_ms, 0.5):>8.1f}"
                  f"{_percentile(s.latencies_ms, 0.95):>8.1f}{max(s.latencies_ms, default=float('nan')):>8.1f}"
                  f"{s.errors:>7}")
    print(f"after the load: {memory(process.pid)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="Ledger to serve (see fill_db.py).")
    parser.add_argument("--post-mb", type=float, default=300.0, help="Size of each huge POST body, in MB.")
    parser.add_argument("--clients", type=int, default=10, help="Clients on /conflicts.")
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of each /conflicts load.")
    parser.add_argument("--no-cache", action="store_true", help="Serve without the rendered-page cache.")
    args = parser.parse_args(argv)
    port = _free_port()
    process = _start_server(args.db, port, 1, not args.no_cache, more=("--allow-ingest",),
                            env={**os.environ, "ARMSLEDGER_INGEST_TOKEN": TOKEN})
    try:
        print(f"page cache {'off' if args.no_cache else 'on'}; at the start: {memory(process.pid)}")
        abuse_posts(process, port, int(args.post_mb * 1e6))
        conflict_load(process, port, clients=args.clients, duration_s=args.duration)
    finally:
        process.terminate()
        process.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
