"""The JSON API under /api: the pages' data in the ledger's own vocabulary.

Every answer has `"ok": true`; every failure is `{"ok": false, "error": "...", "status": N}`.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from armsledger.web.filters import MAX_TEXT_CHARS, ConflictPage, View, year_range
from armsledger.web.guard import TOKEN_MESSAGE, has_token

log = logging.getLogger("armsledger.web")

router = APIRouter(prefix="/api", tags=["ledger"])
ingest_router = APIRouter(prefix="/api", tags=["ingest"])

MAX_INGEST_ARTICLES = 500
MAX_ARTICLE_CHARS = 2_000_000

Record = dict[str, Any]  # Any: JSON values


@router.get("", summary="What the API offers")
def index(request: Request) -> Record:
    """Return the API's routes and where its OpenAPI document is."""
    paths = request.app.openapi()["paths"]
    routes = sorted(f"{method.upper()} {path}" for path, methods in paths.items() for method in methods)
    return {"ok": True, "openapi": "/api/openapi.json", "routes": routes}


@router.get("/deals", summary="Deals of the register, filtered, sorted and paged")
def deals(request: Request, view: View) -> Record:
    """Return one page of deals and how many match the filters in all."""
    ledger = request.app.state.ledger
    found = ledger.deals(**view.where(), sort=view.sort, limit=view.limit, offset=view.offset, after=view.after,
                         before=view.before)
    total = ledger.count_deals(**view.where())
    return {"ok": True, "total": total, "limit": view.limit, "offset": view.offset,
            "deals": [d.to_record() for d in found]}


@router.get("/deals/{deal_id}", summary="One deal with its timeline, figures and denials")
def deal(request: Request, deal_id: str) -> Record:
    """Return a deal, every claim on its timeline and every source's value of each figure."""
    return {"ok": True, "deal": request.app.state.ledger.deal(deal_id).to_record()}


@router.get("/articles/{article_id:path}", summary="One stored article with its claims")
def article(request: Request, article_id: str) -> Record:
    """Return an article's cleaned text, metadata, claims with their spans and deals."""
    return {"ok": True, "article": request.app.state.ledger.article(article_id).to_record()}


@router.get("/conflicts", summary="Figures on which independent sources disagree, newest first, paged")
def conflicts(request: Request, page: ConflictPage) -> Record:
    """Return one page of the open conflicts with each side's value and sources, and how many there are."""
    ledger = request.app.state.ledger
    found = ledger.conflicts(limit=page.limit, offset=page.offset, is_oldest_first=page.sort == "reported_on")
    return {"ok": True, "total": ledger.count_conflicts(), "limit": page.limit, "offset": page.offset,
            "conflicts": [c.to_record() for c in found]}


@router.get("/flows", summary="Deal counts from each supplier to each recipient")
def flows(request: Request, since: str | None = Query(None, description="First year, inclusive."),
          until: str | None = Query(None, description="Last year, inclusive."),
          category: str | None = Query(None, description="System category.")) -> Record:
    """Return supplier -> recipient deal counts, optionally within years and a category."""
    first, last = year_range(since, until)
    found = request.app.state.ledger.flows(since=first, until=last, category=(category or "").strip() or None)
    return {"ok": True, "flows": [f.to_record() for f in found]}


@router.get("/systems/{system:path}", summary="A weapon system's catalogue entry and its deals")
def system(request: Request, system: str) -> Record:
    """Return what the catalogue says about a system and every deal for it."""
    return {"ok": True, "system": request.app.state.ledger.system(system).to_record()}


@router.get("/new", summary="Deals, conflicts and denials the feed watch first saw")
def new(request: Request, since: str | None = Query(
        None, description="ISO 8601 date or time (UTC without an offset); default: the last poll.")) -> Record:
    """Return what `armsledger watch` first saw after since, or in its last poll."""
    chosen = (since or "").strip()[:MAX_TEXT_CHARS] or None
    return {"ok": True, **request.app.state.ledger.news(since=chosen).to_record()}


class ArticleIn(BaseModel):
    """One article to add, as in a JSON Lines corpus: `id` and `text` (or `html`) are required."""

    id: str = Field(min_length=1, max_length=300)
    text: str | None = Field(None, max_length=MAX_ARTICLE_CHARS)
    html: str | None = Field(None, max_length=MAX_ARTICLE_CHARS)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40)
    outlet: str | None = Field(None, max_length=300)


class IngestIn(BaseModel):
    """Articles to extract, store and reconcile."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_INGEST_ARTICLES)


def _check_token(request: Request) -> None:
    """Refuse the request unless it carries the server's bearer token.

    guard.RequestGuard has refused such a request before its body was read; this check stays for
    an app built without it.
    """
    if not has_token(request.headers.get("authorization", ""), request.app.state.token):
        raise HTTPException(401, TOKEN_MESSAGE, headers={"www-authenticate": "Bearer"})


@ingest_router.post("/ingest", summary="Add articles (needs serve --allow-ingest and the bearer token)",
                    dependencies=[Depends(_check_token)])
async def ingest(request: Request, body: IngestIn) -> Record:
    """Extract, store and reconcile the posted articles; answer what the ingest did."""
    articles = [a.model_dump(exclude_none=True) for a in body.articles]
    summary = await run_in_threadpool(request.app.state.ledger.add_articles, articles)
    request.app.state.cache.clear()
    log.info("ingested %d articles over the API", len(articles))
    return {"ok": True, "summary": summary.to_record()}

