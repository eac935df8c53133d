"""Faults: a corrupt, locked or foreign database, PostgreSQL down, old and new schemas.

Each gives one clear StoreError and leaves the database as it was.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from ledger_factories import s400_corpus
from sqlalchemy import text

from armsledger.cli import main
from armsledger.errors import StoreError
from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.store import Store, migrate, store_class
from armsledger.store import engine as _engine


def test_corrupt_file_gives_one_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    garbage = b"this is not a database at all " * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="not a readable armsledger database"):
        Ledger(str(path), settings=Settings())
    result = CliRunner().invoke(main, ["deals", "--db", str(path)])
    assert result.exit_code == 1
    assert result.output.count("error:") == 1 and "restore it from a backup" in result.output
    assert path.read_bytes() == garbage


def test_locked_database_fails_after_the_timeout_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    ledger = Ledger(str(path), settings=Settings(), lock_timeout_s=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            ledger.store_results(s400_corpus())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert ledger.deals() == []
    ledger.close()


def test_postgres_down_names_the_server_and_the_fix() -> None:
    with pytest.raises(StoreError, match=r"cannot reach PostgreSQL at postgresql://u:\*\*\*@127.0.0.1:9/x"):
        Ledger("postgresql://u:secret@127.0.0.1:9/x", settings=Settings())
    result = CliRunner().invoke(main, ["deals", "--db", "postgresql://u:secret@127.0.0.1:9/x"])
    assert result.exit_code == 1 and "secret" not in result.output


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="no armsledger ledger"):
        Ledger(str(path), settings=Settings())
    with sqlite3.connect(path) as other:
        tables = {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"invoices"}


def _bare_store(url: str) -> Store:
    """A Store on url that has not migrated anything."""
    engine_class = store_class(url)
    store = engine_class.__new__(engine_class)
    store.url, store.engine = url, _engine.create(url)
    return store


def _at_revision(url: str, revision: str) -> None:
    store = _bare_store(url)
    with store.write() as connection:
        migrate.upgrade(connection, where=url, to=revision)
        connection.execute(text(
            "INSERT INTO articles (id, content_hash, text, source_group, minhash, ingested_at) "
            "VALUES ('old-1', 'h', 'kept text', 'old-1', '[]', '2020-01-01')"))
    store.close()


def test_older_schema_is_migrated_keeping_its_data(db_url: str, tmp_path: Path) -> None:
    _at_revision(db_url, "0001")
    with Ledger(db_url, settings=Settings()) as ledger:
        assert ledger.article("old-1").text == "kept text"
        with ledger.store.read() as connection:
            assert migrate.current(connection) == migrate.head()
            assert connection.execute(text("SELECT count(*) FROM sipri_rows")).scalar_one() == 0


def test_failed_migration_leaves_the_old_schema(db_url: str) -> None:
    _at_revision(db_url, "0001")
    store = _bare_store(db_url)
    with store.write() as connection:
        connection.execute(text("CREATE TABLE sipri_rows (clash INTEGER)"))  # makes 0002 fail
    with pytest.raises(StoreError, match="sipri_rows"):
        Ledger(db_url, settings=Settings())
    with store.read() as connection:
        assert migrate.current(connection) == "0001"
        assert connection.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
    store.close()


def test_newer_schema_asks_to_upgrade_armsledger(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    Ledger(str(path), settings=Settings()).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="'9999' is newer than this armsledger knows"):
        Ledger(str(path), settings=Settings())


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Ledger(str(tmp_path / "nowhere" / "ledger.db"), settings=Settings())


def test_two_writers_take_turns(db_url: str) -> None:
    import threading

    first, second = Ledger(db_url, settings=Settings()), Ledger(db_url, settings=Settings())
    errors: list[BaseException] = []

    def ingest(ledger: Ledger) -> None:
        try:
            ledger.store_results(s400_corpus())
        except BaseException as err:  # noqa: BLE001 - collected and asserted on below
            errors.append(err)

    threads = [threading.Thread(target=ingest, args=(ledger,)) for ledger in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert first.count_deals() == 3 and len(first.article("paper-cn-2014").claims) == 1
    first.close()
    second.close()


def test_a_0004_ledger_gains_the_earned_status_columns_and_keeps_its_deals(db_url: str) -> None:
    _at_revision(db_url, "0004")
    store = _bare_store(db_url)
    with store.write() as connection:
        connection.execute(text(
            "INSERT INTO deals (id, deal_key, ordinal, supplier, recipient, status, has_conflict, sources, claims) "
            "VALUES ('ru-tr-s-400-1', 'RU|TR|S-400', 1, 'RU', 'TR', 'delivering', false, 1, 1)"))
        connection.execute(text(
            "INSERT INTO deal_figures (deal_id, figure, has_conflict, values_json) "
            "VALUES ('ru-tr-s-400-1', 'quantity', false, '[]')"))
    store.close()
    with Ledger(db_url, settings=Settings()) as ledger:
        (deal,) = ledger.deals()
        assert (deal.status, deal.is_disputed, deal.expected) == ("delivering", False, None)
        assert ledger.deal(deal.id).figures["quantity"].conflict_note is None
