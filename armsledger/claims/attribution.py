"""Find who a sentence attributes its statement to: "Vedomosti reported", "according to Shugayev"."""
from __future__ import annotations

import re

_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|al|bin|van|von|der)?\s*[A-Z][\w.'’-]*){0,3})"
_SAY = (r"(?:reported|said|says|told|announced|stated|highlighted|commented|noted|claimed|confirmed|"
        r"revealed|explained|stressed|added|wrote|quoted|informed)")
_PATTERNS = (
    re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+)?(?P<who>" + _NAME + r")"),
    re.compile(r"(?P<who>\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}sources?)\s+(?:" + _SAY + r")\b", re.IGNORECASE),
    re.compile(r"(?P<who>" + _NAME + r"),\s+(?:[\w'’-]+\s+){1,10}?(?:for|of|at)\s+[^,]{1,60},\s+" + _SAY + r"\b"),
    re.compile(r"(?P<who>" + _NAME + r")\s+(?:later\s+|also\s+|earlier\s+)?" + _SAY + r"\b"),
    re.compile(r"\b" + _SAY + r"\s+(?P<who>" + _NAME + r")\s*[.,]?\s*$"),
)
_NOT_A_SOURCE = frozenset(
    ["It", "He", "She", "They", "We", "I", "This", "That", "The", "A", "An", "As", "In", "On", "At", "Thus", "But", "And", "Under"]
)
_PRONOUN_SAID = re.compile(r"\b(?:he|she)\s+(?:" + _SAY + r"|specified|commented)\b", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"^(?:(?:Head|Chief|Minister|President|Deputy|Prime|Spokesperson|Director|"
                          r"General|Defen[cs]e|Foreign|Russian|Chinese|Turkish|US|U\.S\.)\s+)+")


def find_source(sentence: str, *, last_person: str | None) -> str | None:
    """Return the person, agency or outlet a sentence attributes itself to, or None.

    Args:
        sentence: the sentence text.
        last_person: the last person named as a source, for "he said".
    """
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            who = _TITLE_WORDS.sub("", m.group("who").strip()).strip()
            if who and who.split()[0] not in _NOT_A_SOURCE and len(who) > 2:
                return who
    if last_person and _PRONOUN_SAID.search(sentence):
        return last_person
    return None
