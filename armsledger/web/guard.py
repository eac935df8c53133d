"""The app's outermost layers: what every request and every response goes through, errors included.

Outside FastAPI's own error handling (its 500 answer is made in the outermost Starlette layer), so
that a 500, and a 401 or 413 refused here before any route runs, still carries SECURITY_HEADERS.
From the outside in:

1. SecurityHeaders adds SECURITY_HEADERS to every response.
2. HeadAsGet answers HEAD as the GET of the same address, without the body.
3. RequestGuard refuses a request to a token's path without the token (401) and a body over the
   limit (413), from the headers when it can; a body streamed without a length is counted as it
   arrives and cut at the limit. No body is read before these checks.
"""
from __future__ import annotations

import hmac
from collections.abc import Collection

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsledger.web.errors import answer

SECURITY_HEADERS: dict[str, str] = {
    # No inline script or style anywhere: article text that slipped through escaping still could not run.
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
TOKEN_MESSAGE = "a valid bearer token is required: Authorization: Bearer <token>"


def has_token(authorization: str, expected: str | None) -> bool:
    """Whether an Authorization header value carries the expected bearer token (None: nothing is)."""
    scheme, _, given = authorization.partition(" ")
    return expected is not None and scheme.lower() == "bearer" and hmac.compare_digest(
        given.encode(), expected.encode())


class BodyTooLarge(HTTPException):
    """A request body over the server's limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body larger than {limit} bytes; send less per request")


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        self.names = {k for k, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """ASGI middleware answering HEAD with the GET response's status and headers, and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, _allowing_head(send))
            return
        is_sent = False

        async def send_without_body(message: Message) -> None:
            nonlocal is_sent
            if message["type"] != "http.response.body":
                await send(message)
            elif not is_sent:  # one empty body, however many chunks the GET sends
                is_sent = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


def _allowing_head(send: Send) -> Send:
    """Wrap send so that a 405's Allow header names HEAD wherever it names GET."""
    async def send_allowing_head(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 405:
            message = {**message, "headers": [
                (k, v + b", HEAD" if k.lower() == b"allow" and b"GET" in v and b"HEAD" not in v else v)
                for k, v in message.get("headers", [])]}
        await send(message)

    return send_allowing_head


class RequestGuard:
    """ASGI middleware checking a request's token and body size before its body is read."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, token: str | None,
                 token_paths: Collection[str]) -> None:
        """Refuse bodies over max_body_bytes; requests to token_paths need the bearer token."""
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.token = token
        self.token_paths = frozenset(token_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message, extra = refusal
            await answer(Request(scope), message, status, headers=extra)(scope, receive, send)
            return
        await self.app(scope, self._counted(receive), send)

    def _refusal(self, scope: Scope, headers: dict[bytes, bytes]) -> tuple[int, str, dict[str, str]] | None:
        """Return the status, message and headers to refuse the request with, or None to let it in."""
        if scope.get("path", "") in self.token_paths and scope["method"] not in ("GET", "HEAD") and not has_token(
                headers.get(b"authorization", b"").decode("latin-1"), self.token):
            return 401, TOKEN_MESSAGE, {"www-authenticate": "Bearer"}
        declared = headers.get(b"content-length")
        if declared is None:
            return None
        if not (declared.isdigit() and len(declared) < 20):
            return 400, f"content-length: expected a whole number of bytes, got {declared.decode('latin-1')!r}", {}
        if int(declared) > self.max_body_bytes:
            return 413, str(BodyTooLarge(self.max_body_bytes).detail), {"connection": "close"}
        return None

    def _counted(self, receive: Receive) -> Receive:
        """Wrap receive so that a body growing past the limit raises BodyTooLarge instead of arriving."""
        received = 0
        limit = self.max_body_bytes

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        return counted_receive
