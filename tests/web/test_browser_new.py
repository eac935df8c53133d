"""The /new page in real Chromium: on a 390 px phone and from the navigation, over a watched ledger.

Screenshots go to test-artifacts/web/ (`new-*`, `phone-new-*`) for review.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.watch.feed_server import build_watched_ledger
from tests.web.conftest import DESK, PHONE
from tests.web.test_browser import (
    _shot,
    pytestmark,  # noqa: F401  # the browser marks and the Chromium skip apply here too
    serve_ledger,
)


@pytest.fixture(scope="module")
def watched_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db: Path = tmp_path_factory.mktemp("browser-new") / "ledger.db"
    build_watched_ledger(db)
    with serve_ledger(db) as url:
        yield url


@pytest.mark.parametrize(("name", "path"), [("last-poll", "/new"), ("since", "/new?since=2000-01-01")])
def test_new_fits_a_390_px_phone(watched_server: str, browser: object, name: str, path: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    phone = context.new_page()
    phone.goto(watched_server + path)
    assert phone.locator(".news-list li a.row-link").count() >= 2
    width = phone.evaluate("document.documentElement.scrollWidth")
    _shot(phone, f"phone-new-{name}")
    context.close()
    assert width <= PHONE["width"]


def test_new_is_in_the_navigation_and_opens_its_deals(watched_server: str, browser: object) -> None:
    context = browser.new_context(viewport=DESK)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(watched_server + "/conflicts")
    page.locator("header.top nav a", has_text="New").click()
    page.wait_for_url("**/new")
    assert page.locator("header.top nav a[aria-current=page]").inner_text() == "New"
    page.fill("#n-since", "2000-01-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/new?since=2000-01-01")
    assert page.locator("#new-deals .news-list li a.row-link").count() == 3
    _shot(page, "new-since")
    page.locator("#new-conflicts a.row-link").first.click()
    page.wait_for_url("**/deals/fr-eg-rafale-1")
    context.close()
