"""The workbench in real Chromium: the analyst's tasks, and every page on a 390 px phone.

Screenshots go to test-artifacts/web/ (names start with `workbench-` and `phone-`) for review.
"""
from __future__ import annotations

import pytest

from tests.web.conftest import PHONE
from tests.web.test_browser import (
    Server,
    _shot,
    pytestmark,  # noqa: F401  # the browser marks and the Chromium skip apply here too
)


def _systems_listed(page: object) -> set[str]:
    cells = page.locator("table.deals tbody tr td:nth-child(3) a").all_inner_texts()  # type: ignore[attr-defined]
    return set(cells)


@pytest.mark.parametrize("typed", ["S400", "Triumf"])
def test_typing_a_system_nickname_finds_its_deals(bench_server: Server, desk: object, typed: str) -> None:
    desk.goto(bench_server.url + "/")  # type: ignore[attr-defined]
    desk.fill("#f-system", typed)  # type: ignore[attr-defined]
    desk.click("form.filters button[type=submit]")  # type: ignore[attr-defined]
    desk.wait_for_url(f"**/?*system={typed}*")  # type: ignore[attr-defined]
    assert _systems_listed(desk) == {"S-400"}
    assert desk.locator("table.deals tbody tr").count() == 3  # type: ignore[attr-defined]  # CN, TR, IN
    _shot(desk, f"workbench-system-{typed}")


def test_full_text_search_finds_the_article_about_armenia(bench_server: Server, desk: object) -> None:
    desk.goto(bench_server.url + "/search")  # type: ignore[attr-defined]
    desk.fill("#s-q", "Armenia")  # type: ignore[attr-defined]
    desk.press("#s-q", "Enter")  # type: ignore[attr-defined]
    desk.wait_for_url("**/search?q=Armenia")  # type: ignore[attr-defined]
    first = desk.locator("ol.hits").first  # type: ignore[attr-defined]
    assert "Yerevan" in first.inner_text() or "Ministry" in first.inner_text()
    assert desk.locator("mark", has_text="Armenia").count() >= 2  # type: ignore[attr-defined]
    _shot(desk, "workbench-search-armenia")


def test_denied_claims_are_one_choice_away(bench_server: Server, desk: object) -> None:
    desk.goto(bench_server.url + "/")  # type: ignore[attr-defined]
    desk.select_option("#f-denied", "yes")  # type: ignore[attr-defined]
    desk.click("form.filters button[type=submit]")  # type: ignore[attr-defined]
    desk.wait_for_url("**/?*denied=yes*")  # type: ignore[attr-defined]
    assert _systems_listed(desk) == {"Iskander", "S-400"}  # the CN order's denied shipment pause
    _shot(desk, "workbench-denied")


def test_facet_by_status_then_sort_by_value(bench_server: Server, desk: object) -> None:
    desk.goto(bench_server.url + "/")  # type: ignore[attr-defined]
    facet = desk.locator(".facet", has_text="Status").locator("a", has_text="ordered")  # type: ignore[attr-defined]
    facet.first.click()
    desk.wait_for_url("**/?*status=ordered*")  # type: ignore[attr-defined]
    statuses = set(desk.locator("table.deals tbody .badge").all_inner_texts())  # type: ignore[attr-defined]
    assert statuses == {"ordered"}
    desk.locator("table.deals thead a", has_text="Value").click()  # type: ignore[attr-defined]
    desk.wait_for_url("**/?*sort=-value*")  # type: ignore[attr-defined]
    values = desk.locator("table.deals tbody tr td:nth-child(7)").all_inner_texts()  # type: ignore[attr-defined]
    assert [v for v in values if v][:1] == ["$4.75 billion"]  # the largest ordered, in dollars
    _shot(desk, "workbench-status-by-value")


PHONE_PAGES = {
    "register": "/", "register-filtered": "/?system=S400&sort=-value", "search": "/search?q=Armenia",
    "help": "/help", "not-found": "/deals/no-such-deal", "conflicts": "/conflicts", "flows": "/flows",
    "sipri": "/sipri", "system": "/systems/S-400", "article": "/articles/wire-ru-tr-2017", "new": "/new",
    "over-time": "/over-time", "over-time-filtered": "/over-time?supplier=RU&status=ordered",
    "articles": "/articles", "systems": "/systems",
}


def test_every_page_fits_a_390_px_phone(bench_server: Server, browser: object) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    phone = context.new_page()
    pages = {**PHONE_PAGES, "deal": f"/deals/{bench_server.deals['CN']}"}
    too_wide = {}
    for name, path in pages.items():
        phone.goto(bench_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
        _shot(phone, f"phone-{name}")
    context.close()
    assert too_wide == {}
