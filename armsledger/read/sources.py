"""Read articles from folders, files, corpora and streams: the sources of stage 1 (`armsledger.read`).

Sources:
- a folder: walked recursively, each folder's entries in name order, hidden entries skipped; its
  `.txt`, `.html`, `.htm`, JSON Lines (`.jsonl`, `.ndjson`, `.jsonl.gz`), WARC (`.warc`,
  `.warc.gz`) and feed (`.rss`, `.atom`) files are read; other files are ignored
- one file of any of those kinds (a file with another suffix is sniffed: JSON Lines, feed, HTML
  or text)
- a JSON Lines corpus (FORMAT.md): one object per line, `id` and `text` or `html` required,
  `url`, `published`, `title`, `author`, `outlet` optional
- `-` for standard input, or an open stream: JSON Lines when its first non-blank line starts
  with `{`, else one plain-text article

A file's article id is its file name; a JSON Lines article's id is its `id` field.

Nothing that cannot be read stops the run. Each such input gives one SourceError, passed to
`on_error`, whose origin names the file (`path`, or `path:line` in a corpus) and whose reason
says what is wrong and how to fix it: a missing path, an unreadable file (permissions), an empty
file, a file or line larger than `settings.max_article_bytes` (found from its size, without
reading it), a binary file, bytes that are not text, a line that is not JSON or has no `id` or no
`text`/`html`. Text that is not valid UTF-8 but reads as cp1252 is read, with a logged warning
(see `armsledger.read.decoding`).
"""
from __future__ import annotations

import gzip
import itertools
import json
import logging
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from armsledger.clean import split_url
from armsledger.errors import SourceError
from armsledger.models import Article
from armsledger.read import feeds, warc
from armsledger.read.decoding import is_binary, read_text
from armsledger.settings import Settings

log = logging.getLogger("armsledger.ingest")

Report = Callable[[SourceError], None]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom")
_SKIP_CHUNK_BYTES = 1 << 20
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body")
_OPTIONAL_FIELDS = ("url", "published", "title", "author", "outlet")
_READ_FIELDS = ("id", "text", "html", *_OPTIONAL_FIELDS)
_NOT_REGULAR = "is not a regular file (a FIFO, socket or device, or a broken link); only files are read"


def read(source: str | Path | IO[str], *, settings: Settings,
         on_error: Callable[[SourceError], None] | None = None) -> Iterator[Article]:
    """Yield the articles of a folder, a file, a JSON Lines corpus, `-` (stdin) or a stream.

    Args:
        source: what to read (see the module docstring).
        settings: options; `max_article_bytes` bounds every file and corpus line.
        on_error: called once for each input that cannot be read; the run goes on without it.
            Errors are logged as warnings if None.

    Returns:
        An iterator that reads lazily: one article (or corpus line) in memory at a time, and
        folders listed one folder at a time.
    """
    report = on_error or _log_error
    if isinstance(source, str) and source == "-":
        stdin: IO[Any] = getattr(sys.stdin, "buffer", sys.stdin)  # Any: bytes or str stream
        yield from _read_stream(stdin, "<stdin>", settings, report)
    elif isinstance(source, (str, os.PathLike)):
        yield from _read_path(Path(source), settings, report)
    else:
        yield from _read_stream(source, str(getattr(source, "name", "<stream>")), settings, report)


def _log_error(err: SourceError) -> None:
    log.warning("%s", err)


def files(source: str | Path, *, on_error: Callable[[SourceError], None] | None = None) -> Iterator[Path]:
    """Yield the files that read(source) reads, in its order: a folder's readable files, or the file.

    Args:
        source: a folder or a file.
        on_error: called with a missing path, or a folder or entry that cannot be listed; logged if None.
    """
    report = on_error or _log_error
    path = Path(source)
    try:
        is_dir = path.is_dir()
        path.stat()
    except FileNotFoundError:
        report(SourceError(str(path), "no such file or folder; check the path"))
        return
    except OSError as err:
        report(SourceError(str(path), f"cannot be opened ({err.strerror}); check its permissions"))
        return
    if not is_dir and not path.is_file():  # a FIFO would block the run, a device never ends
        report(SourceError(str(path), _NOT_REGULAR))
        return
    yield from _walk(path, report) if is_dir else iter([path])


def _read_path(path: Path, settings: Settings, report: Report) -> Iterator[Article]:
    for file in files(path, on_error=report):
        # Only a file named on its own is sniffed: in a folder, files of other suffixes are not read.
        yield from _read_file(file, settings, report, sniff=file == path)


