"""The SQL of `armsledger watch`: feed validators, what was seen, polls, and what each poll found new.

A deal, conflict or denial is new when a poll's ingest made it: it is in the ledger after the poll's
articles were stored and was not before (`snapshot`). watch_news keeps when each was first seen.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, delete, insert, select, true, update

from armsledger.errors import ConfigError
from armsledger.ledger_models import NewItem, NewsView
from armsledger.store.reads import figure_values
from armsledger.store.tables import (
    claims,
    deal_denials,
    deal_figures,
    deals,
    watch_feeds,
    watch_news,
    watch_polls,
    watch_seen,
)

KINDS: tuple[str, ...] = ("deal", "conflict", "denial")
"""What a poll reports as new, in the order the reports list them."""

Found = tuple[str, str, str]
"""(kind, item, deal id): a deal by its id, a conflict as `deal#figure`, a denial as `deal#claim`."""


@dataclass(frozen=True, slots=True)
class FeedState:
    """A watched URL's validators from its last successful fetch."""

    etag: str | None
    last_modified: str | None


def now() -> str:
    """Return the current UTC time as the watch tables store it (ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def stamp(text: str) -> str:
    """Return an ISO 8601 date or time as a UTC timestamp comparable with the stored ones.

    A time without an offset is read as UTC.

    Raises:
        ConfigError: the text is no ISO 8601 date or time.
    """
    written = text.strip()
    if "T" in written:  # a '+' of an offset sent unescaped in a query string arrives as a space
        written = written.replace(" ", "+")
    try:
        moment = datetime.fromisoformat(written)
    except ValueError as err:
        raise ConfigError(f"since={text!r} is no ISO 8601 time; write it as 2026-12-01 or "
                          "2026-12-01T09:30:00Z") from err
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def feed_state(connection: Connection, url: str) -> FeedState | None:
    """Return the validators stored for a URL, or None when it was never fetched."""
    row = connection.execute(select(watch_feeds).where(watch_feeds.c.url == url)).first()
    return None if row is None else FeedState(row.etag, row.last_modified)


def save_feed(connection: Connection, url: str, *, status: str, state: FeedState | None = None) -> None:
    """Record how a URL's poll went; with state, also its new validators (else the old ones stay)."""
    kept = feed_state(connection, url)
    state = state or kept or FeedState(None, None)
    connection.execute(delete(watch_feeds).where(watch_feeds.c.url == url))
    connection.execute(insert(watch_feeds).values(url=url, etag=state.etag, last_modified=state.last_modified,
                                                  polled_at=now(), status=status))


def seen_items(connection: Connection, url: str) -> set[str]:
    """Return the items (article ids, page hashes) already read from a URL."""
    return set(connection.execute(select(watch_seen.c.item).where(watch_seen.c.feed_url == url)).scalars())


def mark_seen(connection: Connection, url: str, items: Iterable[str]) -> None:
    """Record items as read from a URL (items already recorded are left as they are)."""
    fresh = set(items) - seen_items(connection, url)
    if fresh:
        at = now()
        connection.execute(insert(watch_seen), [{"feed_url": url, "item": i, "seen_at": at} for i in sorted(fresh)])


def snapshot(connection: Connection) -> set[Found]:
    """Return every deal, conflicting figure and denial the ledger holds now."""
    found: set[Found] = {("deal", d, d) for d in connection.execute(select(deals.c.id)).scalars()}
    found |= {("conflict", f"{r.deal_id}#{r.figure}", r.deal_id) for r in connection.execute(
        select(deal_figures.c.deal_id, deal_figures.c.figure).where(deal_figures.c.has_conflict == true()))}
    found |= {("denial", f"{r.deal_id}#{r.claim_id}", r.deal_id) for r in connection.execute(
        select(deal_denials.c.deal_id, deal_denials.c.claim_id).distinct())}
    return found


def start_poll(connection: Connection) -> tuple[int, str]:
    """Record a poll's start; return its number and start time."""
    started = now()
    number = connection.execute(insert(watch_polls).values(
        started_at=started, finished_at=started, articles=0, news=0, errors=0)).inserted_primary_key
    assert number is not None
    return int(number[0]), started


