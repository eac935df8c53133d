"""A server that cannot be pushed over: bodies refused before they are read, a bounded cache, paged long
pages, security headers on every answer, HEAD, and search patterns taken literally."""
from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from armsledger.models import Quantity
from armsledger.web import create_app
from armsledger.web.guard import SECURITY_HEADERS
from tests.web.seeded import STORIES, TOKEN, Sentence, Story, _claim, _day, _result, build_ledger_db

LIMIT_BYTES = 64_000
CHUNK_BYTES = 16_384
HUGE_BYTES = 300_000_000
"""Announced, never sent: the counting receive below makes each chunk only when the app asks for it."""
RETOLD_RECIPIENTS = ("AE", "DZ", "IN", "IR", "SA", "VN", "BY")
"""Each buys the S-400 in two stories that disagree on how many: one more open conflict per recipient."""


class CountingBody:
    """An ASGI receive that makes a request body on the fly, chunk by chunk, and counts what the app read."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.read = 0

    async def __call__(self) -> dict[str, object]:
        chunk = min(CHUNK_BYTES, self.total - self.read)
        self.read += chunk
        return {"type": "http.request", "body": b"x" * chunk, "more_body": self.read < self.total}


def _post(app: FastAPI, body: CountingBody, *, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    """POST body to /api/ingest in process; return the status and the response headers."""
    sent: list[dict[str, object]] = []
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/ingest", "raw_path": b"/api/ingest", "query_string": b"",
             "root_path": "", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    asyncio.run(app(scope, body, send))  # type: ignore[arg-type]  # the ASGI callables' dict messages
    start = next(m for m in sent if m["type"] == "http.response.start")
    pairs = start["headers"]
    assert isinstance(pairs, list)
    return int(str(start["status"])), {k.decode(): v.decode() for k, v in pairs}


@pytest.fixture(scope="module")
def ingest_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    with Ledger(build_ledger_db(tmp_path_factory.mktemp("abuse") / "ingest.db")) as ledger:
        yield create_app(ledger, allow_ingest=True, token=TOKEN, max_body_bytes=LIMIT_BYTES)


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token"])
def test_a_huge_post_without_the_token_is_refused_before_its_body_is_read(ingest_app: FastAPI,
                                                                          authorization: str | None) -> None:
    body = CountingBody(HUGE_BYTES)
    headers = {"content-type": "application/json", "content-length": str(HUGE_BYTES)}
    status, answered = _post(ingest_app, body, headers=headers | (
        {"authorization": authorization} if authorization else {}))
    assert status == 401 and answered["www-authenticate"] == "Bearer"
    assert body.read == 0


def test_a_chunked_post_without_the_token_is_refused_before_its_body_is_read(ingest_app: FastAPI) -> None:
    body = CountingBody(HUGE_BYTES)
    status, _ = _post(ingest_app, body, headers={"content-type": "application/json"})
    assert status == 401 and body.read == 0


def test_a_declared_length_over_the_limit_is_refused_unread_even_with_the_token(ingest_app: FastAPI) -> None:
    body = CountingBody(HUGE_BYTES)
    status, answered = _post(ingest_app, body, headers={
        "authorization": f"Bearer {TOKEN}", "content-type": "application/json", "content-length": str(HUGE_BYTES)})
    assert status == 413 and body.read == 0
    assert answered["x-content-type-options"] == "nosniff"


def test_a_chunked_body_is_cut_at_the_limit(ingest_app: FastAPI) -> None:
    body = CountingBody(HUGE_BYTES)
    status, answered = _post(ingest_app, body, headers={"authorization": f"Bearer {TOKEN}",
                                                         "content-type": "application/json"})
    assert status == 413 and "content-security-policy" in answered
    assert LIMIT_BYTES < body.read <= LIMIT_BYTES + CHUNK_BYTES


def test_a_body_under_the_limit_still_reaches_the_ingest(ingest_app: FastAPI) -> None:
    with TestClient(ingest_app) as client:
        response = client.post("/api/ingest", headers={"authorization": f"Bearer {TOKEN}"}, json={
            "articles": [{"id": "small-1", "text": "A short note with no deal in it."}]})
    assert response.status_code == 200 and response.json()["ok"] is True


def test_a_content_length_that_is_no_number_is_a_bad_request(ingest_app: FastAPI) -> None:
    status, _ = _post(ingest_app, CountingBody(10), headers={"authorization": f"Bearer {TOKEN}",
                                                            "content-length": "ten"})
    assert status == 400


def test_the_cache_stays_within_its_bounds_after_many_unique_query_strings(ledger: Ledger) -> None:
    app = create_app(ledger, cache_size=100, cache_bytes=400_000)
    cache = app.state.cache
    with TestClient(app) as client:
        for n in range(1000):
            assert client.get(f"/help?unique={n}").status_code == 200
            assert len(cache) <= 100 and cache.bytes <= 400_000
    assert len(cache) > 10  # it still keeps pages: the bound is not an empty cache


def test_the_cache_keeps_no_page_larger_than_its_cap(ledger: Ledger) -> None:
    app = create_app(ledger, max_page_bytes=1_000)
    with TestClient(app) as client:
        assert len(client.get("/help").content) > 1_000
        assert len(client.get("/api/deals/none").content) < 1_000  # an error: not kept either
    assert len(app.state.cache) == 0 and app.state.cache.bytes == 0


def _disputed_stories(code: str) -> list[Story]:
    """Two outlets' differing counts of one order by code: an open conflict on its quantity."""
    return [Story(f"{outlet.split()[1].lower()}-ru-{code.lower()}", outlet, published, f"{code} buys the S-400", [
        Sentence(f"Buyer {code} ordered {count} S-400 battalions in {year}, report number {n} by {outlet} said.",
                 [_claim("agreement", "RU", code, "S-400", date=_day(year), quantity=Quantity(count, "battalion"),
                         source="officials")])])
        for n, (outlet, published, count, year) in enumerate(
            [("Test Wire", "2015-04-13", 6, "2014"), ("Test Journal", "2019-02-02", 2, "2014")])]


