"""The pages: each route reads the ledger once or twice and renders one template. Read-only."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse
from markupsafe import Markup

from armsledger.deal_row import COLUMNS
from armsledger.errors import NotFound, StoreError
from armsledger.export import csv_cells
from armsledger.ledger_models import FIGURES, STATUSES
from armsledger.store.search import EvidenceHit
from armsledger.store.search import segments as marked
from armsledger.web import charts
from armsledger.web.errors import BadRequest
from armsledger.web.filters import (
    MAX_RESULT_OFFSET,
    MAX_TEXT_CHARS,
    PAGE_SIZES,
    SORTS,
    ConflictPage,
    DealFilters,
    ResultOffset,
    View,
    year_range,
)
from armsledger.web.highlight import segments

router = APIRouter(include_in_schema=False)
# The routes are plain functions: FastAPI runs them in its thread pool, so a slow query or a long
# render keeps one thread busy, not the event loop that answers every other request.

SORTABLE_COLUMNS = ("supplier", "recipient", "system", "status", "quantity", "value", "ordered_on", "sources",
                    "last_reported")
"""Register columns whose header sorts by them (the ledger's sort fields)."""
FIGURE_LABELS = {"quantity": "Quantity", "value": "Value", "ordered_on": "Ordered",
                 "first_delivered_on": "First delivery", "completed_on": "Completed"}
FACET_LABELS = {"status": "Status", "supplier": "Supplier", "recipient": "Recipient",
                "system_family": "System family", "category": "Category", "sources": "Independent sources",
                "year": "Year", "denied": "Denied claims", "planned": "Planned"}
MAX_PAGE = 10**6
"""The highest `?page=` number an old link may carry."""
SEARCH_PAGE_SIZE = 50
"""Articles, and evidence sentences, on one page of search results."""
FLOW_ROWS_PER_PAGE = 50
"""Suppliers (matrix rows) on one page of /flows."""
CSV_MAX_ROWS = 100_000
CSV_BATCH_ROWS = 2_000


def render_page(request: Request, template: str, **context: Any) -> HTMLResponse:  # Any: template values
    """Render a template with the request and context into an HTML response."""
    templates = request.app.state.templates
    return HTMLResponse(templates.get_template(template).render(request=request, **context))


@router.get("/", response_class=HTMLResponse, response_model=None)
def register(request: Request, view: View,
                   page: str | None = Query(None, description="`last`, or a page number (old links)")
                   ) -> HTMLResponse | RedirectResponse:
    """The register: every deal, filtered, sorted, searched, and paged by key (after or before a deal)."""
    ledger = request.app.state.ledger
    moved = _keyset_address(ledger, view, page)
    if moved is not None:
        return RedirectResponse(moved, status_code=303)
    where, is_last = view.where(), page == "last"
    try:
        deals = ledger.deals(**where, sort=view.sort, limit=view.limit, after=view.after, before=view.before,
                             is_backward=is_last)
    except NotFound:  # the deal a link pages from is gone (re-reconciled): start again
        return RedirectResponse("/?" + view.restart(), status_code=303)
    if view.before and len(deals) < view.limit:  # fewer than a page before it: show the first page
        deals, view = ledger.deals(**where, sort=view.sort, limit=view.limit), replace(view, before=None)
    remembered, counted = request.app.state.cache.remembered, tuple(sorted(where.items()))
    total = remembered(("total", counted), lambda: ledger.count_deals(**where))
    is_placed = bool(deals) and (view.after or view.before or is_last)
    start = ledger.deal_position(deals[0].id, sort=view.sort, **where) if is_placed else 0
    pages = {"first": "/?" + view.restart(), "last": "/?" + _joined(view.restart(), "page=last")} | (
        {"prev": "/?" + view.restart(before=deals[0].id)} if start > 0 else {}) | (
        {"next": "/?" + view.restart(after=deals[-1].id)} if start + len(deals) < total else {})
    sort_links = {field: view.restart(sort=field if view.sort == "-" + field else "-" + field)
                  for field in SORTABLE_COLUMNS}
    return render_page(request, "register.html", view=view, deals=deals, total=total, start=start, pages=pages,
                       sorts=SORTS, statuses=STATUSES, page_sizes=PAGE_SIZES, sort_links=sort_links,
                       nav="register", categories=remembered(("categories",), ledger.categories),
                       facets_html=remembered(("facets", view.restart()), lambda: _facets_html(request, view, where)))


def _facets_html(request: Request, view: DealFilters, where: dict[str, object]) -> Markup:
    """Render the register's facets for a view: the counts and a link narrowing the view to each value."""
    facets = request.app.state.ledger.facets(**where)
    template = request.app.state.templates.get_template("_facets.html")
    return Markup(template.render(view=view, facets=facets, facet_labels=FACET_LABELS))


def _keyset_address(ledger: Any, view: DealFilters, page: str | None) -> str | None:  # Any: the ledger
    """Return where an old `?offset=` or `?page=N` link now lives (after the deal before it), or None.

    Raises:
        BadRequest: a page that is neither `last` nor a whole number.
    """
    if page == "last":
        return None
    if page is not None and not (page.isascii() and page.isdigit() and 0 < int(page) <= MAX_PAGE):
        raise BadRequest(f"page: expected `last` or a whole number from 1 to {MAX_PAGE}, got {page!r}")
    skip = view.offset if page is None else (int(page) - 1) * view.limit + view.offset
    if not skip:
        return None if page is None else "/?" + view.restart()
    found = ledger.deals(**view.where(), sort=view.sort, limit=1, offset=skip - 1)
    return "/?" + (view.restart(after=found[0].id) if found else _joined(view.restart(), "page=last"))


def _joined(query: str, more: str) -> str:
    return f"{query}&{more}" if query else more


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, offset: ResultOffset, q: str | None = Query(None)) -> HTMLResponse:
    """Full-text search of article text and claim evidence, ranked, with the matching words marked, paged."""
    query = (q or "").strip()[:MAX_TEXT_CHARS]
    found_articles, found_evidence = request.app.state.ledger.search(
        query, limit=SEARCH_PAGE_SIZE + 1, offset=offset) if query else ([], [])
    is_more = len(found_articles) > SEARCH_PAGE_SIZE or len(found_evidence) > SEARCH_PAGE_SIZE
    # One sentence read into claims of several deals is listed once, with each of its deals.
    sentences: dict[tuple[str, str], tuple[EvidenceHit, list[str]]] = {}
    for hit in found_evidence[:SEARCH_PAGE_SIZE]:
        _, deal_ids = sentences.setdefault((hit.article_id, hit.snippet), (hit, []))
        if hit.deal_id and hit.deal_id not in deal_ids:
            deal_ids.append(hit.deal_id)
    return render_page(request, "search.html", q=query, articles=found_articles[:SEARCH_PAGE_SIZE],
                       evidence=list(sentences.values()), marked=marked, start=offset, nav="search",
                       pages=_pager("/search", {"q": query}, offset, SEARCH_PAGE_SIZE, is_more=is_more))


