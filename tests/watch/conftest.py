"""The watch tests run on a SQLite file and, where a server is available, on PostgreSQL (tests/store/conftest.py)."""
from __future__ import annotations

from tests.store.conftest import db_url, postgres_url

__all__ = ["db_url", "postgres_url"]
