"""Fixtures for the web tests: a ledger of hand-written articles (seeded.py), the app, a client.

The ledger is built on SQLite and, where a server is available, on PostgreSQL: every test that
uses `client` runs on both.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from armsledger.ledger import Ledger
from armsledger.store.engine import database_url
from tests.store.conftest import postgres_server
from tests.web.seeded import build_ledger_db

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 860}


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A ledger holding STORIES, built once per session on each backend."""
    if request.param == "sqlite":
        yield build_ledger_db(tmp_path_factory.mktemp("web") / "ledger.db")
        return
    server = postgres_server()
    name = f"armsledger_web_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield build_ledger_db(server.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(scope="session")
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger(ledger_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def app(ledger: Ledger) -> FastAPI:
    from armsledger.web import create_app

    return create_app(ledger, cache_size=0)


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium under Playwright, one per test module (the browser tests skip without it)."""
    from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_api

    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def bench_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """`armsledger serve` over the web tests' stories and the workbench's (a test_browser.Server)."""
    from tests.web.seeded import _result
    from tests.web.test_browser import Server, serve_ledger
    from tests.web.workbench_ledger import STORIES

    db = tmp_path_factory.mktemp("browser-bench") / "ledger.db"
    build_ledger_db(db)
    with Ledger(str(db)) as opened:
        opened.store_results([_result(story) for story in STORIES])
        deals = {d.recipient: d.id for d in opened.deals(system="S-400")}
    with serve_ledger(db) as url:
        yield Server(url, deals, db)


@pytest.fixture()
def desk(browser: object) -> Iterator[object]:
    """A page in a desktop-sized Chromium window."""
    context = browser.new_context(viewport=DESK)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def counted_calls(monkeypatch: pytest.MonkeyPatch, ledger: Ledger, method: str) -> list[str]:
    """Make a ledger's read method note each call in the returned list (then call the real one)."""
    calls: list[str] = []
    real = getattr(ledger, method)

    def counted(**arguments: object) -> object:
        calls.append(method)
        return real(**arguments)

    monkeypatch.setattr(ledger, method, counted)
    return calls
