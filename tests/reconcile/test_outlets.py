"""Independent sources: who published an article, wire copies counted once, conflicts between outlets."""
from __future__ import annotations

from pathlib import Path

import pytest
from ledger_factories import claim, result

from armsledger.ledger import Ledger
from armsledger.models import Claim
from armsledger.reconcile import Evidence, reconcile
from armsledger.reconcile.outlets import credit, host, identify
from armsledger.settings import Settings


@pytest.mark.parametrize(("head", "tail", "expected"), [
    ("Jets for Cairo\n\nCAIRO, May 4 (Reuters) - Egypt signed for 30 more jets.", "", "Reuters"),
    ("NEW DELHI (ANI): The ministry said on Monday it had cleared the buy.", "", "ANI"),
    ("Egypt signed for 30 more jets on Monday.", "Officials gave no price.\n\nSOURCE: ANI", "ANI"),
    ("Egypt signed for 30 more jets on Monday.", "Talks went on.\n(With inputs from PTI)", "PTI"),
    ("Egypt (which already flies the type) signed for more jets.", "", None),
    ("(Photo: ministry) Egypt signed for 30 more jets.", "", None),
])
def test_credit_reads_datelines_and_closing_lines(head: str, tail: str, expected: str | None) -> None:
    assert credit(head, tail) == expected


def test_hosts_and_outlet_names_fold_to_one_outlet() -> None:
    assert host("https://www.harbourtimes.com/defence/1") == "harbourtimes"
    assert host("https://m.harbourtimes.co.uk/x") == "harbourtimes"
    assert host("https://defence.harbourtimes.com/x") == "harbourtimes"
    names = {identify(outlet="Harbour Times", url=None, fallback="a1"),
             identify(outlet=None, url="https://www.harbourtimes.com/x", fallback="a2"),
             identify(outlet="harbourtimes.com", url=None, fallback="a3")}
    assert names == {"harbourtimes"}
    assert identify(outlet="Harbour Times", url=None, head="LIMA, May 4 (Reuters) - Peru", fallback="a") == "reuters"
    assert identify(outlet=None, url=None, fallback="a9") == "a9"


def _ev(n: int, c: Claim, *, outlet: str, published: str, article: str | None = None) -> Evidence:
    article_id = article or f"a{n}"
    return Evidence(f"{article_id}#{n}", c, article_id, outlet, outlet, published, article_id)


ORDER = "Peru signed for {} K9 howitzers."


def _order(n: int) -> Claim:
    return claim("agreement", "KR", "PE", "K9", ORDER.format(n), quantity=(n, "unit"), date="2024")


def test_two_readings_of_one_article_never_conflict() -> None:
    (deal,) = reconcile([_ev(1, _order(24), outlet="harbourtimes", published="2024-05-04", article="x"),
                         _ev(2, _order(54), outlet="harbourtimes", published="2024-05-04", article="x")])
    assert not deal.figures["quantity"].has_conflict and deal.deal.sources == 1


def test_one_outlet_against_itself_at_different_dates_is_a_marked_conflict() -> None:
    (deal,) = reconcile([_ev(1, _order(24), outlet="harbourtimes", published="2024-05-04"),
                         _ev(2, _order(54), outlet="harbourtimes", published="2024-06-10")])
    figure = deal.figures["quantity"]
    assert figure.has_conflict and figure.conflict_note == "one outlet at different dates"
    assert deal.deal.sources == 1


def test_one_outlet_the_same_day_is_one_report() -> None:
    (deal,) = reconcile([_ev(1, _order(24), outlet="harbourtimes", published="2024-05-04"),
                         _ev(2, _order(54), outlet="harbourtimes", published="2024-05-04")])
    assert not deal.figures["quantity"].has_conflict


def test_two_outlets_disagreeing_is_a_conflict_between_independent_outlets() -> None:
    (deal,) = reconcile([_ev(1, _order(24), outlet="harbourtimes", published="2024-05-04"),
                         _ev(2, _order(54), outlet="andeanpost", published="2024-05-05")])
    assert deal.figures["quantity"].conflict_note == "independent outlets" and deal.deal.sources == 2


def test_copies_of_one_wire_in_two_outlets_count_once(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "w.db"), settings=Settings())
    first = "LIMA, May 4 (Reuters) - Peru signed for 24 K9 howitzers from South Korea, the ministry said."
    second = ("LIMA, May 4 (Reuters) - Peru has ordered 24 K9 howitzers, its defence ministry said on Saturday, "
              "in a deal that also covers training.")
    evidence_1 = "Peru signed for 24 K9 howitzers from South Korea, the ministry said."
    evidence_2 = "Peru has ordered 24 K9 howitzers, its defence ministry said on Saturday"
    ledger.store_results([
        result("harbour-1", first, [claim("agreement", "KR", "PE", "K9", evidence_1, quantity=(24, "unit"),
                                          date="2024-05-04", source="the ministry")],
               published="2024-05-04", outlet="Harbour Times"),
        result("andean-1", second, [claim("agreement", "KR", "PE", "K9", evidence_2, quantity=(24, "unit"),
                                          date="2024-05-04", source="its defence ministry")],
               published="2024-05-05", outlet="Andean Post"),
    ])
    (deal,) = ledger.deals()
    assert deal.sources == 1, "two printings of one Reuters story are one source"
    values = ledger.deal(deal.id).figures["quantity"].values
    assert {s.outlet for v in values for s in v.sources} == {"Harbour Times", "Andean Post"}
    assert {s.source for v in values for s in v.sources} == {"the ministry", "its defence ministry"}
