"""The JSON API, in process: answers in the ledger's vocabulary, one error shape, ingest guarded."""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armsledger.errors import ConfigError
from armsledger.ledger import Ledger
from armsledger.web import create_app
from tests.web.conftest import counted_calls
from tests.web.seeded import TOKEN, build_ledger_db
from tests.web.test_abuse import assert_secured

ERROR_KEYS = {"ok", "error", "status"}


def _assert_error(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]
    return body  # type: ignore[no-any-return]


def test_deals_lists_every_deal_with_total_in_the_ledger_vocabulary(client: TestClient) -> None:
    body = client.get("/api/deals").json()
    assert body["ok"] is True and body["total"] == 3 == len(body["deals"])
    turkey = next(d for d in body["deals"] if d["recipient"] == "TR")
    assert {"supplier", "recipient", "system", "quantity", "value", "ordered_on", "first_delivered_on",
            "status", "sources"} <= set(turkey)
    assert turkey["supplier"] == "RU" and turkey["system"] == "S-400"
    assert turkey["value"]["amount"] == 2500000000 and turkey["value"]["currency"] == "USD"
    assert turkey["ordered_on"] == "2017-09" and turkey["first_delivered_on"] == "2019-07-12"


@pytest.mark.parametrize(("query", "expected"), [
    ("recipient=TR", {"TR"}), ("recipient=cn", {"CN"}), ("system=Su-35", {"EG"}),
    ("status=delivering", {"CN", "TR"}), ("since=2021", {"EG"}), ("until=2015", {"CN"}),
    ("q=halted", {"CN"}), ("supplier=US", set()),
])
def test_deals_filters_narrow_the_list(client: TestClient, query: str, expected: set[str]) -> None:
    body = client.get(f"/api/deals?{query}").json()
    assert {d["recipient"] for d in body["deals"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(("query", "expected"), [
    ("recipient=Turkey", {"TR"}), ("recipient=turkish", {"TR"}), ("recipient=China", {"CN"}),
    ("supplier=Russia&recipient=Egypt", {"EG"}), ("recipient=Atlantis", set()),
])
def test_states_can_be_named_instead_of_coded(client: TestClient, query: str, expected: set[str]) -> None:
    assert {d["recipient"] for d in client.get(f"/api/deals?{query}").json()["deals"]} == expected


def test_deals_pages_with_limit_and_offset(client: TestClient) -> None:
    first = client.get("/api/deals?sort=recipient&limit=1").json()
    second = client.get("/api/deals?sort=recipient&limit=1&offset=1").json()
    assert first["total"] == second["total"] == 3
    assert [d["recipient"] for d in first["deals"] + second["deals"]] == ["CN", "EG"]


def test_deals_sort_descending_reverses_order(client: TestClient) -> None:
    up = [d["recipient"] for d in client.get("/api/deals?sort=recipient").json()["deals"]]
    down = [d["recipient"] for d in client.get("/api/deals?sort=-recipient").json()["deals"]]
    assert up == sorted(up) and down == list(reversed(up))


def test_deal_gives_timeline_figures_and_denials(client: TestClient) -> None:
    deal_id = client.get("/api/deals?recipient=CN").json()["deals"][0]["id"]
    detail = client.get(f"/api/deals/{deal_id}").json()["deal"]
    assert detail["deal"]["id"] == deal_id
    assert {e["article_id"] for e in detail["timeline"]} >= {"wire-ru-cn-2015", "gazette-ru-cn-2020"}
    quantity = detail["figures"]["quantity"]
    assert quantity["has_conflict"] is True and len(quantity["values"]) == 2
    assert detail["denials"][0]["claim"]["denied"] is True


def test_article_gives_text_claims_spans_and_deals(client: TestClient) -> None:
    article = client.get("/api/articles/wire-ru-tr-2017").json()["article"]
    assert article["outlet"] == "Test Wire" and article["published"] == "2017-09-12"
    claim = article["claims"][0]
    start, end = claim["span"]
    assert article["text"][start:end] == claim["evidence"]
    assert claim["deal_id"]


def test_conflicts_come_newest_first_with_both_sides(client: TestClient) -> None:
    conflicts = client.get("/api/conflicts").json()["conflicts"]
    assert conflicts and conflicts[0]["figure"] == "quantity"
    dates = [c["reported_on"] or "" for c in conflicts]
    assert dates == sorted(dates, reverse=True)
    assert all(len(v["sources"]) >= 1 for v in conflicts[0]["values"])


def test_flows_count_deals_per_supplier_and_recipient(client: TestClient) -> None:
    flows = client.get("/api/flows").json()["flows"]
    assert {(f["supplier"], f["recipient"]): f["deals"] for f in flows} == {
        ("RU", "CN"): 1, ("RU", "TR"): 1, ("RU", "EG"): 1}
    assert {f["recipient"] for f in client.get("/api/flows?since=2021").json()["flows"]} == {"EG"}


def test_system_gives_its_deals(client: TestClient) -> None:
    system = client.get("/api/systems/S-400").json()["system"]
    assert {d["recipient"] for d in system["deals"]} == {"CN", "TR"}


def test_api_index_lists_its_routes(client: TestClient) -> None:
    body = client.get("/api").json()
    assert body["ok"] is True and "GET /api/deals/{deal_id}" in body["routes"]
    assert not any("ingest" in r for r in body["routes"])


def test_openapi_document_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/deals", "/api/deals/{deal_id}", "/api/conflicts", "/api/flows"} <= set(paths)
    assert "/api/ingest" not in paths


@pytest.mark.parametrize(("path", "status"), [
    ("/api/deals/no-such-deal", 404), ("/api/articles/no-such-article", 404), ("/api/systems/XYZ-0", 404),
    ("/api/no-such-route", 404), ("/api/deals?since=abc", 400), ("/api/deals?sort=price", 400),
    ("/api/deals?status=sold", 400), ("/api/deals?limit=0", 400), ("/api/deals?offset=-1", 400),
    ("/api/flows?until=20x", 400), ("/api/deals?q=" + "x" * 201, 400),
])
def test_every_api_failure_has_the_one_error_shape(client: TestClient, path: str, status: int) -> None:
    _assert_error(client.get(path), status)


def test_unexpected_failure_answers_500_in_the_error_shape_with_security_headers(
        ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> object:
        raise RuntimeError("boom")

    app = create_app(ledger, cache_size=0)
    monkeypatch.setattr(ledger, "conflicts", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        answered = client.get("/api/conflicts")
        page = client.get("/conflicts")
    assert "boom" not in str(_assert_error(answered, 500)["error"])
    assert page.status_code == 500 and "boom" not in page.text
    assert_secured(answered)
    assert_secured(page)


def test_ingest_does_not_exist_without_allow_ingest(client: TestClient) -> None:
    _assert_error(client.post("/api/ingest", json={"articles": [{"id": "a", "text": "b"}]}), 404)


def test_allow_ingest_without_token_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ConfigError, match="token"):
        create_app(ledger, allow_ingest=True)


@pytest.fixture()
def ingest_client(tmp_path: Path) -> Iterator[TestClient]:
    with Ledger(build_ledger_db(tmp_path / "ingest.db")) as ledger:
        yield TestClient(create_app(ledger, allow_ingest=True, token=TOKEN))


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer"])
def test_ingest_refuses_a_missing_or_wrong_token(ingest_client: TestClient, header: str | None) -> None:
    headers = {"authorization": header} if header else {}
    response = ingest_client.post("/api/ingest", json={"articles": [{"id": "new", "text": "t"}]}, headers=headers)
    _assert_error(response, 401)
    assert ingest_client.get("/api/articles/new").status_code == 404


def test_ingest_with_token_stores_articles_and_empties_the_page_cache(ingest_client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    cache = ingest_client.app.state.cache  # type: ignore[attr-defined]
    ingest_client.get("/api/deals")
    assert cache.get("/api/deals?") is not None
    response = ingest_client.post("/api/ingest", headers=auth, json={"articles": [
        {"id": "posted-1", "text": "A short note with no deal in it.", "outlet": "Test Post"}]})
    assert response.status_code == 200 and response.json()["summary"]["articles_read"] == 1
    assert cache.get("/api/deals?") is None
    assert ingest_client.get("/api/articles/posted-1").json()["article"]["outlet"] == "Test Post"


def test_cached_page_is_served_without_reading_the_ledger(ledger: Ledger,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted_calls(monkeypatch, ledger, "conflicts")
    with TestClient(create_app(ledger)) as client:
        first, second = client.get("/conflicts"), client.get("/conflicts")
    assert first.text == second.text and calls == ["conflicts"]


def test_ingest_rejects_a_malformed_body_in_the_error_shape(ingest_client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    _assert_error(ingest_client.post("/api/ingest", headers=auth, json={"articles": []}), 400)
    _assert_error(ingest_client.post("/api/ingest", headers=auth, content=b"not json"), 400)


def test_cache_sees_a_change_written_by_another_process(tmp_path: Path) -> None:
    from armsledger.web import cache as cache_module
    from tests.web.seeded import STORIES, result_of

    url = build_ledger_db(tmp_path / "outside.db")
    with Ledger(url) as served, TestClient(create_app(served)) as client:
        before = client.get("/api/deals").json()["total"]
        with Ledger(url) as outside:  # as `armsledger ingest` in another process would
            outside.store_results([result_of(STORIES[0], doc_id="outside-copy", recipient="IN")])
        time.sleep(cache_module.REVISION_CHECK_S + 0.1)
        assert client.get("/api/deals").json()["total"] == before + 1
