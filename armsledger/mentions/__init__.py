"""Stage 3: detect(doc, gazetteers) -> list[Mention]: every state, organisation and system named.

The catalogues are data (armsledger/data/gazetteers/*.csv); load them once with load_gazetteers()
and pass them in.
"""
from __future__ import annotations

from armsledger.mentions.entries import Ambiguity, Organisation, State, System
from armsledger.mentions.gazetteer import Gazetteers, check_gazetteers, load_gazetteers
from armsledger.models import Document, Mention
from armsledger.sentences import read_end

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
        (entity = system id, state = origin state, role `name` or `alias`). Of a sentence longer
        than `sentences.MAX_READ_CHARS` only the read part is searched (`sentences.read_end`).
    """
    return gazetteers.matcher.find(_read_part(doc))


def _read_part(doc: Document) -> str:
    """The text with what lies past each sentence's read part blanked out (same length, so every
    offset holds): the matcher's work per sentence is bounded, and nothing is found there."""
    pieces: list[str] = []
    done = 0
    for start, end in doc.sentences:
        cut = read_end(doc.text, start, end)
        if cut < end:
            pieces += [doc.text[done:cut], " " * (end - cut)]
            done = end
    if not pieces:
        return doc.text
    pieces.append(doc.text[done:])
    return "".join(pieces)
