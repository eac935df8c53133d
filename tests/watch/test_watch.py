"""`armsledger watch` end to end: a real feed server on 127.0.0.1 that changes between polls."""
from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from armsledger.cli import main
from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.watch import Poll, watch
from tests.watch.feed_server import FeedServer, Route, feed_server


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


def _watch(db: Path | str, *args: str) -> Result:
    return CliRunner().invoke(main, ["watch", *args, "--db", str(db), "--interval", "0"])


def _articles(db: Path | str) -> set[str]:
    with Ledger(str(db)) as ledger, ledger.store.read() as connection:
        return set(connection.exec_driver_sql("SELECT id FROM articles").scalars())


def test_a_feed_that_gains_an_article_yields_one_ingest_and_one_line(server: FeedServer, tmp_path: Path,
                                                                    db_url: str) -> None:
    feed = server.feed("/defence.rss", ["pl-apache"], etag='"one"', then=["pl-apache", "ro-himars"])
    log = tmp_path / "new.jsonl"
    result = _watch(db_url, feed, "--polls", "2", "--log", str(log))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"new deal us-pl-ah-64-1 US -> PL AH-64E, ordered [from {feed}]",
        f"new deal us-ro-himars-1 US -> RO HIMARS, ordered [from {feed}]",
    ]
    assert server.pages_fetched() == ["/articles/pl-apache.html", "/articles/ro-himars.html"]
    assert _articles(db_url) == {f"{server.base}/articles/{slug}.html" for slug in ("pl-apache", "ro-himars")}
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["poll"], r["kind"], r["deal_id"], r["feed"]) for r in records] == [
        (1, "deal", "us-pl-ah-64-1", feed), (2, "deal", "us-ro-himars-1", feed)]
    assert "poll 2: 1 URLs (1 read, 0 not modified, 0 failed); 1 new articles, 1 new items" in result.stderr


@pytest.mark.parametrize(("validator", "header"), [("etag", "If-None-Match"),
                                                   ("last_modified", "If-Modified-Since")])
def test_a_not_modified_feed_fetches_nothing_more(server: FeedServer, tmp_path: Path, validator: str,
                                                  header: str) -> None:
    value = '"v1"' if validator == "etag" else "Wed, 02 Dec 2026 01:00:00 GMT"
    feed = server.feed("/defence.rss", ["pl-apache", "eg-rafale"], **{validator: value})
    result = _watch(tmp_path / "ledger.db", feed, "--polls", "3")
    assert result.exit_code == 0, result.output
    assert server.paths()[3:] == ["/defence.rss", "/defence.rss"]  # polls 2 and 3: the feed alone
    assert [headers.get(header) for path, headers in server.requests if path == "/defence.rss"] == [
        None, value, value]
    assert sorted(server.pages_fetched()) == ["/articles/eg-rafale.html", "/articles/pl-apache.html"]
    assert len(result.stdout.splitlines()) == 2  # the two deals of poll 1, nothing after
    assert "poll 3: 1 URLs (0 read, 1 not modified, 0 failed)" in result.stderr


