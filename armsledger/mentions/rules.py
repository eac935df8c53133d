"""The rules a raw automaton hit must pass to count: case, word ends, context, ambiguity.

Only general English vocabulary lives here (function words, titles, `Block`); every name of a
state, organisation or system, and which of them are ambiguous, lives in the gazetteer files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from armsledger.mentions.categories import NOUN_CLASSES, noun_fits

EXACT, CASED, UPPER = "exact", "cased", "upper"
"""Case policies: written exactly (acronyms); first letter as given (names); every capital as given,
other letters in any case (designations: `MiG-29` as `MIG-29`, but `OF-40` never as `of 40`)."""

SHORT_NAME_CHARS = 3
"""Names this short (ignoring dots, spaces, hyphens, `&`) must match exactly: `US`, `L&T`, `TB2`,
`F-16` (not `F 16`, nor `A 19` for `A-19`)."""

VARIANT_SUFFIX_RE = re.compile(r"(?:[A-Z]{1,4}\d{0,2}[A-Z]{0,2})?(?:s|es)?")
"""What may follow a designation ending in a digit: a variant (`F-35A`, `Su-30MKI`, `Leopard 2A7`)
and/or a plural (`S-400s`)."""

BLOCK_SUFFIX_RE = re.compile(r" Block[- ]?\d{1,3}[A-Z]?(?![\w])")
"""A production block after a designation (`F-16 Block 70`), kept in the mention's text."""


