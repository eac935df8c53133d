"""Stage 6: the ledger's database. `Store(url)` opens SQLite or PostgreSQL at the current schema.

tables.py defines the tables; migrations/ creates them (Alembic); articles.py writes articles and
claims, deals.py writes reconciled deals, reads.py turns rows back into ledger_models objects,
watch_state.py keeps what `armsledger watch` needs between polls and what it found new.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from armsledger.errors import StoreError
from armsledger.store import engine as _engine
from armsledger.store import migrate

__all__ = ["Store"]

WRITE_LOCK_ID = 0x61726D73
"""PostgreSQL advisory lock that serialises the ledger's write transactions ("arms")."""


STATISTICS_GROWTH = 0.2
"""How much the articles written by this process must grow, as a share of those written when the
tables were last analysed, before they are analysed again (PostgreSQL's autovacuum waits for 10%
of a table's rows), instead of after every batch of every ingest. Re-run
benchmarks/ingest_growth.py on PostgreSQL after a change."""


class Store:
    """A ledger database at the current schema; every read and write is one transaction."""

    def __init__(self, url: str, *, lock_timeout_s: float = _engine.LOCK_TIMEOUT_S, create: bool = True) -> None:
        """Open (and create or migrate) the ledger at url.

        Args:
            create: make a new ledger when url names none; when False, that is an error (a read
                command given a mistyped path must not leave an empty ledger behind).

        Raises:
            StoreError: the database cannot be reached, is corrupt or locked, or is no ledger
                (or holds none yet, with create=False).
        """
        self.url = url
        self._analysed = self._unanalysed = 0  # articles written by this process: at the last ANALYZE, since
        path = _engine.sqlite_file(url)
        if not create and path is not None and not path.exists():
            raise StoreError(f"no ledger at {str(path)!r}: the file does not exist; check --db (or ARMSLEDGER_DB), "
                             "or create the ledger with `armsledger ingest CORPUS --db PATH`")
        self.engine = _engine.create(url, lock_timeout_s=lock_timeout_s)
        self.is_sqlite = _engine.is_sqlite(self.engine)
        try:
            with self.write() as connection:
                if not create and migrate.current(connection) is None:
                    raise StoreError(f"no ledger in {_engine.redact(url)!r}: the database is empty; check --db, "
                                     "or create the ledger with `armsledger ingest CORPUS --db ...`")
                migrate.upgrade(connection, where=_engine.redact(url))
        except BaseException:
            self.engine.dispose()
            raise

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """Yield a connection in a read transaction."""
        with _engine.translated(self.url), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """Yield a connection in a write transaction: committed at the end, rolled back on error."""
        with _engine.translated(self.url), self.engine.connect() as connection:
            connection = connection.execution_options(immediate=True)
            with connection.begin():
                if not self.is_sqlite:
                    # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: two ingests
                    # re-reconciling the same deal group, or migrating, must not interleave.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_ID})")
                yield connection

    def refresh_statistics(self, *, written: int) -> None:
        """Let PostgreSQL's planner see how the tables grew (a no-op on SQLite).

        A fresh ledger looks empty to the planner until autovacuum runs, and the near-duplicate
        lookup then scans instead of using its index: 27 ms an article instead of 1 ms on the BBC
        bench corpus. The tables are analysed once they have grown by STATISTICS_GROWTH since the
        last time, so that a long ingest analyses them a few dozen times, not after every batch.

        Args:
            written: articles written since the last call.
        """
        if self.is_sqlite:
            return
        self._unanalysed += written
        if self._unanalysed < STATISTICS_GROWTH * self._analysed:
            return
        with self.write() as connection:
            connection.exec_driver_sql("ANALYZE articles, article_bands, claims")
        self._analysed += self._unanalysed
        self._unanalysed = 0

    def close(self) -> None:
        """Release the database's connections."""
        self.engine.dispose()