def finish_poll(connection: Connection, poll: int, *, articles: int, news: int, errors: int) -> None:
    """Record a poll's end and what it did."""
    connection.execute(update(watch_polls).where(watch_polls.c.id == poll).values(
        finished_at=now(), articles=articles, news=news, errors=errors))


def record_news(connection: Connection, found: Collection[Found], *, poll: int, feed_url: str) -> list[NewItem]:
    """Keep when each new deal, conflict and denial was first seen; return them as NewItems.

    An item seen by an earlier poll (it went and came back) keeps its first sighting and is not returned.
    """
    known = {(r.kind, r.item) for r in connection.execute(select(watch_news.c.kind, watch_news.c.item))}
    fresh = sorted((f for f in found if (f[0], f[1]) not in known), key=lambda f: (KINDS.index(f[0]), f[1]))
    if not fresh:
        return []
    at = now()
    connection.execute(insert(watch_news), [{"kind": kind, "item": item, "deal_id": deal_id, "poll_id": poll,
                                             "feed_url": feed_url, "seen_at": at} for kind, item, deal_id in fresh])
    return _describe(connection, select(watch_news).where(watch_news.c.poll_id == poll,
                                                          watch_news.c.feed_url == feed_url))


def news(connection: Connection, *, since: str | None = None) -> NewsView:
    """Return the deals, conflicts and denials first seen after since (default: during the last poll).

    Raises:
        ConfigError: since is no ISO 8601 time.
    """
    last = connection.execute(select(watch_polls).order_by(watch_polls.c.id.desc()).limit(1)).first()
    last_poll = None if last is None else str(last.started_at)
    if since is not None:
        query = select(watch_news).where(watch_news.c.seen_at > stamp(since))
    elif last is not None:
        query = select(watch_news).where(watch_news.c.poll_id == last.id)
    else:
        return NewsView(since=None, last_poll=None, items=[])
    return NewsView(since=stamp(since) if since is not None else last_poll, last_poll=last_poll,
                    items=_describe(connection, query))


def _describe(connection: Connection, query: Select[Any]) -> list[NewItem]:  # Any: watch_news rows
    """Turn watch_news rows into NewItems, with their deals' parties and what each conflict or denial says."""
    rows = list(connection.execute(query.order_by(watch_news.c.seen_at, watch_news.c.item)))
    deal_ids = {r.deal_id for r in rows}
    by_id = {r.id: r for r in connection.execute(select(deals).where(deals.c.id.in_(deal_ids)))}
    figures = {(r.deal_id, r.figure): tuple(v.value for v in figure_values(r.values_json) if not v.kind)
               for r in connection.execute(select(deal_figures.c.deal_id, deal_figures.c.figure,
                                                  deal_figures.c.values_json).where(deal_figures.c.deal_id.in_(deal_ids)))}
    claim_ids = {r.item[len(r.deal_id) + 1:] for r in rows if r.kind == "denial"}
    evidence = {r.id: r for r in connection.execute(
        select(claims.c.id, claims.c.article_id, claims.c.evidence).where(claims.c.id.in_(claim_ids)))}
    found = []
    for r in rows:
        deal = by_id.get(r.deal_id)
        rest = r.item[len(r.deal_id) + 1:]
        claim = evidence.get(rest) if r.kind == "denial" else None
        found.append(NewItem(
            kind=r.kind, deal_id=r.deal_id, item=r.item, seen_at=r.seen_at, poll=r.poll_id, feed=r.feed_url,
            supplier=deal.supplier if deal else None, recipient=deal.recipient if deal else None,
            system=deal.system if deal else None, status=deal.status if deal else None,
            figure=rest if r.kind == "conflict" else None,
            values=figures.get((r.deal_id, rest), ()) if r.kind == "conflict" else (),
            evidence=claim.evidence if claim else None, article_id=claim.article_id if claim else None,
        ))
    found.sort(key=lambda item: (KINDS.index(item.kind), item.seen_at, item.item))
    return found

