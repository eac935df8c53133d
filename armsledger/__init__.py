"""armsledger: read news about arms transfers and turn it into a sourced, reconciled register.

The public API:

    for article in armsledger.read("news/"):
        for claim in armsledger.extract(article):
            print(claim.to_record())
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from armsledger import claims as _claims
from armsledger.clean import clean
from armsledger.errors import ArmsLedgerError, ConfigError, GazetteerError, NotFound, SourceError, StoreError
from armsledger.ingest import read as _read
from armsledger.mentions import Gazetteers, detect, load_gazetteers
from armsledger.models import Article, Claim, Document, Mention, Money, PartialDate, Quantity
from armsledger.pipeline import Result, run
from armsledger.settings import Settings

__all__ = [
    "ArmsLedgerError", "Article", "Claim", "ConfigError", "Document", "GazetteerError", "Gazetteers",
    "Ledger", "Mention", "Money", "NotFound", "PartialDate", "Quantity", "Result", "Settings",
    "SourceError", "StoreError", "clean", "detect", "extract", "load_gazetteers", "read", "run",
]

__version__ = "0.1.0"


def read(source: str | Path | IO[str], *, settings: Settings | None = None,
         on_error: Callable[[SourceError], None] | None = None) -> Iterator[Article]:
    """Read articles from a folder, a file, a JSON Lines corpus, `-` (stdin) or a stream.

    Inputs that cannot be read are passed to on_error (logged if None) and skipped.
    """
    return _read(source, settings=settings or Settings.load(), on_error=on_error)


def extract(article: Article, *, gazetteers: Gazetteers | None = None) -> list[Claim]:
    """Return every arms-transfer claim in one article, read the way ANNOTATION.md says."""
    gazetteers = gazetteers or load_gazetteers()
    document = clean(article)
    return _claims.extract(document, detect(document, gazetteers), gazetteers=gazetteers)


def __getattr__(name: str) -> object:
    """Import the ledger on first use: extracting claims does not need SQLAlchemy."""
    if name == "Ledger":
        from armsledger.ledger import Ledger

        return Ledger
    raise AttributeError(f"module 'armsledger' has no attribute {name!r}")
