"""Stage 1: read(source) -> Iterator[Article]: sources, streaming, and bad input reported, not fatal."""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from armsledger.errors import SourceError
from armsledger.models import Article
from armsledger.read import read
from armsledger.read import sources as ingest
from armsledger.settings import Settings

SETTINGS = Settings()
GOOD = "The navy received two frigates on Monday.\n\nThe yard said more would follow."


def _read(source: Any, settings: Settings = SETTINGS) -> tuple[list[Article], list[SourceError]]:
    errors: list[SourceError] = []
    return list(read(source, settings=settings, on_error=errors.append)), errors


def _jsonl(*rows: object) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def test_read_walks_a_folder_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b" / "c.html").write_text("<html><body><p>" + GOOD + "</p></body></html>")
    (tmp_path / "b" / "d.htm").write_text("<html><body><p>" + GOOD + "</p></body></html>")
    (tmp_path / "b" / "deep" / "corpus.jsonl").write_text(_jsonl({"id": "j1", "text": GOOD}))
    (tmp_path / "notes.md").write_text(GOOD)
    (tmp_path / ".hidden.txt").write_text(GOOD)
    articles, errors = _read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["a.txt", "c.html", "d.htm", "j1"]
    assert articles[0].text == GOOD and articles[0].origin == str(tmp_path / "a.txt")
    assert articles[1].html is not None and articles[1].text is None


def test_read_lists_one_folder_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_text(GOOD)
    listed: list[str] = []
    real_scandir = os.scandir

    def counting_scandir(path: str) -> Any:  # Any: os.scandir's iterator
        listed.append(os.path.basename(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest.os, "scandir", counting_scandir)
    articles = read(tmp_path, settings=SETTINGS)
    first = next(articles)
    assert first.origin == str(tmp_path / "a" / "story.txt")
    assert listed == [tmp_path.name, "a"]  # b and c are not listed yet


def test_read_maps_json_lines_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(_jsonl(
        {"id": "t1", "text": GOOD, "url": "https://example.org/2020/03/16/x", "published": "2020-03-16",
         "title": "Frigates arrive"},
        "",
        {"id": 7, "html": "<p>" + GOOD + "</p>"},
    ))
    articles, errors = _read(corpus)
    assert errors == []
    assert articles[0] == Article(id="t1", text=GOOD, url="https://example.org/2020/03/16/x",
                                  published="2020-03-16", title="Frigates arrive", origin=f"{corpus}:1")
    assert articles[1].id == "7" and articles[1].html is not None and articles[1].origin == f"{corpus}:3"


def test_read_reads_gzipped_json_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as stream:
        stream.write(_jsonl({"id": "g1", "text": GOOD}))
    assert [a.id for a in _read(corpus)[0]] == ["g1"]


def test_read_stdin_as_json_lines_or_as_one_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_jsonl({"id": "s1", "text": GOOD}).encode())))
    assert [a.id for a in _read("-")[0]] == ["s1"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("\n\n" + GOOD).encode())))
    articles, _ = _read("-")
    assert [(a.id, a.text) for a in articles] == [("<stdin>", "\n\n" + GOOD)]


def test_read_an_open_text_stream() -> None:
    articles, errors = _read(io.StringIO(_jsonl({"id": "x", "text": GOOD}, "{broken")))
    assert [a.id for a in articles] == ["x"]
    assert [e.origin for e in errors] == ["<stream>:2"]


