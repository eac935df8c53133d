"""Fetch a URL over HTTP(S), conditionally: one GET, its validators, and every failure as a SourceError."""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from armsledger import __version__
from armsledger.errors import ConfigError, SourceError

USER_AGENT = f"armsledger/{__version__} (feed watch)"
SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class Response:
    """What a GET answered: 200 with a body, or 304 (not modified) with none."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


def check_url(url: str) -> str:
    """Return url if it is an http(s) URL.

    Raises:
        ConfigError: another scheme, or no URL at all.
    """
    if not url.lower().startswith(SCHEMES) or len(url) <= len("https://"):
        raise ConfigError(f"cannot watch {url!r}: give an http:// or https:// URL of a feed or an article page")
    return url


def fetch(url: str, *, timeout_s: float, max_bytes: int, etag: str | None = None,
          last_modified: str | None = None) -> Response:
    """GET url, sending If-None-Match and If-Modified-Since when validators are given.

    Raises:
        SourceError: the server cannot be reached, times out, answers an error status, or sends
            more than max_bytes.
    """
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as answer:  # check_url let only http(s) in
            body = answer.read(max_bytes + 1)
            status, found = int(answer.status), answer.headers
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return Response(url, 304)
        raise SourceError(url, f"the server answered HTTP {err.code} {err.reason}") from err
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            raise SourceError(url, f"no answer within {timeout_s:g} s") from err
        raise SourceError(url, f"cannot be reached ({getattr(reason, 'strerror', None) or reason})") from err
    except TimeoutError as err:
        raise SourceError(url, f"no answer within {timeout_s:g} s") from err
    except (OSError, ValueError) as err:  # a connection dropped mid-body, a malformed URL or header
        raise SourceError(url, f"cannot be read ({err})") from err
    if len(body) > max_bytes:
        raise SourceError(url, f"sent more than max_article_bytes ({max_bytes:,} bytes)")
    return Response(url, status, body, _header(found, "ETag"), _header(found, "Last-Modified"))


def _header(headers: Message, name: str) -> str | None:
    value = headers.get(name)
    return str(value) if value else None
