"""The cleaning of stage 2 (`armsledger.clean`): clean(article) -> Document, the story's text without
page furniture, its metadata and its sentences.

Plain text is normalised (line ends, HTML entities, UTF-8 read as cp1252, no-break spaces), split
into paragraphs (hard-wrapped lines are joined), stripped of furniture by the general rules of
`armsledger.clean.furniture`, and joined again with a blank line between paragraphs. HTML goes first
through trafilatura (body, title, author, site name; htmldate, through trafilatura, for the date),
then through the same plain-text steps.
"""
from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from armsledger.clean import metadata
from armsledger.clean.furniture import Removal, strip_furniture
from armsledger.clean.sentences import split_sentences
from armsledger.errors import SourceError
from armsledger.models import Article, Document, PartialDate

log = logging.getLogger("armsledger.clean")

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)
_INVISIBLE: dict[str, str] = {"\u00a0": " ", "\u2028": "\n", "\u2029": "\n", "\u200b": "", "\u200c": "",
                              "\u200d": "", "\ufeff": "", "\r": "\n", "\t": " ", "\f": "\n",
                              "\v": "\n"}
_INVISIBLE_CHARS = re.compile("[" + "".join(k for k in _INVISIBLE if len(k) == 1) + "]")
_BLANK_LINES = re.compile(r"\n[ ]*\n\s*")
_SPACES = re.compile(r"  +")
_GLUED_DATELINE = re.compile(
    r"(?<=[\s)])(?=[A-Z]{2,}[A-Z .'-]*, [A-Z][a-z]{2,8}\.? \d{1,2} \([A-Z][\w .&-]+\) ?[-–—])"
)
"""A dateline with an agency inside a paragraph: what comes before it is a headline glued on."""
_WRAP_MIN_CHARS, _WRAP_MAX_CHARS, _WRAP_SPREAD_CHARS = 40, 100, 30
"""Lines of a block are hard-wrapped when all but the last are 40-100 characters long, within 30
of each other (typewriter-style text wrapped at a fixed column)."""


def clean(article: Article) -> Document:
    """Return the article's story text without page furniture, with its metadata and sentences.

    Args:
        article: an article as `read` yields it, with `text` or `html`.

    Returns:
        A Document whose `text` is the cleaned body (paragraphs separated by a blank line),
        `sentences` the character spans of its sentences, `removed` the furniture taken out (each
        entry "kind: text", kinds as in `armsledger.clean.furniture`), and
        `published` a PartialDate whose `source` says where it was read: `published` (the
        article's field), `url` (a date in the URL's path), `html-meta` (htmldate), `header` (an
        "Updated ..." line or a byline date), or `dateline` ("MOSCOW, March 16" gives `--03-16`).

    Raises:
        SourceError: the article has no text, its HTML holds no extractable story, or nothing is
            left once the furniture is out.
    """
    page: dict[str, Any] = {}  # Any: trafilatura's metadata values (str or None)
    if article.text is not None and article.text.strip():
        raw = article.text
    elif article.html is not None and article.html.strip():
        page = _read_html(article)
        raw = page["text"]
    else:
        raise SourceError(article.origin or article.id, "the article has no text or html; add one of them")
    paragraphs, removed = strip_furniture(_paragraphs(_normalise(raw)))
    paragraphs = _split_glued_datelines(paragraphs)
    text = "\n\n".join(paragraphs)
    if not text:
        what = "HTML" if page else "text"
        raise SourceError(article.origin or article.id, f"no article text left in the {what} after removing "
                                                        f"page furniture ({len(removed)} lines); is it a story?")
    title = article.title or page.get("title") or _first_headline(paragraphs)
    dateline = _find_dateline(paragraphs)
    return Document(
        id=article.id,
        text=text,
        title=title.strip() if title else None,
        outlet=article.outlet or _outlet(article.url, page.get("sitename"), dateline) or _header_outlet(removed),
        author=article.author or page.get("author") or _author(removed),
        url=article.url,
        published=_published(article, page.get("date"), removed, dateline),
        sentences=split_sentences(text),
        removed=tuple(f"{r.kind}: {r.text}" for r in removed),
        origin=article.origin,
    )


def _normalise(text: str) -> str:
    is_ascii = text.isascii()
    if "\r" in text or "\t" in text or "\f" in text or "\v" in text or (
            not is_ascii and _INVISIBLE_CHARS.search(text)):
        text = _INVISIBLE_CHARS.sub(lambda m: _INVISIBLE[m.group()], text.replace("\r\n", "\n"))
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if not is_ascii and _MOJIBAKE.search(text):
        text = _MOJIBAKE.sub(_undo_mojibake, text)
    return text


