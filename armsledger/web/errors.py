"""How the web answers a failure: one JSON shape under /api, one error page elsewhere.

Every API failure reads `{"ok": false, "error": "...", "status": 404}`.
"""
from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from armsledger.errors import ArmsLedgerError, NotFound, StoreError

log = logging.getLogger("armsledger.web")

API_PREFIX = "/api"


class BadRequest(HTTPException):
    """A query parameter or request body the web cannot use; the message says which and why."""

    def __init__(self, detail: str) -> None:
        super().__init__(status_code=400, detail=detail)


class NotFoundHere(HTTPException):
    """Nothing at this address: an unknown deal, article or system."""

    def __init__(self, detail: str) -> None:
        super().__init__(status_code=404, detail=detail)


def error_body(message: str, status: int) -> dict[str, object]:
    """Return the one JSON shape of every API failure."""
    return {"ok": False, "error": message, "status": status}


def answer(request: Request, message: str, status: int, headers: dict[str, str] | None = None) -> Response:
    """Answer a failure as JSON under /api and as an HTML page elsewhere."""
    if request.url.path == API_PREFIX or request.url.path.startswith(API_PREFIX + "/"):
        return JSONResponse(error_body(message, status), status_code=status, headers=headers)
    templates = request.app.state.templates
    # A library message ends with how to fix it from the command line ("; list deal ids with
    # `armsledger deals`"): a web reader gets the page's own links instead.
    shown = message.split("; ", 1)[0] if "`armsledger" in message else message
    page = templates.get_template("error.html").render(request=request, message=shown, status=status)
    return HTMLResponse(page, status_code=status, headers=headers)


async def on_http_error(request: Request, exc: Exception) -> Response:
    """Turn Starlette's and our HTTP exceptions (404, 405, 400, 401) into the one shape."""
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path!r}"
    elif exc.status_code == 405 and message == "Method Not Allowed":
        message = f"{request.method} is not allowed on {request.url.path!r}"
    return answer(request, message, exc.status_code, headers=getattr(exc, "headers", None))


async def on_validation_error(request: Request, exc: Exception) -> Response:
    """Turn FastAPI's request validation errors into one readable message with status 400."""
    assert isinstance(exc, RequestValidationError)
    parts = []
    for problem in exc.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return answer(request, "; ".join(parts) or "invalid request", 400)


async def on_ledger_error(request: Request, exc: Exception) -> Response:
    """Answer a library error: the ledger's NotFound as 404, a store failure as 503, others 400."""
    assert isinstance(exc, ArmsLedgerError)
    if isinstance(exc, NotFound):
        return answer(request, str(exc), 404)
    if isinstance(exc, StoreError):
        log.error("store failure on %s: %s", request.url.path, exc)
        return answer(request, f"the ledger's database cannot be read: {exc}", 503)
    return answer(request, str(exc), 400)


async def on_unexpected_error(request: Request, exc: Exception) -> Response:
    """Answer a bug with a 500 in the one shape, and log it with its traceback."""
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return answer(request, "internal error; the server log has the details", 500)
