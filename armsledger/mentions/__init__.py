"""Stage 3: detect(doc, gazetteers) -> list[Mention]. PLACEHOLDER: being rebuilt by the catalogue work."""
from __future__ import annotations

from dataclasses import dataclass

from armsledger.models import Document, Mention

__all__ = ["Gazetteers", "detect", "load_gazetteers"]


@dataclass(frozen=True)
class Gazetteers:
    """The catalogues."""

    version: str = "0"


def load_gazetteers(*, extra_dir: str | None = None) -> Gazetteers:
    """Load the bundled catalogues."""
    return Gazetteers()


def detect(doc: Document, gazetteers: Gazetteers) -> list[Mention]:
    """Find every catalogue mention."""
    return []
