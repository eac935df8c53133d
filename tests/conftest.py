"""Shared fixtures. `article`: a factory that loads tests/data/articles/<slug>.txt or .html."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from armsledger.models import Article

ARTICLES = Path(__file__).parent / "data" / "articles"
SHARED = Path(__file__).resolve().parents[2] / "shared"
"""The team's shared data (seeds, eval, bench), beside the repository; tests that read it skip without it."""


@pytest.fixture
def article() -> Callable[..., Article]:
    """Return a factory: article("agency_dateline", url=...) loads that fixture as an Article."""

    def load(slug: str, **fields: Any) -> Article:  # Any: Article's own field types
        for suffix, key in ((".txt", "text"), (".html", "html")):
            path = ARTICLES / f"{slug}{suffix}"
            if path.is_file():
                return Article(id=path.name, origin=str(path), **{key: path.read_text(encoding="utf-8")}, **fields)
        raise FileNotFoundError(f"no fixture {slug!r} in {ARTICLES}")

    return load


@pytest.fixture(autouse=True)
def one_core(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test as on a one-core machine, so that the default --workers (every core) is one
    process and a test's outcome does not depend on the machine; a test marked `every_core` sees
    the real count (or sets its own)."""
    if request.node.get_closest_marker("every_core") is None:
        monkeypatch.setattr("armsledger.workers.cores", lambda: 1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/data/golden/ from today's extraction (review the diff before committing)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden claim files."""
    return bool(request.config.getoption("--update-golden"))


EXPORT_CORPUS = Path(__file__).parent / "data" / "export" / "articles.jsonl"
REGISTER_CORPUS = Path(__file__).parent / "data" / "register"


@pytest.fixture(scope="session")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite ledger of tests/data/export/ and tests/data/register/, ingested once per session."""
    from armsledger.ledger import Ledger
    from armsledger.settings import Settings

    path = str(tmp_path_factory.mktemp("export") / "ledger.db")
    with Ledger(path, settings=Settings(), create=True) as ledger:
        assert ledger.ingest(EXPORT_CORPUS).errors == 0
        assert ledger.ingest(REGISTER_CORPUS).errors == 0
    return path
