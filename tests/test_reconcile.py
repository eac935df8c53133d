"""reconcile(): claims with provenance in, deals out; pure, so tested on hand-made Evidence."""
from __future__ import annotations

from ledger_factories import claim

from armsledger.models import Claim
from armsledger.reconcile import Evidence, new_order_cue, reconcile


def _ev(n: int, c: Claim, *, group: str | None = None, published: str | None = None, k: int = 1) -> Evidence:
    return Evidence(f"a{n}#{k}", c, f"a{n}", group or f"a{n}", f"Outlet {n}", published)


def test_regiment_and_battalions_agree_under_the_conversion_rule() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "RU", "TR", "S-400", "Signed for one regiment set.", quantity=(1, "regiment"))),
        _ev(2, claim("agreement", "RU", "TR", "S-400", "Signed for two battalions.", quantity=(2, "battalion"))),
    ])
    assert not deal.figures["quantity"].has_conflict
    assert deal.figures["quantity"].consensus == "2 battalion"


def test_conversion_rule_is_configurable() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "RU", "TR", "S-400", "One regiment set.", quantity=(1, "regiment"))),
        _ev(2, claim("agreement", "RU", "TR", "S-400", "Two battalions.", quantity=(2, "battalion"))),
    ], battalions_per_regiment=3)
    assert deal.figures["quantity"].has_conflict


def test_bounds_conflict_only_when_they_cannot_both_hold() -> None:
    at_least_six = claim("agreement", "RU", "CN", "S-400", "At least six.", quantity=(6, "battalion", "at least"))
    (clash,) = reconcile([_ev(1, at_least_six), _ev(2, claim("agreement", "RU", "CN", "S-400", "Two sets.",
                                                              quantity=(2, "regiment")))])
    (fine,) = reconcile([_ev(1, at_least_six), _ev(2, claim("agreement", "RU", "CN", "S-400", "Eight.",
                                                             quantity=(8, "battalion")))])
    assert clash.figures["quantity"].has_conflict and not fine.figures["quantity"].has_conflict


def test_copies_of_one_story_never_conflict_with_each_other() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "RU", "CN", "S-400", "Six.", quantity=(6, "battalion")), group="wire"),
        _ev(2, claim("agreement", "RU", "CN", "S-400", "Four.", quantity=(4, "battalion")), group="wire"),
    ])
    assert not deal.figures["quantity"].has_conflict and deal.deal.sources == 1


def test_money_in_other_currencies_is_not_a_conflict_and_rounding_is_tolerated() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "US", "PL", "F-35", "USD.", value=("4600000000", "USD"))),
        _ev(2, claim("agreement", "US", "PL", "F-35", "PLN.", value=("19000000000", "PLN"))),
        _ev(3, claim("agreement", "US", "PL", "F-35", "Rounded.", value=("4.6e9", "USD"))),
        _ev(4, claim("agreement", "US", "PL", "F-35", "Rounded again.", value=("4620000000", "USD"))),
    ])
    assert not deal.figures["value"].has_conflict
    assert deal.deal.value is not None and deal.deal.value.currency == "USD"


def test_order_dates_agree_by_prefix_and_report_the_most_precise() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "RU", "TR", "S-400", "In 2017.", date="2017")),
        _ev(2, claim("agreement", "RU", "TR", "S-400", "In September 2017.", date="2017-09")),
    ])
    assert deal.deal.ordered_on == "2017-09" and not deal.figures["ordered_on"].has_conflict


def test_agreements_years_apart_are_separate_orders() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "RU", "CN", "S-300", "First order.", date="2004", value=("980000000", "USD"))),
        _ev(2, claim("agreement", "RU", "CN", "S-300", "Later order.", date="2006", quantity=(8, "battalion"))),
        _ev(3, claim("delivery", "RU", "CN", "S-300", "Delivered.", date="2008")),
    ])
    assert [(d.deal.id, d.deal.ordered_on, d.deal.status) for d in deals] == [
        ("ru-cn-s-300-1", "2004", "ordered"), ("ru-cn-s-300-2", "2006", "delivering")]


def test_a_bare_dated_mention_of_buying_joins_the_earlier_order() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "RU", "TR", "S-400", "Signed for $2.5 billion.", date="2017",
                     value=("2500000000", "USD"))),
        _ev(2, claim("delivery", "RU", "TR", "S-400", "Deliveries began.", date="2019-07-12")),
        _ev(2, claim("agreement", "RU", "TR", "S-400", "The decision to buy, recalled.", date="2019-07-17"), k=2),
    ])
    assert len(deals) == 1 and deals[0].deal.first_delivered_on == "2019-07-12"
    assert deals[0].deal.ordered_on == "2017" and not deals[0].figures["ordered_on"].has_conflict


