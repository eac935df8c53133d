"""Watch feeds and pages: poll them on an interval and ingest what is new into a ledger.

    with Ledger("armsledger.db") as ledger:
        watch(ledger, ["https://example.org/defence.rss"], polls=None, on_poll=print)

Each poll fetches every URL conditionally (fetch.py: If-None-Match, If-Modified-Since). A feed's
new entries (by article id) are read from their linked pages, or from the feed's own text when an
entry has no link or its page cannot be fetched; a page is read again only when its bytes change.
The articles go through the pipeline's stages 2 to 4 (`pipeline.process`) and the ledger's store
(`Ledger.store_results`). What a URL gave is recorded in the ledger (store/watch_state.py), so a
restarted watch reads nothing twice. A URL that is down, slow or malformed costs that URL only.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from armsledger.errors import SourceError
from armsledger.ledger import Ledger
from armsledger.ledger_models import NewItem
from armsledger.models import Article
from armsledger.pipeline import Result, process
from armsledger.read import is_feed, read_feed, read_text
from armsledger.store import watch_state
from armsledger.watch.fetch import Response, check_url, fetch

__all__ = ["FeedOutcome", "Poll", "poll", "watch"]

log = logging.getLogger("armsledger.watch")

Report = Callable[[SourceError], None]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What one URL gave in one poll."""

    url: str
    status: str
    """`read` (answered with content), `not modified` (304) or `failed`."""
    articles: int = 0
    """New articles stored from it."""


@dataclass(frozen=True, slots=True)
class Poll:
    """One poll of every watched URL: what each gave, and the deals, conflicts and denials it made."""

    number: int
    started_at: str
    feeds: tuple[FeedOutcome, ...]
    news: tuple[NewItem, ...]
    errors: int

    @property
    def articles(self) -> int:
        """New articles stored in this poll."""
        return sum(f.articles for f in self.feeds)


