"""Rendered pages shared by the processes of one server, in a SQLite file only they use.

Each process of `armsledger serve --workers N` keeps its own PageCache (cache.py), so without
this file every page was rendered once per process before any process could answer it from memory;
on 2 cores, those renders queued behind each other. A page one process renders is written here
with the ledger revision it was rendered from, and another process takes it only at the same
revision (or, where the ledger has none, before the same expiry): what a process reads here is
exactly what it would have rendered itself. The file is a cache: written without syncing, pruned
to a size, and deleted when the server stops (server.app_factory_env).
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("armsledger.web")

BUSY_TIMEOUT_S = 0.2
"""How long a process waits for another's write before treating the page as not shared (it renders it)."""
OPEN_TIMEOUT_S = 10.0
"""How long opening the file waits for another process creating it."""
PRUNE_EVERY = 64
"""Pages written between two checks of the file's size."""

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class SharedPage:
    """A rendered response as another process of the server kept it."""

    status: int
    headers: Headers
    body: bytes
    expires_at: float
    """Wall-clock time (time.time()) after which the page is no longer used."""


class SharedPages:
    """Responses keyed by request, each with the ledger revision it was rendered from, in one SQLite file."""

    def __init__(self, path: str, *, max_bytes: int) -> None:
        """Open (or create) the file at path; keep the pages in it to about max_bytes together."""
        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._written = 0
        self._connection = sqlite3.connect(path, timeout=OPEN_TIMEOUT_S, isolation_level=None,
                                           check_same_thread=False)
        self._connection.execute("PRAGMA journal_mode = WAL")
        self._connection.execute("PRAGMA synchronous = OFF")  # a lost page is rendered again
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, revision TEXT NOT NULL, expires_at REAL NOT NULL,"
            " status INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL, size INTEGER NOT NULL,"
            " stored_at REAL NOT NULL)")
        self._connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def get(self, key: str, revision: str) -> SharedPage | None:
        """Return the page kept for key at this revision and not expired, or None."""
        try:
            with self._lock:
                row = self._connection.execute(
                    "SELECT status, headers, body, expires_at FROM pages WHERE key = ? AND revision = ? AND expires_at > ?",
                    (key, revision, time.time())).fetchone()
        except sqlite3.Error as err:  # locked past the timeout, file gone: the page is rendered instead
            log.warning("shared page cache %s: %s; rendering the page", self.path, err)
            return None
        if row is None:
            return None
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(row[1])]
        return SharedPage(int(row[0]), headers, bytes(row[2]), float(row[3]))

    def put(self, key: str, revision: str, page: SharedPage) -> None:
        """Keep a page rendered at revision for the other processes."""
        headers = json.dumps([(k.decode("latin-1"), v.decode("latin-1")) for k, v in page.headers])
        size = len(key) + len(headers) + len(page.body)
        try:
            with self._lock:
                self._connection.execute(
                    "INSERT OR REPLACE INTO pages (key, revision, expires_at, status, headers, body, size, stored_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, revision, page.expires_at, page.status, headers, page.body, size, time.time()))
                self._written += 1
                if self._written % PRUNE_EVERY == 0:
                    self._prune(revision)
        except sqlite3.Error as err:
            log.warning("shared page cache %s: %s; the page stays in this process only", self.path, err)

    def _prune(self, revision: str) -> None:
        """Drop pages of other revisions and expired ones, then the oldest while over max_bytes."""
        self._connection.execute("DELETE FROM pages WHERE revision != ? OR expires_at <= ?", (revision, time.time()))
        while (self._connection.execute("SELECT coalesce(sum(size), 0) FROM pages").fetchone()[0] > self.max_bytes):
            self._connection.execute("DELETE FROM pages WHERE key IN (SELECT key FROM pages ORDER BY stored_at"
                                     " LIMIT max(1, (SELECT count(*) FROM pages) / 4))")

    def clear(self) -> None:
        """Forget every page: the ledger has changed."""
        try:
            with self._lock:
                self._connection.execute("DELETE FROM pages")
        except sqlite3.Error as err:
            log.warning("shared page cache %s: %s; could not empty it", self.path, err)

    def close(self) -> None:
        """Close this process's connection to the file."""
        with self._lock:
            self._connection.close()

    def __len__(self) -> int:
        with self._lock:
            return int(self._connection.execute("SELECT count(*) FROM pages").fetchone()[0])
