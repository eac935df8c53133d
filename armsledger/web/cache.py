"""A small in-memory cache of rendered GET responses, in front of the whole app.

The web is read-only, so a page rendered once stays right until the ledger changes. The cache is
emptied when this server ingests; a change made by another process (`armsledger ingest`) is
seen through the ledger's revision: for a SQLite file, the size and modification time of the
file and its write-ahead log, checked at most every REVISION_CHECK_S. Where no revision can be
read (PostgreSQL), an entry lives CACHE_TTL_S, which bounds how stale a page can be. The processes
of one server share what they render through shared_pages.py, under the same rules.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsledger.web.shared_pages import SharedPage, SharedPages

CACHE_TTL_S = 10.0
"""How long a rendered response is reused when the ledger has no readable revision."""
REVISION_CHECK_S = 0.5
"""How often the ledger's revision is read: the staleness an outside ingest may see on SQLite."""
UNCACHED_PREFIXES = ("/static/", "/api/ingest")
SHARED_TTL_CAP_S = 86_400.0
"""A page kept until the ledger changes is shared with this expiry (a finite time): the revision decides."""


MEMO_ENTRIES = 512
"""Values remembered by PageCache.remembered (a register's counts and facets per filter), a few KB each."""
T = TypeVar("T")

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

    def __init__(self, size: int, *, max_bytes: int, max_entry_bytes: int, revision: Revision | None = None,
                 shared: SharedPages | None = None) -> None:
        """Keep up to size responses taking up to max_bytes together, none larger than max_entry_bytes.

        With a revision function the responses live until the data changes. With shared, the
        responses this process renders are offered to the server's other processes, and theirs
        taken before rendering.
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
        self.shared = shared
        self._memo: OrderedDict[Hashable, tuple[Hashable, float, object]] = OrderedDict()
        self._memo_lock = threading.Lock()
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
        if self.is_on:
            app.add_middleware(_CacheMiddleware, cache=self)

    @property
    def is_on(self) -> bool:
        """Whether responses are kept at all."""
        return self.size > 0 and self.max_bytes > 0

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return compute()'s value, computed once per key and ledger revision (every time when the cache is off).

        For what many pages show alike: the counts and facets of a filter are the same on every page
        of the register in every order, and cost more to read than the page's own rows.
        """
        if not self.is_on:
            return compute()
        revision, now = self.revision(), time.monotonic()
        with self._memo_lock:
            kept = self._memo.get(key)
            if kept is not None and kept[0] == revision and kept[1] >= now:
                self._memo.move_to_end(key)
                return kept[2]  # type: ignore[return-value]  # stored by this function for this key
        value = compute()
        with self._memo_lock:
            self._memo[key] = (revision, now + self._ttl_s, value)
            while len(self._memo) > MEMO_ENTRIES:
                self._memo.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every response and remembered value, and the shared responses: the ledger has changed."""
        self._entries.clear()
        self.bytes = 0
        with self._memo_lock:
            self._memo.clear()
        if self.shared is not None:
            self.shared.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> _Entry | None:
        """Return a fresh entry for the key (kept here, else by another process of the server), or None."""
        entry = self._entries.get(key)
        if entry is None or entry.expires < time.monotonic() or entry.revision != self.revision():
            entry = self._shared_entry(key)
            if entry is None:
                self.misses += 1
                return None
            self._keep(key, entry)
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def _shared_entry(self, key: str) -> _Entry | None:
        if self.shared is None:
            return None
        revision = self.revision()
        page = self.shared.get(key, repr(revision))
        if page is None:
            return None
        # The expiry the rendering process gave it, moved to this process's clock.
        expires = time.monotonic() + (page.expires_at - time.time())
        return _Entry(page.status, page.headers, page.body, expires, revision)

    def put(self, key: str, entry: _Entry) -> None:
        """Keep an entry, and share it; drop the least recently used past the bounds; a too large one is not kept."""
        if not self._keep(key, entry):
            return
        if self.shared is not None:
            expires_at = time.time() + min(entry.expires - time.monotonic(), SHARED_TTL_CAP_S)
            self.shared.put(key, repr(entry.revision), SharedPage(entry.status, entry.headers, entry.body, expires_at))

    def _keep(self, key: str, entry: _Entry) -> bool:
        """Keep an entry in this process; return whether it was small enough to keep."""
        size = entry.size(key)
        if size > self.max_entry_bytes:
            return False
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size(key)
        self._entries[key] = entry
        self.bytes += size
        while len(self._entries) > self.size or self.bytes > self.max_bytes:
            dropped_key, dropped = self._entries.popitem(last=False)
            self.bytes -= dropped.size(dropped_key)
        return True


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
