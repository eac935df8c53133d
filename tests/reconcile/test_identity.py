"""Deal identity: one group of supplier, recipient and system parted into orders by what texts say."""
from __future__ import annotations

from ledger_factories import claim

from armsledger.models import Claim
from armsledger.reconcile import Evidence, new_order_cue, reconcile


def _ev(n: int, c: Claim, *, published: str | None = None, k: int = 1) -> Evidence:
    return Evidence(f"a{n}#{k}", c, f"a{n}", f"a{n}", f"Outlet {n}", published)


def test_order_cues_read_more_another_and_follow_on() -> None:
    assert new_order_cue("India will buy two more squadrons of the system") == 0
    assert new_order_cue("Cairo ordered another 12 jets last week") == 0
    assert new_order_cue("a follow-on batch of 18 aircraft") == 0
    assert new_order_cue("talks on additional frigates") == 0
    assert new_order_cue("more than 100 missiles were included") is None
    assert new_order_cue("the jets, worth more than $2 billion") is None


def test_two_more_in_the_evidence_opens_a_new_deal_with_its_reason() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "FR", "EG", "Rafale", "Egypt signed for 24 Rafale in 2015.", date="2015",
                     quantity=(24, "unit")), published="2015-02-16"),
        _ev(2, claim("negotiation", "FR", "EG", "Rafale", "Cairo is in talks to buy 30 more Rafale jets.",
                     quantity=(30, "unit")), published="2020-06-01"),
    ])
    assert [d.deal.status for d in deals] == ["ordered", "negotiating"]
    assert deals[1].reasons["a2#1"] == "'30 more' in its sentence: an order of its own"
    assert deals[0].reasons["a1#1"] == "signed in 2015, the order's year"


def test_a_lease_is_not_the_purchase() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "US", "IN", "MQ-9", "India signed to lease two MQ-9 drones in 2020.",
                     date="2020", quantity=(2, "unit")), published="2020-11-25"),
        _ev(1, claim("delivery", "US", "IN", "MQ-9", "Both drones arrived in November.", date="2020-11"),
            published="2020-11-25", k=2),
        _ev(2, claim("agreement", "US", "IN", "MQ-9", "India signed for 31 MQ-9B drones in 2024.",
                     date="2024", quantity=(31, "unit")), published="2024-10-16"),
    ])
    assert [(d.deal.quantity.value if d.deal.quantity else None, d.deal.status) for d in deals] == [
        (2, "delivering"), (31, "ordered")]
    assert deals[0].reasons["a1#2"].startswith("its article's deal is a lease")


def test_a_lease_and_a_purchase_signed_the_same_year_stay_apart() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "US", "IN", "MQ-9", "India signed to lease two MQ-9 drones.", date="2020",
                     quantity=(2, "unit"))),
        _ev(2, claim("agreement", "US", "IN", "MQ-9", "India ordered 10 MQ-9 drones.", date="2020",
                     quantity=(10, "unit"))),
    ])
    assert sorted(d.deal.quantity.value for d in deals if d.deal.quantity) == [2, 10]
    assert not any(d.figures["quantity"].has_conflict for d in deals)


def test_each_buying_service_has_its_own_deal() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "FR", "IN", "Rafale", "The air force's 36 Rafale were ordered in 2016.",
                     date="2016", quantity=(36, "unit")), published="2016-09-23"),
        _ev(2, claim("agreement", "FR", "IN", "Rafale", "The navy signed for 26 Rafale M fighters.",
                     date="2025", quantity=(26, "unit")), published="2025-04-28"),
        _ev(2, claim("delivery", "FR", "IN", "Rafale", "The first jets are due in 2029.", date="2029",
                     planned=True), published="2025-04-28", k=2),
    ])
    assert [(d.deal.quantity.value if d.deal.quantity else None) for d in deals] == [36, 26]
    assert deals[1].reasons["a2#2"] == ("for the navy: its article names that service; "
                                        "delivery of 2029, after the 2025 signing")
    assert deals[1].deal.expected == "delivery 2029"


def test_one_service_named_does_not_part_the_group() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "FR", "IN", "Rafale", "The air force ordered 36 Rafale.", date="2016",
                     quantity=(36, "unit"))),
        _ev(2, claim("delivery", "FR", "IN", "Rafale", "Five Rafale landed at Ambala.", date="2020")),
    ])
    assert len(deals) == 1 and deals[0].deal.status == "delivering"


