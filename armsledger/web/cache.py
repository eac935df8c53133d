"""A small in-memory cache of rendered GET responses, in front of the whole app.

The web is read-only, so a page rendered once stays right until the ledger changes: the cache
is emptied when this server ingests, and an entry lives at most CACHE_TTL_S, which bounds how
stale a page can be after an `armsledger ingest` run by another process.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_TTL_S = 10.0
"""How long a rendered response is reused; the staleness an outside ingest may see."""
MAX_ENTRY_BYTES = 1_000_000
"""Larger responses (big CSV downloads) are not kept."""
UNCACHED_PREFIXES = ("/static/", "/api/ingest")


@dataclass(slots=True)
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    expires: float


class PageCache:
    """A least-recently-used map from a GET request's path and query to its rendered response."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def install(self, app: FastAPI) -> None:
        """Put the cache in front of every route of the app (no-op when size is 0)."""
        if self.size > 0:
            app.add_middleware(_CacheMiddleware, cache=self)

    def clear(self) -> None:
        """Forget every response: the ledger has changed."""
        self._entries.clear()

    def get(self, key: str) -> _Entry | None:
        """Return a fresh entry for the key, or None."""
        entry = self._entries.get(key)
        if entry is None or entry.expires < time.monotonic():
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: str, entry: _Entry) -> None:
        """Keep an entry, dropping the least recently used one when full."""
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


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
        captured: dict[str, object] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body" and captured.get("status") == 200:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_ENTRY_BYTES:
                    captured["status"] = None  # too big to keep: stop collecting
                    chunks.clear()
                elif not message.get("more_body", False):
                    headers = captured["headers"]
                    assert isinstance(headers, list)
                    self.cache.put(key, _Entry(200, headers, b"".join(chunks), time.monotonic() + CACHE_TTL_S))
            await send(message)

        await self.app(scope, receive, capture)
