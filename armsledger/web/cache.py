"""A small in-memory cache of rendered GET responses, in front of the whole app.

The web is read-only, so a page rendered once stays right until the ledger changes. The cache is
emptied when this server ingests; a change made by another process (`armsledger ingest`) is
seen through the ledger's revision: for a SQLite file, the size and modification time of the
file and its write-ahead log, checked at most every REVISION_CHECK_S. Where no revision can be
read (PostgreSQL), an entry lives CACHE_TTL_S, which bounds how stale a page can be.
"""
from __future__ import annotations

import os
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_TTL_S = 10.0
"""How long a rendered response is reused when the ledger has no readable revision."""
REVISION_CHECK_S = 0.5
"""How often the ledger's revision is read: the staleness an outside ingest may see on SQLite."""
UNCACHED_PREFIXES = ("/static/", "/api/ingest")


Revision = Callable[[], Hashable]
"""Returns a value that changes whenever the ledger's data changes."""


def file_revision(path: str) -> Revision:
    """Return the revision of a SQLite ledger file: size and mtime of it and its WAL."""
    files = (path, path + "-wal")

    def revision() -> Hashable:
        stamps = []
        for name in files:
            try:
                info = os.stat(name)
            except FileNotFoundError:
                stamps.append((0, 0))
                continue
            stamps.append((info.st_size, info.st_mtime_ns))
        return tuple(stamps)

    return revision


@dataclass(frozen=True, slots=True)
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    expires: float
    revision: Hashable

    def size(self, key: str) -> int:
        """Bytes the entry takes under key, near enough to bound memory (Python's overhead per entry aside)."""
        return len(key) + len(self.body) + sum(len(k) + len(v) for k, v in self.headers)


class PageCache:
    """A least-recently-used map from a GET request's path and query to its rendered response."""

    def __init__(self, size: int, *, max_bytes: int, max_entry_bytes: int, revision: Revision | None = None) -> None:
        """Keep up to size responses taking up to max_bytes together, none larger than max_entry_bytes.

        With a revision function the responses live until the data changes.
        """
        self.size = size
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.bytes = 0
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._revision = revision
        self._ttl_s = float("inf") if revision else CACHE_TTL_S
        self._current: Hashable = revision() if revision else None
        self._checked = time.monotonic()
        self.hits = 0
        self.misses = 0

    def revision(self) -> Hashable:
        """The ledger's revision, read again when the last reading is older than REVISION_CHECK_S."""
        now = time.monotonic()
        if self._revision is not None and now - self._checked >= REVISION_CHECK_S:
            self._current = self._revision()
            self._checked = now
        return self._current

    def entry(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes, revision: Hashable) -> _Entry:
        """Make an entry for a response rendered from the data at revision."""
        return _Entry(status, headers, body, time.monotonic() + self._ttl_s, revision)

    def install(self, app: FastAPI) -> None:
        """Put the cache in front of every route of the app (no-op when size or max_bytes is 0)."""
        if self.size > 0 and self.max_bytes > 0:
            app.add_middleware(_CacheMiddleware, cache=self)

    def clear(self) -> None:
        """Forget every response: the ledger has changed."""
        self._entries.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> _Entry | None:
        """Return a fresh entry for the key, or None."""
        entry = self._entries.get(key)
        if entry is None or entry.expires < time.monotonic() or entry.revision != self.revision():
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: str, entry: _Entry) -> None:
        """Keep an entry, dropping the least recently used ones past the bounds; a too large one is not kept."""
        size = entry.size(key)
        if size > self.max_entry_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size(key)
        self._entries[key] = entry
        self.bytes += size
        while len(self._entries) > self.size or self.bytes > self.max_bytes:
            dropped_key, dropped = self._entries.popitem(last=False)
            self.bytes -= dropped.size(dropped_key)


class _CacheMiddleware:
    def __init__(self, app: ASGIApp, cache: PageCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or path.startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        key = path + "?" + scope.get("query_string", b"").decode("latin-1")
        entry = self.cache.get(key)
        if entry is not None:
            await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
            await send({"type": "http.response.body", "body": entry.body})
            return
        revision = self.cache.revision()  # before rendering: a change during it invalidates the entry
        captured: dict[str, object] = {}
        chunks: list[bytes] = []
        collected = 0

        async def capture(message: Message) -> None:
            nonlocal collected
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body" and captured.get("status") == 200:
                chunks.append(message.get("body", b""))
                collected += len(chunks[-1])
                if collected > self.cache.max_entry_bytes:
                    captured["status"] = None  # too big to keep: stop collecting
                    chunks.clear()
                elif not message.get("more_body", False):
                    headers = captured["headers"]
                    assert isinstance(headers, list)
                    self.cache.put(key, self.cache.entry(200, headers, b"".join(chunks), revision))
            await send(message)

        await self.app(scope, receive, capture)