def test_signings_on_different_dates_for_counts_that_cannot_be_one_order_are_two_deals() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "US", "PL", "M1 Abrams", "Poland signed for 250 Abrams tanks.", date="2022-04-05",
                     quantity=(250, "unit")), published="2022-04-05"),
        _ev(2, claim("agreement", "US", "PL", "M1 Abrams", "Poland signed for 116 used Abrams.", date="2023-01",
                     quantity=(116, "unit")), published="2023-01-13"),
        _ev(2, claim("delivery", "US", "PL", "M1 Abrams", "The used tanks arrived in June.", date="2023-06"),
            published="2023-01-13", k=2),
    ])
    assert [(d.deal.quantity.value if d.deal.quantity else None, d.deal.ordered_on) for d in deals] == [
        (250, "2022-04-05"), (116, "2023-01")]
    assert not any(d.figures["quantity"].has_conflict for d in deals)
    assert deals[1].reasons["a2#1"].startswith("signed 2023-01 for 116 unit: not one order with the 2022-04-05")
    assert deals[1].claim_ids == ["a2#1", "a2#2"], "the delivery in the second article serves its order"


def test_outlets_disagreeing_on_one_signing_stay_one_deal_with_a_conflict() -> None:
    (deal,) = reconcile([
        _ev(1, claim("agreement", "KR", "PL", "K9", "Poland signed for 212 K9 on Friday.", date="2022-08-26",
                     quantity=(212, "unit"))),
        _ev(2, claim("agreement", "KR", "PL", "K9", "Poland signed for 96 K9 in August.", date="2022-08",
                     quantity=(96, "unit"))),
    ])
    assert deal.figures["quantity"].has_conflict


def test_an_undated_signing_joins_the_order_its_count_fits() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "KR", "PL", "K9", "Poland ordered 96 K9 hulls in 2016.", date="2016",
                     quantity=(96, "unit")), published="2016-12-01"),
        _ev(2, claim("agreement", "KR", "PL", "K9", "Poland signed for 212 K9 in 2022.", date="2022",
                     quantity=(212, "unit")), published="2022-08-27"),
        _ev(3, claim("agreement", "KR", "PL", "K9", "Poland bought 96 K9 hulls for its Krab guns.",
                     quantity=(96, "unit")), published="2024-03-01"),
    ])
    assert [d.claim_ids for d in deals] == [["a1#1", "a3#1"], ["a2#1"]]
    assert not any(d.figures["quantity"].has_conflict for d in deals)
    assert deals[0].reasons["a3#1"].endswith("the order whose count it fits")


def test_a_service_named_only_as_a_place_or_on_a_delivery_parts_nothing() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "US", "EG", "F-16", "The jets go to Egypt's air force under a 2010 deal.",
                     date="2010"), published="2013-01-10"),
        _ev(1, claim("delivery", "US", "EG", "F-16", "The first four jets leave the naval air base on Jan. 22.",
                     date="2013-01-22", planned=True), published="2013-01-10", k=2),
        _ev(2, claim("delivery", "US", "EG", "F-16", "The navy escorted the jets' delivery flight.", date="2013-02"),
            published="2013-02-01"),
    ])
    assert len(deals) == 1 and deals[0].deal.status == "delivering"


def test_talks_on_more_reported_after_a_signing_of_more_are_another_order() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "US", "IN", "AH-64", "The army signed for 22 Apaches.", date="2015",
                     quantity=(22, "unit")), published="2015-09-28"),
        _ev(2, claim("agreement", "US", "IN", "AH-64", "In February 2020, India signed for six more Apaches.",
                     date="2020-02", quantity=(6, "unit")), published="2023-06-01"),
        _ev(3, claim("negotiation", "US", "IN", "AH-64", "A contract for five additional Apache helicopters may follow.",
                     quantity=(5, "unit")), published="2023-06-02"),
    ])
    assert [(d.deal.status, d.deal.quantity.value if d.deal.quantity else None) for d in deals] == [
        ("ordered", 22), ("ordered", 6), ("negotiating", 5)]
    assert deals[2].reasons["a3#1"].endswith("reported after another such order was signed")


