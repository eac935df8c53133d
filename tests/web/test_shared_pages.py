"""Pages shared by a server's processes, and values remembered per ledger revision: never staler than one process's own."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.web import cache as cache_module
from armsledger.web import create_app
from armsledger.web.cache import PageCache
from armsledger.web.server import SHARED_PAGES_ENV, app_factory_env, app_from_env
from armsledger.web.shared_pages import PRUNE_EVERY, SharedPage, SharedPages
from tests.web.conftest import counted_calls
from tests.web.seeded import STORIES, build_ledger_db, result_of


class _Revision:
    """A ledger revision the test moves by hand."""

    def __init__(self) -> None:
        self.value = 1

    def __call__(self) -> int:
        return self.value


def _caches(path: Path, revision: _Revision) -> tuple[PageCache, PageCache]:
    """Two processes' caches over one shared file."""
    return tuple(PageCache(10, max_bytes=100_000, max_entry_bytes=50_000, revision=revision,  # type: ignore[return-value]
                           shared=SharedPages(str(path), max_bytes=100_000)) for _ in range(2))


def test_a_page_one_process_rendered_is_served_by_another_at_the_same_revision_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "REVISION_CHECK_S", 0.0)
    revision = _Revision()
    first, second = _caches(tmp_path / "pages.sqlite", revision)
    first.put("/?", first.entry(200, [(b"content-type", b"text/html")], b"<p>register</p>", first.revision()))
    found = second.get("/?")
    assert found is not None and found.body == b"<p>register</p>" and found.headers == [(b"content-type", b"text/html")]
    revision.value = 2  # the ledger changed: neither process serves the old page
    assert second.get("/?") is None and first.get("/?") is None


def test_clearing_one_process_after_an_ingest_clears_the_shared_pages(tmp_path: Path) -> None:
    revision = _Revision()
    first, second = _caches(tmp_path / "pages.sqlite", revision)
    first.put("/conflicts?", first.entry(200, [], b"old", first.revision()))
    first.clear()
    assert second.get("/conflicts?") is None and first.shared is not None and len(first.shared) == 0


def test_an_expired_shared_page_is_not_served(tmp_path: Path) -> None:
    shared = SharedPages(str(tmp_path / "pages.sqlite"), max_bytes=100_000)
    shared.put("/flows?", "", SharedPage(200, [], b"then", time.time() - 1))
    shared.put("/over-time?", "", SharedPage(200, [], b"now", time.time() + 60))
    assert shared.get("/flows?", "") is None
    found = shared.get("/over-time?", "")
    assert found is not None and found.body == b"now"


def test_the_shared_pages_stay_within_their_bytes(tmp_path: Path) -> None:
    shared = SharedPages(str(tmp_path / "pages.sqlite"), max_bytes=20_000)
    for n in range(PRUNE_EVERY * 3):
        shared.put(f"/deals/{n}?", "r", SharedPage(200, [], b"x" * 1_000, time.time() + 60))
    assert 0 < len(shared) <= 20 + PRUNE_EVERY  # pruned at every PRUNE_EVERY pages written
    assert shared.get(f"/deals/{PRUNE_EVERY * 3 - 1}?", "r") is not None  # the newest are kept


def test_a_second_app_over_the_same_ledger_answers_from_the_first_ones_render(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = build_ledger_db(tmp_path / "ledger.db")
    pages = str(tmp_path / "pages.sqlite")
    with Ledger(url) as one, Ledger(url) as other:
        calls = counted_calls(monkeypatch, other, "conflicts")
        with TestClient(create_app(one, shared_pages=pages)) as first, \
                TestClient(create_app(other, shared_pages=pages)) as second:
            rendered = first.get("/conflicts").text
            assert second.get("/conflicts").text == rendered and calls == []
            with Ledger(url) as outside:  # as `armsledger ingest` would, in another process
                outside.store_results([result_of(STORIES[0], doc_id="outside-copy", recipient="IN")])
            time.sleep(cache_module.REVISION_CHECK_S + 0.1)
            second.get("/conflicts")
            assert calls == ["conflicts"]  # the ledger changed: rendered again, not taken from the file


def test_worker_processes_share_pages_through_a_file_the_server_removes(ledger_url: str) -> None:
    with app_factory_env(Settings.load(db=ledger_url), allow_ingest=False, cache=True):
        path = os.environ[SHARED_PAGES_ENV]
        app = app_from_env()
        assert app.state.cache.shared is not None and app.state.cache.shared.path == path and Path(path).is_file()
    app.state.ledger.close()
    assert not Path(path).parent.exists()
    with app_factory_env(Settings.load(db=ledger_url), allow_ingest=False, cache=False):
        assert os.environ[SHARED_PAGES_ENV] == ""


def test_a_remembered_value_is_computed_once_per_revision_and_always_when_the_cache_is_off(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "REVISION_CHECK_S", 0.0)
    revision, computed = _Revision(), []

    def count() -> int:
        computed.append(revision.value)
        return len(computed)

    cache = PageCache(10, max_bytes=100_000, max_entry_bytes=50_000, revision=revision)
    assert cache.remembered("total", count) == cache.remembered("total", count) == 1
    revision.value = 2
    assert cache.remembered("total", count) == 2 and computed == [1, 2]
    cache.clear()
    assert cache.remembered("total", count) == 3
    off = PageCache(0, max_bytes=100_000, max_entry_bytes=50_000, revision=revision)
    assert off.remembered("total", count) == 4 and off.remembered("total", count) == 5