@pytest.fixture(scope="module")
def disputed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A ledger holding seeded.py's stories and more: 1 + len(RETOLD_RECIPIENTS) open conflicts."""
    url = build_ledger_db(tmp_path_factory.mktemp("disputed") / "ledger.db")
    with Ledger(url) as ledger:
        ledger.store_results([_result(story) for code in RETOLD_RECIPIENTS for story in _disputed_stories(code)])
        assert ledger.count_conflicts() == 1 + len(RETOLD_RECIPIENTS)
        with TestClient(create_app(ledger, cache_size=0)) as client:
            yield client


def _rows(page: str) -> int:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")


def test_conflicts_page_holds_at_most_its_page_size_and_links_the_next(disputed: TestClient) -> None:
    total = 1 + len(RETOLD_RECIPIENTS)
    first = disputed.get("/conflicts?limit=3").text
    assert _rows(first) == 3 and f"{total} figures on which" in first
    assert 'rel="next"' in first and 'href="/conflicts?sort=-reported_on&amp;limit=3&amp;offset=3"' in first
    last = disputed.get(f"/conflicts?limit=3&offset={total - 2}").text
    assert _rows(last) == 2 and 'rel="prev"' in last and 'rel="next"' not in last
    pages = [disputed.get(f"/api/conflicts?limit=3&offset={n}").json() for n in range(0, total, 3)]
    seen = [(c["deal_id"], c["figure"]) for p in pages for c in p["conflicts"]]
    assert all(p["total"] == total and len(p["conflicts"]) <= 3 for p in pages)
    assert len(seen) == len(set(seen)) == total  # the pages neither repeat nor skip a conflict


def test_conflicts_page_defaults_to_a_bounded_page(disputed: TestClient) -> None:
    from armsledger.web.filters import DEFAULT_PAGE_SIZE

    assert len(disputed.get("/api/conflicts").json()["conflicts"]) <= DEFAULT_PAGE_SIZE
    assert disputed.get("/conflicts?limit=100000").status_code == 400