def _pager(path: str, params: dict[str, object], offset: int, size: int, *, is_more: bool) -> dict[str, str]:
    """Return the previous and next pages' addresses (those that exist) of a list paged by offset."""
    def address(start: int) -> str:
        return path + "?" + urlencode({**{k: v for k, v in params.items() if v not in (None, "")}, "offset": start})

    return ({"prev": address(max(0, offset - size))} if offset else {}) | (
        {"next": address(offset + size)} if is_more and offset + size <= MAX_RESULT_OFFSET else {})


@router.get("/help", response_class=HTMLResponse)
def help_page(request: Request) -> HTMLResponse:
    """What the register's words mean: consensus, independent source, the statuses, the tags."""
    return render_page(request, "help.html", statuses=STATUSES, nav="help")


@router.get("/deals.csv")
def register_csv(request: Request, view: View) -> StreamingResponse:
    """The register's current view (every page of it) as CSV: the export's row (deal_row.py), the same as
    `armsledger export --format csv`."""
    ledger = request.app.state.ledger

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        after = None  # each batch continues after the last deal written: by key, as the pages do
        for _ in range(0, CSV_MAX_ROWS, CSV_BATCH_ROWS):
            batch = ledger.deal_rows(**view.where(), sort=view.sort, limit=CSV_BATCH_ROWS, after=after)
            writer.writerows(csv_cells(row) for row in batch)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if len(batch) < CSV_BATCH_ROWS:
                return
            after = batch[-1].id

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="armsledger-deals.csv"'})


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
def deal(request: Request, deal_id: str) -> HTMLResponse:
    """One deal: its timeline chart, figures with every source's value, denials and evidence."""
    detail = request.app.state.ledger.deal(deal_id)
    figures = sorted(detail.figures.items(), key=lambda item: _figure_rank(item[0]))
    return render_page(request, "deal.html", detail=detail, d=detail.deal, figures=figures, labels=FIGURE_LABELS,
                 chart=charts.timeline(detail.timeline), nav="register")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    """One article: its cleaned text with each claim's evidence highlighted and linked to its deal."""
    stored = request.app.state.ledger.article(article_id)
    return render_page(request, "article.html", a=stored, parts=segments(stored.text, stored.claims), nav="")


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, page: ConflictPage) -> HTMLResponse:
    """One page of the open disagreements between independent sources, newest first."""
    ledger = request.app.state.ledger
    found = ledger.conflicts(limit=page.limit, offset=page.offset, is_oldest_first=page.sort == "reported_on")
    return render_page(request, "conflicts.html", conflicts=found, total=ledger.count_conflicts(), page=page,
                       page_sizes=PAGE_SIZES, nav="conflicts")