HEADLINE_MIN_WORDS = 4
HEADLINE_CAPITALISED_SHARE = 0.75
"""A line of at least 4 words, 3 in 4 of them capitalised, is a Title Case headline ("Jordan Buys
Tanks From Russia"), where a capital after a guarded name proves nothing."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PREVIOUS_WORD_RE = re.compile(r"([A-Z][\w.'-]*)(,?) $")
_NEXT_WORD_RE = re.compile(r" ([A-Z][\w'-]*)")

FUNCTION_WORDS = _words("""
A About Across After Against Along Also Although Amid Among An And Are As At Because Before Between
Beyond Both But By Can Could Did Do Does During Either Even For From Had Has Have However If In
Including Into Is Like May Meanwhile Might Must Near Neither Nor Not Now Of On Only Or Over Per Said
Says Should Since So Than That The Then There These This Those Though Through To Toward Towards
Under Unlike Unless Until Upon Via Was Were What When Whereas Where Whether Which While Who Why Will
With Within Without Would Yet Neighbouring Neighboring Visiting Northern Southern Eastern Western
Central Neighbour Neighbor Ally Allies Member Partner
""")
"""Capitalised words that may stand before a guarded name without making it a person or a place."""

WEAK_CUE_NOUNS = _words("system systems")
"""Cue nouns that count only right after the name ("Patriot systems"), not further on ("Tiger
operating system")."""

CUE_WINDOW_WORDS = 5
"""How many words after a plain-word system name may hold its weapon noun: "Gepard self-propelled
anti-aircraft guns" (the hyphenated words count one by one)."""

_CUE_RE = re.compile(rf"(?:s|es)?((?:[ \t-]+[A-Za-z]+){{1,{CUE_WINDOW_WORDS}}})")

INSTITUTION_WORDS = _words("""
Air Army Armed Army's Cabinet Coast Defence Defense Embassy Foreign Government Ground King Ministry
Minister National Navy Parliament President Prime Queen Republic Security Special State Supreme
""")
"""Capitalised words that may follow a guarded name: "Jordan Armed Forces", "Georgia Defence Ministry"."""


@dataclass(frozen=True, slots=True)
class Target:
    """What one name stands for, and how it must be written to count."""

    kind: str
    """`state`, `org`, `system`, `ambiguous` or `blocked`."""
    entity: str
    state: str | None
    role: str
    alias: str
    policy: str
    is_guarded: bool = False
    candidates: tuple[str, ...] = ()
    default: str | None = None
    fits: frozenset[str] = frozenset()
    """For a system, the classes of its category (categories.category_classes): which weapon nouns
    may confirm a guarded name of it."""
    alternatives: tuple[Target, ...] = field(default=(), compare=False)
    """For a guarded system name several entries share (`Predator`: a UAV and a patrol boat), the
    other entries, in order of preference after this one; the weapon noun picks among them."""


Candidate = tuple[int, int, Target]
"""A hit that passed its checks: start, end, target."""


def policy_for(name: str, *, is_designation: bool = False) -> str:
    """Return the case policy of a name: exact for short names and acronyms, capitals kept for
    designations with digits, else the first letter as written."""
    compact = name.replace(".", "").replace(" ", "").replace("&", "").replace("-", "")
    has_digit = any(ch.isdigit() for ch in name)
    if len(compact) <= SHORT_NAME_CHARS:
        return EXACT
    if has_digit and is_designation:
        return UPPER
    if " " not in name and not has_digit and any(ch.isupper() for ch in name[1:]) and "-" not in name:
        return EXACT
    return CASED


def is_case_ok(text: str, start: int, stop: int, alias: str, policy: str) -> bool:
    """Tell whether text[start:stop] is written as the alias's policy requires."""
    if policy == UPPER:
        return all(written.isupper() for name, written in zip(alias, text[start:stop]) if name.isupper())
    if policy == EXACT:
        return text[start:stop] == alias
    return not alias[0].isupper() or text[start].isupper()


def system_end(text: str, stop: int, alias: str) -> int:
    """Return where a system mention ending at stop really ends (after a variant suffix, plural or
    block), or -1 when the word goes on in a way a designation does not."""
    end = stop
    size = len(text)
    while end < size and text[end].isalnum():
        end += 1
    if end > stop:
        suffix = text[stop:end]
        if alias[-1].isdigit():
            if not VARIANT_SUFFIX_RE.fullmatch(suffix):
                return -1
        elif suffix not in ("s", "es"):
            return -1
    block = BLOCK_SUFFIX_RE.match(text, end)
    return block.end() if block else end


def reject_guarded(text: str, candidate: Candidate, chosen: list[Candidate]) -> bool:
    """Tell whether a guarded name is used as something else here.

    A state's or organisation's name (Jordan, Rafael) must not have an unknown capitalised word
    right before it ("Michael Jordan", "Atlanta, Georgia") or right after it ("Chad Smith",
    "Rafael Nadal"). Guarded systems go through choose_system().
    """
    start, end, _ = candidate
    before = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    if before and not before.group(1).endswith(".") and before.group(1) not in FUNCTION_WORDS and not _is_covered(before.start(1), chosen):
        return True
    after = _NEXT_WORD_RE.match(text, end)
    if after and after.group(1) not in FUNCTION_WORDS and after.group(1) not in INSTITUTION_WORDS:
        return not _is_covered(after.start(1), chosen) and not _is_headline(text, start)
    return False


def choose_system(text: str, end: int, target: Target) -> Target | None:
    """Return the entry a system named by plain words stands for here, or None.

    The name (Tiger, Predator) counts only when a weapon noun follows it within a few words
    ("Tiger attack helicopters", "Collins-class", "Predator-type drones") and that noun fits the
    entry's category: drones a UAV, boats a naval entry. Of a run of weapon nouns the last is the
    head ("patrol boats" are boats); the first head that fits one of the entries sharing the name
    picks it. The word after `anti` names a target, not the weapon ("anti-aircraft guns" are guns).
    """
    cue = _CUE_RE.match(text, end)
    if cue is None:
        return None
    words = re.split(r"[ \t-]+", cue.group(1).strip(" \t-"))
    options = (target, *target.alternatives)
    for head in _heads(words):
        for option in options:
            if noun_fits(head, option.fits):
                return replace(option, alternatives=()) if option.alternatives else option
    return None


def _heads(words: list[str]) -> list[str]:
    """Return the last word of each run of weapon nouns (`system` counts only first, and the word
    after `anti` not at all)."""
    heads: list[str] = []
    run_open = False
    for index, word in enumerate(words):
        is_cue = word in NOUN_CLASSES or word.lower() in NOUN_CLASSES
        if index > 0 and (word.lower() in WEAK_CUE_NOUNS or words[index - 1].lower() == "anti"):
            is_cue = False
        if is_cue and run_open:
            heads[-1] = word
        elif is_cue:
            heads.append(word)
        run_open = is_cue
    return heads


def _is_headline(text: str, position: int) -> bool:
    """Tell whether the line around position is in Title Case, where every word is capitalised."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    words = [w for w in text[line_start:line_end if line_end >= 0 else len(text)].split() if w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= HEADLINE_MIN_WORDS and capitalised >= HEADLINE_CAPITALISED_SHARE * len(words)


def _is_covered(position: int, chosen: list[Candidate]) -> bool:
    return any(start <= position < end for start, end, _ in chosen)


def resolve_ambiguous(kept: list[Candidate]) -> list[Candidate]:
    """Resolve each ambiguous phrase (Korea, Congo) to the one candidate state the document names
    otherwise; when it names none, to the phrase's default; drop it when it names several or
    there is no default."""
    named = {target.entity for _, _, target in kept if target.kind == "state"}
    resolved: list[Candidate] = []
    for start, end, target in kept:
        if target.kind != "ambiguous":
            resolved.append((start, end, target))
            continue
        options = [code for code in target.candidates if code in named]
        if len(options) > 1:  # the document names several candidates: truly ambiguous
            continue
        state = options[0] if options else target.default
        if state:
            resolved.append((start, end, replace(target, entity=state, state=state)))
    return resolved