def test_flows_and_search_pages_link_their_next_page_only_when_there_is_one(client: TestClient) -> None:
    assert 'rel="next"' not in client.get("/flows").text
    assert 'rel="next"' not in client.get("/search?q=S-400").text
    later = client.get("/search?q=S-400&offset=50").text
    assert 'rel="prev"' in later and 'href="/search?q=S-400&amp;offset=0"' in later
    assert client.get("/search?q=S-400&offset=-1").status_code == 400


def assert_secured(response: object) -> None:
    """Assert that a response carries each of SECURITY_HEADERS once (test_api.py checks a 500)."""
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
        assert len(headers.get_list(name)) == 1  # one copy, not the route's and the middleware's


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/no-such-page", 404), ("GET", "/api/no-such-route", 404), ("GET", "/api/deals/no-such-deal", 404),
    ("DELETE", "/", 405), ("POST", "/api/deals", 405), ("GET", "/api/deals?limit=x", 400), ("GET", "/", 200),
    ("GET", "/static/app.css", 200),
])
def test_every_answer_carries_the_security_headers(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert_secured(response)


def test_a_413_carries_the_security_headers(ledger: Ledger) -> None:
    with TestClient(create_app(ledger, max_body_bytes=10)) as client:
        response = client.post("/api/deals", content=b"x" * 11)
    assert response.status_code == 413 and response.json()["status"] == 413
    assert_secured(response)


@pytest.mark.parametrize("path", ["/", "/help", "/conflicts", "/flows", "/search?q=S-400", "/articles",
                                  "/systems", "/over-time", "/api/deals", "/deals.csv", "/static/app.css"])
def test_head_answers_every_get_page_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert_secured(head)


def test_a_405_names_head_among_the_allowed_methods(client: TestClient) -> None:
    response = client.delete("/help")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"


def test_head_of_a_missing_page_is_a_404_without_a_body(client: TestClient) -> None:
    head = client.head("/deals/no-such-deal")
    assert head.status_code == 404 and head.content == b""


def _deal_total(client: TestClient, q: str) -> int:
    return int(client.get(f"/api/deals?q={quote(q, safe='')}").json()["total"])


@pytest.mark.parametrize(("q", "expected"), [
    ("%", set()), ("%%", set()), ("%_%", set()), ("\\", set()), ("\\%", set()), ("/%", set()), ("%_", set()),
    ("ru%cn", set()), ("ru_cn", set()), ("_", {"EG"}), ("__", {"EG"}), ("/", {"EG"}),
])
def test_like_wildcards_in_q_match_only_themselves(client: TestClient, q: str, expected: set[str]) -> None:
    # As wildcards `ru%cn` and `ru_cn` would match the deal id ru-cn-s-400-1. Only the hostile article's
    # evidence holds an underscore and a slash (`window.__pwned`, `</script>`); nothing holds a `%`.
    found = client.get(f"/api/deals?q={quote(q, safe='')}").json()["deals"]
    assert {d["recipient"] for d in found} == expected
    page = client.get(f"/?q={quote(q, safe='')}")
    assert page.status_code == 200 and ('href="/deals/' in page.text) == bool(expected)


def test_q_still_matches_a_substring(client: TestClient) -> None:
    assert _deal_total(client, "S-40") == 2 and _deal_total(client, "halted") == 1


@pytest.mark.parametrize("q", ['"', '"S-400', "S-400 OR Su-35", "NEAR(S 400)", "*", "S*", "system:S-400", "^S",
                               "!S-400", "S-400 & !Su", "(", "a | b", "-S-400", "'", "AND", "NOT S-400", ":*"])
def test_search_syntax_in_q_neither_fails_nor_matches_everything(client: TestClient, q: str) -> None:
    everything = _deal_total(client, "")
    assert _deal_total(client, q) < everything
    found = client.get(f"/search?q={quote(q, safe='')}")
    assert found.status_code == 200
    assert len(re.findall(r'<li><a href="/articles/', found.text)) < len(STORIES)

