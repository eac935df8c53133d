"""Bring a ledger's schema to the current revision with Alembic, inside one transaction."""
from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from armsledger.errors import StoreError

log = logging.getLogger("armsledger.store")

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """Return the newest schema revision this armsledger knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """Return the database's schema revision, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, *, where: str, to: str = "head") -> str | None:
    """Migrate the database on this connection (in its transaction) to a revision; return the old one.

    Raises:
        StoreError: the database holds tables but is no armsledger ledger, or its schema is newer
            than this armsledger knows.
    """
    script = ScriptDirectory.from_config(_config())
    found = current(connection)
    known = {rev.revision for rev in script.walk_revisions()}
    if found is None:
        tables = set(inspect(connection).get_table_names())
        if tables:
            raise StoreError(f"{where}: holds tables ({', '.join(sorted(tables)[:5])}) but is no armsledger "
                             "ledger; choose another --db")
    elif found not in known:
        raise StoreError(f"{where}: schema revision {found!r} is newer than this armsledger knows "
                         f"({head()!r}); upgrade armsledger")
    target = head() if to == "head" else to
    if found != target:
        log.info("%s: migrating the schema from %s to %s", where, found or "empty", target)
        command.upgrade(_config(connection), to)
    return found
