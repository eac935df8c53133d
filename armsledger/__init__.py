"""armsledger: read news about arms transfers and turn it into a sourced, reconciled register.

The public API:

    for article in armsledger.read("news/"):
        for claim in armsledger.extract(article):
            print(claim.to_record())
"""
from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from armsledger.clean import clean
    from armsledger.errors import (
        ArmsLedgerError,
        ConfigError,
        GazetteerError,
        NotFound,
        SourceError,
        StoreError,
    )
    from armsledger.ledger import Ledger
    from armsledger.mentions import Gazetteers, detect, load_gazetteers
    from armsledger.models import Article, Claim, Document, Mention, Money, PartialDate, Quantity
    from armsledger.pipeline import Result, run
    from armsledger.settings import Settings

_LAZY = {"clean": "armsledger.clean", "detect": "armsledger.mentions", "Gazetteers": "armsledger.mentions",
         "load_gazetteers": "armsledger.mentions", "Ledger": "armsledger.ledger", "Result": "armsledger.pipeline",
         "run": "armsledger.pipeline", "Settings": "armsledger.settings",
         **dict.fromkeys(("Article", "Claim", "Document", "Mention", "Money", "PartialDate", "Quantity"),
                         "armsledger.models"),
         **dict.fromkeys(("ArmsLedgerError", "ConfigError", "GazetteerError", "NotFound", "SourceError", "StoreError"),
                         "armsledger.errors")}
"""Public names imported on first use: `import armsledger` (and so the CLI's start: `--version`,
`--help`) imports none of its modules, and extracting claims never imports SQLAlchemy. The models
and settings (dataclasses, decimal, tomllib) took a third of `--version`'s 0.3 s."""

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
    from armsledger.read import read as _read
    from armsledger.settings import Settings

    return _read(source, settings=settings or Settings.load(), on_error=on_error)


def extract(article: Article, *, gazetteers: Gazetteers | None = None) -> list[Claim]:
    """Return every arms-transfer claim in one article, read the way ANNOTATION.md says."""
    from armsledger import claims as _claims
    from armsledger.clean import clean
    from armsledger.mentions import detect, load_gazetteers

    gazetteers = gazetteers or load_gazetteers()
    document = clean(article)
    return _claims.extract(document, detect(document, gazetteers), gazetteers=gazetteers)


def __getattr__(name: str) -> object:
    """Import a public name of _LAZY from its module on first use."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'armsledger' has no attribute {name!r}")


class _Package(types.ModuleType):
    """This package, keeping its functions `read` and `clean` when the stage packages of those names load.

    Importing `armsledger.read` would bind that package to the name `read` here, over the public
    `armsledger.read(source)`; the binding is refused, and the stage packages stay importable by name
    (`from armsledger.read import sources`). Only an attribute path through the function cannot reach
    them (`import armsledger.read.sources as s`, `monkeypatch.setattr("armsledger.read.sources.x", ...)`):
    use `from ... import` and pass the module.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _STAGE_FUNCTIONS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


_STAGE_FUNCTIONS = frozenset({"clean", "read"})
sys.modules[__name__].__class__ = _Package
