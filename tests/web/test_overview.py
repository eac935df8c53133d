"""The overview pages in process: transfers over time, the article index, the system index."""
from __future__ import annotations

import re
from collections import Counter

from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from armsledger.ledger_models import Deal, YearCount
from armsledger.web.charts import over_time


def first_dated_year(deal: Deal) -> int | None:
    """The year the over-time page counts a deal under: ordered, else first delivered, else first reported."""
    date = deal.ordered_on or deal.first_delivered_on or deal.first_reported
    return int(date[:4]) if date and date[:4].isdigit() else None


def _table(page: str) -> dict[str, dict[str, int]]:
    """Read the over-time table: row label -> column header -> count."""
    table = page[page.index('<table class="grid over-time"'):page.index("</table>")]
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)[1:]
    rows = {}
    for label, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table):
        rows[label] = dict(zip(headers, map(int, re.findall(r"<td[^>]*>(\d+)</td>", cells)), strict=True))
    return rows


def test_over_time_table_counts_each_deal_under_its_first_dated_year(client: TestClient, ledger: Ledger) -> None:
    expected = Counter((first_dated_year(d), d.status) for d in ledger.deals())
    rows = _table(client.get("/over-time").text)
    found = Counter({(int(y), s): n for y, by in rows.items() if y.isdigit() for s, n in by.items()
                     if s != "All" and n})
    assert found == expected
    assert rows["All"]["All"] == ledger.count_deals() == 3


def test_over_time_filters_by_supplier_recipient_and_stage(client: TestClient, ledger: Ledger) -> None:
    rows = _table(client.get("/over-time?recipient=TR").text)
    assert rows["All"]["All"] == ledger.count_deals(recipient="TR") == 1
    page = client.get("/over-time?supplier=RU&status=delivering").text
    assert '<option value="delivering" selected>' in page
    assert _table(page)["All"] == {"delivering": 2, "All": 2}
    assert "No deals in this selection." in client.get("/over-time?supplier=FR").text


def test_over_time_chart_labels_its_bars_in_the_svg(client: TestClient) -> None:
    page = client.get("/over-time").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count('<rect class="seg') == 3
    assert ">2014</text>" in svg and ">2021</text>" in svg
    assert len(re.findall(r'class="bar-total"[^>]*>1</text>', svg)) == 3


def test_over_time_layout_fills_empty_years_and_stacks_statuses() -> None:
    chart = over_time([YearCount(2014, "ordered", 3), YearCount(2016, "delivering", 2),
                       YearCount(2016, "ordered", 1), YearCount(None, "offered", 4)])
    assert [year for year, _, _ in chart.rows] == [2014, 2015, 2016]
    assert chart.undated == {"offered": 4} and chart.total == 10
    assert chart.statuses == ["offered", "ordered", "delivering"]
    assert chart.status_totals == {"offered": 4, "ordered": 4, "delivering": 2}
    stacked = chart.bars[2].segments
    assert [s.status for s in stacked] == ["ordered", "delivering"]
    assert all(s.is_labelled for s in stacked) and not chart.bars[0].segments[0].is_labelled  # total says it
    assert stacked[0].y == stacked[1].y + stacked[1].height  # delivering sits on top of ordered
    assert chart.bars[1].segments == [] and not chart.bars[1].has_total_label
    assert chart.bars[0].top == chart.bars[2].top  # both years hold three deals


def _row(page: str, link: str) -> str:
    """Return the table row holding a link."""
    return page[:page.index(link)].rsplit("<tr>", 1)[1] + page[page.index(link):].split("</tr>", 1)[0]


def test_article_index_lists_articles_with_claims_and_links(client: TestClient, ledger: Ledger) -> None:
    page = client.get("/articles").text
    _, total = ledger.article_index()
    assert f"1–{total} of {total} articles" in page
    row = _row(page, 'href="/articles/wire-ru-tr-2017"')
    assert "Test Wire" in row and "2017-09-12" in row and "Ankara signs for the S-400" in row
    assert '<td class="num">2</td>' in row  # its agreement and its delivery


def test_article_index_sorts_and_pages(client: TestClient, ledger: Ledger) -> None:
    _, total = ledger.article_index()
    seen = []
    for offset in range(total):
        page = client.get(f"/articles?sort=published&limit=1&offset={offset}").text
        seen += re.findall(r'class="row-link" href="/articles/([^"]+)"', page)
    assert len(seen) == len(set(seen)) == total
    dates = [ledger.article(a).published for a in seen]
    assert dates == sorted(dates)
    assert 'rel="next"' in client.get("/articles?limit=1").text
    assert client.get("/articles?sort=nonsense").status_code == 400


def test_system_index_lists_families_with_deal_counts(client: TestClient) -> None:
    page = client.get("/systems").text
    row = _row(page, 'href="/systems/S-400"')
    assert "SAM system" in row and '?system=S-400" title="the deals in the register">2</a>' in row
    assert client.get("/systems/S-400").status_code == 200
    by_family = client.get("/systems?sort=family").text
    assert by_family.index("/systems/S-400") < by_family.index("/systems/Su-35")


def test_navigation_and_help_name_the_overview_pages(client: TestClient) -> None:
    page = client.get("/help").text
    for path in ("/over-time", "/articles", "/systems"):
        assert f'<a href="{path}"' in page
