"""The Ledger API on hand-made claims: deals, deal detail, conflicts, articles, flows, systems."""
from __future__ import annotations

from pathlib import Path

import pytest
from ledger_factories import CN_DENIAL, CN_FIRST_SET, TR_SECOND, claim, result, s400_corpus

from armsledger.errors import ConfigError, NotFound, SourceError
from armsledger.ledger import Ledger
from armsledger.models import Claim
from armsledger.settings import Settings


@pytest.fixture()
def ledger(tmp_path: Path) -> Ledger:
    opened = Ledger(str(tmp_path / "ledger.db"), settings=Settings(batch_size=2))
    opened.store_results(s400_corpus())
    return opened


def test_turkey_order_is_reconciled_from_two_sources(ledger: Ledger) -> None:
    detail = ledger.deal("ru-tr-s-400-1")
    assert detail.deal.status == "delivering"
    assert detail.deal.ordered_on == "2017-09"
    assert detail.deal.first_delivered_on == "2019-07-12"
    assert detail.deal.value is not None and int(detail.deal.value.amount) == 2_500_000_000
    assert (detail.deal.quantity.value, detail.deal.quantity.unit) == (2, "battalion")  # type: ignore[union-attr]
    assert not detail.figures["quantity"].has_conflict, "1 regiment set and 2 battalions agree"
    assert detail.deal.sources == 2


def test_second_regiment_set_talks_are_their_own_deal(ledger: Ledger) -> None:
    second = ledger.deal("ru-tr-s-400-2")
    assert second.deal.status == "negotiating"
    assert [e.evidence for e in second.timeline] == [TR_SECOND]


def test_china_quantity_conflict_lists_both_sides_with_sources(ledger: Ledger) -> None:
    figure = ledger.deal("ru-cn-s-400-1").figures["quantity"]
    assert figure.has_conflict
    sides = {v.value: sorted(s.article_id for s in v.sources) for v in figure.values}
    assert sides == {"at least 6 battalion": ["copy-cn-2014", "paper-cn-2014"], "2 regiment": ["agency-cn-2020"]}


def test_denial_is_set_against_the_delivery_it_denies(ledger: Ledger) -> None:
    (denial,) = ledger.deal("ru-cn-s-400-1").denials
    assert denial.claim.evidence == CN_DENIAL
    assert [e.evidence for e in denial.denies] == [CN_FIRST_SET]


def test_wire_copy_is_linked_and_counts_as_one_source(ledger: Ledger) -> None:
    copy = ledger.article("copy-cn-2014")
    assert copy.copy_of == "paper-cn-2014"
    assert ledger.article("paper-cn-2014").copies == ["copy-cn-2014"]
    assert ledger.deal("ru-cn-s-400-1").deal.sources == 3 - 1 + 1  # paper(+copy), agency, portal


def test_deals_filter_by_party_system_status_and_years(ledger: Ledger) -> None:
    assert {d.id for d in ledger.deals(recipient="tr")} == {"ru-tr-s-400-1", "ru-tr-s-400-2"}
    assert [d.id for d in ledger.deals(status="negotiating")] == ["ru-tr-s-400-2"]
    assert ledger.count_deals(system="s-400") == 3
    assert [d.id for d in ledger.deals(until=2015)] == ["ru-cn-s-400-1"]
    assert [d.id for d in ledger.deals(q="first set")] == ["ru-cn-s-400-1"]
    assert ledger.deals(supplier="US") == []


def test_deals_sort_and_page(ledger: Ledger) -> None:
    by_id = [d.id for d in ledger.deals(sort="id")]
    assert by_id == sorted(by_id)
    assert [d.id for d in ledger.deals(sort="id", limit=1, offset=1)] == by_id[1:2]
    with pytest.raises(ConfigError, match="cannot sort deals by 'price'"):
        ledger.deals(sort="price")


