"""What the SQLite and PostgreSQL stores do alike: open a ledger at the current schema, read, close."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from armsledger.errors import StoreError
from armsledger.store import engine as _engine
from armsledger.store import migrate


class Database(ABC):
    """A ledger database at the current schema; the engines (`SqliteStore`, `PostgresStore`) add how they write."""

    def __init__(self, url: str, *, lock_timeout_s: float = _engine.LOCK_TIMEOUT_S, create: bool = True) -> None:
        """Open (and create or migrate) the ledger at url: `armsledger.store.open_store`'s arguments and errors."""
        self.url = url
        path = _engine.sqlite_file(url)
        if not create and path is not None and not path.exists():
            raise StoreError(f"no ledger at {str(path)!r}: the file does not exist; check --db (or ARMSLEDGER_DB), "
                             "or create the ledger with `armsledger ingest CORPUS --db PATH`")
        self.engine = _engine.create(url, lock_timeout_s=lock_timeout_s)
        try:
            with self.write() as connection:
                if not create and migrate.current(connection) is None:
                    raise StoreError(f"no ledger in {_engine.redact(url)!r}: the database is empty; check --db, "
                                     "or create the ledger with `armsledger ingest CORPUS --db ...`")
                migrate.upgrade(connection, where=_engine.redact(url))
        except BaseException:
            self.engine.dispose()
            raise

    @property
    def dialect(self) -> str:
        """The database's SQL dialect: `sqlite` or `postgresql`."""
        return str(self.engine.dialect.name)

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
                self._begin_write(connection)
                yield connection

    @abstractmethod
    def _begin_write(self, connection: Connection) -> None:
        """Make the write transaction just begun the only one: one writer at a time."""

    @abstractmethod
    def refresh_statistics(self, *, written: int) -> None:
        """Let the query planner see how the tables grew, given the articles written since the last call."""

    def close(self) -> None:
        """Release the database's connections."""
        self.engine.dispose()
