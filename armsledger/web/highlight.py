"""Cut an article's text at its claims' spans, so a template can highlight evidence without markup.

The article text is never turned into HTML here: each segment stays plain text that the template
escapes, and the highlight is the template's own <mark> around an escaped segment.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from armsledger.ledger_models import StoredClaim

log = logging.getLogger("armsledger.web")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the text and the claims whose evidence covers all of it (none: plain text)."""

    text: str
    claims: tuple[StoredClaim, ...]
    starts: tuple[StoredClaim, ...] = ()
    """Claims whose span begins with this segment: where the template anchors them."""


def segments(text: str, claims: Sequence[StoredClaim]) -> list[Segment]:
    """Split text at every claim span's start and end; each piece knows the claims covering it.

    Spans outside the text or empty are left out and logged at DEBUG.
    """
    usable = []
    for claim in claims:
        start, end = claim.span
        if 0 <= start < end <= len(text):
            usable.append(claim)
        else:
            log.debug("claim %s: span %r outside the article's %d characters", claim.id, claim.span, len(text))
    cuts = sorted({0, len(text), *(c.span[0] for c in usable), *(c.span[1] for c in usable)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = tuple(c for c in usable if c.span[0] <= start and end <= c.span[1])
        starting = tuple(c for c in usable if c.span[0] == start)
        pieces.append(Segment(text[start:end], covering, starting))
    return pieces