def test_conflicts_name_the_deal_and_figure(ledger: Ledger) -> None:
    assert [(c.deal_id, c.figure) for c in ledger.conflicts()] == [("ru-cn-s-400-1", "quantity")]
    assert ledger.conflicts()[0].reported_on == "2020-03-16"


def test_article_keeps_text_metadata_and_claim_spans(ledger: Ledger) -> None:
    stored = ledger.article("portal-cn-2020")
    assert stored.outlet == "Portal F" and stored.published == "2020-01-29"
    (found,) = stored.claims
    assert stored.text[found.span[0]:found.span[1]] == CN_DENIAL
    assert found.deal_id == "ru-cn-s-400-1" and found.denied


def test_unknown_ids_raise_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="no deal 'xx-1'"):
        ledger.deal("xx-1")
    with pytest.raises(NotFound, match="no article"):
        ledger.article("missing")


def test_flows_count_deals_per_pair(ledger: Ledger) -> None:
    assert [(f.supplier, f.recipient, f.deals) for f in ledger.flows()] == [("RU", "TR", 2), ("RU", "CN", 1)]


def test_system_view_lists_its_deals(ledger: Ledger) -> None:
    view = ledger.system("S-400")
    assert {d.id for d in view.deals} == {"ru-cn-s-400-1", "ru-tr-s-400-1", "ru-tr-s-400-2"}


def test_ingest_again_skips_stored_articles(ledger: Ledger) -> None:
    summary = ledger.store_results(s400_corpus())
    assert (summary.articles_read, summary.articles_skipped, summary.claims) == (6, 6, 0)
    assert ledger.count_deals() == 3


def test_new_article_updates_only_the_deals_it_touches(ledger: Ledger) -> None:
    before = {d.id: d for d in ledger.deals()}
    text = "Turkey completed the S-400 order in 2020, its ministry said."
    summary = ledger.store_results([result("late-tr", text, [
        claim("completion", "RU", "TR", "S-400", text, date="2020")], published="2020-06-01")])
    assert summary.deals_touched == 2  # the group RU|TR|S-400 holds two deals
    after = {d.id: d for d in ledger.deals()}
    assert after["ru-cn-s-400-1"] == before["ru-cn-s-400-1"]
    assert after["ru-tr-s-400-1"].status == "delivered"


def test_changed_article_replaces_its_old_claims(ledger: Ledger) -> None:
    text = "Officials in Moscow confirmed S-400 deliveries to China."
    ledger.store_results([result("portal-cn-2020", text, [
        claim("delivery", "RU", "CN", "S-400", text, date="2020-01")], published="2020-01-29")])
    assert ledger.deal("ru-cn-s-400-1").denials == []
    assert len(ledger.article("portal-cn-2020").claims) == 1


def test_add_articles_rejects_a_record_without_text(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "l.db"), settings=Settings())
    with pytest.raises(SourceError, match="needs an 'id' and a 'text'"):
        ledger.add_articles([{"id": "a"}])


def test_add_articles_stores_documents(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "l.db"), settings=Settings())
    summary = ledger.add_articles([{"id": "note-1", "text": "A short note about nothing in particular."}])
    assert summary.articles_read == 1
    assert ledger.article("note-1").text.startswith("A short note")


SHARED = Path(__file__).resolve().parents[2] / "shared"


def _check_issue_deals(ledger: Ledger) -> None:
    """The deals issue 4 asks the seeds to reconcile to."""
    turkey = ledger.deal("ru-tr-s-400-1")
    assert turkey.deal.ordered_on == "2017-09"
    assert turkey.deal.value is not None and int(turkey.deal.value.amount) == 2_500_000_000
    quantity = turkey.figures["quantity"]
    stated = next(v for v in quantity.values if v.value == quantity.consensus and v.kind is None)
    assert (stated.normalized or stated.value) == "2 battalion" and not quantity.has_conflict
    assert turkey.deal.first_delivered_on == "2019-07-12"
    assert ledger.deal("ru-tr-s-400-2").deal.status == "negotiating"
    china = ledger.deal("ru-cn-s-400-1")
    assert china.deal.ordered_on == "2014"
    assert china.deal.value is not None and int(china.deal.value.amount) == 3_000_000_000
    quantity = china.figures["quantity"]
    assert quantity.has_conflict
    sides = {v.normalized or v.value: {s.article_id[:3] for s in v.sources} for v in quantity.values}
    assert sides.get("4 battalion") == {"002"} and {"000"} in sides.values()
    assert any(d.claim.article_id.startswith("004") and d.denies for d in china.denials)