def test_read_an_html_page_saved_as_text(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text("<!DOCTYPE html><html><body><p>" + GOOD + "</p></body></html>")
    assert _read(page)[0][0].html is not None


# Bad input: each gives one SourceError naming the file (and line), and reading goes on.


def _with_good_neighbour(tmp_path: Path, bad_name: str, content: bytes) -> tuple[list[Article], list[SourceError]]:
    (tmp_path / bad_name).write_bytes(content)
    (tmp_path / "zz_good.txt").write_text(GOOD)
    return _read(tmp_path)


def test_bad_binary_file_is_reported_and_skipped(tmp_path: Path) -> None:
    articles, errors = _with_good_neighbour(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    assert [a.id for a in articles] == ["zz_good.txt"]
    assert len(errors) == 1 and errors[0].origin == str(tmp_path / "image.txt")
    assert "binary" in errors[0].reason


def test_bad_bytes_that_are_not_text_in_any_encoding_are_reported(tmp_path: Path) -> None:
    articles, errors = _with_good_neighbour(tmp_path, "garbled.txt", b"Talks \x81\x8d\x8f\x90\x9d" * 40)
    assert [a.id for a in articles] == ["zz_good.txt"]
    assert len(errors) == 1 and "not UTF-8" in errors[0].reason


def test_legacy_cp1252_text_is_read_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="armsledger"):
        articles, errors = _with_good_neighbour(
            tmp_path, "legacy.txt", "The \u201cdeal\u201d was signed in S\u00e3o Paulo.".encode("cp1252"))
    assert errors == []
    assert articles[0].text == "The \u201cdeal\u201d was signed in S\u00e3o Paulo."
    assert "legacy.txt" in caplog.text and "cp1252" in caplog.text


def test_bad_empty_file_is_reported(tmp_path: Path) -> None:
    articles, errors = _with_good_neighbour(tmp_path, "empty.txt", b"")
    assert [a.id for a in articles] == ["zz_good.txt"]
    assert [(e.origin, e.reason) for e in errors] == [(str(tmp_path / "empty.txt"), "empty file; nothing to read")]


def test_bad_whitespace_only_file_is_reported(tmp_path: Path) -> None:
    _, errors = _with_good_neighbour(tmp_path, "blank.txt", b" \n\n \n")
    assert len(errors) == 1 and "empty" in errors[0].reason


def test_bad_50_mb_page_is_reported_from_its_size_without_reading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as stream:
        stream.truncate(50_000_000)  # sparse: 50 MB on paper, no disk used
    (tmp_path / "zz_good.txt").write_text(GOOD)
    opened: list[str] = []
    real_open = open

    def watching_open(path: Any, *args: Any, **kwargs: Any) -> Any:  # Any: builtins.open's signature
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", watching_open, raising=False)
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["zz_good.txt"]
    assert len(errors) == 1 and errors[0].origin == str(huge)
    assert "50,000,000 bytes" in errors[0].reason and "max_article_bytes" in errors[0].reason
    assert str(huge) not in opened


def test_bad_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make open() fail the way it does for other users
        real_open = open

        def refusing_open(path: Any, *args: Any, **kwargs: Any) -> Any:  # Any: builtins.open's signature
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(ingest, "open", refusing_open, raising=False)
    try:
        articles, errors = _with_good_neighbour(tmp_path, "a_good.txt", GOOD.encode())
    finally:
        locked.chmod(0o644)
    assert [a.id for a in articles] == ["a_good.txt", "zz_good.txt"]
    assert len(errors) == 1 and errors[0].origin == str(locked) and "permission denied" in errors[0].reason


def test_bad_missing_path_is_reported(tmp_path: Path) -> None:
    articles, errors = _read(tmp_path / "nowhere")
    assert articles == []
    assert [e.origin for e in errors] == [str(tmp_path / "nowhere")]
    assert "no such file" in errors[0].reason


def test_bad_json_lines_are_reported_with_their_line_number(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(_jsonl(
        {"id": "ok1", "text": GOOD},
        "{not json",
        {"id": "no-text", "title": "A title"},
        {"text": GOOD},
        {"id": "empty", "text": "   "},
        ["a", "list"],
        {"id": "ok2", "text": GOOD},
    ))
    articles, errors = _read(corpus)
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [e.origin for e in errors] == [f"{corpus}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "not valid JSON" in errors[0].reason
    assert "no 'text' or 'html'" in errors[1].reason
    assert "no 'id'" in errors[2].reason
    assert "not an object" in errors[4].reason


def test_bad_json_line_longer_than_the_limit_is_skipped_without_holding_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(_jsonl({"id": "a", "text": GOOD}, {"id": "big", "text": "word " * 5000},
                             {"id": "b", "text": GOOD}))
    articles, errors = _read(corpus, Settings(max_article_bytes=2000))
    assert [a.id for a in articles] == ["a", "b"]
    assert [e.origin for e in errors] == [f"{corpus}:2"]
    assert "max_article_bytes" in errors[0].reason


def test_bad_binary_json_lines_file_gives_one_error(tmp_path: Path) -> None:
    _, errors = _with_good_neighbour(tmp_path, "dump.jsonl", b"\x00\x01\x02\n" * 100)
    assert len(errors) == 1 and "binary" in errors[0].reason


def test_bad_input_is_logged_when_no_handler_is_given(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="armsledger"):
        assert list(read(tmp_path / "missing.txt", settings=SETTINGS)) == []
    assert "missing.txt" in caplog.text


def test_read_a_feed_file(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>'
        "<item><title>Yard delivers frigate</title><link>https://example.org/2021/05/04/frigate</link>"
        "<guid>item-1</guid><pubDate>Tue, 04 May 2021 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;The yard delivered a frigate.&lt;/p&gt;&lt;p&gt;More will follow.&lt;/p&gt;"
        "</description></item></channel></rss>")
    articles, errors = _read(feed)
    assert errors == []
    assert len(articles) == 1
    one = articles[0]
    assert (one.id, one.title, one.published, one.url) == (
        "item-1", "Yard delivers frigate", "2021-05-04", "https://example.org/2021/05/04/frigate")
    assert one.text is not None and "The yard delivered a frigate." in one.text and "More will follow." in one.text


def _warc_record(uri: str, content_type: str, body: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}".encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\nWARC-Date: 2021-05-04T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return gzip.compress(head.encode() + http + b"\r\n\r\n")


def test_read_a_warc_file(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        _warc_record("https://example.org/a", "text/html; charset=utf-8", f"<html><body><p>{GOOD}</p></body></html>")
        + _warc_record("https://example.org/logo.png", "image/png", "PNG"))
    articles, errors = _read(archive)
    assert errors == []
    assert [(a.id, a.url) for a in articles] == [("https://example.org/a", "https://example.org/a")]
    assert articles[0].html is not None and GOOD.split("\n")[0] in articles[0].html


def test_bad_warc_file_is_reported(tmp_path: Path) -> None:
    _, errors = _with_good_neighbour(tmp_path, "broken.warc", b"this is not an archive\n" * 10)
    assert len(errors) == 1 and errors[0].origin == str(tmp_path / "broken.warc")