@pytest.fixture()
def silent_port() -> Iterator[int]:
    """A port on 127.0.0.1 that takes connections and never answers: a request to it times out."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        yield int(listening.getsockname()[1])


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: a connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_broken_feed_is_one_line_and_the_others_go_on(server: FeedServer, tmp_path: Path,
                                                       silent_port: int) -> None:
    good = server.feed("/good.rss", ["ro-himars"])
    server.routes["/down.rss"] = Route(b"<h1>Internal Server Error</h1>", status=500, content_type="text/html")
    server.routes["/broken.rss"] = Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut &&& off')
    broken = [server.base + "/down.rss", server.base + "/broken.rss", f"http://127.0.0.1:{silent_port}/slow.rss",
              f"http://127.0.0.1:{_closed_port()}/refused.rss"]
    result = _watch(tmp_path / "ledger.db", broken[0], broken[1], good, broken[2], broken[3], "--once",
                    "--timeout", "2")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    for url in broken:
        assert len([line for line in errors if url in line]) == 1, (url, errors)
    lines = [line for line in errors if line.startswith("error: ")]
    assert lines[0] == f"error: {broken[0]}: the server answered HTTP 500 Internal Server Error; skipped this poll"
    assert lines[1].startswith(f"error: {broken[1]}: no feed entries found (") and "not well-formed" in lines[1]
    assert lines[2:] == [f"error: {broken[2]}: no answer within 2 s; skipped this poll",
                         f"error: {broken[3]}: cannot be reached (Connection refused); skipped this poll"]
    assert result.stdout.splitlines() == [f"new deal us-ro-himars-1 US -> RO HIMARS, ordered [from {good}]"]
    assert "4 failed" in result.stderr


def test_a_restarted_watch_ingests_nothing_already_seen(server: FeedServer, db_url: str) -> None:
    feed = server.feed("/defence.rss", ["pl-apache", "eg-rafale", "eg-rafale-afp"])  # no validators: always 200
    server.feed("/other.rss", ["ro-himars"])  # serves the HIMARS page, watched here as a page
    page = server.base + "/articles/ro-himars.html"
    db = db_url
    first = _watch(db, feed, page, "--once")
    assert first.exit_code == 0, first.output
    assert len(first.stdout.splitlines()) == 4  # three deals and the Rafale conflict
    stored, fetched = _articles(db), len(server.pages_fetched())
    second = _watch(db, feed, page, "--once")
    assert second.exit_code == 0, second.output
    assert second.stdout == ""
    assert server.pages_fetched()[fetched:] == ["/articles/ro-himars.html"]  # the watched page itself, once
    assert _articles(db) == stored
    assert "0 new articles, 0 new items" in second.stderr


def test_watch_refuses_a_url_that_is_no_http_url(tmp_path: Path) -> None:
    result = _watch(tmp_path / "ledger.db", "feeds/defence.rss", "--once")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: cannot watch 'feeds/defence.rss': give an http:// or https:// URL "
                                     "of a feed or an article page")


def test_an_entry_whose_page_is_missing_is_read_from_the_feed(server: FeedServer, tmp_path: Path) -> None:
    feed = server.feed("/defence.rss", ["ro-himars"])
    del server.routes["/articles/ro-himars.html"]
    result = _watch(tmp_path / "ledger.db", feed, "--once")
    assert result.exit_code == 1
    page = f"{server.base}/articles/ro-himars.html"
    assert [line for line in result.stderr.splitlines() if line.startswith("error: ")] == [
        f"error: {page}: the server answered HTTP 404 Not Found; the feed's text of the entry is read instead"]
    assert result.stdout.splitlines() == [f"new deal us-ro-himars-1 US -> RO HIMARS, ordered [from {feed}]"]


def test_once_wins_over_polls_and_says_so(server: FeedServer, tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    feed = server.feed("/defence.rss", ["ro-himars"], etag='"v1"')
    result = _watch(tmp_path / "ledger.db", feed, "--once", "--polls", "3")
    assert result.exit_code == 0, result.output
    assert "--once and --polls 3 given: --once wins, one poll" in caplog.text  # a warning, on stderr
    assert server.paths().count("/defence.rss") == 1


def test_watch_waits_the_interval_between_polls_and_not_after_the_last(server: FeedServer, tmp_path: Path) -> None:
    feed = server.feed("/defence.rss", ["ro-himars"], etag='"v1"')
    waits: list[float] = []
    polls: list[Poll] = []
    settings = Settings(db=str(tmp_path / "ledger.db"), watch_interval_s=42.0)
    with Ledger(settings.db, settings=settings) as ledger:
        errors = watch(ledger, [feed], polls=3, on_poll=polls.append, sleep=waits.append)
    assert (errors, waits) == (0, [42.0, 42.0])
    assert [(p.number, [f.status for f in p.feeds], p.articles) for p in polls] == [
        (1, ["read"], 1), (2, ["not modified"], 0), (3, ["not modified"], 0)]
