"""The /new page: what the feed watch first saw, after a time or in its last poll."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from armsledger.web import create_app
from tests.watch.feed_server import build_watched_ledger


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("watched") / "ledger.db"
    build_watched_ledger(db)
    return db


@pytest.fixture()
def client(watched: Path) -> Iterator[TestClient]:
    with Ledger(str(watched)) as ledger, TestClient(create_app(ledger, cache_size=0)) as test_client:
        yield test_client


def _section(page: str, kind: str) -> str:
    return page.split(f'id="new-{kind}s"', 1)[1].split("</section>", 1)[0]


def test_new_defaults_to_the_last_poll(client: TestClient) -> None:
    page = client.get("/new").text
    assert "None." in _section(page, "deal")  # the deals came in the first poll
    conflicts = _section(page, "conflict")
    assert 'href="/deals/fr-eg-rafale-1"' in conflicts and "24 unit vs 30 unit" in conflicts
    denials = _section(page, "denial")
    assert 'href="/deals/us-pl-ah-64-1"' in denials and "Poland has not received any AH-64E" in denials
    assert "in its last poll" in page


def test_new_since_a_time_lists_everything_first_seen_after_it(client: TestClient) -> None:
    page = client.get("/new", params={"since": "2000-01-01"}).text
    deals = _section(page, "deal")
    for deal_id in ("us-pl-ah-64-1", "fr-eg-rafale-1", "us-ro-himars-1"):
        assert f'href="/deals/{deal_id}"' in deals
    assert "after this time" in page
    later = client.get("/new", params={"since": "2999-01-01T00:00:00Z"}).text
    assert later.count("None.") == 3


def test_new_with_a_since_that_is_no_time_says_so(client: TestClient) -> None:
    response = client.get("/new", params={"since": "last tuesday"})
    assert response.status_code == 400
    assert "since=&#39;last tuesday&#39; is no ISO 8601 time" in response.text


def test_every_page_links_to_new(client: TestClient) -> None:
    for path in ("/", "/conflicts", "/help"):
        assert '<a href="/new"' in client.get(path).text, path


def test_api_new_answers_the_same_items_as_json(client: TestClient) -> None:
    found = client.get("/api/new", params={"since": "2000-01-01"}).json()
    assert found["ok"] is True and found["last_poll"]
    assert sorted((i["kind"], i["deal_id"]) for i in found["items"]) == [
        ("conflict", "fr-eg-rafale-1"), ("deal", "fr-eg-rafale-1"), ("deal", "us-pl-ah-64-1"),
        ("deal", "us-ro-himars-1"), ("denial", "us-pl-ah-64-1")]
    assert client.get("/api/new").json()["items"][0]["values"] == ["24 unit", "30 unit"]
    bad = client.get("/api/new", params={"since": "soon"})
    assert bad.status_code == 400 and bad.json() == {
        "ok": False, "status": 400,
        "error": "since='soon' is no ISO 8601 time; write it as 2026-12-01 or 2026-12-01T09:30:00Z"}