def test_words_of_a_new_order_open_a_second_deal() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "RU", "TR", "S-400", "Signed in 2017.", date="2017")),
        _ev(2, claim("negotiation", "RU", "TR", "S-400", "Talks on an additional batch are advanced.")),
        _ev(2, claim("interest", "RU", "TR", "S-400", "Moscow is ready, an official said."), k=2),
    ])
    assert [d.deal.status for d in deals] == ["ordered", "negotiating"]
    assert deals[1].claim_ids == ["a2#1", "a2#2"], "the article's other talk serves the new order too"


def test_new_order_cue_reads_ordinals_and_generic_words() -> None:
    assert new_order_cue("the second regiment set of systems") == 2
    assert new_order_cue("sign a new contract on deliveries") == 0
    assert new_order_cue("completed the contract") is None


def test_status_follows_the_furthest_undenied_event() -> None:
    def status(*claims: Claim) -> str:
        return reconcile([_ev(n, c) for n, c in enumerate(claims)])[0].deal.status

    offer = claim("interest", "RU", "IN", "Su-35", "Offered.")
    assert status(offer) == "offered"
    assert status(offer, claim("agreement", "RU", "IN", "Su-35", "Will sign.", planned=True)) == "offered"
    assert status(offer, claim("delivery", "RU", "IN", "Su-35", "Not delivered.", denied=True)) == "offered"
    assert status(offer, claim("completion", "RU", "IN", "Su-35", "All delivered.")) == "delivered"
    assert status(offer, claim("cancellation", "RU", "IN", "Su-35", "Cancelled.", date="2020")) == "cancelled"


def test_denial_is_set_against_reports_of_the_same_event() -> None:
    (deal,) = reconcile([
        _ev(1, claim("delivery", "RU", "CN", "S-400", "Deliveries began.", date="2018")),
        _ev(2, claim("delivery", "RU", "CN", "S-400", "Deliveries will follow.", planned=True)),
        _ev(3, claim("delivery", "RU", "CN", "S-400", "Officials denied deliveries.", denied=True)),
    ])
    assert deal.denials == [("a3#1", ["a1#1"])]


def test_claims_without_a_party_make_no_deal() -> None:
    assert reconcile([_ev(1, claim("interest", None, "IN", "Su-35", "Someone offered."))]) == []


def test_sources_disagreeing_on_when_deliveries_began_conflict() -> None:
    (deal,) = reconcile([
        _ev(1, claim("delivery", "RU", "IN", "S-400", "Deliveries began in November 2021.", date="2021-11")),
        _ev(2, claim("delivery", "RU", "IN", "S-400", "The first regiment arrived in December 2021.", date="2021-12")),
    ])
    assert deal.figures["first_delivered_on"].has_conflict
    assert deal.deal.first_delivered_on == "2021-11"


def test_first_since_a_date_is_no_first_delivery() -> None:
    (deal,) = reconcile([
        _ev(1, claim("delivery", "US", "RO", "HIMARS", "The first six HIMARS launchers arrived in May.", date="2024-05")),
        _ev(2, claim("delivery", "US", "RO", "HIMARS", "Six more launchers arrived, the first since May.",
                     date="2025-01")),
        _ev(3, claim("delivery", "US", "RO", "HIMARS", "Deliveries began in May 2024.", date="2024-05")),
    ])
    assert not deal.figures["first_delivered_on"].has_conflict
    assert deal.deal.first_delivered_on == "2024-05"


def test_a_later_batch_does_not_conflict_with_the_first_delivery() -> None:
    (deal,) = reconcile([
        _ev(1, claim("delivery", "RU", "IN", "S-400", "Deliveries began in December 2021.", date="2021-12")),
        _ev(2, claim("delivery", "RU", "IN", "S-400", "A third regiment was received in 2023.", date="2023")),
    ])
    assert not deal.figures["first_delivered_on"].has_conflict


def test_sources_disagreeing_on_completion_conflict() -> None:
    (deal,) = reconcile([
        _ev(1, claim("completion", "RU", "CN", "S-400", "Deliveries were completed in 2019.", date="2019")),
        _ev(2, claim("completion", "RU", "CN", "S-400", "The contract was fulfilled in 2020.", date="2020")),
    ])
    assert deal.figures["completed_on"].has_conflict
