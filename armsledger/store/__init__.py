"""Stage 6: the ledger's database, behind the `Store` protocol, and all of the ledger's SQL.

`open_store(url)` opens SQLite (`sqlite.py`) or PostgreSQL (`postgresql.py`) at the current schema;
both implement `Store`, sharing what they do alike (`database.py`), and `engine.py` turns a URL
into an engine and a driver error into a StoreError. `tables.py` defines the tables and
`migrations/` creates them (Alembic, `migrate.py`). The SQL, module by concern:

- `articles.py`      write articles and their claims; find exact and near duplicates
- `syndication.py`   near-duplicate detection: the same wire story republished by several outlets
- `deals.py`         write reconciled deals from the stored claims
- `reads.py`         deals, their pages, details, conflicts, flows and articles, as ledger_models objects
- `search.py`        full-text search of articles and evidence
- `facets.py`, `tallies.py`, `overview.py`, `provenance.py`   the register's counts and views
- `sipri_rows.py`    imported SIPRI rows
- `watch_state.py`   what `armsledger watch` keeps between polls and what it found new
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy import Connection

from armsledger.store import engine as _engine
from armsledger.store.postgresql import PostgresStore
from armsledger.store.sqlite import SqliteStore

__all__ = ["PostgresStore", "SqliteStore", "Store", "open_store", "store_class"]


class Store(Protocol):
    """A ledger database at the current schema; every read and write is one transaction."""

    url: str
    """The URL (or file path) the store was opened with."""

    @property
    def dialect(self) -> str:
        """The database's SQL dialect: `sqlite` or `postgresql`."""
        ...

    def read(self) -> AbstractContextManager[Connection]:
        """Yield a connection in a read transaction."""
        ...

    def write(self) -> AbstractContextManager[Connection]:
        """Yield a connection in a write transaction, one writer at a time: committed at the end,
        rolled back on error."""
        ...

    def refresh_statistics(self, *, written: int) -> None:
        """Let the query planner see how the tables grew, given the articles written since the last call."""
        ...

    def close(self) -> None:
        """Release the database's connections."""
        ...


def store_class(url: str) -> type[SqliteStore | PostgresStore]:
    """Return the engine class for a ledger URL (a file path, `:memory:`, sqlite:///..., postgresql://...).

    Raises:
        StoreError: a URL of a kind the ledger does not support.
    """
    return SqliteStore if _engine.database_url(url).startswith("sqlite") else PostgresStore


def open_store(url: str, *, lock_timeout_s: float = _engine.LOCK_TIMEOUT_S, create: bool = True) -> Store:
    """Open (and create or migrate) the ledger at url, on the engine its URL names.

    Args:
        create: make a new ledger when url names none; when False, that is an error (a read
            command given a mistyped path must not leave an empty ledger behind).

    Raises:
        StoreError: the database cannot be reached, is corrupt or locked, or is no ledger
            (or holds none yet, with create=False).
    """
    return store_class(url)(url, lock_timeout_s=lock_timeout_s, create=create)
