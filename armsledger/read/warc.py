"""Read articles from web archives (WARC files, with warcio).

Part of stage 1 (`armsledger.read`): yields Articles with their HTML, and reports what it cannot
read as SourceError, the same way as the rest of `read`.
"""
from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr
from functools import cache
from pathlib import Path
from typing import Any

from armsledger.clean import split_url
from armsledger.errors import SourceError
from armsledger.models import Article
from armsledger.read.decoding import read_text
from armsledger.settings import Settings

log = logging.getLogger("armsledger.feeds")
"""The name from before WARC and feeds were split: warcio's noise is logged as it was."""

Report = Callable[[SourceError], None]


def read_warc(path: Path, *, settings: Settings, report: Report) -> Iterator[Article]:
    """Yield one Article (with `html` and `url`) per HTML response record of a WARC file.

    The article id is the record's target URI. A record larger than max_article_bytes is skipped
    with an error, from its Content-Length, without reading it.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = settings.max_article_bytes
    try:
        if not _starts_like_warc(path):
            report(SourceError(str(path), "not a WARC file (it does not start with 'WARC/'); skipped"))
            return
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            records.loader = _uri_tolerant_loader()
            number = 0
            while True:
                # warcio writes its warnings to sys.stderr; each is caught here and logged with the file's
                # name. Errors are reported after the block, so that they reach the real stderr.
                errors: list[SourceError] = []
                with _warcio_noise(path):
                    record = next(records, None)
                    if record is not None:
                        number += 1
                        found = _warc_record(record, path, number, limit, errors.append)
                for error in errors:
                    report(error)
                if record is None:
                    break
                if found is not None:
                    yield found
    except ArchiveLoadFailed as err:
        report(SourceError(str(path), f"not a readable WARC file ({err}); check that it is WARC, "
                                      "gzipped per record or not at all"))
    except PermissionError:
        report(SourceError(str(path), "permission denied; make the file readable (chmod +r)"))
    except OSError as err:
        report(SourceError(str(path), f"cannot be read ({err.strerror or err})"))


def _warc_record(record: Any, path: Path, number: int, limit: int,  # Any: warcio's ArcWarcRecord
                 report: Report) -> Article | None:
    """Return the Article of one WARC record, or None when it is not an HTML response (or is bad)."""
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not uri:
        report(SourceError(f"{path}#record {number}", "response record has no WARC-Target-URI header; skipped"))
        return None
    if record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    origin = f"{path}#{uri}"
    try:
        length = int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        report(SourceError(origin, "record has a Content-Length that is not a number; skipped"))
        return None
    if length > limit:
        report(SourceError(origin, f"record is {length:,} bytes, larger than max_article_bytes "
                                   f"({limit:,}); skipped"))
        return None
    page = read_text(record.content_stream().read(limit + 1), origin, report)
    if page is None or not page.strip():
        return None
    return Article(id=uri, html=page, url=uri if split_url(uri) is not None else None, origin=origin)


@cache
def _uri_tolerant_loader() -> Any:  # Any: warcio has no type hints
    """Return warcio's record loader, made to accept records without a WARC-Target-URI (warcio 1.7
    fails on them with an AttributeError)."""
    from warcio.recordloader import ArcWarcRecordLoader

    class UriTolerantLoader(ArcWarcRecordLoader):  # type: ignore[misc]  # warcio has no type hints
        def load_http_headers(self, rec_type: Any, uri: Any, stream: Any, length: Any) -> Any:  # Any: as above
            return super().load_http_headers(rec_type, uri or "", stream, length)

    return UriTolerantLoader()


@contextmanager
def _warcio_noise(path: Path) -> Iterator[None]:
    """Catch what warcio writes to stderr inside the block and log it as one warning naming the file."""
    noise = io.StringIO()
    with redirect_stderr(noise):
        yield
    text = " ".join(noise.getvalue().split())
    if text:
        log.warning("%s: warcio: %s", path, text)


def _starts_like_warc(path: Path) -> bool:
    with open(path, "rb") as stream:
        head = stream.read(512)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as unzipped:
                head = unzipped.read(16)
        except (OSError, EOFError):
            return False
    return head.startswith(b"WARC/")