def _undo_mojibake(match: re.Match[str]) -> str:
    """UTF-8 bytes that were decoded as cp1252 ("Â£" for "£"): decode them again, if they allow it."""
    chunk = match.group()
    for codec in ("cp1252", "latin-1"):
        try:
            return chunk.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return chunk


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [stripped for line in block.split("\n") if (stripped := line.strip())]
        if len(lines) >= 3 and _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    lengths = [len(line) for line in lines[:-1]]
    return (min(lengths) >= _WRAP_MIN_CHARS and max(lengths) <= _WRAP_MAX_CHARS
            and max(lengths) - min(lengths) <= _WRAP_SPREAD_CHARS)


def _split_glued_datelines(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for paragraph in paragraphs:
        if ") -" in paragraph or ") –" in paragraph or ") —" in paragraph:
            out.extend(part.strip() for part in _GLUED_DATELINE.split(paragraph) if part.strip())
        else:
            out.append(paragraph)
    return out


def _first_headline(paragraphs: list[str]) -> str | None:
    if paragraphs and metadata.is_headline(paragraphs[0]) and len(paragraphs) > 1:
        return paragraphs[0]
    return None


def _find_dateline(paragraphs: list[str]) -> re.Match[str] | None:
    for paragraph in paragraphs[:4]:
        match = metadata.DATELINE.match(paragraph)
        if match and (match.group("month") or metadata.agency_of(match)):
            return match
    return None


def _outlet(url: str | None, sitename: str | None, dateline: re.Match[str] | None) -> str | None:
    from_url, is_known = metadata.outlet_from_url(url)
    if is_known:
        return from_url
    agency = metadata.agency_of(dateline) if dateline else None
    return sitename or agency or from_url


def _header_outlet(removed: list[Removal]) -> str | None:
    """Return the outlet a piped page header opens with ("Defence Weekly | NEW DELHI, 20 March 2024")."""
    for removal in removed:
        if removal.kind == "header" and " | " in removal.text:
            first = removal.text.split(" | ", 1)[0].strip()
            if not metadata.parse_date(first, source="header") and not first.lower().startswith("by "):
                return first
    return None


def _author(removed: list[Removal]) -> str | None:
    for removal in removed:
        if removal.kind == "byline":
            name = metadata.author_from_byline(removal.text)
            if name:
                return name
            if removal.text.upper() != removal.text:  # the name line above an outlet line
                return removal.text
    return None


def _published(article: Article, html_date: str | None, removed: list[Removal],
               dateline: re.Match[str] | None) -> PartialDate | None:
    steps: list[Callable[[], PartialDate | None]] = [
        lambda: metadata.parse_date(article.published, source="published") if article.published else None,
        lambda: metadata.date_from_url(article.url),
        lambda: metadata.parse_date(html_date, source="html-meta") if html_date else None,
        lambda: _header_date(removed),
        lambda: metadata.date_from_dateline(dateline) if dateline else None,
    ]
    for step in steps:
        date = step()
        if date is not None:
            return date
    if article.published:
        log.debug("%s: cannot read published date %r", article.origin, article.published)
    return None


def _header_date(removed: list[Removal]) -> PartialDate | None:
    for removal in removed:
        if removal.kind in ("header", "byline"):
            date = metadata.parse_date(removal.text, source="header")
            if date is not None:
                return date
    return None


def _read_html(article: Article) -> dict[str, Any]:  # Any: trafilatura metadata values
    """Extract the story and its metadata from HTML with trafilatura (htmldate for the date)."""
    import trafilatura  # imported here: it takes ~0.5 s to import and plain text never needs it

    with _attributed_logs(article.origin or article.id):
        extracted = trafilatura.bare_extraction(
            article.html or "", url=article.url, with_metadata=True, include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True, "url": article.url},
        )
    result = extracted.as_dict() if extracted is not None and not isinstance(extracted, dict) else extracted
    if not isinstance(result, dict) or not (result.get("text") or "").strip():
        raise SourceError(article.origin or article.id,
                          "no article text found in the HTML; is it a story page rather than an index?")
    return result


_HTML_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
"""The loggers of the HTML extractor and its helpers, whose lines name no file."""


@contextmanager
def _attributed_logs(origin: str) -> Iterator[None]:
    """Pass what the HTML libraries log inside the block on at DEBUG, prefixed with the article's origin.

    trafilatura logs "discarding data: None" at WARNING for every page without a story; the reason
    that matters reaches the user once, as the SourceError clean() raises.
    """
    handler = _Attributing(origin)
    loggers = [logging.getLogger(name) for name in _HTML_LIBRARY_LOGGERS]
    saved = [(logger.propagate, logger.handlers) for logger in loggers]
    for logger in loggers:
        logger.propagate, logger.handlers = False, [handler]
    try:
        yield
    finally:
        for logger, (propagate, handlers) in zip(loggers, saved, strict=True):
            logger.propagate, logger.handlers = propagate, handlers


class _Attributing(logging.Handler):
    """Re-log a library's records at DEBUG on armsledger.clean, naming the article."""

    def __init__(self, origin: str) -> None:
        super().__init__(logging.DEBUG)
        self.origin = origin

    def emit(self, record: logging.LogRecord) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s: %s: %s", self.origin, record.name, " ".join(record.getMessage().split()))
