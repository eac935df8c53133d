"""A deal's status is earned by its own events: planned ones are expected, denials dispute."""
from __future__ import annotations

from ledger_factories import claim

from armsledger.models import Claim
from armsledger.reconcile import Evidence, reconcile
from armsledger.reconcile.status import standing


def _ev(n: int, c: Claim, *, published: str | None = None, k: int = 1) -> Evidence:
    return Evidence(f"a{n}#{k}", c, f"a{n}", f"a{n}", f"Outlet {n}", published)


def _one(*items: Evidence):  # type: ignore[no-untyped-def]
    (deal,) = reconcile(list(items))
    return deal.deal


SIGNED = claim("agreement", "FR", "GR", "Rafale", "Athens signed a contract for 18 Rafale jets in January 2021.",
               date="2021-01", quantity=(18, "unit"))


def test_planned_deliveries_do_not_raise_the_status_and_show_as_expected() -> None:
    deal = _one(
        _ev(1, SIGNED, published="2021-01-25"),
        _ev(2, claim("delivery", "FR", "GR", "Rafale", "The first jets will be handed over in 2022.", date="2022",
                     planned=True), published="2021-02-01"),
        _ev(3, claim("completion", "FR", "GR", "Rafale", "The last aircraft are due by 2024.", date="2024",
                     planned=True), published="2021-03-01"),
    )
    assert deal.status == "ordered"
    assert deal.expected == "delivery 2022; completion 2024"


def test_a_hedged_event_earns_nothing() -> None:
    hedged = claim("delivery", "FR", "GR", "Rafale", "The jets have reportedly arrived.", date="2021-06")
    hedged = Claim(**{**{f: getattr(hedged, f) for f in hedged.__slots__}, "notes": ("hedged ('reportedly')",)})
    assert _one(_ev(1, SIGNED), _ev(2, hedged)).status == "ordered"


def test_a_delivery_of_the_whole_order_reaches_delivered() -> None:
    done = claim("delivery", "FR", "GR", "Rafale",
                 "Dassault completed the delivery of all 18 contracted Rafale jets in 2023.", date="2023")
    assert _one(_ev(1, SIGNED), _ev(2, done)).status == "delivered"
    batch = claim("delivery", "FR", "GR", "Rafale", "Six more jets reached Tanagra in 2022.", date="2022")
    assert _one(_ev(1, SIGNED), _ev(2, batch)).status == "delivering"


def test_a_cancellation_dated_before_the_order_is_not_of_this_order() -> None:
    old_tender = claim("cancellation", "FR", "GR", "Rafale", "Greece scrapped its fighter tender in 2010.", date="2010")
    assert _one(_ev(1, SIGNED), _ev(2, old_tender)).status == "ordered"
    later = claim("cancellation", "FR", "GR", "Rafale", "Greece cancelled the Rafale contract in 2022.", date="2022")
    assert _one(_ev(1, SIGNED), _ev(2, later)).status == "cancelled"


def test_deliveries_after_a_halt_undo_the_cancellation() -> None:
    halt = claim("cancellation", "FR", "GR", "Rafale", "Deliveries were halted in March 2022.", date="2022-03")
    resumed = claim("delivery", "FR", "GR", "Rafale", "Six jets arrived in June 2022.", date="2022-06")
    assert _one(_ev(1, SIGNED), _ev(2, halt), _ev(3, resumed)).status == "delivering"


def test_a_standing_denial_disputes_the_status() -> None:
    report = _ev(1, claim("delivery", "RU", "CN", "S-400", "The first S-400 set reached China.", date="2018"),
                 published="2018-05-01")
    denial = _ev(2, claim("delivery", "RU", "CN", "S-400", "Moscow denied that deliveries had begun.",
                          denied=True), published="2018-06-01")
    deal = _one(report, denial)
    assert deal.status == "delivering" and deal.is_disputed
    (item,) = reconcile([report, denial])
    assert item.denials == [("a2#1", ["a1#1"])], "both sides are kept"


def test_a_denial_answered_by_a_later_report_no_longer_stands() -> None:
    denial = _ev(1, claim("delivery", "RU", "CN", "S-400", "Moscow denied that deliveries had begun.",
                          denied=True), published="2018-03-01")
    report = _ev(2, claim("delivery", "RU", "CN", "S-400", "The first S-400 set reached China.", date="2018-05"),
                 published="2018-05-20")
    assert not _one(denial, report).is_disputed