@router.get("/new", response_class=HTMLResponse)
def new(request: Request, since: str | None = Query(None)) -> HTMLResponse:
    """The deals, conflicts and denials the feed watch first saw after a time (default: in its last poll)."""
    chosen = (since or "").strip()[:MAX_TEXT_CHARS] or None
    news = request.app.state.ledger.news(since=chosen)
    return render_page(request, "new.html", news=news, since=chosen, nav="new")


@router.get("/flows", response_class=HTMLResponse)
def flows(request: Request, offset: ResultOffset, since: str | None = Query(None), until: str | None = Query(None),
          category: str | None = Query(None)) -> HTMLResponse:
    """Deal counts from each supplier to each recipient, as a matrix paged by supplier."""
    first, last = year_range(since, until)
    chosen = (category or "").strip() or None
    matrix = charts.flow_matrix(request.app.state.ledger.flows(since=first, until=last, category=chosen))
    pages = _pager("/flows", {"since": first, "until": last, "category": chosen}, offset, FLOW_ROWS_PER_PAGE,
                   is_more=offset + FLOW_ROWS_PER_PAGE < len(matrix.suppliers))
    shown = matrix.suppliers[offset:offset + FLOW_ROWS_PER_PAGE]
    narrowed = urlencode({k: v for k, v in (("since", first), ("until", last), ("category", chosen)) if v})
    return render_page(request, "flows.html", matrix=matrix, since=first, until=last, category=chosen,
                       suppliers=shown, cells=charts.matrix_cells(matrix, shown, "&" + narrowed if narrowed else ""),
                       start=offset, pages=pages, nav="flows")


@router.get("/sipri", response_class=HTMLResponse)
def sipri(request: Request, since: str | None = Query(None), until: str | None = Query(None),
                system: str | None = Query(None)) -> HTMLResponse:
    """The ledger beside SIPRI's register: what SIPRI has and the ledger lacks, the reverse, what differs."""
    first, last = year_range(since, until)
    chosen = (system or "").strip() or None
    try:
        diff = request.app.state.ledger.sipri_diff(system=chosen, since=first, until=last)
    except StoreError as err:  # no register imported: the page says how to import one
        return render_page(request, "sipri.html", diff=None, missing=str(err), since=first, until=last,
                     system=chosen, nav="sipri")
    return render_page(request, "sipri.html", diff=diff, missing=None, since=first, until=last, system=chosen,
                 nav="sipri")


@router.get("/systems/{system:path}", response_class=HTMLResponse)
def system(request: Request, system: str) -> HTMLResponse:
    """A weapon system's catalogue entry and its deals."""
    view = request.app.state.ledger.system(system)
    return render_page(request, "system.html", s=view, nav="")


def _figure_rank(name: str) -> tuple[int, str]:
    return (FIGURES.index(name) if name in FIGURES else len(FIGURES), name)
