"""The server-rendered pages, in process: what each page shows and links to, without JavaScript."""
from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armsledger.ledger_models import Flow, StoredClaim, TimelineEvent
from armsledger.web.charts import flow_matrix, timeline
from armsledger.web.filters import SORTS
from armsledger.web.highlight import segments


def _deal_id(client: TestClient, recipient: str) -> str:
    return str(client.get(f"/api/deals?recipient={recipient}").json()["deals"][0]["id"])


def test_register_lists_deals_with_links_and_counts(client: TestClient) -> None:
    page = client.get("/").text
    assert "3 deals" in page
    for recipient in ("CN", "TR", "EG"):
        assert f'href="/deals/{_deal_id(client, recipient)}"' in page
    assert "$2.5 billion" in page and "more than $3 billion" in page


def test_register_filter_form_keeps_its_values_and_narrows_rows(client: TestClient) -> None:
    page = client.get("/?recipient=TR&status=delivering").text
    assert 'name="recipient" value="TR"' in page
    assert '<option value="delivering" selected>' in page
    assert "1 deal match" in page and _deal_id(client, "TR") in page and _deal_id(client, "CN") not in page


def _rows(page: str) -> list[str]:
    return re.findall(r'class="row-link" href="/deals/([^"]+)"', page)


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'href="([^"]+)" rel="{rel}"', page)
    return html.unescape(found.group(1)) if found else None


def test_register_pages_through_results_by_key(client: TestClient) -> None:
    page = client.get("/?limit=1&sort=recipient").text
    first = _rows(page)
    assert "1–1 of 3" in page and _link(page, "prev") is None
    assert _link(page, "next") == f"/?sort=recipient&limit=1&after={first[0]}"
    second = client.get(_link(page, "next") or "").text
    assert "2–2 of 3" in second and _link(second, "prev") == f"/?sort=recipient&limit=1&before={_rows(second)[0]}"
    assert _rows(client.get(_link(second, "prev") or "").text) == first
    last = client.get(_link(page, "last") or "").text
    assert "3–3 of 3" in last and 'rel="next"' not in last


def test_old_offset_and_page_links_redirect_to_the_same_rows(client: TestClient) -> None:
    by_offset = [_rows(client.get(f"/?limit=1&sort=recipient&after={a}").text) for a in
                 _rows(client.get("/?sort=recipient").text)[:2]]
    for old in ("/?limit=1&sort=recipient&offset=1", "/?limit=1&sort=recipient&page=2"):
        moved = client.get(old, follow_redirects=False)
        assert moved.status_code == 303 and "after=" in moved.headers["location"]
        assert _rows(client.get(old).text) == by_offset[0]
    assert _rows(client.get("/?limit=1&sort=recipient&page=3").text) == by_offset[1]
    assert client.get("/?page=1", follow_redirects=False).headers["location"] == "/?"
    assert "page=last" in client.get("/?limit=1&offset=99", follow_redirects=False).headers["location"]
    assert client.get("/?page=nonsense").status_code == 400


def test_register_pages_from_a_vanished_deal_start_again(client: TestClient) -> None:
    moved = client.get("/?sort=recipient&after=no-such-deal", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/?sort=recipient"
    assert client.get("/?after=a&before=b").status_code == 400


@pytest.mark.parametrize("sort", SORTS)
def test_keyset_pages_walk_every_deal_once_in_each_order(client: TestClient, sort: str) -> None:
    expected = [d["id"] for d in client.get(f"/api/deals?sort={sort}&limit=200").json()["deals"]]
    seen: list[str] = []
    link: str | None = f"/?sort={sort}&limit=1"
    while link:
        page = client.get(link).text
        seen += _rows(page)
        link = _link(page, "next")
    assert seen == expected


def test_register_column_header_sorts_and_toggles(client: TestClient) -> None:
    page = client.get("/?sort=recipient").text
    assert 'aria-sort="ascending"' in page and 'href="/?sort=-recipient"' in page


def test_csv_download_holds_the_current_view(client: TestClient) -> None:
    page = client.get("/?recipient=CN").text
    link = html.unescape(re.search(r'href="(/deals\.csv\?[^"]*)"', page).group(1))  # type: ignore[union-attr]
    response = client.get(link)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["supplier"], r["recipient"], r["system"]) for r in rows] == [("RU", "CN", "S-400")]
    assert (rows[0]["value"], rows[0]["value_currency"], rows[0]["value_bound"]) == ("3000000000", "USD", "more than")
    assert rows[0]["ordered_on"] == "2014" and rows[0]["has_conflict"] == "True"


def test_deal_page_draws_the_timeline_and_marks_the_denial(client: TestClient) -> None:
    page = client.get(f"/deals/{_deal_id(client, 'CN')}").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<circle") == 4 and svg.count('class="cross"') == 1
    assert "ev-agreement" in svg and "ev-delivery" in svg and "is-denied" in svg
    assert ">2014<" in svg and ">2020<" in svg


def test_deal_page_shows_each_source_value_and_highlights_conflicts(client: TestClient) -> None:
    page = client.get(f"/deals/{_deal_id(client, 'CN')}").text
    figures = page[page.index('class="grid figures"'):]
    quantity_row = figures[figures.index('<tr class="has-conflict">'):].split("</tr>", 1)[0]
    assert "at least 6 battalions" in quantity_row and "2 battalions" in quantity_row
    assert "Test Wire" in quantity_row and "Test Journal" in quantity_row


