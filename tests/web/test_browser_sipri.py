"""The SIPRI page in real Chromium: a SIPRI row the ledger lacks, a deal SIPRI lacks, a cancelled deal apart.

The workbench ledger (workbench_ledger.py) with a small SIPRI register of our own making: India's
S-400 order (the ledger has it), Estonia's K9 order (the ledger has none) and no row for Poland's
Abrams, which the ledger holds as ordered. Screenshot: test-artifacts/web/workbench-sipri.png.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from armsledger.ledger import Ledger
from tests.web.test_browser import (
    _shot,
    pytestmark,  # noqa: F401  # the browser marks and the Chromium skip apply here too
    serve_ledger,
)

PREAMBLE = "Transfers of major conventional arms\n" + "a note line\n" * 9 + "Data generated: today\n"
HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
          "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
          "SIPRI TIV of delivered weapons\n")
ROWS = ("India,Russia,2018,,5,,S-400 Triumf,SAM system,1,,2021,New,,100,500,100\n"
        "Estonia,South Korea,2018,,12,,K-9 Thunder 155mm,self-propelled gun,12,,2020,Second-hand,,1,12,12\n"
        "Turkey,United States,2007,,100,,F-35A Lightning II,FGA aircraft,0,,,New,,10,1000,0\n")


@pytest.fixture(scope="module")
def sipri_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.web.seeded import Sentence, Story, _claim, _day, _result, build_ledger_db
    from tests.web.workbench_ledger import STORIES

    cancelled = Story("test-tr-f35", "Test Post", "2019-07-18", "Turkey leaves the F-35 programme", [
        Sentence("Turkey ordered 100 F-35 jets from the United States in 2007.",
                 [_claim("agreement", "US", "TR", "F-35", date=_day("2007"))]),
        Sentence("Washington removed Turkey from the F-35 programme on Wednesday.",
                 [_claim("cancellation", "US", "TR", "F-35", date=_day("2019-07-17"))]),
    ])

    folder = tmp_path_factory.mktemp("browser-sipri")
    db = folder / "ledger.db"
    build_ledger_db(db)
    register = folder / "register.csv"
    register.write_bytes((PREAMBLE + HEADER + ROWS).encode("latin-1"))
    with Ledger(str(db)) as opened:
        opened.store_results([_result(story) for story in [*STORIES, cancelled]])
        opened.sipri_import(register)
    with serve_ledger(db) as url:
        yield url


def test_sipri_page_shows_a_row_the_ledger_lacks_and_a_deal_sipri_lacks(sipri_server: str, desk: object) -> None:
    desk.goto(sipri_server + "/")  # type: ignore[attr-defined]
    desk.locator("nav a", has_text="SIPRI").first.click()  # type: ignore[attr-defined]
    desk.wait_for_url("**/sipri")  # type: ignore[attr-defined]
    lacking = desk.locator("section[aria-labelledby=h-lacking] tbody").inner_text()  # type: ignore[attr-defined]
    assert "Estonia" in lacking and "K-9 Thunder" in lacking
    assert "India" not in lacking  # SIPRI's S-400 row pairs with the ledger's deal
    news_only = desk.locator("section[aria-labelledby=h-news] tbody")  # type: ignore[attr-defined]
    assert "Abrams" in news_only.inner_text() or "M1" in news_only.inner_text()
    news_only.locator("a.row-link").filter(has_text="M1").first.click()
    desk.wait_for_url("**/deals/us-pl-*")  # type: ignore[attr-defined]
    desk.goto(sipri_server + "/sipri")  # type: ignore[attr-defined]
    # a deal the news reports cancelled is never a match: it is listed apart, beside SIPRI's row
    gone = desk.locator("section[aria-labelledby=h-cancelled] tbody").inner_text()  # type: ignore[attr-defined]
    assert "F-35" in gone and "removed Turkey" in gone
    assert "F-35" not in desk.locator("section[aria-labelledby=h-news] tbody").inner_text()  # type: ignore[attr-defined]
    _shot(desk, "workbench-sipri")


