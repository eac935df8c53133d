"""Hostile input: SQL through every filter, markup in article text, unsafe links, CSV formulas."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.web.seeded import XSS_IMG, XSS_SCRIPT

INJECTIONS = [
    "' OR '1'='1", "RU' OR 1=1 --", "'; DROP TABLE deals; --", '" OR ""="', "1) UNION SELECT id FROM articles --",
    "RU'/**/OR/**/'a'='a", "\\'; DELETE FROM claims; --",
]
TEXT_FILTERS = ["supplier", "recipient", "system", "category", "q"]
CHECKED_FILTERS = ["status", "since", "until", "sort", "limit", "offset"]


def _total(client: TestClient) -> int:
    return int(client.get("/api/deals").json()["total"])


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("name", TEXT_FILTERS)
def test_sql_in_a_text_filter_is_only_a_value_that_matches_nothing(client: TestClient, name: str,
                                                                  payload: str) -> None:
    before = _total(client)
    response = client.get(f"/api/deals?{name}={quote(payload)}")
    assert response.status_code == 200
    assert response.json()["total"] == 0 and response.json()["deals"] == []
    assert client.get(f"/?{name}={quote(payload)}").status_code == 200
    assert client.get(f"/deals.csv?{name}={quote(payload)}").text.count("\n") == 1  # the header only
    assert _total(client) == before == 3


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("name", CHECKED_FILTERS)
def test_sql_in_a_checked_filter_is_refused_as_a_bad_request(client: TestClient, name: str, payload: str) -> None:
    response = client.get(f"/api/deals?{name}={quote(payload)}")
    assert response.status_code == 400 and response.json()["ok"] is False
    assert client.get(f"/?{name}={quote(payload)}").status_code == 400
    assert _total(client) == 3


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_in_flow_filters_and_ids_changes_nothing(client: TestClient, payload: str) -> None:
    assert client.get(f"/api/flows?category={quote(payload)}").json()["flows"] == []
    assert client.get(f"/api/flows?since={quote(payload)}").status_code == 400
    for path in ("/api/deals/", "/api/articles/", "/api/systems/", "/deals/", "/articles/", "/systems/"):
        assert client.get(path + quote(payload, safe="")).status_code == 404
    assert _total(client) == 3


def test_search_wildcards_are_matched_literally_or_harmlessly(client: TestClient) -> None:
    for term in ("%", "_", "%%'"):
        assert client.get(f"/api/deals?q={quote(term)}").status_code == 200


def test_article_markup_is_escaped_in_the_page(client: TestClient) -> None:
    page = client.get("/articles/hostile-1").text
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "&lt;img src=x onerror=" in page
    assert not re.search(r"<script>(?!\s*</script>)", page.split("</head>", 1)[1])
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_a_non_web_article_url_is_never_a_link(client: TestClient) -> None:
    page = client.get("/articles/hostile-1").text
    assert 'href="javascript:' not in page.lower()
    assert "javascript:window.__pwned" in page  # shown as text, escaped


def test_hostile_title_is_escaped_on_every_page_that_shows_it(client: TestClient) -> None:
    deal_id = client.get("/api/deals?recipient=EG").json()["deals"][0]["id"]
    for path in ("/articles/hostile-1", f"/deals/{deal_id}", "/?q=pwned"):
        page = client.get(path).text
        assert "<script>window.__pwned" not in page and "<img src=x" not in page


def test_pages_forbid_inline_script_by_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/api/deals", "/articles/hostile-1", "/no-such-page"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(client: TestClient) -> None:
    from armsledger.export import safe_cell

    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("RU") == "RU" and safe_cell(12) == 12
