"""The PostgreSQL store: a ledger a team shares on a server."""
from __future__ import annotations

from sqlalchemy import Connection

from armsledger.store import engine as _engine
from armsledger.store.database import Database

WRITE_LOCK_ID = 0x61726D73
"""PostgreSQL advisory lock that serialises the ledger's write transactions ("arms")."""


STATISTICS_GROWTH = 0.2
"""How much the articles written by this process must grow, as a share of those written when the
tables were last analysed, before they are analysed again (PostgreSQL's autovacuum waits for 10%
of a table's rows), instead of after every batch of every ingest. Re-run
benchmarks/ingest_growth.py on PostgreSQL after a change."""


class PostgresStore(Database):
    """A PostgreSQL ledger: writers take an advisory lock, and the tables are analysed as they grow."""

    def __init__(self, url: str, *, lock_timeout_s: float = _engine.LOCK_TIMEOUT_S, create: bool = True) -> None:
        """Open (and create or migrate) the ledger at url, as `Database` does."""
        self._analysed = self._unanalysed = 0  # articles written by this process: at the last ANALYZE, since
        super().__init__(url, lock_timeout_s=lock_timeout_s, create=create)

    def _begin_write(self, connection: Connection) -> None:
        # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: two ingests
        # re-reconciling the same deal group, or migrating, must not interleave.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_ID})")

    def refresh_statistics(self, *, written: int) -> None:
        """Let PostgreSQL's planner see how the tables grew.

        A fresh ledger looks empty to the planner until autovacuum runs, and the near-duplicate
        lookup then scans instead of using its index: 27 ms an article instead of 1 ms on the BBC
        bench corpus. The tables are analysed once they have grown by STATISTICS_GROWTH since the
        last time, so that a long ingest analyses them a few dozen times, not after every batch.

        Args:
            written: articles written since the last call.
        """
        self._unanalysed += written
        if self._unanalysed < STATISTICS_GROWTH * self._analysed:
            return
        with self.write() as connection:
            connection.exec_driver_sql("ANALYZE articles, article_bands, claims")
        self._analysed += self._unanalysed
        self._unanalysed = 0