def test_deal_evidence_links_to_the_claim_in_its_article(client: TestClient) -> None:
    page = client.get(f"/deals/{_deal_id(client, 'TR')}").text
    assert 'href="/articles/wire-ru-tr-2017#claim-wire-ru-tr-2017%231"' in page
    assert "Turkey signed a $2.5 billion contract for the S-400 in September 2017." in page


def test_article_page_highlights_evidence_and_links_each_claim_to_its_deal(client: TestClient) -> None:
    page = client.get("/articles/wire-ru-tr-2017").text
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", page, flags=re.DOTALL)
    assert marks == ["Turkey signed a $2.5 billion contract for the S-400 in September 2017.",
                     "The first batch arrived near Ankara on 12 July 2019, the ministry said."]
    assert 'id="claim-wire-ru-tr-2017#1"' in page
    assert f'href="/deals/{_deal_id(client, "TR")}"' in page
    assert "Test Wire" in page and "2017-09-12" in page and "date from published" in page
    assert 'href="https://news.example/2017/09/12/ankara-s400"' in page


def test_conflicts_page_shows_both_sides_with_sources(client: TestClient) -> None:
    page = client.get("/conflicts").text
    assert "1 figure on which" in page
    assert "Test Wire" in page and "Test Journal" in page and "quantity" in page


def test_flows_page_shows_the_matrix_and_filters_by_year(client: TestClient) -> None:
    page = client.get("/flows").text
    assert page.count('<abbr class="state" title="China">CN</abbr>') >= 1
    assert 'href="/?supplier=RU&amp;recipient=CN"' in page
    later = client.get("/flows?since=2021").text
    assert "EG" in later and 'recipient=CN"' not in later


def test_system_page_lists_the_system_deals(client: TestClient) -> None:
    page = client.get("/systems/S-400").text
    assert _deal_id(client, "CN") in page and _deal_id(client, "TR") in page and _deal_id(client, "EG") not in page


def test_unknown_pages_answer_an_html_404(client: TestClient) -> None:
    for path in ("/deals/nope", "/articles/nope", "/systems/nope", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
        assert "not found" in response.text


def test_bad_filter_answers_an_html_400_that_says_why(client: TestClient) -> None:
    response = client.get("/?since=soon")
    assert response.status_code == 400 and "since: expected a whole number" in response.text


def test_timeline_places_events_by_date_and_lists_undated_ones() -> None:
    def event(date: str | None, kind: str) -> TimelineEvent:
        return TimelineEvent(date, kind, False, False, f"c{date}", "a", None, None, "e", (0, 1))

    chart = timeline([event("2014", "agreement"), event("2019-07-12", "delivery"), event(None, "delivery")])
    first, second = chart.marks
    assert first.x < second.x and first.x1 - first.x0 > second.x1 - second.x0
    assert [name for name, _ in chart.lanes] == ["agreement", "delivery"]
    assert len(chart.undated) == 1 and chart.ticks[0][1] == "2014"


def test_flow_matrix_orders_busiest_first_and_folds_long_tails() -> None:
    flows = [Flow("RU", f"R{n:02d}", 1) for n in range(45)] + [Flow("US", "R00", 5)]
    matrix = flow_matrix(flows)
    assert matrix.suppliers == ["RU", "US"] and matrix.recipients[0] == "R00"
    assert matrix.recipients[-1] == "other" and matrix.folded == 5
    assert matrix.counts[("RU", "other")] == 5


def test_highlight_segments_cover_the_text_exactly_once() -> None:
    text = "One. Two three. Four."
    claims = [StoredClaim(str(n), "delivery", None, None, None, None, False, False, None, None, None, None,
                          "", span, "r", None) for n, span in enumerate([(5, 15), (9, 15), (30, 40)])]
    parts = segments(text, claims)
    assert "".join(p.text for p in parts) == text
    assert [(p.text, [c.id for c in p.claims]) for p in parts] == [
        ("One. ", []), ("Two ", ["0"]), ("three.", ["0", "1"]), (" Four.", [])]


def test_article_with_a_yearless_dateline_says_so(tmp_path: Path) -> None:
    from armsledger.ledger import Ledger
    from armsledger.web.app import create_app

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "wire.txt").write_text(
        "Russia ships more S-400 parts\n\nMOSCOW, March 16 (Wire) - Russia delivered S-400 parts to Turkey.\n",
        encoding="utf-8")
    ledger = Ledger(str(tmp_path / "ledger.db"))
    ledger.ingest(str(folder))
    page = TestClient(create_app(ledger, cache_size=0)).get("/articles/wire.txt")
    assert page.status_code == 200
    assert "year not given" in page.text and "date unknown" not in page.text


def test_csv_batches_follow_one_another_by_key(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from armsledger.web import views

    monkeypatch.setattr(views, "CSV_BATCH_ROWS", 1)
    rows = list(csv.DictReader(io.StringIO(client.get("/deals.csv?sort=-value").text)))
    expected = [d["id"] for d in client.get("/api/deals?sort=-value").json()["deals"]]
    assert [r["id"] for r in rows] == expected and len(expected) == 3
