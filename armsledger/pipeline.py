"""The one place where the stage order is written.

1. read     read.read(source)              -> Iterator[Article]   files, corpora, WARC, feeds, stdin
2. clean    clean.clean(article)           -> Document            furniture out, metadata, sentences
3. detect   mentions.detect(doc, gaz)      -> list[Mention]       states, organisations, systems
4. extract  claims.extract(doc, mentions)  -> list[Claim]         events with parties and figures

Reconciling claims into deals (stage 5) and storing them (stage 6) belong to the ledger.
With jobs, stage 1 runs here and stages 2-4 in worker processes (`armsledger.workers`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from armsledger.claims import Miss, extract, fold_claims
from armsledger.clean import clean
from armsledger.errors import SourceError
from armsledger.mentions import Gazetteers, detect, load_gazetteers
from armsledger.models import Article, Claim, Document
from armsledger.read import read
from armsledger.settings import Settings
from armsledger.workers import is_forking, map_in_order, worker_count

log = logging.getLogger("armsledger.pipeline")


@dataclass(frozen=True, slots=True)
class Result:
    """One article after the pipeline: the article as read, its cleaned document and its claims."""

    article: Article
    document: Document
    claims: list[Claim]
    """One claim per key (FORMAT.md), with the figures of every sentence that stated it."""
    statements: list[Claim]
    """Every statement on its own, each with its own sentence and figures: what the ledger stores."""
    misses: tuple[Miss, ...] = ()
    """With `explain`, the candidate sentences that gave no claim, and why."""


def run(source: str | Path | IO[str], *, settings: Settings | None = None,
        gazetteers: Gazetteers | None = None,
        on_error: Callable[[SourceError], None] | None = None, explain: bool = False) -> Iterator[Result]:
    """Read, clean, detect and extract every article of a source, one at a time.

    With `settings.jobs` other than 1, stages 2 to 4 run in that many worker processes (0: one per
    core) while this process reads; the results come in input order, the same as with one.

    Args:
        source: a folder, a file, a JSON Lines corpus, `-` or an open text stream.
        settings: options; defaults from `Settings.load()`.
        gazetteers: the catalogues to detect with; loaded once from the package (and
            `settings.gazetteer_dir`) if None.
        on_error: called with each input that cannot be read; the run goes on without it.
            Errors are logged as warnings if None.
        explain: also collect the candidate sentences that gave no claim (`Result.misses`).

    Returns:
        An iterator of results, streaming: no more than one article is held at a time (a few
        dozen per worker with jobs).

    Raises:
        ConfigError: a negative settings.jobs.
    """
    settings = settings or Settings.load()
    workers = worker_count(settings.jobs)
    gazetteers = gazetteers or load_gazetteers(extra_dir=settings.gazetteer_dir)
    report = on_error or _log_error
    articles = read(source, settings=settings, on_error=report)
    if workers == 1:
        for article in articles:
            try:
                yield process(article, gazetteers=gazetteers, explain=explain)
            except SourceError as err:
                report(err)
        return
    # Forked workers inherit the loaded gazetteers; spawned ones load their own.
    setup = (gazetteers if is_forking() else None, settings.gazetteer_dir, explain)
    for article, found in map_in_order(_process_in_worker, articles, workers=workers,
                                       initializer=_start_worker, initargs=setup):
        if isinstance(found, SourceError):
            report(found)
        else:
            yield Result(article, *found)


def process(article: Article, *, gazetteers: Gazetteers, explain: bool = False) -> Result:
    """Clean, detect and extract one article: stages 2 to 4.

    Raises:
        SourceError: the article holds no story, or a value in it could not be read (a stage
            raised ValueError or ArithmeticError: a bug to report; the run goes on without it).
    """
    try:
        document = clean(article)
        mentions = detect(document, gazetteers)
        misses: list[Miss] | None = [] if explain else None
        statements = extract(document, mentions, gazetteers=gazetteers, fold=False, misses=misses)
        return Result(article, document, fold_claims(statements), statements, tuple(misses or ()))
    except (ValueError, ArithmeticError) as err:
        # Nothing in an article may stop a run: a malformed value that slipped past a stage's
        # checks ("March 0") costs that article only, and is named so it can be reported.
        log.debug("%s: %s", article.origin or article.id, err, exc_info=True)
        raise SourceError(article.origin or article.id,
                          f"could not be read ({type(err).__name__}: {err}); skipped. This is a bug in "
                          "armsledger: please report it with this article") from err


_worker_gazetteers: Gazetteers | None = None
"""The catalogues of a worker process, set once when it starts."""
_worker_explain = False


def _start_worker(gazetteers: Gazetteers | None, gazetteer_dir: str | None, explain: bool = False) -> None:
    global _worker_gazetteers, _worker_explain
    _worker_gazetteers = gazetteers or load_gazetteers(extra_dir=gazetteer_dir)
    _worker_explain = explain


def _process_in_worker(article: Article) -> tuple[Document, list[Claim], list[Claim], tuple[Miss, ...]] | SourceError:
    """Run stages 2 to 4 in a worker; the parent already holds the article, so it is not sent back."""
    assert _worker_gazetteers is not None, "_start_worker runs first"
    try:
        result = process(article, gazetteers=_worker_gazetteers, explain=_worker_explain)
    except SourceError as err:
        return err
    return result.document, result.claims, result.statements, result.misses


def _log_error(err: SourceError) -> None:
    log.warning("%s", err)
