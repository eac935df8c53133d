"""The analyst's workbench: system names as typed, full-text search, denial and plan filters, facets, sorts."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from armsledger.ledger import Ledger
from armsledger.ledger_models import Deal
from armsledger.store import search
from armsledger.web import create_app
from armsledger.web.filters import SORTS
from tests.store.conftest import postgres_server
from tests.web.workbench_ledger import ledger_at


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bench(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    server = postgres_server() if request.param == "postgres" else None
    with ledger_at(request.param, tmp_path_factory.mktemp("bench"), server) as url, Ledger(url) as opened:
        yield opened


@pytest.fixture()
def web(bench: Ledger) -> Iterator[TestClient]:
    with TestClient(create_app(bench, cache_size=0)) as client:
        yield client


def _deal_ids(html: str) -> list[str]:
    return re.findall(r'href="/deals/([^"]+)"', html)


@pytest.mark.parametrize("typed, family", [
    ("S400", "S-400"), ("Triumf", "S-400"), ("s-400", "S-400"), ("K-9", "K9"), ("Abrams", "M-1"), ("M1A2", "M-1"),
])
def test_system_filter_finds_deals_by_any_catalogue_name(bench: Ledger, typed: str, family: str) -> None:
    found = bench.deals(system=typed)
    assert found and {d.system_family for d in found} == {family}


def test_system_filter_keeps_an_unknown_name_literal(bench: Ledger) -> None:
    assert bench.deals(system="Zzyzx-9") == []


def test_register_page_resolves_a_typed_alias(web: TestClient) -> None:
    page = web.get("/", params={"system": "Triumf"}).text
    assert _deal_ids(page) and all("s-400" in deal for deal in _deal_ids(page))


def test_category_is_a_pick_list_of_the_ledger_categories(web: TestClient, bench: Ledger) -> None:
    page = web.get("/", params={"category": "sam SYSTEM"}).text
    picker = re.search(r'<select id="f-category" name="category">(.*?)</select>', page, re.DOTALL)
    assert picker is not None
    assert re.findall(r'<option value="([^"]*)"', picker.group(1)) == ["", *bench.categories()]
    assert '<option value="SAM system" selected>' in picker.group(1)
    assert set(_deal_ids(page)) == {d.id for d in bench.deals(category="SAM system")}


def test_categories_are_sorted_and_distinct(bench: Ledger) -> None:
    found = bench.categories()
    assert found == sorted(set(found), key=str.casefold)
    assert {"SAM system", "self-propelled gun", "tank"} <= set(found)


def test_full_text_search_finds_an_article_by_a_word_only_its_text_holds(bench: Ledger) -> None:
    articles, evidence = bench.search("Yerevan airspace")
    assert [hit.article_id for hit in articles] == ["bench-ru-am-2019"]
    assert evidence == []  # the words are in a sentence no claim was read from


def test_full_text_search_ranks_and_marks_the_matching_words(bench: Ledger) -> None:
    articles, evidence = bench.search("Armenia")
    assert {hit.article_id for hit in articles} == {"bench-ru-am-2019", "bench-ru-am-2020"}
    assert all(f"{search.MARK_START}Armenia{search.MARK_END}" in hit.snippet for hit in articles)
    assert [hit.rank for hit in articles] == sorted(hit.rank for hit in articles)
    assert {hit.deal_id for hit in evidence} == {d.id for d in bench.deals(recipient="AM")}


def test_full_text_search_folds_word_endings(bench: Ledger) -> None:
    articles, _ = bench.search("delivery")
    assert "bench-us-pl-2022" in {hit.article_id for hit in articles}  # "Deliveries are due"


@pytest.mark.parametrize("query", ['"', "S-400 OR", "NEAR(", "*", "title:", ""])
def test_full_text_search_reads_operators_as_plain_words(bench: Ledger, query: str) -> None:
    bench.search(query)  # no syntax error from the engine


def test_search_page_escapes_the_text_and_marks_matches(web: TestClient) -> None:
    page = web.get("/search", params={"q": "Armenia"}).text
    assert "<mark>Armenia</mark>" in page
    assert 'href="/articles/bench-ru-am-2019"' in page
    assert "\x02" not in page and "\x03" not in page


def test_register_search_matches_evidence_by_word(bench: Ledger) -> None:
    assert {d.recipient for d in bench.deals(q="kroner")} == {"NO"}


def test_denied_filter_lists_only_deals_with_a_denial(bench: Ledger) -> None:
    denied = bench.deals(denied=True)
    assert [d.system for d in denied] == ["Iskander"]
    assert "Iskander" not in {d.system for d in bench.deals(denied=False)}
    assert len(bench.deals(denied=False)) == bench.count_deals() - 1


def test_planned_filter_lists_deals_with_a_planned_event(bench: Ledger) -> None:
    assert [d.system_family for d in bench.deals(planned=True)] == ["M-1"]


def test_min_sources_keeps_deals_on_several_outlets(bench: Ledger) -> None:
    assert [d.system for d in bench.deals(min_sources=2)] == ["S-400"]


def test_sort_by_value_puts_dollars_first_largest_first(bench: Ledger) -> None:
    values = [(d.value.currency, d.value.amount) for d in bench.deals(sort="-value") if d.value]
    assert values == [("USD", 5400000000), ("USD", 4750000000), ("NOK", 2200000000)]
    ascending = [d.value.amount for d in bench.deals(sort="value") if d.value]
    assert ascending[:2] == [4750000000, 5400000000]


def test_sort_by_quantity_orders_by_the_number(bench: Ledger) -> None:
    quantities = [d.quantity.value for d in bench.deals(sort="-quantity") if d.quantity]
    assert quantities == sorted(quantities, reverse=True) and quantities[0] == 250


def test_facets_count_the_filtered_deals(bench: Ledger) -> None:
    everything = bench.facets()
    assert dict(everything["supplier"])["RU"] == len(bench.deals(supplier="RU"))
    assert sum(n for _, n in everything["status"]) == bench.count_deals()
    assert everything["denied"] == [("yes", 1)] and everything["planned"] == [("yes", 1)]
    assert dict(everything["sources"]) == {"1": bench.count_deals() - 1, "2": 1}
    narrowed = bench.facets(recipient="AM")
    assert dict(narrowed["recipient"]) == {"AM": 2} and narrowed["planned"] == []


def test_register_shows_facet_counts_that_link_to_their_filter(web: TestClient) -> None:
    page = web.get("/").text
    link = re.search(r'<a href="/\?([^"]*denied=yes[^"]*)">yes</a> <span class="count">1</span>', page)
    assert link is not None
    narrowed = web.get("/?" + link.group(1).replace("&amp;", "&")).text
    assert len(set(_deal_ids(narrowed))) == 1 and "Iskander" in narrowed


def test_register_filters_denied_and_sorts_by_value_from_the_form(web: TestClient) -> None:
    denied = set(_deal_ids(web.get("/", params={"denied": "yes"}).text))
    assert len(denied) == 1 and "iskander" in denied.pop()
    assert web.get("/", params={"denied": "maybe"}).status_code == 400
    by_value = list(dict.fromkeys(_deal_ids(web.get("/", params={"sort": "-value"}).text)))
    assert [d.split("-")[1] for d in by_value[:3]] == ["in", "pl", "no"]


def test_register_row_says_how_many_independent_sources(web: TestClient) -> None:
    page = web.get("/", params={"system": "S-400"}).text
    assert '<td class="num sources"><span class="n">2</span></td>' in page
    single = web.get("/", params={"system": "K9"}).text
    assert '<span class="n">1</span> <span class="tag thin">single source</span>' in single


def test_segments_split_a_marked_snippet_into_matches() -> None:
    marked = f"a {search.MARK_START}b{search.MARK_END} c {search.MARK_START}d{search.MARK_END}"
    assert search.segments(marked) == [("a ", False), ("b", True), (" c ", False), ("d", True)]


def test_help_page_explains_the_register_words(web: TestClient) -> None:
    page = web.get("/help")
    assert page.status_code == 200
    for anchor in ("consensus", "independent-source", "conflict", "denied", "planned",
                   *(f"status-{s}" for s in ("offered", "negotiating", "ordered", "delivering", "delivered",
                                             "cancelled"))):
        assert f'id="{anchor}"' in page.text, anchor
    assert 'href="/help"' in web.get("/").text  # reachable from every page's header


def test_not_found_page_speaks_to_a_web_reader(web: TestClient) -> None:
    page = web.get("/deals/no-such-deal")
    assert page.status_code == 404 and "no deal &#39;no-such-deal&#39;" in page.text
    assert "armsledger deals" not in page.text and "`" not in page.text
    assert 'href="/search"' in page.text
    api = web.get("/api/deals/no-such-deal").json()  # the API keeps the whole message
    assert api["status"] == 404 and "armsledger deals" in api["error"]


def test_search_page_lists_a_sentence_once_with_each_of_its_deals(web: TestClient) -> None:
    page = web.get("/search", params={"q": "Latvia Lithuania"}).text
    assert page.count("each ordered HIMARS") == 2  # the article's snippet and its one evidence line
    assert re.search(r'deals <a href="/deals/us-l[tv]-himars-1">us-l[tv]-himars-1</a>, <a href', page)


def test_register_search_by_a_state_name_finds_its_deals(bench: Ledger) -> None:
    assert {d.recipient for d in bench.deals(q="Armenia")} == {"AM"}
    assert {d.supplier for d in bench.deals(q="south korea")} == {"KR"}


def test_register_search_offers_the_full_text_search(web: TestClient) -> None:
    page = web.get("/", params={"q": "Yerevan airspace"}).text
    assert 'href="/search?q=Yerevan%20airspace"' in page


def _register_row(html: str, deal_id: str) -> str:
    start = html.index(f'href="/deals/{deal_id}"')
    return html[html.rindex("<tr>", 0, start):html.index("</tr>", start)]


def test_register_row_shows_its_outlets_and_any_denial(bench: Ledger, web: TestClient) -> None:
    page = web.get("/?limit=200").text
    for deal in bench.deals():
        row = _register_row(page, deal.id)
        assert f'<span class="n">{deal.sources}</span>' in row
        assert ("single source" in row) == (deal.sources == 1)
        assert ("conflict</span>" in row) == deal.has_conflict
        assert (">disputed<" in row or ">denied<" in row) == deal.has_denial
    denied = {d.system for d in bench.deals(denied=True)}
    assert denied == {d.system for d in bench.deals() if d.has_denial} == {"Iskander"}
    assert bench.deal(bench.deals(system="Iskander")[0].id).deal.has_denial


@pytest.mark.parametrize("sort", SORTS)
def test_keyset_paging_walks_every_deal_once_both_ways(bench: Ledger, sort: str) -> None:
    """Nulls (deals without a value, a quantity or an order date) sit at the end in either direction."""
    expected = [d.id for d in bench.deals(sort=sort)]
    assert len(expected) == bench.count_deals() == 7
    for size in (1, 3, 4):
        forward: list[str] = []
        page = bench.deals(sort=sort, limit=size)
        while page:
            assert bench.deal_position(page[0].id, sort=sort) == len(forward)
            forward += [d.id for d in page]
            page = bench.deals(sort=sort, limit=size, after=page[-1].id)
        backward: list[str] = []
        page = bench.deals(sort=sort, limit=size, is_backward=True)
        while page:
            backward = [d.id for d in page] + backward
            page = bench.deals(sort=sort, limit=size, before=page[0].id)
        assert forward == backward == expected


def test_keyset_paging_keeps_the_filters(bench: Ledger) -> None:
    russian = [d.id for d in bench.deals(supplier="RU", sort="value")]
    first = bench.deals(supplier="RU", sort="value", limit=1)
    rest = bench.deals(supplier="RU", sort="value", after=first[0].id)
    assert [d.id for d in first + rest] == russian and len(russian) == 3


def _sort_value(deal: Deal, field: str) -> object:
    if field == "value":
        return deal.value.amount if deal.value else None
    if field == "quantity":
        return deal.quantity.value if deal.quantity else None
    return getattr(deal, field)


@pytest.mark.parametrize("sort", SORTS)
def test_every_order_reads_the_deals_as_python_sorts_them_with_nulls_last(bench: Ledger, sort: str) -> None:
    """The register's stretches (reads._segments) against a sort in Python: every page after and
    before each deal, and each deal's position."""
    field, is_descending = sort.lstrip("-"), sort.startswith("-")
    every = sorted(bench.deals(), key=lambda d: d.id)
    known = [d for d in every if _sort_value(d, field) is not None]
    known.sort(key=lambda d: _sort_value(d, field), reverse=is_descending)  # stable: ties stay by id
    if field == "value":  # amounts in US dollars first, in either direction
        known.sort(key=lambda d: d.value is None or d.value.currency != "USD")
    expected = [d.id for d in known + [d for d in every if _sort_value(d, field) is None]]
    assert [d.id for d in bench.deals(sort=sort)] == expected
    assert [d.id for d in bench.deals(sort=sort, limit=3, offset=2)] == expected[2:5]
    for place, deal_id in enumerate(expected):
        assert bench.deal_position(deal_id, sort=sort) == place
        assert [d.id for d in bench.deals(sort=sort, limit=2, after=deal_id)] == expected[place + 1:place + 3]
        assert [d.id for d in bench.deals(sort=sort, limit=2, before=deal_id)] == expected[max(0, place - 2):place]
