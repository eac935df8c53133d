"""The overview pages in real Chromium: transfers over time, the article and system indexes.

Screenshots go to test-artifacts/web/ (names start with `overview-`) for review.
"""
from __future__ import annotations

from collections import Counter

from armsledger.ledger import Ledger
from tests.web.test_browser import (
    Server,
    _shot,
    pytestmark,  # noqa: F401  # the browser marks and the Chromium skip apply here too
)
from tests.web.test_overview import first_dated_year


def _over_time_table(page: object) -> dict[str, dict[str, int]]:
    """Read the over-time table as the browser shows it: row label -> column header -> count."""
    table = page.locator("table.over-time")  # type: ignore[attr-defined]
    headers = table.locator("thead th").all_inner_texts()[1:]
    rows = {}
    for row in table.locator("tbody tr, tfoot tr").all():
        label = row.locator("th").inner_text()
        rows[label] = dict(zip(headers, map(int, row.locator("td").all_inner_texts()), strict=True))
    return rows


def test_transfers_over_time_read_as_a_chart_and_as_a_table(bench_server: Server, desk: object) -> None:
    assert bench_server.db is not None
    with Ledger(str(bench_server.db), create=False) as ledger:
        deals = ledger.deals()
        american_orders = ledger.count_deals(supplier="US", status="ordered")
    desk.goto(bench_server.url + "/over-time")  # type: ignore[attr-defined]
    svg = desk.locator("svg.bars-svg")  # type: ignore[attr-defined]
    assert svg.is_visible()
    labels = svg.locator("text").all_text_contents()
    years = sorted({y for d in deals if (y := first_dated_year(d))})
    assert str(years[0]) in labels and str(years[-1]) in labels  # the axis names years in the SVG itself
    assert svg.locator("rect.seg").count() == len({(first_dated_year(d), d.status) for d in deals})
    rows = _over_time_table(desk)
    found = Counter({(int(y), s): n for y, by in rows.items() if y.isdigit() for s, n in by.items() if s != "All"})
    assert +found == Counter((first_dated_year(d), d.status) for d in deals)
    assert rows["All"]["All"] == len(deals)
    _shot(desk, "overview-over-time")
    desk.fill("#f-supplier", "United States")  # type: ignore[attr-defined]
    desk.select_option("#f-status", "ordered")  # type: ignore[attr-defined]
    desk.click("form.filters button[type=submit]")  # type: ignore[attr-defined]
    desk.wait_for_url("**/over-time?*supplier=United*")  # type: ignore[attr-defined]
    assert _over_time_table(desk)["All"]["All"] == american_orders == 3
    _shot(desk, "overview-over-time-us-ordered")


def test_article_index_lists_an_article_and_opens_it(bench_server: Server, desk: object) -> None:
    desk.goto(bench_server.url + "/")  # type: ignore[attr-defined]
    desk.click("nav a[href='/articles']")  # type: ignore[attr-defined]
    desk.wait_for_url("**/articles")  # type: ignore[attr-defined]
    row = desk.locator("table.articles tbody tr", has_text="Yerevan takes delivery of fighters")  # type: ignore[attr-defined]
    assert row.locator("td").all_inner_texts()[:2] == ["Bench Caucasus", "2019-05-30"]
    _shot(desk, "overview-articles")
    row.locator("a").click()
    desk.wait_for_url("**/articles/bench-ru-am-2019")  # type: ignore[attr-defined]
    assert desk.locator("h1").inner_text() == "Yerevan takes delivery of fighters"  # type: ignore[attr-defined]


def test_system_index_opens_a_system_page(bench_server: Server, desk: object) -> None:
    assert bench_server.db is not None
    with Ledger(str(bench_server.db), create=False) as ledger:
        s400 = ledger.count_deals(system="S-400")
    desk.goto(bench_server.url + "/")  # type: ignore[attr-defined]
    desk.click("nav a[href='/systems']")  # type: ignore[attr-defined]
    desk.wait_for_url("**/systems")  # type: ignore[attr-defined]
    row = desk.locator("table.systems tbody tr", has_text="S-400")  # type: ignore[attr-defined]
    assert row.locator("td").last.inner_text() == str(s400) == "3"  # CN, TR and IN
    _shot(desk, "overview-systems")
    row.locator("a.row-link").click()
    desk.wait_for_url("**/systems/S-400")  # type: ignore[attr-defined]
    assert desk.locator("h1").inner_text() == "S-400"  # type: ignore[attr-defined]


def test_register_next_links_walk_every_deal_once(bench_server: Server, desk: object) -> None:
    assert bench_server.db is not None
    with Ledger(str(bench_server.db), create=False) as ledger:
        total = ledger.count_deals()
    for sort in ("-value", "quantity", "-ordered_on"):
        desk.goto(f"{bench_server.url}/?sort={sort}&limit=3")  # type: ignore[attr-defined]
        seen: list[str] = []
        while True:
            links = desk.locator("table.deals tbody a.row-link")  # type: ignore[attr-defined]
            seen += [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
            shown = desk.locator(".pager .where").inner_text()  # type: ignore[attr-defined]
            assert shown == f"{len(seen) - links.count() + 1}–{len(seen)} of {total}"
            following = desk.locator(".pager a[rel=next]")  # type: ignore[attr-defined]
            if following.count() == 0:
                break
            with desk.expect_navigation():  # type: ignore[attr-defined]
                following.click()
        assert len(seen) == len(set(seen)) == total == 10
        back: list[str] = []
        while True:
            links = desk.locator("table.deals tbody a.row-link")  # type: ignore[attr-defined]
            back = [str(links.nth(i).get_attribute("href")) for i in range(links.count())] + back
            previous = desk.locator(".pager a[rel=prev]")  # type: ignore[attr-defined]
            if previous.count() == 0:
                break
            with desk.expect_navigation():  # type: ignore[attr-defined]
                previous.click()
        assert back == seen
    _shot(desk, "overview-register-keyset-first")
    desk.goto(f"{bench_server.url}/?sort=-value&limit=3&offset=3")  # type: ignore[attr-defined]  # an old link
    assert "after=" in desk.url  # type: ignore[attr-defined]
    assert desk.locator(".pager .where").inner_text() == f"4–6 of {total}"  # type: ignore[attr-defined]
    _shot(desk, "overview-register-keyset-second")
