"""The web application: `create_app(ledger)` returns a FastAPI app over one ledger.

Pages are rendered on the server with Jinja2 (autoescaped) and work without JavaScript; the JSON
API lives under /api with its OpenAPI document at /api/openapi.json. The app is read-only unless
built with `allow_ingest=True` and a bearer token.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Protocol

import anyio.to_thread
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from armsledger.errors import ArmsLedgerError, ConfigError, StoreError
from armsledger.mentions import load_gazetteers
from armsledger.settings import Settings
from armsledger.store.engine import database_url
from armsledger.web import api, overview, views
from armsledger.web.cache import PageCache, Revision, file_revision
from armsledger.web.errors import on_http_error, on_ledger_error, on_unexpected_error, on_validation_error
from armsledger.web.guard import HeadAsGet, RequestGuard, SecurityHeaders
from armsledger.web.present import is_web_url, show, show_figure
from armsledger.web.shared_pages import SharedPages
from armsledger.web.states import StateNames

log = logging.getLogger("armsledger.web")



DEFAULTS = Settings()
"""The settings' defaults (settings.py holds each one and its help) for create_app's own."""
INGEST_PATH = "/api/ingest"
"""The one address that takes a body, and the bearer token."""
RENDER_THREADS = 4
"""Threads of a server process that run routes (read the ledger, render) at once; the others wait their turn.

The default, 40, lets 40 renders share one interpreter lock: each of them, and every page the
cache answers on the event loop, then waits behind all the others. With 4, a cached page is
answered at once and an uncached one queues. Set with benchmarks/web_load.py --mix ledger (2 cores,
50 clients; see benchmarks/RESULTS.md) but not compared there with other values: re-run it, and
try others, after a change."""


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = RENDER_THREADS
    yield


class LedgerReader(Protocol):
    """What the web needs of a ledger (armsledger.ledger.Ledger provides it)."""

    def deals(self, **filters: object) -> list[object]: ...
    def count_deals(self, **filters: object) -> int: ...
    def deal(self, deal_id: str) -> object: ...
    def conflicts(self, *, limit: int | None = None, offset: int = 0,
                  is_oldest_first: bool = False) -> list[object]: ...
    def count_conflicts(self) -> int: ...
    def article(self, article_id: str) -> object: ...
    def flows(self, **filters: object) -> list[object]: ...
    def system(self, system: str) -> object: ...
    def news(self, *, since: str | None = None) -> object: ...


def create_app(ledger: object, *, allow_ingest: bool = False, token: str | None = None,
               cache_size: int = DEFAULTS.page_cache_entries, cache_bytes: int = DEFAULTS.page_cache_bytes,
               max_page_bytes: int = DEFAULTS.page_cache_max_page_bytes,
               max_body_bytes: int = DEFAULTS.max_request_bytes, shared_pages: str | None = None) -> FastAPI:
    """Build the web application over a ledger.

    Args:
        ledger: an `armsledger.ledger.Ledger` (anything with its read methods).
        allow_ingest: add `POST /api/ingest`, which stores new articles; off by default.
        token: the bearer token `POST /api/ingest` requires; needed when allow_ingest is set.
        cache_size: rendered responses kept in memory (0 turns the cache off); emptied on ingest.
        cache_bytes: the most bytes the kept responses take together.
        max_page_bytes: larger responses are not kept.
        max_body_bytes: larger request bodies are refused with 413 before they are read.
        shared_pages: a file through which the processes of one server share the pages they
            render (shared_pages.py); None keeps them to this process.

    Raises:
        ConfigError: allow_ingest without a token.
    """
    if allow_ingest and not token:
        raise ConfigError("--allow-ingest needs a bearer token: set ARMSLEDGER_INGEST_TOKEN or --token")
    app = _App(title="armsledger", summary="A sourced, reconciled register of arms transfers.",
               version="1", openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=_lifespan)
    app.state.ledger = ledger
    app.state.states = StateNames(lambda: getattr(ledger, "gazetteers", None) or load_gazetteers())
    app.state.templates = _templates(app.state.states)
    app.state.token = token if allow_ingest else None
    shared = SharedPages(shared_pages, max_bytes=cache_bytes) if shared_pages and cache_size > 0 else None
    app.state.cache = PageCache(cache_size, max_bytes=cache_bytes, max_entry_bytes=max_page_bytes,
                                revision=_revision_of(ledger), shared=shared)
    app.state.max_body_bytes = max_body_bytes
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(ArmsLedgerError, on_ledger_error)
    app.add_exception_handler(Exception, on_unexpected_error)
    app.include_router(api.router)
    if allow_ingest:
        app.include_router(api.ingest_router)
    app.include_router(overview.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.state.cache.install(app)
    return app


def _revision_of(ledger: object) -> Revision | None:
    """Return how to read the ledger's revision: its SQLite file's, or None (PostgreSQL, memory)."""
    url = getattr(ledger, "url", None)
    if not isinstance(url, str):
        return None
    try:
        full = make_url(database_url(url))
    except (StoreError, ArgumentError):
        return None
    if full.get_backend_name() != "sqlite" or not full.database or full.database == ":memory:":
        return None
    return file_revision(full.database)


def _templates(states: StateNames) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(_package_dir("templates")))
    env = templates.env
    env.autoescape = True
    env.filters["show"] = show
    env.filters["figure"] = show_figure
    env.filters["state_name"] = states.name
    env.filters["is_web_url"] = is_web_url
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


def _package_dir(name: str) -> Path:
    return Path(str(files("armsledger.web").joinpath(name)))


class _App(FastAPI):
    """FastAPI with guard.py's layers outside its own, so that they see every response, a 500 too."""

    def build_middleware_stack(self) -> ASGIApp:
        inner = super().build_middleware_stack()
        guarded = RequestGuard(inner, max_body_bytes=self.state.max_body_bytes, token=self.state.token,
                               token_paths=(INGEST_PATH,) if self.state.token else ())
        return SecurityHeaders(HeadAsGet(guarded))