def _walk(root: Path, report: Report) -> Iterator[Path]:
    """Yield the readable files under root, depth first, each folder's entries sorted by name."""
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                names = sorted((e.name, e.is_dir(follow_symlinks=False), e.is_file()) for e in entries
                               if not e.name.startswith("."))
        except OSError as err:
            report(SourceError(folder, f"folder cannot be listed ({err.strerror}); check its permissions"))
            continue
        subfolders = []
        for name, is_dir, is_file in names:
            if is_dir:
                subfolders.append(os.path.join(folder, name))
            elif _kind(name) and not is_file:
                report(SourceError(os.path.join(folder, name), _NOT_REGULAR))
            elif _kind(name):
                yield Path(folder, name)
            else:
                log.debug("%s: skipped, not a suffix armsledger reads", os.path.join(folder, name))
        folders.extend(reversed(subfolders))


def _kind(name: str) -> str | None:
    lower = name.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                           ("warc", WARC_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if lower.endswith(suffixes):
            return kind
    return None


def _read_file(path: Path, settings: Settings, report: Report, *, sniff: bool) -> Iterator[Article]:
    origin = str(path)
    limit = settings.max_article_bytes
    kind = _kind(path.name)
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            yield from _read_jsonl_file(path, settings, report)
            return
        if kind == "warc":
            yield from warc.read_warc(path, settings=settings, report=report)
            return
        if size == 0:
            report(SourceError(origin, "empty file; nothing to read"))
            return
        if size > limit:
            report(SourceError(origin, _too_big(f"file is {size:,} bytes,", limit)))
            return
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except PermissionError:
        report(SourceError(origin, "permission denied; make the file readable (chmod +r)"))
        return
    except OSError as err:
        report(SourceError(origin, f"cannot be read ({err.strerror})"))
        return
    if len(data) > limit:  # it grew after stat()
        report(SourceError(origin, _too_big("file is", limit)))
        return
    if kind is None and sniff:
        kind = _sniff(data)
    if kind == "jsonl":  # a sniffed corpus with an unusual suffix
        yield from _read_lines(iter(data.splitlines(keepends=True)), origin, settings, report)
        return
    if kind == "feed":
        yield from feeds.read_feed(data, origin=origin, report=report)
        return
    text = read_text(data, origin, report)
    if text is None:
        return
    if not text.strip():
        report(SourceError(origin, "empty file (only whitespace); nothing to read"))
        return
    if kind == "html" or _looks_like_html(text):
        yield Article(id=path.name, html=text, origin=origin)
    else:
        yield Article(id=path.name, text=text, origin=origin)


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith(b"{"):
        return "jsonl"
    if feeds.is_feed(data):
        return "feed"
    return "text"


def _looks_like_html(text: str) -> bool:
    return text[:1024].lstrip()[:16].lower().startswith(_HTML_MARKERS)



def _too_big(what: str, limit: int) -> str:
    return (f"{what} larger than max_article_bytes ({limit:,} bytes); skipped. Raise the limit "
            f"(ARMSLEDGER_MAX_ARTICLE_BYTES or max_article_bytes in armsledger.toml) to read it")


def _read_jsonl_file(path: Path, settings: Settings, report: Report) -> Iterator[Article]:
    is_gzip = path.name.lower().endswith(".gz")
    opener: Callable[[Path], IO[bytes]] = gzip.open if is_gzip else _open_binary  # type: ignore[assignment]
    lines_read = 0

    def counted(lines: Iterator[bytes | str | None]) -> Iterator[bytes | str | None]:
        nonlocal lines_read
        for line in lines:
            lines_read += 1
            yield line

    try:
        with opener(path) as stream:
            try:
                head: bytes | None = stream.read(8192)
            except (EOFError, zlib.error, gzip.BadGzipFile):
                if not is_gzip:
                    raise
                head = None  # a short damaged gzip file: read its good lines, the error comes again after them
            if head is not None and not head.strip():
                report(SourceError(str(path), "empty file; nothing to read"))
                return
            if head is not None and is_binary(head):
                report(SourceError(str(path), "is a binary file, not JSON Lines text"))
                return
            stream.seek(0)
            lines = counted(_bounded_lines(stream, settings.max_article_bytes))
            yield from _read_lines(lines, str(path), settings, report)
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        if not is_gzip:
            raise
        where = f"{path}:{lines_read + 1}" if lines_read else str(path)
        report(SourceError(where, f"the gzip stream is truncated or corrupt ({err or type(err).__name__}); "
                                  f"the {lines_read:,} line(s) before it were read, the rest is skipped"))


def _open_binary(path: Path) -> IO[bytes]:
    return open(path, "rb")


def _bounded_lines(stream: IO[Any], limit: int) -> Iterator[bytes | str | None]:  # Any: bytes or str
    """Yield the stream's lines, or None for a line longer than limit (skipped without storing it)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > limit and not line.endswith(newline):
            while True:  # skip the rest of the long line
                rest = stream.readline(_SKIP_CHUNK_BYTES)
                if not rest or rest.endswith(newline):
                    break
            yield None
        else:
            yield line


def _read_lines(lines: Iterable[bytes | str | None], origin: str, settings: Settings,
                report: Report) -> Iterator[Article]:
    for number, line in enumerate(lines, 1):
        where = f"{origin}:{number}"
        if line is None or len(line) > settings.max_article_bytes:
            report(SourceError(where, _too_big("line is", settings.max_article_bytes)))
            continue
        text = read_text(line, where, report) if isinstance(line, bytes) else line
        if text is None or not text.strip():
            continue
        article = _article_from_json(text, where, report)
        if article is not None:
            yield article


def _article_from_json(line: str, where: str, report: Report) -> Article | None:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        report(SourceError(where, f"not valid JSON ({err.msg} at column {err.colno}); "
                                  "each line must be one JSON object"))
        return None
    if "\\u" in line and (field := _field_with_surrogate(row)) is not None:
        report(SourceError(where, f"{field!r} holds a lone surrogate escape (such as \"\\ud800\"), which is "
                                  "not text; write the character as a full UTF-16 pair or in UTF-8"))
        return None
    if not isinstance(row, dict):
        report(SourceError(where, f"is a JSON {type(row).__name__}, not an object; each line must be one "
                                  "object with 'id' and 'text' or 'html'"))
        return None
    if row.get("id") in (None, ""):
        report(SourceError(where, "has no 'id'; add an 'id' to each line"))
        return None
    text, page = row.get("text"), row.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(page, str) and page.strip()):
        report(SourceError(where, "has no 'text' or 'html' (or it is empty or not a string); "
                                  "add one of them"))
        return None
    optional = {name: str(row[name]) for name in _OPTIONAL_FIELDS if row.get(name) not in (None, "")}
    if "url" in optional and split_url(optional["url"]) is None:
        log.warning("%s: 'url' %r is not a valid URL; the article is read without it", where, optional["url"])
        del optional["url"]
    return Article(id=str(row["id"]), text=text if isinstance(text, str) and text.strip() else None,
                   html=page if isinstance(page, str) else None, origin=where, **optional)


def _field_with_surrogate(row: Any) -> str | None:  # Any: a parsed JSON value
    """Return the first field read from a row that holds a lone surrogate (only a JSON escape makes one)."""
    if not isinstance(row, dict):
        return None
    for name in _READ_FIELDS:
        value = row.get(name)
        if isinstance(value, str) and _has_surrogate(value):
            return name
    return None


def _has_surrogate(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_stream(stream: IO[Any], name: str, settings: Settings, report: Report) -> Iterator[Article]:
    """Read a stream of bytes or text: JSON Lines if its first non-blank line starts with `{`."""
    limit = settings.max_article_bytes
    lines = _bounded_lines(stream, limit)
    try:
        head: list[bytes | str | None] = []
        for line in lines:
            head.append(line)
            if line is None or line.strip():
                break
        first = head[-1] if head else None
        if isinstance(first, (bytes, str)) and first.lstrip()[:1] in ("{", b"{"):
            yield from _read_lines(itertools.chain(head, lines), name, settings, report)
            return
        if not head:
            report(SourceError(name, "empty input; nothing to read"))
            return
        if any(line is None for line in head):
            report(SourceError(name, _too_big("input is", limit)))
            return
        start = sum(len(line) for line in head if line is not None)
        rest = stream.read(limit + 1 - start)
    except UnicodeDecodeError as err:
        report(SourceError(name, f"is not UTF-8 text ({err.reason} at byte {err.start}); "
                                 "convert it to UTF-8"))
        return
    data: bytes | str
    if isinstance(rest, bytes):
        data = b"".join(line for line in head if isinstance(line, bytes)) + rest
    else:
        data = "".join(line for line in head if isinstance(line, str)) + rest
    if len(data) > limit:
        report(SourceError(name, _too_big("input is", limit)))
        return
    text = read_text(data, name, report) if isinstance(data, bytes) else data
    if text is not None and text.strip():
        yield Article(id=name, text=text, origin=name)
    elif text is not None:
        report(SourceError(name, "empty input; nothing to read"))

