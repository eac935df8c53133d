"""The pages: each route reads the ledger once or twice and renders one template. Read-only."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from armsledger.errors import StoreError
from armsledger.export import safe_cell
from armsledger.ledger_models import FIGURES, STATUSES, Deal
from armsledger.store.search import EvidenceHit
from armsledger.store.search import segments as marked
from armsledger.web import charts
from armsledger.web.filters import MAX_TEXT_CHARS, PAGE_SIZES, SORTS, View, year_range
from armsledger.web.highlight import segments
from armsledger.web.present import show

router = APIRouter(include_in_schema=False)

CSV_COLUMNS: tuple[str, ...] = (
    "id", "supplier", "recipient", "system", "system_family", "category", "status",
    "quantity", "quantity_unit", "quantity_bound", "value", "value_currency", "value_bound",
    "ordered_on", "first_delivered_on", "completed_on", "has_conflict", "sources", "claims",
    "first_reported", "last_reported",
)
"""The CSV's columns: the deal's fields, with quantity and value split into number, unit and bound."""
SORTABLE_COLUMNS = ("supplier", "recipient", "system", "status", "quantity", "value", "ordered_on", "sources",
                    "last_reported")
"""Register columns whose header sorts by them (the ledger's sort fields)."""
FIGURE_LABELS = {"quantity": "Quantity", "value": "Value", "ordered_on": "Ordered",
                 "first_delivered_on": "First delivery", "completed_on": "Completed"}
FACET_LABELS = {"status": "Status", "supplier": "Supplier", "recipient": "Recipient",
                "system_family": "System family", "category": "Category", "sources": "Independent sources",
                "year": "Year", "denied": "Denied claims", "planned": "Planned"}
CSV_MAX_ROWS = 100_000
CSV_BATCH_ROWS = 2_000


def render_page(request: Request, template: str, **context: Any) -> HTMLResponse:  # Any: template values
    """Render a template with the request and context into an HTML response."""
    templates = request.app.state.templates
    return HTMLResponse(templates.get_template(template).render(request=request, **context))


@router.get("/", response_class=HTMLResponse)
async def register(request: Request, view: View) -> HTMLResponse:
    """The register: every deal, filtered, sorted, searched and paged."""
    ledger = request.app.state.ledger
    deals = ledger.deals(**view.where(), sort=view.sort, limit=view.limit, offset=view.offset)
    total = ledger.count_deals(**view.where())
    sort_links = {field: view.query(sort=field if view.sort == "-" + field else "-" + field, offset=0)
                  for field in SORTABLE_COLUMNS}
    return render_page(request, "register.html", view=view, deals=deals, total=total, sorts=SORTS,
                 statuses=STATUSES, page_sizes=PAGE_SIZES, sort_links=sort_links, nav="register",
                 facets=ledger.facets(**view.where()), facet_labels=FACET_LABELS, categories=ledger.categories())


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, q: str | None = Query(None)) -> HTMLResponse:
    """Full-text search of article text and claim evidence, ranked, with the matching words marked."""
    query = (q or "").strip()[:MAX_TEXT_CHARS]
    found_articles, found_evidence = request.app.state.ledger.search(query) if query else ([], [])
    # One sentence read into claims of several deals is listed once, with each of its deals.
    sentences: dict[tuple[str, str], tuple[EvidenceHit, list[str]]] = {}
    for hit in found_evidence:
        _, deal_ids = sentences.setdefault((hit.article_id, hit.snippet), (hit, []))
        if hit.deal_id and hit.deal_id not in deal_ids:
            deal_ids.append(hit.deal_id)
    return render_page(request, "search.html", q=query, articles=found_articles, evidence=list(sentences.values()),
                 marked=marked, nav="search")


@router.get("/help", response_class=HTMLResponse)
async def help_page(request: Request) -> HTMLResponse:
    """What the register's words mean: consensus, independent source, the statuses, the tags."""
    return render_page(request, "help.html", statuses=STATUSES, nav="help")


@router.get("/deals.csv")
def register_csv(request: Request, view: View) -> StreamingResponse:
    """The register's current view (every page of it) as CSV."""
    ledger = request.app.state.ledger

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for offset in range(0, CSV_MAX_ROWS, CSV_BATCH_ROWS):
            batch = ledger.deals(**view.where(), sort=view.sort, limit=CSV_BATCH_ROWS, offset=offset)
            for deal in batch:
                writer.writerow([_csv_cell(value) for value in _csv_values(deal)])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if len(batch) < CSV_BATCH_ROWS:
                return

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="armsledger-deals.csv"'})


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
async def deal(request: Request, deal_id: str) -> HTMLResponse:
    """One deal: its timeline chart, figures with every source's value, denials and evidence."""
    detail = request.app.state.ledger.deal(deal_id)
    figures = sorted(detail.figures.items(), key=lambda item: _figure_rank(item[0]))
    return render_page(request, "deal.html", detail=detail, d=detail.deal, figures=figures, labels=FIGURE_LABELS,
                 chart=charts.timeline(detail.timeline), nav="register")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> HTMLResponse:
    """One article: its cleaned text with each claim's evidence highlighted and linked to its deal."""
    stored = request.app.state.ledger.article(article_id)
    return render_page(request, "article.html", a=stored, parts=segments(stored.text, stored.claims), nav="")


@router.get("/conflicts", response_class=HTMLResponse)
async def conflicts(request: Request) -> HTMLResponse:
    """Every open disagreement between independent sources, newest first."""
    found = sorted(request.app.state.ledger.conflicts(), key=lambda c: c.reported_on or "", reverse=True)
    return render_page(request, "conflicts.html", conflicts=found, nav="conflicts")


@router.get("/flows", response_class=HTMLResponse)
async def flows(request: Request, since: str | None = Query(None), until: str | None = Query(None),
          category: str | None = Query(None)) -> HTMLResponse:
    """Deal counts from each supplier to each recipient, as a matrix."""
    first, last = year_range(since, until)
    chosen = (category or "").strip() or None
    found = request.app.state.ledger.flows(since=first, until=last, category=chosen)
    return render_page(request, "flows.html", matrix=charts.flow_matrix(found), since=first, until=last,
                 category=chosen, nav="flows")


@router.get("/sipri", response_class=HTMLResponse)
async def sipri(request: Request, since: str | None = Query(None), until: str | None = Query(None),
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
async def system(request: Request, system: str) -> HTMLResponse:
    """A weapon system's catalogue entry and its deals."""
    view = request.app.state.ledger.system(system)
    return render_page(request, "system.html", s=view, nav="")


def _figure_rank(name: str) -> tuple[int, str]:
    return (FIGURES.index(name) if name in FIGURES else len(FIGURES), name)


def _csv_values(deal: Deal) -> list[object]:
    q, v = deal.quantity, deal.value
    return [
        deal.id, deal.supplier, deal.recipient, deal.system, deal.system_family, deal.category, deal.status,
        q.value if q else None, q.unit if q else None, q.bound if q else None,
        f"{v.amount:f}" if v else None, v.currency if v else None, v.bound if v else None,
        deal.ordered_on, deal.first_delivered_on, deal.completed_on, deal.has_conflict, deal.sources, deal.claims,
        deal.first_reported, deal.last_reported,
    ]


def _csv_cell(value: object) -> str:
    """Render a cell; text a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str):
        return str(safe_cell(value))
    return "" if value is None else str(value) if isinstance(value, int) else show(value)