def test_a_cancellation_worded_more_ends_the_talks_so_worded_not_the_first_order() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "FR", "EG", "Rafale", "Egypt signed for 24 Rafale in 2015.", date="2015",
                     quantity=(24, "unit")), published="2015-02-16"),
        _ev(2, claim("delivery", "FR", "EG", "Rafale", "The first Rafale jets arrived in Egypt.", date="2016"),
            published="2016-07-21"),
        _ev(3, claim("negotiation", "FR", "EG", "Rafale", "Cairo is in talks to buy 30 more Rafale jets.",
                     quantity=(30, "unit")), published="2020-06-01"),
        _ev(4, claim("cancellation", "FR", "EG", "Rafale", "Cairo halted talks on 30 more Rafale jets."),
            published="2021-01-10"),
    ])
    assert [(d.deal.status, d.claim_ids) for d in deals] == [
        ("delivering", ["a1#1", "a2#1"]), ("cancelled", ["a3#1", "a4#1"])]
    assert deals[1].reasons["a4#1"].startswith("'30 more' in its sentence: the order so worded before it")


def test_a_cancellation_worded_more_with_no_such_order_is_a_deal_of_its_own() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "FR", "EG", "Rafale", "Egypt signed for 24 Rafale in 2015.", date="2015",
                     quantity=(24, "unit")), published="2015-02-16"),
        _ev(2, claim("cancellation", "FR", "EG", "Rafale", "Cairo dropped plans for 30 more Rafale jets."),
            published="2021-01-10"),
    ])
    assert [(d.deal.status, d.claim_ids) for d in deals] == [("ordered", ["a1#1"]), ("cancelled", ["a2#1"])]


def _norway_2017() -> Evidence:
    return _ev(1, claim("agreement", "KR", "NO", "K9", "Norway signed for 24 K9 howitzers.", date="2017-12",
                        quantity=(24, "unit")), published="2017-12-20")


def test_an_undated_delivery_beside_a_new_signing_serves_the_earlier_order() -> None:
    signed = "Norway signed for 12 K9 howitzers on Monday."
    delivered = "Norway has already taken delivery of K9 howitzers."
    deals = reconcile([
        _norway_2017(),
        _ev(2, claim("agreement", "KR", "NO", "K9", signed, date="2025-03-10", quantity=(12, "unit")),
            published="2025-03-10"),
        _ev(2, claim("delivery", "KR", "NO", "K9", delivered), published="2025-03-10", k=2),
    ])
    assert [(d.deal.status, d.claim_ids) for d in deals] == [("delivering", ["a1#1", "a2#2"]), ("ordered", ["a2#1"])]


def test_a_delivery_larger_than_an_order_is_not_of_it() -> None:
    deals = reconcile([
        _norway_2017(),
        _ev(2, claim("agreement", "KR", "NO", "K9", "Norway signed for 4 more K9 howitzers.", date="2022-11",
                     quantity=(4, "unit")), published="2022-11-10"),
        _ev(3, claim("delivery", "KR", "NO", "K9", "Twenty K9 guns were handed over.", date="2023",
                     quantity=(20, "unit")), published="2023-05-02"),
    ])
    assert [(d.deal.status, d.claim_ids) for d in deals] == [("delivering", ["a1#1", "a3#1"]), ("ordered", ["a2#1"])]


def test_a_delivery_before_every_signing_is_of_an_earlier_order() -> None:
    """The first battery arrived in 2020; a 2024 contract cannot have delivered it."""
    deals = reconcile([
        _ev(1, claim("delivery", "NO", "LT", "NASAMS", "Lithuania took delivery of its first NASAMS battery.",
                     date="2020-10-27"), published="2020-10-27"),
        _ev(2, claim("agreement", "NO", "LT", "NASAMS", "Lithuania signed for three NASAMS batteries.",
                     date="2024-05-15", quantity=(3, "battery")), published="2024-05-15"),
        _ev(3, claim("delivery", "NO", "LT", "NASAMS", "The first of the three new batteries arrived.",
                     date="2025-09"), published="2025-09-02"),
    ])
    assert [(d.deal.status, d.deal.ordered_on, d.deal.first_delivered_on) for d in deals] == [
        ("delivering", None, "2020-10-27"), ("delivering", "2024-05-15", "2025-09")]
    assert deals[0].reasons["a1#1"].startswith("delivered by 2020-10-27, before its order's signing (2024-05-15)")


