"""The watch's tables (migration 0008): validators, seen items, polls and first sightings, on both backends."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect

from armsledger.errors import ConfigError
from armsledger.ledger import Ledger
from armsledger.store import migrate, watch_state
from armsledger.store.watch_state import FeedState

WATCH_TABLES = {"watch_feeds", "watch_seen", "watch_polls", "watch_news"}


def test_watch_state_keeps_validators_and_seen_items(db_url: str) -> None:
    with Ledger(db_url) as ledger, ledger.store.write() as connection:
        url = "https://news.example/defence.rss"
        assert watch_state.feed_state(connection, url) is None
        watch_state.save_feed(connection, url, status="read", state=FeedState('"abc"', "Wed, 02 Dec 2026 01:00:00 GMT"))
        watch_state.save_feed(connection, url, status="failed: HTTP 500")  # a failure keeps the validators
        assert watch_state.feed_state(connection, url) == FeedState('"abc"', "Wed, 02 Dec 2026 01:00:00 GMT")
        watch_state.mark_seen(connection, url, ["a", "b"])
        watch_state.mark_seen(connection, url, ["b", "c"])
        assert watch_state.seen_items(connection, url) == {"a", "b", "c"}


def test_news_lists_items_first_seen_after_a_time_and_defaults_to_the_last_poll(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        assert ledger.news().items == []
        with ledger.store.write() as connection:
            first, _ = watch_state.start_poll(connection)
            watch_state.record_news(connection, {("deal", "fr-eg-rafale-1", "fr-eg-rafale-1")}, poll=first,
                                    feed_url="https://a.example/feed")
            second, started = watch_state.start_poll(connection)
            found = watch_state.record_news(connection, {
                ("conflict", "fr-eg-rafale-1#quantity", "fr-eg-rafale-1"),
                ("deal", "fr-eg-rafale-1", "fr-eg-rafale-1"),  # seen by the first poll: not new again
            }, poll=second, feed_url="https://b.example/feed")
        assert [(i.kind, i.item, i.poll) for i in found] == [("conflict", "fr-eg-rafale-1#quantity", second)]
        last = ledger.news()
        assert last.since == last.last_poll == started
        assert [i.kind for i in last.items] == ["conflict"]
        assert [i.kind for i in ledger.news(since="2000-01-01").items] == ["deal", "conflict"]
        assert ledger.news(since="2999-01-01T00:00:00+02:00").items == []


@pytest.mark.parametrize(("written", "stored"), [
    ("2026-12-01", "2026-12-01T00:00:00+00:00"),
    ("2026-12-01T09:30:00Z", "2026-12-01T09:30:00+00:00"),
    ("2026-12-01T10:30:00+01:00", "2026-12-01T09:30:00+00:00"),
    ("2026-12-01T10:30:00 01:00", "2026-12-01T09:30:00+00:00"),  # the '+' of a query string, unescaped
])
def test_since_reads_iso_dates_and_times_as_utc(written: str, stored: str) -> None:
    assert watch_state.stamp(written) == stored


def test_since_that_is_no_time_names_the_value() -> None:
    with pytest.raises(ConfigError, match="since='yesterday' is no ISO 8601 time"):
        watch_state.stamp("yesterday")


def test_watch_migration_downgrades_and_upgrades(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        with ledger.store.write() as connection:
            command.downgrade(migrate._config(connection), "0007")
            assert not WATCH_TABLES & set(inspect(connection).get_table_names())
        with ledger.store.write() as connection:
            migrate.upgrade(connection, where="test")
            assert WATCH_TABLES <= set(inspect(connection).get_table_names())
