"""The SQLite store: a ledger in one file (WAL mode), or in memory."""
from __future__ import annotations

from sqlalchemy import Connection

from armsledger.store.database import Database


class SqliteStore(Database):
    """A SQLite ledger: one file, readers never blocked (WAL), one writer at a time."""

    def _begin_write(self, connection: Connection) -> None:
        # Nothing to add: a write transaction begins IMMEDIATE (engine.py), which takes SQLite's
        # write lock up front.
        return

    def refresh_statistics(self, *, written: int) -> None:
        """Do nothing: SQLite's planner reads the indexes' own statistics."""
        return
