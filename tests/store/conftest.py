"""Ledger URLs for the store tests: a SQLite file, and a fresh PostgreSQL database when one is available.

PostgreSQL tests read the server's URL from ARMSLEDGER_TEST_PG (scripts/start-postgres.sh prints
one). They are skipped when it is unset, except in CI (CI=true), where they must run.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from armsledger.store.engine import database_url


def postgres_server() -> str:
    """Return the test server's URL, skip when there is none, or fail in CI."""
    url = os.environ.get("ARMSLEDGER_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("ARMSLEDGER_TEST_PG is unset in CI; run scripts/start-postgres.sh first")
        pytest.skip("ARMSLEDGER_TEST_PG is unset; run scripts/start-postgres.sh to test PostgreSQL")
    return url


@pytest.fixture()
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    server = postgres_server()
    name = f"armsledger_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    base, _ = server.rsplit("/", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh ledger URL on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@contextmanager
def fresh_ledger_url(backend: str, folder: Path) -> Iterator[str]:
    """Yield a fresh ledger URL on a backend (`sqlite` or `postgres`), dropping the database after."""
    if backend == "sqlite":
        yield str(folder / "ledger.db")
        return
    server = postgres_server()
    name = f"armsledger_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
