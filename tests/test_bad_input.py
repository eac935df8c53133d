"""Bad input that used to stop a whole run: each gives one line naming its file (and line), and the run goes on.

Every corpus here is written for these tests. The good article next to each bad one checks that
reading carried on past it.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsledger.cli import main
from armsledger.errors import SourceError
from armsledger.ledger import Ledger
from armsledger.models import Article
from armsledger.pipeline import run
from armsledger.read import read
from armsledger.settings import Settings

SETTINGS = Settings()
STORY = "Norway has ordered four Leopard 2A7 tanks from Germany for $300 million, the ministry said on Tuesday."


def _story(n: int) -> str:
    return f"{STORY} It is order number {n} of the year."


def _jsonl(*rows: dict[str, object]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def _read(path: Path) -> tuple[list[Article], list[SourceError]]:
    errors: list[SourceError] = []
    return list(read(path, settings=SETTINGS, on_error=errors.append)), errors


@pytest.mark.parametrize("url", ["http://[::1", "http://[x]/", "https://example.org:99999/a"])
def test_bad_url_in_json_lines_is_dropped_with_one_warning_and_the_article_read(
        tmp_path: Path, url: str, caplog: pytest.LogCaptureFixture) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(_jsonl({"id": "a", "text": _story(1), "url": url}, {"id": "b", "text": _story(2)}))
    with caplog.at_level(logging.WARNING):
        results = list(run(corpus, settings=SETTINGS, on_error=pytest.fail))
    assert [r.article.id for r in results] == ["a", "b"]
    assert results[0].article.url is None and results[0].document.outlet is None
    assert results[0].claims and results[0].claims[0].system is not None
    assert [r.getMessage() for r in caplog.records] == [
        f"{corpus}:1: 'url' {url!r} is not a valid URL; the article is read without it"]


def test_bad_link_in_a_feed_is_dropped_with_one_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    items = "".join(f"<item><title>t{n}</title><link>{link}</link><description>{_story(n)}</description></item>"
                    for n, link in enumerate(["http://[::1", "http://[x]/", "https://example.org/3"], 1))
    feed = tmp_path / "news.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>')
    with caplog.at_level(logging.WARNING):
        results = list(run(feed, settings=SETTINGS, on_error=pytest.fail))
    assert [r.article.url for r in results] == [None, None, "https://example.org/3"]
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [f"{feed}#1", f"{feed}#2"]


def test_bad_day_zero_is_no_date_and_the_article_is_read(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    day_zero = "Norway signed a deal on March 0 to buy four Leopard 2A7 tanks from Germany."
    corpus.write_text(_jsonl({"id": "zero", "text": day_zero, "published": "2020-05-04"},
                             {"id": "dated", "text": day_zero.replace("0", "3"), "published": "2020-05-04"},
                             {"id": "zero-in-field", "text": _story(3), "published": "2020-03-00"}))
    errors: list[SourceError] = []
    results = list(run(corpus, settings=SETTINGS, on_error=errors.append))
    assert [r.article.id for r in results] == ["zero", "dated", "zero-in-field"]
    assert all(c.date is None for c in results[0].claims)  # "March 0" names no day
    assert results[1].claims[0].date is not None and results[1].claims[0].date.value == "2020-03-03"
    published = results[2].document.published
    assert published is not None and published.precision != "day"  # never a day that does not exist
    assert errors == []


def test_bad_lone_surrogate_escape_is_one_error_naming_the_line_and_field(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s", "text": "Tanks \\ud800 ordered."}\n'
                      '{"id": "t", "title": "\\udc00", "text": "x"}\n'
                      '{"id": "pair", "text": "Emoji \\ud83d\\ude00 are fine."}\n', encoding="utf-8")
    articles, errors = _read(corpus)
    assert [a.id for a in articles] == ["pair"]
    assert [(e.origin, e.reason.split()[0]) for e in errors] == [(f"{corpus}:1", "'text'"), (f"{corpus}:2", "'title'")]


def test_bad_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    whole = gzip.compress(_jsonl(*({"id": str(n), "text": _story(n) + " x" * n} for n in range(300))).encode())
    corpus = tmp_path / "cut.jsonl.gz"
    corpus.write_bytes(whole[:len(whole) // 2])
    articles, errors = _read(corpus)
    assert len(errors) == 1 and "truncated or corrupt" in errors[0].reason
    assert 0 < len(articles) < 300 and [a.id for a in articles] == [str(n) for n in range(len(articles))]
    assert errors[0].origin == f"{corpus}:{len(articles) + 1}"


@pytest.mark.parametrize("damage", ["short", "garbled"])
def test_bad_small_gzip_is_one_error_and_the_next_file_is_read(tmp_path: Path, damage: str) -> None:
    whole = gzip.compress(_jsonl({"id": "g", "text": _story(1)}).encode())
    broken = whole[:30] if damage == "short" else whole[:12] + bytes(range(200, 240))
    (tmp_path / "a.jsonl.gz").write_bytes(broken)
    (tmp_path / "b.jsonl").write_text(_jsonl({"id": "next", "text": _story(2)}))
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["next"]
    assert len(errors) == 1 and errors[0].origin == str(tmp_path / "a.jsonl.gz")


def _warc_record(uri: str | None, body: str, *, length_delta: int = 0) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}".encode()
    target = f"WARC-Target-URI: {uri}\r\n" if uri is not None else ""
    head = (f"WARC/1.0\r\nWARC-Type: response\r\n{target}WARC-Record-ID: <urn:uuid:{abs(hash(str(uri))):032x}>\r\n"
            "WARC-Date: 2021-05-04T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + length_delta}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


@pytest.mark.parametrize("compress", [True, False])
def test_bad_warc_record_without_target_uri_is_one_error_and_the_next_record_read(
        tmp_path: Path, compress: bool) -> None:
    page = f"<html><body><p>{STORY}</p></body></html>"
    records = [_warc_record(None, page), _warc_record("https://example.org/b", page)]
    archive = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    archive.write_bytes(b"".join(gzip.compress(r) if compress else r for r in records))
    articles, errors = _read(archive)
    assert [a.id for a in articles] == ["https://example.org/b"]
    assert [e.origin for e in errors] == [f"{archive}#record 1"] and "WARC-Target-URI" in errors[0].reason


def test_bad_warc_url_is_kept_as_the_id_but_not_as_the_url(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(_warc_record("http://[::1", f"<html><body><p>{STORY}</p></body></html>"))
    results = list(run(archive, settings=SETTINGS, on_error=pytest.fail))
    assert [(r.article.id, r.article.url) for r in results] == [("http://[::1", None)]


def test_warcio_warnings_are_one_log_line_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    archive = tmp_path / "crawl.warc"
    page = f"<html><body><p>{STORY}</p></body></html>"
    archive.write_bytes(_warc_record("https://example.org/a", page, length_delta=-4)
                        + _warc_record("https://example.org/b", page))
    with caplog.at_level(logging.WARNING):
        articles, _ = _read(archive)
    assert "https://example.org/b" in [a.id for a in articles]
    assert capsys.readouterr().err == ""
    noise = [r.getMessage() for r in caplog.records if "warcio" in r.getMessage()]
    assert noise and all(line.startswith(f"{archive}: warcio: ") and "\n" not in line for line in noise)


def test_trafilatura_lines_do_not_reach_the_user(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "index.html").write_text("<html><body><div></div></body></html>")
    (tmp_path / "story.txt").write_text(STORY)
    errors: list[SourceError] = []
    with caplog.at_level(logging.INFO):
        results = list(run(tmp_path, settings=SETTINGS, on_error=errors.append))
    assert [r.article.id for r in results] == ["story.txt"]
    assert [e.origin for e in errors] == [str(tmp_path / "index.html")]
    assert [r for r in caplog.records if r.name.startswith("trafilatura")] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_bad_fifo_in_a_folder_is_skipped_with_one_error_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-pipe.jsonl")  # opening it would wait for a writer forever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "b.txt").write_text(STORY)
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["b.txt"]
    assert sorted(e.origin for e in errors) == [str(tmp_path / "a-pipe.jsonl"), str(tmp_path / "gone.txt")]
    assert all("not a regular file" in e.reason for e in errors)


def test_source_error_is_always_one_line() -> None:
    assert str(SourceError("f.xml:3", "no feed entries found (line 1\n  column 2)")) == \
        "f.xml:3: no feed entries found (line 1 column 2)"


def test_extract_cli_reports_each_bad_input_and_finishes(tmp_path: Path) -> None:
    whole = gzip.compress(_jsonl({"id": "g", "text": _story(1)}).encode())
    (tmp_path / "a.jsonl.gz").write_bytes(whole[:30])
    (tmp_path / "b.jsonl").write_text('{"id": "s", "text": "\\ud800"}\n' + _jsonl(
        {"id": "u", "text": _story(2), "url": "http://[x]/"},
        {"id": "z", "text": "Norway signed on March 0 a deal to buy four Leopard 2A7 tanks from Germany.",
         "published": "2020-05-04"},
        {"id": "ok", "text": _story(3)}))
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == ["u", "ok"]
    skipped = [line for line in result.stderr.splitlines() if line.startswith("armsledger: skipped")]
    assert [line.split(": ")[1].rsplit("/", 1)[-1] for line in skipped] == ["a.jsonl.gz", "b.jsonl:1"]


def test_ingest_error_lines_are_not_wrapped_when_stderr_is_a_file(tmp_path: Path) -> None:
    long_id = "a-very-long-article-id-" * 12
    corpus = tmp_path / ("folder-with-a-long-name-" * 3) / "corpus.jsonl"
    corpus.parent.mkdir()
    corpus.write_text(_jsonl({"id": long_id, "text": _story(1)}, {"id": "ok", "text": _story(2)}))
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {corpus}:1: cannot be stored: its id is 276 characters")
    assert errors[0].endswith("; skipped") and len(errors[0]) > 120
    assert result.stdout.endswith("; 1 errors\n")
    with Ledger(str(tmp_path / "l.db"), settings=SETTINGS) as ledger:
        assert ledger.article("ok").id == "ok"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_api_url_checks_do_not_raise_on_bad_urls() -> None:
    from armsledger.clean.metadata import date_from_url, outlet_from_url
    from armsledger.web.present import is_web_url

    for url in ("http://[::1", "http://[x]/", "http://a.org:99999/2020/01/02/"):
        assert outlet_from_url(url) == (None, False)
        assert date_from_url(url) is None
        assert is_web_url(url) is False


SPECIALS = ["fifo", "socket", "device"]
"""A FIFO, a Unix socket and a link to a character device (/dev/zero): POSIX only, as is armsledger."""


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path is limited to about 100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="al-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder)


def _make_special(kind: str, path: Path) -> Iterator[None]:
    """Make a special file at path; for a FIFO, unblock a reader that opens it by mistake, after a while."""
    if kind == "fifo":
        os.mkfifo(path)
        unblock = threading.Timer(15, lambda: os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
                                  if path.exists() else None)
        unblock.daemon = True
        unblock.start()
        yield
        unblock.cancel()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        yield
        server.close()
    else:
        path.symlink_to("/dev/zero")  # reading it never ends
        yield


@pytest.mark.parametrize("kind", SPECIALS)
@pytest.mark.parametrize("name", ["special.jsonl", "special.txt", "special"])
def test_special_file_named_on_the_command_line_is_skipped_with_one_error(
        short_tmp: Path, kind: str, name: str) -> None:
    path = short_tmp / name
    for _ in _make_special(kind, path):
        articles, errors = _read(path)
        assert articles == []
        assert [(e.origin, "not a regular file" in e.reason) for e in errors] == [(str(path), True)]


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_file_in_a_folder_is_skipped_with_one_error(short_tmp: Path, kind: str) -> None:
    (short_tmp / "b.txt").write_text(STORY)
    path = short_tmp / "a.jsonl"
    for _ in _make_special(kind, path):
        articles, errors = _read(short_tmp)
        assert [a.id for a in articles] == ["b.txt"]
        assert [(e.origin, "not a regular file" in e.reason) for e in errors] == [(str(path), True)]


@pytest.mark.parametrize("kind", SPECIALS)
@pytest.mark.parametrize("where", ["argument", "folder"])
def test_extract_and_ingest_name_a_special_file_on_one_line_and_go_on(
        short_tmp: Path, kind: str, where: str) -> None:
    corpus = short_tmp / "corpus"
    corpus.mkdir()
    (corpus / "b.txt").write_text(STORY)
    path = corpus / "a.jsonl"
    for _ in _make_special(kind, path):
        target = str(corpus if where == "folder" else path)
        extracted = CliRunner().invoke(main, ["extract", target, "--format", "jsonl"])
        ingested = CliRunner().invoke(main, ["ingest", target, "--db", str(short_tmp / "l.db")])
    for result in (extracted, ingested):
        assert result.exit_code == 1, result.output
        named = [line for line in result.stderr.splitlines() if "not a regular file" in line]
        assert len(named) == 1 and str(path) in named[0]
    docs = [json.loads(line)["doc"] for line in extracted.stdout.splitlines()]
    assert docs == (["b.txt"] if where == "folder" else [])