def test_a_delivery_before_a_later_signing_stays_with_the_order_signed_before_it() -> None:
    deals = reconcile([
        _ev(1, claim("agreement", "NO", "LT", "NASAMS", "Lithuania signed for two NASAMS batteries.",
                     date="2018-03", quantity=(2, "battery")), published="2018-03-01"),
        _ev(2, claim("delivery", "NO", "LT", "NASAMS", "Lithuania took delivery of its first NASAMS battery.",
                     date="2020-10-27"), published="2020-10-27"),
        _ev(3, claim("agreement", "NO", "LT", "NASAMS", "Lithuania signed for three NASAMS batteries.",
                     date="2024-05-15", quantity=(3, "battery")), published="2024-05-15"),
    ])
    assert [(d.deal.ordered_on, d.deal.first_delivered_on) for d in deals] == [
        ("2018-03", "2020-10-27"), ("2024-05-15", None)]


def test_talks_more_than_a_year_after_a_signing_open_a_prospective_deal() -> None:
    deals = reconcile([
        _ev(1, claim("negotiation", "SE", "CZ", "Gripen", "Czechia is in talks to buy 14 Gripen jets.",
                     quantity=(14, "unit")), published="2021-11-16"),
        _ev(2, claim("agreement", "SE", "CZ", "Gripen", "Czechia signed for 14 Gripen jets.", date="2022-03-14",
                     quantity=(14, "unit")), published="2022-03-14"),
        _ev(3, claim("negotiation", "SE", "CZ", "Gripen", "Czechia is in talks on buying Gripen jets.",
                     date="2022-11"), published="2022-11-20"),
        _ev(4, claim("negotiation", "SE", "CZ", "Gripen", "Czechia is in talks to buy 24 Gripen jets.",
                     quantity=(24, "unit")), published="2025-10-09"),
        _ev(5, claim("interest", "SE", "CZ", "Gripen", "Sweden has offered 24 Gripen jets to Czechia.",
                     quantity=(24, "unit")), published="2026-01-20"),
    ])
    assert [(d.deal.status, sorted(d.claim_ids)) for d in deals] == [
        ("ordered", ["a1#1", "a2#1", "a3#1"]), ("negotiating", ["a4#1", "a5#1"])]
    assert deals[1].reasons["a4#1"] == ("negotiation of 2025-10-09, more than a year after the last signing "
                                        "(2022-03-14): a prospective order")


def test_an_end_of_talks_after_a_signing_never_cancels_the_signed_order() -> None:
    signed = _ev(1, claim("agreement", "DE", "LT", "Leopard-2", "Lithuania signed for 44 Leopard 2 tanks.",
                          date="2023-12-18", quantity=(44, "unit")), published="2023-12-18")
    ended = _ev(3, claim("cancellation", "DE", "LT", "Leopard-2",
                         "Lithuania has ended talks with Germany on 30 Leopard 2 tanks.", date="2025-06-20",
                         quantity=(30, "unit")), published="2025-06-20")
    alone = reconcile([signed, ended])
    assert [(d.deal.status, d.claim_ids) for d in alone] == [("ordered", ["a1#1"]), ("cancelled", ["a3#1"])]
    talks = _ev(2, claim("negotiation", "DE", "LT", "Leopard-2", "Lithuania is negotiating to buy 30 Leopard 2 tanks.",
                         quantity=(30, "unit")), published="2025-02-11")
    with_talks = reconcile([signed, talks, ended])
    assert [(d.deal.status, d.claim_ids) for d in with_talks] == [
        ("ordered", ["a1#1"]), ("cancelled", ["a2#1", "a3#1"])]


def test_additional_before_the_systems_name_is_a_cue() -> None:
    from armsledger.reconcile.orders import cue_match
    assert cue_match("Croatia is in talks to buy additional Rafales.", ["Rafale"]) == (0, "additional Rafales")
    assert cue_match("Lithuania wants another 20 Leopards.", ["Leopard-2A8", "Leopard-2"]) == (0, "another 20 Leopards")
    assert cue_match("Croatia wants additional French support for its jets.", ["Rafale"]) is None
    deals = reconcile([
        _ev(1, claim("agreement", "FR", "HR", "Rafale", "Croatia signed for 12 Rafale jets.", date="2021-11-25",
                     quantity=(12, "unit")), published="2021-11-25"),
        _ev(2, claim("negotiation", "FR", "HR", "Rafale", "Croatia is in talks to buy additional Rafales.",
                     date="2022-06"), published="2022-06-14"),
    ])
    assert [(d.deal.status, d.claim_ids) for d in deals] == [("ordered", ["a1#1"]), ("negotiating", ["a2#1"])]