@pytest.mark.skipif(not (SHARED / "eval" / "dev" / "gold.jsonl").is_file(), reason="../shared is absent")
def test_gold_claims_of_the_seeds_reconcile_to_the_issue_deals(tmp_path: Path) -> None:
    import json

    def first(value: object) -> object:
        return value[0] if isinstance(value, list) else value

    by_doc: dict[str, list[Claim]] = {}
    for line in (SHARED / "eval" / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        quantity, value = first(gold.get("quantity")), first(gold.get("value"))
        by_doc.setdefault(gold["doc"], []).append(claim(
            gold["event"], gold["supplier"], gold["recipient"], first(gold["system"]), gold["evidence"],  # type: ignore[arg-type]
            quantity=(quantity["value"], quantity["unit"]) if isinstance(quantity, dict) else None,
            value=(str(value["amount"]), value["currency"]) if isinstance(value, dict) else None,
            date=first(gold.get("date")), denied=gold["denied"], planned=gold["planned"],  # type: ignore[arg-type]
            source=gold.get("source")))
    ledger = Ledger(str(tmp_path / "gold.db"), settings=Settings())
    ledger.store_results([result(doc, (SHARED / "seeds" / doc).read_text(encoding="utf-8"), claims)
                          for doc, claims in sorted(by_doc.items())])
    _check_issue_deals(ledger)


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is absent")
@pytest.mark.xfail(strict=True, reason="the parse reader does not date the RU-CN order: 'the first foreign buyer to "
                   "seal a deal with Russia in 2014' (the gold-claims test above still reconciles to these deals)")
def test_seeds_ingest_to_the_issue_deals(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "seeds.db"), settings=Settings())
    summary = ledger.ingest(SHARED / "seeds")
    assert summary.articles_read == 5 and summary.errors == 0
    _check_issue_deals(ledger)


def test_reextract_replaces_claims_of_unchanged_articles(ledger: Ledger) -> None:
    (stored,) = [r for r in s400_corpus() if r.article.id == "portal-cn-2020"]
    confirmed = claim("delivery", "RU", "CN", "S-400", CN_DENIAL, date="2020-01")
    again = result("portal-cn-2020", stored.document.text, [confirmed], published="2020-01-29")
    assert ledger.store_results([again]).articles_skipped == 1
    assert ledger.article("portal-cn-2020").claims[0].denied
    summary = ledger.store_results([again], is_reextract=True)
    assert (summary.replaced, summary.claims) == (1, 1)
    assert not ledger.article("portal-cn-2020").claims[0].denied
    assert ledger.deal("ru-cn-s-400-1").denials == []


def test_since_keeps_deals_still_active_that_year(ledger: Ledger) -> None:
    assert {d.id for d in ledger.deals(since=2020)} == {"ru-cn-s-400-1", "ru-tr-s-400-1", "ru-tr-s-400-2"}
    assert ledger.deals(since=2021) == []
    assert [(f.supplier, f.recipient) for f in ledger.flows(until=2015)] == [("RU", "CN")]


def test_unknown_system_raises_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="no system 'Zz-9'"):
        ledger.system("Zz-9")


def test_progress_is_reported_per_article(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "p.db"), settings=Settings(batch_size=2))
    seen: list[int] = []
    ledger.store_results(s400_corpus(), progress=seen.append)
    assert seen == [1, 2, 3, 4, 5, 6]
