"""Find who a sentence attributes its statement to: "Vedomosti reported", "according to Shugayev"."""
from __future__ import annotations

import re

_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|al|bin|van|von|der)?\s*[A-Z][\w.'’-]*){0,3})"
_SAY = (r"(?:reported|said|says|told|announced|stated|highlighted|commented|noted|claimed|confirmed|"
        r"revealed|explained|stressed|added|wrote|quoted|informed)")
_PATTERNS = (
    re.compile(r"\baccording\s+to\s+(?P<who>(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:chief|head|director|spokes\w+|"
               r"minister|official|officials|source|sources)\s+(?:of|at|for)\s+[^,.;]{3,70})"),
    re.compile(r"\baccording\s+to\s+(?P<who>[A-Z][\w-]+\s+(?:media|officials|sources|reports|diplomats|press))\b"),
    re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+)?(?P<who>" + _NAME + r")"),
    re.compile(r"(?P<who>\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}sources?)\s+(?:" + _SAY + r")\b", re.IGNORECASE),
    re.compile(r"(?P<who>" + _NAME + r"),\s+(?:[\w'’-]+\s+){1,10}?(?:for|of|at)\s+[^,]{1,60},\s+" + _SAY + r"\b"),
    re.compile(r"(?P<who>" + _NAME + r")\s+(?:later\s+|also\s+|earlier\s+)?" + _SAY + r"\b"),
    re.compile(r"\b" + _SAY + r"\s+(?P<who>" + _NAME + r")\s*[.,]?\s*$"),
)
_NOT_A_SOURCE = frozenset(
    ["It", "He", "She", "They", "We", "I", "This", "That", "As", "In", "On", "At", "Thus", "But",
     "And", "Under", "If", "When", "While"]
)
_GENERIC_SOURCE = re.compile(r"\b(?:sources?|officials?|spokes\w+|chief|head|director|minister)\b", re.IGNORECASE)
"""A cited role rather than a name: "a senior military source" keeps its article."""
_PRONOUN_SAID = re.compile(r"\b(?:he|she)\s+(?:" + _SAY + r"|specified|commented)\b", re.IGNORECASE)
_TITLE = re.compile(
    r"\b(?:Head|Chief|Minister|President|Premier|Deputy|Prime|Spokes(?:person|man|woman)|Director|General|Gen\.|"
    r"Secretary|Ambassador|Senator|Sen\.|Rep\.|Admiral|Adm\.|Colonel|Col\.|CEO|Chairman|Chair|Commander|Envoy)\b")
"""Titles before a personal name: "Deputy Prime Minister Yuri Borisov" is cited as "Yuri Borisov"."""
_INSTITUTION = re.compile(
    r"\b(?:House|Ministry|Service|Agency|Office|Department|Council|Commission|Committee|Times|News|Post|Press|"
    r"Media|Daily|Journal|Herald|Agency|Group|Company|Corporation|Forces|Army|Navy|Government|Administration|"
    r"Cooperation|Federal|Technical|Military|Defen[cs]e|Foreign|Affairs|Industries|Aerospace|Systems)\b")
"""Words that make a cited name an institution, not a person ("he said" never refers back to it)."""


def find_source(sentence: str, *, last_person: str | None) -> str | None:
    """Return the person, agency or outlet a sentence attributes itself to, or None.

    Args:
        sentence: the sentence text.
        last_person: the last person named as a source, for "he said".
    """
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            who = _without_title(m.group("who").strip().rstrip(".,;:"))
            if re.match(r"(?:a|an|the)\s", who, re.IGNORECASE) and not _GENERIC_SOURCE.search(who):
                who = who.split(maxsplit=1)[1] if " " in who else ""
            if who and who.split()[0] not in _NOT_A_SOURCE and len(who) > 2:
                return who
    if last_person and _PRONOUN_SAID.search(sentence):
        return last_person
    return None


def is_person(source: str) -> bool:
    """True when a cited source looks like a person's name, which "he said" may refer back to."""
    words = source.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not _INSTITUTION.search(source)


def _without_title(who: str) -> str:
    """Drop the titles before a personal name; keep an institution's name whole."""
    words = who.split()
    if len(words) > 2 and not is_person(who) and is_person(" ".join(words[-2:])):
        return " ".join(words[-2:])  # "... Technical Cooperation Dmitry Shugayev"
    titles = list(_TITLE.finditer(who))
    if not titles:
        return who
    rest = who[titles[-1].end():].strip()
    return rest if len(rest.split()) >= 2 else who