def watch(ledger: Ledger, urls: Sequence[str], *, polls: int | None, on_poll: Callable[[Poll], None],
          on_error: Report | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll urls polls times (None: until interrupted), settings.watch_interval_s apart; return the errors.

    Each request may take settings.watch_timeout_s.

    Args:
        on_poll: called with each poll's outcome as soon as it ends.
        on_error: called with each URL or article that cannot be read; logged if None.

    Raises:
        ConfigError: a URL that is no http(s) URL.
        StoreError: the ledger fails.
    """
    for url in urls:
        check_url(url)
    errors = done = 0
    while polls is None or done < polls:
        if done:
            sleep(ledger.settings.watch_interval_s)
        outcome = poll(ledger, urls, on_error=on_error)
        errors += outcome.errors
        done += 1
        on_poll(outcome)
    return errors


def poll(ledger: Ledger, urls: Sequence[str], *, on_error: Report | None = None) -> Poll:
    """Fetch every URL once, store its new articles, and return what changed.

    Raises:
        StoreError: the ledger fails.
    """
    errors = 0

    def report(err: SourceError) -> None:
        nonlocal errors
        errors += 1
        (on_error or _log_error)(err)

    with ledger.store.write() as connection:
        number, started = watch_state.start_poll(connection)
    outcomes, news = [], []
    for url in dict.fromkeys(urls):
        outcome, found = _poll_url(ledger, url, number, report=report)
        outcomes.append(outcome)
        news.extend(found)
    with ledger.store.write() as connection:
        watch_state.finish_poll(connection, number, articles=sum(o.articles for o in outcomes), news=len(news),
                                errors=errors)
    return Poll(number, started, tuple(outcomes), tuple(news), errors)


def _log_error(err: SourceError) -> None:
    log.warning("%s", err)


def _poll_url(ledger: Ledger, url: str, number: int, *, report: Report) -> tuple[FeedOutcome, list[NewItem]]:
    """Fetch one URL, store what it gives that is new; return how it went and the news it made."""
    limit, timeout_s = ledger.settings.max_article_bytes, ledger.settings.watch_timeout_s
    with ledger.store.read() as connection:
        state = watch_state.feed_state(connection, url)
        seen = watch_state.seen_items(connection, url)
    try:
        answer = fetch(url, timeout_s=timeout_s, max_bytes=limit, etag=state.etag if state else None,
                       last_modified=state.last_modified if state else None)
    except SourceError as err:
        report(SourceError(url, f"{err.reason}; skipped this poll"))
        return _failed(ledger, url, err), []
    if answer.status == 304:
        with ledger.store.write() as connection:
            watch_state.save_feed(connection, url, status="not modified")
        return FeedOutcome(url, "not modified"), []
    problems: list[SourceError] = []

    def noted(err: SourceError) -> None:
        problems.append(err)
        report(err)

    articles = _articles(answer, seen, report=noted, timeout_s=timeout_s, max_bytes=limit)
    if articles is None:  # nothing in it could be read: its validators are not kept, so it is read whole again
        return _failed(ledger, url, problems[0] if problems else SourceError(url, "gave nothing readable")), []
    results = []
    for article, _ in articles:
        try:
            results.append(process(article, gazetteers=ledger.gazetteers))
        except SourceError as err:
            report(err)
    stored, news = _store(ledger, url, number, results, report=report)
    with ledger.store.write() as connection:
        watch_state.mark_seen(connection, url, [item for _, item in articles])
        watch_state.save_feed(connection, url, status="read",
                              state=watch_state.FeedState(answer.etag, answer.last_modified))
    return FeedOutcome(url, "read", stored), news


def _failed(ledger: Ledger, url: str, err: SourceError) -> FeedOutcome:
    with ledger.store.write() as connection:
        watch_state.save_feed(connection, url, status=f"failed: {err.reason}")
    return FeedOutcome(url, "failed")


def _articles(answer: Response, seen: set[str], *, report: Report, timeout_s: float,
              max_bytes: int) -> list[tuple[Article, str]] | None:
    """Return the new articles of a feed or page, each with the item it is seen as; None: unreadable."""
    url = answer.url
    if not is_feed(answer.body):
        item = f"{url}#{hashlib.sha256(answer.body).hexdigest()[:16]}"
        if item in seen:
            return []
        page = read_text(answer.body, url, report)
        return None if page is None else [(Article(id=url, html=page, url=url, origin=url), item)]
    entries = list(read_feed(answer.body, origin=url, report=report))
    if not entries:  # read_feed said why (no entries, or none with text)
        return None
    found = []
    for entry in entries:
        if entry.id not in seen:
            found.append((_full_text(entry, report=report, timeout_s=timeout_s, max_bytes=max_bytes), entry.id))
    return found


def _full_text(entry: Article, *, report: Report, timeout_s: float, max_bytes: int) -> Article:
    """Return a feed entry read from the page it links to; the entry's own text when that fails."""
    if entry.url is None or not entry.url.lower().startswith(("http://", "https://")):
        return entry
    try:
        answer = fetch(entry.url, timeout_s=timeout_s, max_bytes=max_bytes)
    except SourceError as err:
        report(SourceError(err.origin, f"{err.reason}; the feed's text of the entry is read instead"))
        return entry
    page = read_text(answer.body, entry.url, report)
    if page is None or not page.strip():
        return entry
    return replace(entry, text=None, html=page, origin=entry.url)


def _store(ledger: Ledger, url: str, number: int, results: list[Result], *,
           report: Report) -> tuple[int, list[NewItem]]:
    """Store results and reconcile; return the articles stored and the news they made."""
    if not results:
        return 0, []
    with ledger.store.read() as connection:
        before = watch_state.snapshot(connection)
    summary = ledger.store_results(results, on_error=report)
    with ledger.store.write() as connection:
        found = watch_state.snapshot(connection) - before
        news = watch_state.record_news(connection, found, poll=number, feed_url=url)
    return summary.articles_read - summary.articles_skipped - summary.duplicates, news
