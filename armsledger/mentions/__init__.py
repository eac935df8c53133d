"""Stage 3: detect(doc, gazetteers) -> list[Mention]: every state, organisation and system named.

The catalogues are data (armsledger/data/gazetteers/*.csv); load them once with load_gazetteers()
and pass them in.
"""
from __future__ import annotations

from armsledger.mentions.entries import Ambiguity, Organisation, State, System
from armsledger.mentions.gazetteer import Gazetteers, check_gazetteers, load_gazetteers
from armsledger.models import Document, Mention

__all__ = [
    "Ambiguity", "Gazetteers", "Organisation", "State", "System", "check_gazetteers", "detect",
    "load_gazetteers",
]


def detect(doc: Document, gazetteers: Gazetteers) -> list[Mention]:
    """Find every catalogue mention in a document's text.

    Returns:
        Non-overlapping mentions sorted by start, the longest name winning where names overlap:
        kind `state` (entity = ISO alpha-2 code; role `name`, `demonym` or `seat`), `org`
        (entity = organisation id, state = its home state, role = its kind) and `system`
        (entity = system id, state = origin state, role `name` or `alias`).
    """
    return gazetteers.matcher.find(doc.text)
