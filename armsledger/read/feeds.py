"""Read articles from RSS and Atom feeds (with feedparser).

Part of stage 1 (`armsledger.read`): yields Articles and reports what it cannot read as
SourceError, the same way as the rest of `read`.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from armsledger.clean import split_url
from armsledger.errors import SourceError
from armsledger.models import Article

log = logging.getLogger("armsledger.feeds")

Report = Callable[[SourceError], None]

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")


def is_feed(data: bytes) -> bool:
    """Tell whether bytes look like an RSS or Atom feed (an XML document with an `rss` or `feed` root)."""
    head = data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in data[:4096] or b"<feed" in data[:4096])


def read_feed(data: bytes, *, origin: str, report: Report) -> Iterator[Article]:
    """Yield one Article per entry of an RSS or Atom feed, its HTML content turned into text.

    The article id is the entry's id, else its link, else `origin#N`.
    """
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        report(SourceError(origin, f"no feed entries found{f' ({problem})' if problem else ''}; "
                                   "is it an RSS or Atom feed?"))
        return
    for number, entry in enumerate(entries, 1):
        where = f"{origin}#{number}"
        content = entry.get("content")
        body = content[0].get("value", "") if content else entry.get("summary", "")
        text = html_to_text(body) if body else ""
        if not text.strip():
            report(SourceError(where, "feed entry has no text; skipped"))
            continue
        link = entry.get("link")
        if link and split_url(link) is None:
            log.warning("%s: link %r is not a valid URL; the entry is read without it", where, link)
        yield Article(id=str(entry.get("id") or link or where), text=text,
                      url=link if link and split_url(link) is not None else None, title=entry.get("title"),
                      published=_entry_date(entry), author=entry.get("author"), origin=where)


def html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment, block elements separated by blank lines."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    return str(root.text_content())


def _entry_date(entry: Any) -> str | None:  # Any: feedparser's dict-like entry
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else None
