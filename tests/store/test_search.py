"""The full-text indexes of migration 0006 follow the articles and claims they index, on both engines."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete, update

from armsledger.ledger import Ledger
from armsledger.store import migrate
from armsledger.store.tables import articles, claims
from tests.store.conftest import postgres_server
from tests.web.workbench_ledger import ledger_at


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bench_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    server = postgres_server() if request.param == "postgres" else None
    with ledger_at(request.param, tmp_path, server) as url:
        yield url


def test_deleting_an_article_takes_it_out_of_the_search(bench_url: str) -> None:
    with Ledger(bench_url) as ledger:
        assert [hit.article_id for hit in ledger.search("Yerevan")[0]] == ["bench-ru-am-2019"]
        with ledger.store.write() as connection:
            connection.execute(delete(claims).where(claims.c.article_id == "bench-ru-am-2019"))
            connection.execute(delete(articles).where(articles.c.id == "bench-ru-am-2019"))
        assert ledger.search("Yerevan") == ([], [])
        assert [hit.article_id for hit in ledger.search("Armenia")[0]] == ["bench-ru-am-2020"]


def test_changed_text_is_searched_by_its_new_words(bench_url: str) -> None:
    with Ledger(bench_url) as ledger:
        with ledger.store.write() as connection:
            connection.execute(update(articles).where(articles.c.id == "bench-kr-no-2017")
                               .values(text="Oslo chose the howitzers after winter trials at Rena."))
            connection.execute(update(claims).where(claims.c.article_id == "bench-kr-no-2017")
                               .values(evidence="Oslo chose the howitzers after winter trials at Rena."))
        assert [hit.article_id for hit in ledger.search("winter trials")[0]] == ["bench-kr-no-2017"]
        assert ledger.search("kroner") == ([], [])
        assert {d.recipient for d in ledger.deals(q="Rena")} == {"NO"}


def test_full_text_migration_downgrades_and_upgrades(bench_url: str) -> None:
    with Ledger(bench_url) as ledger:
        with ledger.store.write() as connection:
            command.downgrade(migrate._config(connection), "0005")
        with ledger.store.write() as connection:
            migrate.upgrade(connection, where="test")
        assert [hit.article_id for hit in ledger.search("Yerevan")[0]] == ["bench-ru-am-2019"]
