"""The register's counts kept at ingest (store/tallies.py) equal the counts of the deals themselves."""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select

from armsledger.ledger import Ledger
from armsledger.ledger_models import YearCount
from armsledger.settings import Settings
from armsledger.store import facets, overview, reads, tallies
from armsledger.store.tables import deal_conflicts, deal_figures, deal_tallies, deals
from tests.store.conftest import fresh_ledger_url

FILL_DB = Path(__file__).resolve().parents[2] / "benchmarks" / "fill_db.py"


def _fill_db() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fill_db", FILL_DB)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _stored_tallies(ledger: Ledger) -> dict[tuple[str, int, str, str], int]:
    with ledger.store.read() as connection:
        return {(r.scope, r.year, r.facet, r.value): r.n for r in connection.execute(select(deal_tallies))}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def grown(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """A ledger filled in small batches, then given copies of some articles that re-reconcile their deals."""
    fill = _fill_db()
    with fresh_ledger_url(request.param, tmp_path_factory.mktemp("tallies")) as url, \
            Ledger(url, settings=replace(Settings(), batch_size=40)) as ledger:
        ledger.store_results(fill.results(1500, seed=3))
        again = [replace(r, article=replace(r.article, id=r.article.id + "-again", text=r.article.text + " Again."),
                         document=replace(r.document, id=r.document.id + "-again", text=r.document.text + " Again."),
                         claims=[replace(c, doc=c.doc + "-again") for c in r.claims],
                         statements=[replace(c, doc=c.doc + "-again") for c in r.statements])
                 for r in list(fill.results(1500, seed=3))[:150]]
        ledger.store_results(again)
        yield ledger


def test_tallies_kept_at_ingest_equal_a_count_from_scratch(grown: Ledger) -> None:
    kept = _stored_tallies(grown)
    with grown.store.write() as connection:
        tallies.rebuild(connection)
    assert kept and kept == _stored_tallies(grown)


def test_conflicts_kept_at_ingest_are_the_conflicting_figures(grown: Ledger) -> None:
    with grown.store.read() as connection:
        kept = set(connection.execute(select(deal_conflicts.c.deal_id, deal_conflicts.c.figure)))
        conflicting = set(connection.execute(select(deal_figures.c.deal_id, deal_figures.c.figure)
                                             .where(deal_figures.c.has_conflict)))
    assert kept and kept == conflicting
    assert grown.count_conflicts() == len(conflicting)
    assert [(c.deal_id, c.figure) for c in grown.conflicts(limit=5, offset=3)] == [
        (c.deal_id, c.figure) for c in grown.conflicts()][3:8]


@pytest.mark.parametrize("filters", [
    {}, {"status": "delivering"}, {"supplier": "US"}, {"recipient": "in"}, {"denied": True}, {"denied": False},
    {"planned": False}, {"min_sources": 1}, {"min_sources": 2}, {"min_sources": 3}, {"since": 2010, "until": 2010},
    {"since": 2015}, {"until": 2001}, {"category": "ATTACK HELICOPTER"},
])
def test_counts_of_a_scope_equal_the_counts_of_its_deals(grown: Ledger, filters: dict[str, object]) -> None:
    with grown.store.read() as connection:
        scope = tallies.scope_of(connection, filters)
        assert scope is not None
        condition = grown._condition(**filters)  # the SQL filter the counts stand in for
        expected = facets.facet_counts(connection, condition, max_values=10_000)
        found = tallies.facet_counts(connection, scope, max_values=10_000)
        assert tallies.total(connection, scope) == reads.count(connection, condition)
        expected_flows = sorted(reads.flows(connection, condition), key=lambda f: (f.supplier, f.recipient))
        found_flows = sorted(tallies.flows(connection, scope), key=lambda f: (f.supplier, f.recipient))
        expected_by_year = _by_year(overview.deals_by_year(connection, condition))
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in expected.items()}
    assert found_flows == expected_flows
    assert _by_year(grown.deals_by_year(**filters)) == expected_by_year


def _by_year(counts: list[YearCount]) -> dict[tuple[int | None, str], int]:
    found: dict[tuple[int | None, str], int] = {}
    for c in counts:
        found[(c.year, c.status)] = found.get((c.year, c.status), 0) + c.deals
    return found


def test_views_no_scope_covers_are_counted_from_the_deals(grown: Ledger) -> None:
    with grown.store.read() as connection:
        for filters in ({"status": "ordered", "supplier": "US"}, {"q": "deal"}, {"system": "K9"},
                        {"since": 2001, "until": 2005}, {"min_sources": 4}):
            assert tallies.scope_of(connection, filters) is None
    everything = grown.count_deals()
    assert 0 < grown.count_deals(status="delivering", since=2010) < everything


def test_flags_follow_the_claims(grown: Ledger) -> None:
    with grown.store.read() as connection:
        denied = connection.execute(select(func.count()).select_from(deals).where(deals.c.has_denial)).scalar_one()
    assert denied == grown.count_deals(denied=True) > 0
    assert all(d.has_denial for d in grown.deals(denied=True, limit=20))
