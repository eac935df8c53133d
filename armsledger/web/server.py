"""Build the app from settings, in this process or in each of uvicorn's worker processes."""
from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI

from armsledger.settings import Settings
from armsledger.web.app import create_app
from armsledger.web.shared_pages import SharedPages

log = logging.getLogger("armsledger.web")

ALLOW_INGEST_ENV = "ARMSLEDGER_WEB_ALLOW_INGEST"
"""Tells worker processes that the parent was started with --allow-ingest."""
CACHE_ENV = "ARMSLEDGER_WEB_CACHE"
"""Tells worker processes whether the parent was started with --cache (the default) or --no-cache."""
SHARED_PAGES_ENV = "ARMSLEDGER_WEB_SHARED_PAGES"
"""Tells worker processes the file through which they share rendered pages (web/shared_pages.py)."""


def build_app(settings: Settings, *, allow_ingest: bool = False, cache: bool = True,
              shared_pages: str | None = None) -> FastAPI:
    """Open the ledger named by settings.db and return the web app over it.

    Args:
        shared_pages: the file the server's processes share rendered pages through, or None.

    Raises:
        StoreError: the database cannot be opened, or (without allow_ingest) holds no ledger.
        ConfigError: allow_ingest without settings.ingest_token.
    """
    from armsledger.ledger import Ledger

    if settings.jobs != 1:
        # POST /api/ingest runs in a thread of the server; forking worker processes from a threaded
        # server can deadlock them, and the articles of one request are few. The default (0) is no
        # request of the user's, so it passes without a warning.
        if settings.jobs != 0:
            log.warning("jobs=%d is ignored by the web server: POST /api/ingest extracts in one process",
                        settings.jobs)
        settings = dataclasses.replace(settings, jobs=1)
    # Read-only, the web never creates a ledger: a mistyped --db is an error, not an empty register.
    app = create_app(Ledger(settings.db, settings=settings, create=allow_ingest), allow_ingest=allow_ingest,
                     token=settings.ingest_token, cache_size=settings.page_cache_entries if cache else 0,
                     cache_bytes=settings.page_cache_bytes, max_page_bytes=settings.page_cache_max_page_bytes,
                     max_body_bytes=settings.max_request_bytes, shared_pages=shared_pages)
    app.state.states.load()  # now, rather than on the first request
    return app


@contextmanager
def app_factory_env(settings: Settings, *, allow_ingest: bool, cache: bool) -> Iterator[None]:
    """Put the settings worker processes need into the environment for the duration of the block.

    With cache, the block also holds a new folder for the workers' shared pages, deleted after it.
    """
    folder = tempfile.mkdtemp(prefix="armsledger-pages-") if cache else None
    shared = os.path.join(folder, "pages.sqlite") if folder else ""
    if shared:  # created here, before the workers start and open it all at once
        SharedPages(shared, max_bytes=settings.page_cache_bytes).close()
    values = {"ARMSLEDGER_DB": settings.db, ALLOW_INGEST_ENV: "1" if allow_ingest else "",
              CACHE_ENV: "1" if cache else "0", SHARED_PAGES_ENV: shared}
    if settings.ingest_token:
        values["ARMSLEDGER_INGEST_TOKEN"] = settings.ingest_token
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def app_from_env() -> FastAPI:
    """uvicorn's factory for worker processes: the app as `app_factory_env` described it."""
    return build_app(Settings.load(), allow_ingest=os.environ.get(ALLOW_INGEST_ENV) == "1",
                     cache=os.environ.get(CACHE_ENV) != "0", shared_pages=os.environ.get(SHARED_PAGES_ENV) or None)
