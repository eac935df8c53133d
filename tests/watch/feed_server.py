"""A feed server on 127.0.0.1 for the watch tests, and the short articles it serves (written for them).

Each article is a page `/articles/<slug>.html`; a feed lists some of them as RSS items with a
one-line summary. Routes can change between polls; every request is recorded with its headers.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    published: datetime
    text: str
    """The article's body; its first sentence is the feed's summary."""


STORIES = {s.slug: s for s in (
    Story("pl-apache", "Poland signs for Apache helicopters", datetime(2024, 8, 14, 9, tzinfo=UTC),
          "WARSAW, 14 August 2024 - Poland has signed a contract with the United States for 96 AH-64E Apache "
          "helicopters, the defence ministry in Warsaw said on Wednesday. The deal is worth $10 billion, "
          "officials said."),
    Story("eg-rafale", "Egypt to buy more Rafale jets", datetime(2021, 5, 4, 9, tzinfo=UTC),
          "CAIRO, 4 May 2021 - Egypt has ordered 30 Rafale fighter jets from France, the Egyptian defence "
          "ministry said on Tuesday. The contract is worth 3.75 billion euros, according to officials in Cairo."),
    Story("eg-rafale-afp", "Egypt's Rafale order put at 24 jets", datetime(2021, 5, 6, 9, tzinfo=UTC),
          "CAIRO, 6 May 2021 (AFP) - Egypt has ordered 24 Rafale fighter jets from France, a source close to "
          "the talks said on Thursday."),
    Story("pl-apache-denial", "Warsaw denies Apache delivery", datetime(2024, 9, 20, 9, tzinfo=UTC),
          "WARSAW, 20 September 2024 (AFP) - Poland has not received any AH-64E Apache helicopters from the "
          "United States, the defence ministry said, denying a report that the first had arrived."),
    Story("ro-himars", "Romania orders HIMARS", datetime(2024, 6, 2, 9, tzinfo=UTC),
          "BUCHAREST, 2 June 2024 - Romania signed an agreement with the United States to buy 18 HIMARS "
          "launchers, the government said on Sunday."),
)}


def page(story: Story) -> bytes:
    """Return an article page: a headline and the body's sentences as paragraphs."""
    paragraphs = "".join(f"<p>{escape(s.strip().rstrip('.'))}.</p>" for s in story.text.split(". "))
    return (f"<!doctype html><html><head><title>{escape(story.title)}</title>"
            f'<meta property="article:published_time" content="{story.published.isoformat()}"></head>'
            f"<body><article><h1>{escape(story.title)}</h1>{paragraphs}</article></body></html>").encode()


def rss(base: str, slugs: list[str]) -> bytes:
    """Return an RSS 2.0 feed listing the stories, newest first, each linking to its page."""
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{base}/articles/{s.slug}.html</link>"
        f"<guid>{base}/articles/{s.slug}.html</guid><pubDate>{format_datetime(s.published)}</pubDate>"
        f"<description>{escape(s.text.split('. ')[0])}.</description></item>"
        for s in sorted((STORIES[slug] for slug in slugs), key=lambda s: s.published, reverse=True))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Defence desk</title>'
            f"<link>{base}/</link><description>Arms-transfer news</description>{items}</channel></rss>").encode()


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    then: Route | None = None
    """What the path answers after this route has answered once (a feed that changes between polls)."""


@dataclass
class FeedServer:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(path, headers) of every request, in order."""

    def feed(self, path: str, slugs: list[str], *, etag: str | None = None, last_modified: str | None = None,
             then: list[str] | None = None) -> str:
        """Serve a feed of these stories at path (and `then` those, after one answer), with their pages.

        Returns:
            the feed's URL.
        """
        later = None if then is None else Route(rss(self.base, then), etag=etag and etag + "-2")
        self.routes[path] = Route(rss(self.base, slugs), etag=etag, last_modified=last_modified, then=later)
        for slug in [*slugs, *(then or [])]:
            self.routes[f"/articles/{slug}.html"] = Route(page(STORIES[slug]), content_type="text/html")
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def pages_fetched(self) -> list[str]:
        return [path for path in self.paths() if path.startswith("/articles/")]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.then is not None:
                server.routes[self.path] = route.then
            self._answer(route)

        def _answer(self, route: Route) -> None:
            if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:  # http.server's signature
            """Keep the test output quiet."""

    return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """Run a FeedServer in a thread on a free port of 127.0.0.1."""
    state = FeedServer("")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def build_watched_ledger(db: Path) -> None:
    """Fill a ledger with two polls of a feed: three deals first, then a Rafale conflict and an Apache denial."""
    from armsledger.ledger import Ledger
    from armsledger.watch import poll

    with feed_server() as server, Ledger(str(db)) as ledger:
        feed = server.feed("/defence.rss", ["pl-apache", "eg-rafale", "ro-himars"], etag='"one"',
                           then=["pl-apache", "eg-rafale", "ro-himars", "eg-rafale-afp", "pl-apache-denial"])
        for _ in range(2):
            done = poll(ledger, [feed])
            assert done.errors == 0
