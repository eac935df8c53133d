"""Fixtures for the web tests: a ledger of hand-written articles (seeded.py), the app, a client."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from tests.web.seeded import build_ledger_db


@pytest.fixture(scope="session")
def ledger_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite ledger holding STORIES, built once per session."""
    return build_ledger_db(tmp_path_factory.mktemp("web") / "ledger.db")


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
