"""The overview pages: transfers over time, the article index and the system index. Read-only."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from armsledger.ledger_models import STATUSES
from armsledger.store.overview import ARTICLE_SORTS, SYSTEM_SORTS
from armsledger.web import charts
from armsledger.web.filters import PAGE_SIZES, IndexPage, View, index_page
from armsledger.web.views import render_page

router = APIRouter(include_in_schema=False)

ArticlePage = Annotated[IndexPage, Depends(index_page(ARTICLE_SORTS, "-published"))]
SystemPage = Annotated[IndexPage, Depends(index_page(SYSTEM_SORTS, "-deals"))]
ARTICLE_COLUMNS = (("outlet", "Outlet", ""), ("published", "Date", "date"), ("title", "Title", ""),
                   ("claims", "Claims", "num"))
SYSTEM_COLUMNS = (("family", "System family", ""), ("category", "Category", ""), ("deals", "Deals", "num"))
"""Each index's columns: (sort field, header, cell class)."""


@router.get("/over-time", response_class=HTMLResponse)
def over_time(request: Request, view: View) -> HTMLResponse:
    """Deals by the year first dated and status, as a bar chart and a table; the register's filters apply."""
    chart = charts.over_time(request.app.state.ledger.deals_by_year(**view.where()))
    return render_page(request, "over_time.html", chart=chart, view=view, statuses=STATUSES, nav="over-time")


@router.get("/articles", response_class=HTMLResponse)
def article_index(request: Request, page: ArticlePage) -> HTMLResponse:
    """Every stored article: outlet, date, title and claims read from it, each linked to its page."""
    entries, total = request.app.state.ledger.article_index(sort=page.sort, limit=page.limit, offset=page.offset)
    return render_page(request, "article_index.html", entries=entries, total=total, page=page,
                       columns=ARTICLE_COLUMNS, page_sizes=PAGE_SIZES, nav="articles")


@router.get("/systems", response_class=HTMLResponse)
def system_index(request: Request, page: SystemPage) -> HTMLResponse:
    """Every system family the deals name: its category and deal count, each linked to its page."""
    entries, total = request.app.state.ledger.system_index(sort=page.sort, limit=page.limit, offset=page.offset)
    return render_page(request, "system_index.html", entries=entries, total=total, page=page,
                       columns=SYSTEM_COLUMNS, page_sizes=PAGE_SIZES, nav="systems")
