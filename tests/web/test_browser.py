"""The pages in real Chromium, served by `armsledger serve` over the seeds and the test stories.

Screenshots go to test-artifacts/web/ for review. Skipped only where /usr/bin/chromium is
missing and CI is not "true".
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from armsledger.ledger import Ledger
from tests.web.seeded import STORIES, build_ledger_db

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
SERVER_START_TIMEOUT_S = 30.0
VIEWPORT = {"width": 1366, "height": 860}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() and os.environ.get("CI") != "true",
                       reason="needs Chromium at /usr/bin/chromium"),
]
playwright_api = pytest.importorskip("playwright.sync_api")


@dataclass
class Server:
    url: str
    deals: dict[str, str] = field(default_factory=dict)
    """recipient -> id of an S-400 (or the hostile story's) deal, from the API."""
    db: Path | None = None
    """The ledger file the server reads, for tests that check a page against the ledger itself."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"armsledger serve exited with {process.returncode}: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"armsledger serve did not listen on port {port} within {SERVER_START_TIMEOUT_S} s")


@contextmanager
def serve_ledger(db: Path) -> Iterator[str]:
    """Run `armsledger serve` on a ledger in a subprocess; yield its base URL, stop it after."""
    port = _free_port()
    log = (db.parent / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from armsledger.cli import main; main()", "serve", "--db", str(db), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process, db.parent / "serve.log")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`armsledger serve` in a subprocess over the seeds (when present) and the test stories."""
    db = tmp_path_factory.mktemp("browser") / "ledger.db"
    build_ledger_db(db)
    with Ledger(str(db)) as ledger:
        if SEEDS.is_dir():
            ledger.ingest(SEEDS)
    with serve_ledger(db) as url:
        import httpx

        deals = httpx.get(f"{url}/api/deals?limit=200").json()["deals"]
        by_recipient = {d["recipient"]: d["id"] for d in reversed(deals) if d["system"] in ("S-400", "Su-35")}
        yield Server(url, by_recipient)


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield opened
    context.close()
    assert errors == [], f"the page logged errors: {errors}"


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_every_page_loads_and_is_captured(server: Server, page: object) -> None:
    pages = {
        "register": "/", "deal-cn": f"/deals/{server.deals['CN']}", "deal-tr": f"/deals/{server.deals['TR']}",
        "article": "/articles/wire-ru-tr-2017", "conflicts": "/conflicts", "flows": "/flows",
        "system": "/systems/S-400",
    }
    if SEEDS.is_dir():
        pages["article-seed"] = "/articles/" + sorted(p.name for p in SEEDS.iterdir())[2]
    for name, path in pages.items():
        response = page.goto(server.url + path)  # type: ignore[attr-defined]
        assert response.status == 200, path
        assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]
        _shot(page, name)


def test_unknown_deal_shows_the_error_page(server: Server, browser: object) -> None:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
    page = context.new_page()
    response = page.goto(server.url + "/deals/no-such-deal")
    assert response.status == 404 and "no deal 'no-such-deal'" in page.locator(".message").inner_text()
    _shot(page, "not-found")
    context.close()


def test_register_filter_narrows_the_table(server: Server, page: object) -> None:
    page.goto(server.url + "/")  # type: ignore[attr-defined]
    page.fill("#f-recipient", "TR")  # type: ignore[attr-defined]
    page.click("form.filters button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url("**/?*recipient=TR*")  # type: ignore[attr-defined]
    recipients = page.locator("table.deals tbody tr td:nth-child(2)").all_inner_texts()  # type: ignore[attr-defined]
    assert recipients and set(recipients) == {"TR"}
    _shot(page, "register-filtered")


def test_deal_to_article_and_back(server: Server, page: object) -> None:
    page.goto(server.url + "/?recipient=TR&system=S-400")  # type: ignore[attr-defined]
    page.click(f"a[href='/deals/{server.deals['TR']}']")  # type: ignore[attr-defined]
    page.wait_for_url(f"**/deals/{server.deals['TR']}")  # type: ignore[attr-defined]
    assert page.locator("svg.timeline-svg a.mark").count() >= 2  # type: ignore[attr-defined]
    page.locator("table.evidence a[href^='/articles/wire-ru-tr-2017']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/articles/wire-ru-tr-2017*")  # type: ignore[attr-defined]
    mark = page.locator("article.text mark").first  # type: ignore[attr-defined]
    assert mark.is_visible() and "$2.5 billion" in mark.inner_text()
    _shot(page, "article-from-deal")
    page.locator(f"aside.claims a[href='/deals/{server.deals['TR']}']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url(f"**/deals/{server.deals['TR']}")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    page.wait_for_url("**/articles/wire-ru-tr-2017*")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    page.wait_for_url(f"**/deals/{server.deals['TR']}")  # type: ignore[attr-defined]
    assert "Turkey" in page.locator("h1").inner_text() or "TR" in page.locator("h1").inner_text()  # type: ignore[attr-defined]


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_hostile_article_runs_nothing(server: Server, browser: object, bypass_csp: bool) -> None:
    """Escaping alone must hold: the second run turns the Content-Security-Policy off."""
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=bypass_csp)  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = next(s for s in STORIES if s.id == "hostile-1")
    for path in ("/articles/hostile-1", f"/deals/{server.deals['EG']}", "/?q=Su-35"):
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned === undefined"), path
        assert page.locator("article img, main img, main script").count() == 0, path
    page.goto(server.url + "/articles/hostile-1")
    assert page.locator("h1").inner_text() == hostile.title  # the markup shows as text
    assert "<img src=x onerror=" in page.locator("article.text").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    if not bypass_csp:
        _shot(page, "article-hostile")
    context.close()
    assert dialogs == []


def test_keyboard_moves_through_rows_and_opens_a_deal(server: Server, page: object) -> None:
    page.goto(server.url + "/")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    assert page.evaluate("() => document.activeElement.id") == "top-q"  # type: ignore[attr-defined]
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    page.evaluate("() => document.activeElement.blur()")  # type: ignore[attr-defined]
    page.keyboard.press("j")  # type: ignore[attr-defined]
    page.keyboard.press("j")  # type: ignore[attr-defined]
    assert page.locator("table.deals tbody tr.is-current").count() == 1  # type: ignore[attr-defined]
    href = page.evaluate("() => document.activeElement.getAttribute('href')")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(f"**{href}")  # type: ignore[attr-defined]
    assert href.startswith("/deals/")


def test_register_filters_work_without_javascript(server: Server, browser: object) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server.url + "/")
    page.select_option("#f-status", "delivering")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**status=delivering*")
    statuses = page.locator("table.deals tbody tr td:nth-child(5)").all_inner_texts()
    assert statuses and set(statuses) == {"delivering"}
    _shot(page, "register-no-js")
    context.close()
