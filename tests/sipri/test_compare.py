"""sipri diff: pairs of one order, blank against blank no difference, three lists with evidence."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_factories import claim, result

from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.sipri import SipriRow
from armsledger.sipri.compare import BOTH_BLANK, DIFFERS, SIPRI_FURTHER, compare, family_index
from tests.store.conftest import fresh_ledger_url

PREAMBLE = "Transfers of major conventional arms\n" + "a note line\n" * 9 + "Data generated: today\n"
HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
          "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
          "SIPRI TIV of delivered weapons\n")
ROWS = (
    "Poland,South Korea,2016,,96,,K-9 Thunder 155mm,self-propelled gun,96,,2017; 2018,New,Krab chassis,1,96,96\n"
    "Poland,South Korea,2022,,212,,K-9 Thunder 155mm,self-propelled gun,24,,2022,New,$2.4 b deal,1,212,24\n"
    "Norway,South Korea,2017,,24,,K-9 Thunder 155mm,self-propelled gun,24,,2019; 2020,New,,1,24,24\n"
    "Estonia,South Korea,2018,,12,,K-9 Thunder 155mm,self-propelled gun,12,,2020,Second-hand,,1,12,12\n"
    "Poland,South Korea,2022,,180,,K-2 Black Panther,tank,10,,2022,New,,1,180,10\n"
    "India,South Korea,2017,,120,,K-9 Thunder 155mm,self-propelled gun,120,,2018; 2019,New,,1,120,120\n"
)
INDIA_K2_ROW = "India,South Korea,2022,,180,,K-2 Black Panther,tank,20,,2024,New,,1,180,20\n"


def _register(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes((PREAMBLE + HEADER + ROWS).encode("latin-1"))
    return path


ORDER_2022 = "Poland signed for 212 K9 howitzers from South Korea in August 2022."
FIRST_2022 = "The first 24 K9 guns reached Gdynia in December 2022."
NORWAY = "Norway ordered 24 K9 howitzers from South Korea in 2017."
TALKS = "Egypt is in talks with Hanwha about K9 howitzers."
INDIA = "India signed for 100 K9 guns from South Korea in 2017."
ROMANIA = "Romania signed for 54 K9 howitzers from South Korea in 2024."
INDIA_K2 = "India signed for 180 K2 tanks from South Korea in 2022."
INDIA_K2_CANCELLED = "India cancelled its order for K2 tanks from South Korea in 2023."


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    with fresh_ledger_url(request.param, tmp_path) as url, Ledger(url, settings=Settings()) as opened:
        yield _filled(opened, tmp_path)


def _filled(opened: Ledger, tmp_path: Path) -> Ledger:
    opened.store_results([
        result("pl-2022", f"{ORDER_2022} {FIRST_2022}", [
            claim("agreement", "KR", "PL", "K9", ORDER_2022, quantity=(212, "unit"), date="2022-08"),
            claim("delivery", "KR", "PL", "K9", FIRST_2022, date="2022-12")], published="2022-12-07"),
        result("no-2017", NORWAY, [claim("agreement", "KR", "NO", "K9", NORWAY, quantity=(24, "unit"), date="2017")],
               published="2017-12-21"),
        result("eg-2024", TALKS, [claim("negotiation", "KR", "EG", "K9", TALKS)], published="2024-02-01"),
        result("in-2017", INDIA, [claim("agreement", "KR", "IN", "K9", INDIA, quantity=(100, "unit"), date="2017")],
               published="2017-05-10"),
        result("ro-2024", ROMANIA, [claim("agreement", "KR", "RO", "K9", ROMANIA, quantity=(54, "unit"),
                                          date="2024")], published="2024-07-10"),
    ])
    opened.sipri_import(_register(tmp_path))
    return opened


def test_a_sipri_designation_written_its_own_way_is_of_the_family() -> None:
    find = family_index({"K9", "S-400"}, family_of=lambda name: None)

    def row(designation: str) -> SipriRow:
        return SipriRow(1, "Poland", "South Korea", "PL", "KR", 2022, False, 212, False, designation, "", None,
                        False, (), "New", "", "", "", "", None, None)

    assert find(row("K-9 Thunder 155mm")) == "K9"
    assert find(row("S-400 Triumf")) == "S-400"
    assert find(row("S-4000")) is None and find(row("K-2 Black Panther")) is None
    assert family_index({"BrahMos"}, family_of=lambda name: "PJ-10")(row("PJ-10 BrahMos")) == "BrahMos", \
        "a licence-built missile under its SIPRI name"
    by_class = family_index({"M-1"}, family_of=lambda name: None, category_of={"M-1": "tank"}.get)
    sokol = SipriRow(1, "East Germany", "Czechoslovakia", None, None, 1953, False, 10, False, "M-1 Sokol",
                     "light aircraft", None, False, (), "New", "", "", "", "", None, None)
    assert by_class(sokol) is None, "a light aircraft is no M-1 tank"


def test_a_2022_order_pairs_with_the_2022_row_not_the_2016_one(ledger: Ledger) -> None:
    diff = ledger.sipri_diff()
    pairs = {m.deal.id: m.row.ordered_year for m in diff.matches}
    assert pairs == {"kr-pl-k9-1": 2022, "kr-no-k9-1": 2017, "kr-in-k9-1": 2017}
    poland = next(m for m in diff.matches if m.deal.id == "kr-pl-k9-1")
    states = {f.field: f.state for f in poland.fields}
    assert states == {"ordered_on": "same", "quantity": "same", "value": "SIPRI only",
                      "first_delivered_on": "same", "status": "same"}
    assert poland not in diff.differing


def test_a_row_four_years_off_pairs_only_on_the_same_number() -> None:
    from armsledger.ledger_models import Deal
    from armsledger.models import Quantity
    from armsledger.sipri.compare import line_up

    def deal(number: int) -> Deal:
        return Deal("us-pl-f-35-1", "US", "PL", "F-35", "F-35", None, "ordered", Quantity(number, "unit"), None,
                    "2024", None, None, False, 1, 1, "2022-04-05", "2022-04-05")

    row = SipriRow(7, "Poland", "United States", "PL", "US", 2020, False, 32, False, "F-35A Lightning-2", "", None,
                   False, (2024,), "New", "", "", "", "", None, None, "F-35A")
    family = family_index({"F-35"}, family_of={"F-35A": "F-35"}.get)
    assert len(line_up([deal(32)], [row], row_family=family)[0]) == 1
    assert line_up([deal(40)], [row], row_family=family)[0] == []


def _cancelled_ledger(tmp_path: Path) -> Ledger:
    """India's K2 order signed and cancelled in the news; SIPRI lists it with deliveries."""
    ledger = Ledger(str(tmp_path / "cancelled.db"), settings=Settings())
    ledger.store_results([
        result("in-k2-2022", INDIA_K2, [claim("agreement", "KR", "IN", "K2", INDIA_K2, quantity=(180, "unit"),
                                              date="2022")], published="2022-09-01"),
        result("in-k2-2023", INDIA_K2_CANCELLED, [claim("cancellation", "KR", "IN", "K2", INDIA_K2_CANCELLED,
                                                        date="2023")], published="2023-03-01"),
    ])
    register = tmp_path / "register.csv"
    register.write_bytes((PREAMBLE + HEADER + ROWS + INDIA_K2_ROW).encode("latin-1"))
    ledger.sipri_import(register)
    return ledger


