"""Stage 4: extract(doc, mentions) -> list[Claim]. PLACEHOLDER: being built."""
from __future__ import annotations

from armsledger.mentions import Gazetteers
from armsledger.models import Claim, Document, Mention

__all__ = ["extract"]


def extract(doc: Document, mentions: list[Mention], *, gazetteers: Gazetteers) -> list[Claim]:
    """Return the claims of one document."""
    return []
