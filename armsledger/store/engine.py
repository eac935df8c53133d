"""Open a ledger database: SQLite (a file, WAL mode) or PostgreSQL, and name its failures clearly."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from armsledger.errors import StoreError

log = logging.getLogger("armsledger.store")

LOCK_TIMEOUT_S = 10.0
"""How long a SQLite writer waits for another process's lock before giving up."""
SQLITE_CACHE_KB = 64 * 1024
"""Page cache per SQLite connection (SQLite's default is 2 MB, which the near-duplicate index
outgrows after a few thousand articles). With it and SQLITE_MMAP_BYTES, benchmarks/ingest_growth.py
(10,000 articles, run side by side with the old settings) ended at 133% of the first thousand's
CPU per article instead of 212%; re-run it after a change. Allocated as pages are read."""
SQLITE_MMAP_BYTES = 1 << 30
"""How much of a SQLite file is read through mmap rather than read() calls (an upper bound, not an allocation)."""
CONNECT_TIMEOUT_S = 5
"""How long to wait for a PostgreSQL server to answer."""


def database_url(url: str) -> str:
    """Return the SQLAlchemy URL for a file path, `:memory:`, `sqlite:///...` or `postgresql://...`.

    Raises:
        StoreError: a URL of a kind the ledger does not support.
    """
    if url == ":memory:":
        return "sqlite://"
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme = url.split("://", 1)[0]
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme in ("sqlite", "postgresql+psycopg"):
        return url
    raise StoreError(f"unsupported database URL {redact(url)!r}; use a file path, sqlite:///PATH "
                     "or postgresql://USER@HOST/DB")


def sqlite_file(url: str) -> Path | None:
    """Return the file a SQLite ledger URL names, or None (PostgreSQL, in memory).

    Raises:
        StoreError: a URL of a kind the ledger does not support.
    """
    full = database_url(url)
    if not full.startswith("sqlite:///") or full.split("?", 1)[0] in ("sqlite://", "sqlite:///:memory:"):
        return None
    return Path(full.removeprefix("sqlite:///").split("?", 1)[0])


def redact(url: str) -> str:
    """Return the URL with its password replaced by `***`, for messages."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def create(url: str, *, lock_timeout_s: float = LOCK_TIMEOUT_S) -> Engine:
    """Create an engine for a ledger URL; SQLite gets WAL, foreign keys and real transactions."""
    full = database_url(url)
    if full.startswith("sqlite"):
        return _sqlite_engine(full, lock_timeout_s)
    engine = create_engine(full, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}, pool_pre_ping=True)
    return engine


def _sqlite_engine(full: str, lock_timeout_s: float) -> Engine:
    database = make_url(full).database
    in_memory = not database or database == ":memory:"
    if not in_memory:
        parent = Path(str(database)).parent
        if not parent.is_dir():
            raise StoreError(f"{database}: folder {str(parent)!r} does not exist; create it or choose "
                             "another --db path")
    kwargs: dict[str, Any] = {}  # Any: create_engine keyword values of several types
    if in_memory:
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(full, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:  # Any: DB-API objects
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
        # DDL (migrations) is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(lock_timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
            cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the write lock up front, so a lock held elsewhere fails at once (after the
        # busy timeout) instead of halfway through a batch; readers never block in WAL mode.
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Turn database driver errors raised inside the block into StoreError with a clear message."""
    try:
        yield
    except exc.SQLAlchemyError as err:
        raise StoreError(describe(err, url)) from err


def describe(err: exc.SQLAlchemyError, url: str) -> str:
    """Say in one line what a database error means for the user and how to fix it."""
    detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0] if str(err).strip() else repr(err)
    where = redact(url)
    lowered = detail.lower()
    if "file is not a database" in lowered or "malformed" in lowered:
        return (f"{where}: not a readable armsledger database ({detail}); restore it from a backup, "
                "or move it away and ingest again")
    if "database is locked" in lowered or "database is busy" in lowered:
        return (f"{where}: the database is locked by another process ({detail}); wait for it to "
                "finish or stop it, then retry")
    if "unable to open database" in lowered or "readonly" in lowered or "read-only" in lowered:
        return f"{where}: cannot open or write the database file ({detail}); check the path and permissions"
    if isinstance(err, exc.OperationalError) and not url.startswith(("sqlite", "/", ".")) and "://" in url:
        return (f"cannot reach PostgreSQL at {where} ({detail}); start the server, or check --db / "
                "ARMSLEDGER_DB")
    return f"{where}: database error ({detail})"