def test_a_denied_delivery_does_not_dispute_an_order() -> None:
    denial = _ev(2, claim("delivery", "FR", "GR", "Rafale", "No jet has been delivered yet.", denied=True))
    deal = _one(_ev(1, SIGNED), denial)
    assert deal.status == "ordered" and not deal.is_disputed


def test_a_deal_told_only_by_denials_is_disputed_not_an_offer() -> None:
    denial = _ev(1, claim("agreement", "RU", "EG", "Su-35", "Cairo denied it had signed for Su-35 jets.",
                          denied=True), published="2021-03-01")
    deal = _one(denial)
    assert deal.is_disputed and deal.status == "offered", "nothing earned: the lowest stage, disputed"


def test_nothing_is_expected_of_a_stage_already_reached() -> None:
    done = claim("completion", "FR", "GR", "Rafale", "All 18 jets were delivered by 2023.", date="2023")
    promise = claim("completion", "FR", "GR", "Rafale", "Dassault will complete the order this year.", planned=True)
    more = claim("delivery", "FR", "GR", "Rafale", "Six more jets will follow in 2024.", date="2024", planned=True)
    assert _one(_ev(1, SIGNED), _ev(2, done), _ev(3, promise)).expected is None
    first = claim("delivery", "FR", "GR", "Rafale", "Six jets arrived in 2022.", date="2022")
    assert _one(_ev(1, SIGNED), _ev(2, first), _ev(3, more)).expected == "delivery 2024"


def test_cancelling_a_batch_does_not_cancel_the_order() -> None:
    batch = claim("cancellation", "FR", "GR", "Rafale", "Athens cancelled the second batch of six jets in 2022.",
                  date="2022")
    rest = claim("cancellation", "FR", "GR", "Rafale", "The remaining 12 jets were cancelled in 2022.", date="2022")
    whole = claim("cancellation", "FR", "GR", "Rafale", "Greece cancelled the Rafale order in 2022.", date="2022")
    assert _one(_ev(1, SIGNED), _ev(2, batch)).status == "ordered"
    assert _one(_ev(1, SIGNED), _ev(2, rest)).status == "ordered"
    assert _one(_ev(1, SIGNED), _ev(2, whole)).status == "cancelled"
    last_year = claim("cancellation", "FR", "GR", "Rafale", "Greece cancelled last year's Rafale order.", date="2022")
    assert _one(_ev(1, SIGNED), _ev(2, last_year)).status == "cancelled"


def test_a_completion_is_no_first_delivery_and_makes_the_deal_delivered() -> None:
    deal = _one(
        _ev(1, SIGNED, published="2021-01-25"),
        _ev(2, claim("completion", "FR", "GR", "Rafale", "France completed deliveries of all 18 Rafale jets.",
                     date="2024-04", quantity=(18, "unit")), published="2024-04-20"),
    )
    assert (deal.status, deal.first_delivered_on, deal.completed_on) == ("delivered", None, "2024-04")


def test_a_delivery_of_the_whole_order_dates_the_completion_not_the_first_delivery() -> None:
    deal = _one(
        _ev(1, SIGNED, published="2021-01-25"),
        _ev(2, claim("delivery", "FR", "GR", "Rafale", "Greece has received the first six Rafale jets.",
                     date="2022-05", quantity=(6, "unit")), published="2022-05-10"),
        _ev(3, claim("delivery", "FR", "GR", "Rafale", "Greece has now received all 18 Rafale jets it ordered.",
                     date="2024-04", quantity=(18, "unit")), published="2024-04-20"),
    )
    assert (deal.status, deal.first_delivered_on, deal.completed_on) == ("delivered", "2022-05", "2024-04")


def test_talks_that_ended_do_not_cancel_an_order_signed_before() -> None:
    """Even where both stand in one deal (the identity stage parts them: test_identity.py)."""
    for words in ("Talks on more Rafale jets with France collapsed.", "Greece abandoned negotiations on Rafale jets.",
                  "Athens has halted talks with Paris on Rafale jets."):
        ended = claim("cancellation", "FR", "GR", "Rafale", words, date="2023-06")
        assert standing([_ev(1, SIGNED, published="2021-01-25"), _ev(2, ended, published="2023-06-02")]).status == \
            "ordered", words
    cancelled = claim("cancellation", "FR", "GR", "Rafale", "Greece cancelled its order for 18 Rafale jets.",
                      date="2023-06")
    assert standing([_ev(1, SIGNED, published="2021-01-25"), _ev(2, cancelled, published="2023-06-02")]).status == \
        "cancelled"
