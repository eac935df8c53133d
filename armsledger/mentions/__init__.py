"""Stage 3: detect(doc, gazetteers) -> list[Mention]: every state, organisation and system named.

The catalogues are data (armsledger/data/gazetteers/*.csv); load them once with load_gazetteers()
and pass them in.
"""
from __future__ import annotations

import dataclasses

from armsledger.clean import read_end
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
        (entity = system id, state = origin state, role `name` or `alias`). Of a sentence longer
        than `sentences.MAX_READ_CHARS` only the read part is searched (`sentences.read_end`).
    """
    return _join_names(doc.text, gazetteers.matcher.find(_read_part(doc)), gazetteers)


def _join_names(text: str, mentions: list[Mention], gazetteers: Gazetteers) -> list[Mention]:
    """Join a system's designation and the name news writes right after it ("FA-50 Golden Eagle",
    "MQ-9B Predator") into one mention of the first: a name the catalogue files under a sibling
    system (same maker's state, same family or kind of weapon) describes the designation before it."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (last is not None and last.kind == m.kind == "system" and text[last.end:m.start] == " "
                and last.state == m.state and _siblings(gazetteers, last.entity, m.entity)):
            # the one with a designation's number names the system ("Chunmoo CGR-080": the missile)
            keep = m if _has_digit(m.text) and not _has_digit(last.text) else last
            out[-1] = dataclasses.replace(keep, start=last.start, end=m.end, text=text[last.start:m.end])
            continue
        out.append(m)
    return out


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _siblings(gazetteers: Gazetteers, first: str, second: str) -> bool:
    a, b = gazetteers.systems.get(first), gazetteers.systems.get(second)
    if a is None or b is None:
        return False
    kinds = {w for w in a.category.lower().replace("/", " ").split() if len(w) > 2}
    return a.family == b.family or bool(kinds & set(b.category.lower().replace("/", " ").split()))


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