def test_a_cancelled_deal_is_no_match_and_is_listed_with_its_sipri_row(tmp_path: Path) -> None:
    """The news says India cancelled; SIPRI lists the order with deliveries: shown apart, never paired."""
    diff = _cancelled_ledger(tmp_path).sipri_diff()
    assert "kr-in-k2-1" not in {m.deal.id for m in diff.matches} | {n.deal.id for n in diff.news_only}
    (cancelled,) = diff.cancelled
    assert cancelled.deal.id == "kr-in-k2-1" and cancelled.deal.status == "cancelled"
    assert cancelled.row is not None and (cancelled.row.designation, cancelled.row.delivery_years) == (
        "K-2 Black Panther", (2024,))
    assert [e.evidence for e in cancelled.evidence] == [INDIA_K2_CANCELLED]
    assert all(item.row.line != cancelled.row.line for item in diff.sipri_only), "the ledger has that order"


def test_sipri_diff_prints_cancelled_deals_apart(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from armsledger.cli import main

    _cancelled_ledger(tmp_path)
    out = CliRunner().invoke(main, ["sipri", "diff", "--db", str(tmp_path / "cancelled.db")], terminal_width=160)
    assert out.exit_code == 0, out.output
    assert "Cancelled in the news" in out.output and "K-2 Black Panther, ordered 2022, delivered 2024" in out.output
    assert "In both: 0 of 0 pairs differ" in out.output


def test_a_cancelled_deal_without_a_sipri_row_is_listed_alone() -> None:
    from armsledger.ledger_models import Deal
    from armsledger.models import Quantity
    from armsledger.sipri.compare import line_up, line_up_cancelled

    deal = Deal("kr-no-k2-1", "KR", "NO", "K2", "K2", None, "cancelled", Quantity(14, "unit"), None,
                "2021-02-08", None, None, False, 3, 3, "2021-02-08", "2023-10-04")
    row = SipriRow(3, "Norway", "South Korea", "NO", "KR", 2021, False, 14, False, "K-2 Black Panther", "tank", 14,
                   False, (2022,), "New", "", "", "", "", None, None)
    family = family_index({"K2"}, family_of=lambda name: None)
    pairs, lonely, rest = line_up([deal], [row], row_family=family)
    assert (pairs, lonely, rest) == ([], [], [row]), "a cancelled deal is neither a match nor news only"
    assert line_up_cancelled([deal], [row], row_family=family) == [(deal, row)]
    assert line_up_cancelled([deal], [], row_family=family) == [(deal, None)]


def test_a_disputed_status_is_never_the_same_as_sipris() -> None:
    from armsledger.ledger_models import Deal
    from armsledger.sipri.compare import DISPUTED, Match

    deal = Deal("us-tr-f-16-1", "US", "TR", "F-16", "F-16", None, "delivering", None, None, None, "2025-06-02",
                None, False, 2, 3, "2025-06-02", "2025-06-09", is_disputed=True)
    row = SipriRow(4, "Turkiye", "United States", "TR", "US", 2024, False, 40, False, "F-16 Block-70", "", 2,
                   False, (2025,), "New", "", "", "", "", None, None)
    fields = {f.field: (f.news, f.state) for f in compare(deal, row, battalions_per_regiment=2)}
    assert fields["status"] == ("delivering, disputed", DISPUTED)
    assert Match(deal, row, compare(deal, row, battalions_per_regiment=2)).differs


def test_blank_against_blank_is_no_difference(ledger: Ledger) -> None:
    norway = next(m for m in ledger.sipri_diff().matches if m.deal.id == "kr-no-k9-1")
    (value,) = [f for f in norway.fields if f.field == "value"]
    assert value.state == BOTH_BLANK and value.is_same
    (status,) = [f for f in norway.fields if f.field == "status"]
    assert (status.news, status.sipri, status.state) == ("ordered", "delivered", SIPRI_FURTHER)
    assert norway not in ledger.sipri_diff().differing, "SIPRI's data are newer than the last report"


def test_pairs_that_differ_are_listed_with_both_values(ledger: Ledger) -> None:
    (india,) = ledger.sipri_diff().differing
    assert india.deal.id == "kr-in-k9-1"
    assert [(f.news, f.sipri) for f in india.fields if f.state == DIFFERS] == [("100 unit", "120")]


def test_three_lists_each_with_evidence(ledger: Ledger) -> None:
    diff = ledger.sipri_diff()
    lacking = {(r.row.recipient, r.row.ordered_year): (r.articles, r.articles_with_parties) for r in diff.sipri_only}
    assert lacking == {("PL", 2016): (5, 1), ("EE", 2018): (5, 0)}, "the K2 row is of no family the news names"
    assert diff.sipri_only[0].row.recipient == "PL", "rows whose parties the articles name come first"
    assert [n.deal.id for n in diff.news_only] == ["kr-ro-k9-1"], "talks with Egypt are not expected in SIPRI"
    assert diff.news_only[0].evidence[0].evidence == ROMANIA


def test_since_and_until_bound_the_window(ledger: Ledger) -> None:
    diff = ledger.sipri_diff(since=2020, until=2023)
    assert [m.deal.id for m in diff.matches] == ["kr-pl-k9-1"]
    assert diff.sipri_only == [] and diff.news_only == [], "Romania ordered in 2024, after the window"


def test_compare_counts_regiments_in_battalions() -> None:
    from armsledger.ledger_models import Deal
    from armsledger.models import Quantity
    deal = Deal("ru-tr-s-400-1", "RU", "TR", "S-400", "S-400", None, "delivering", Quantity(1, "regiment"), None,
                "2017-09", "2019-07-12", None, False, 2, 3, "2017-09-12", "2020-03-16")
    row = SipriRow(1, "Turkiye", "Russia", "TR", "RU", 2017, False, 2, True, "S-400 Triumf", "", 2, False,
                   (2019,), "New", "", "", "", "", None, None)
    fields = {f.field: (f.news, f.state) for f in compare(deal, row, battalions_per_regiment=2)}
    assert fields["quantity"] == ("2 battalion", "same") and fields["status"] == ("delivering", SIPRI_FURTHER)


def test_the_web_page_shows_the_three_lists(ledger: Ledger) -> None:
    from fastapi.testclient import TestClient

    from armsledger.web import create_app

    with TestClient(create_app(ledger, cache_size=0)) as client:
        page = client.get("/sipri")
        assert page.status_code == 200
        assert "In SIPRI, not in the ledger (2)" in page.text and "K-9 Thunder 155mm" in page.text
        assert "not in SIPRI (1)" in page.text and ROMANIA in page.text
        assert "In both, and different (1 of 3 pairs)" in page.text
        narrowed = client.get("/sipri?since=2020&until=2023")
        assert "In SIPRI, not in the ledger (0)" in narrowed.text


def test_the_web_page_says_how_to_import_a_register(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from armsledger.web import create_app

    empty = Ledger(str(tmp_path / "e.db"), settings=Settings())
    with TestClient(create_app(empty, cache_size=0)) as client:
        assert "armsledger sipri import FILE" in client.get("/sipri").text
