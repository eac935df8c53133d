"""One Aho-Corasick automaton over every catalogue name; one pass over a text finds them all.

The automaton reads a scan form of the text: lower case, every punctuation mark and space a space,
with a space added at each end, every character keeping its offset. Each name is a key with a
leading space (and, but for systems, a trailing one), so a hit always starts, and ends, at a word
boundary, and hyphens, spaces and dots inside names match each other (`S-400`, `S 400`). Each hit
is then checked against its name's case policy on the original text, and the leftmost-longest
hits win.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Literal

import ahocorasick  # untyped: declared in pyproject.toml [tool.mypy.overrides]

from armsledger.mentions.categories import category_classes
from armsledger.mentions.entries import Ambiguity, Organisation, State, System
from armsledger.mentions.rules import (
    SHORT_NAME_CHARS,
    Candidate,
    Target,
    choose_system,
    is_case_ok,
    policy_for,
    reject_guarded,
    resolve_ambiguous,
    system_end,
)
from armsledger.models import Mention

_FOLD = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'",
})
"""Same-length replacements: every dash is a hyphen, every space a space, every apostrophe `'`."""

_CANON_RE = re.compile(r"[\s-]+")
_SEPARATOR_RE = re.compile(r"(?<=[A-Za-z])[- ](?=\d)|(?<=\d)[- ](?=[A-Za-z])|(?<=[A-Za-z])(?=\d)")
"""A place between letters and digits where news writes a hyphen, a space or nothing (S-400, S400)."""


def fold(text: str) -> str:
    """Return text with unified dashes, spaces and apostrophes, lower-cased, of the same length."""
    folded = text.translate(_FOLD).lower()
    if len(folded) == len(text):
        return folded
    # A few characters (İ) lower-case to two; keep those as they are so offsets stay aligned.
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text.translate(_FOLD))


_SEPARATORS = (" \t\r\n\u00a0\u2009\u202f\u2007-\u2010\u2011\u2012\u2013\u2014\u2212'\u2018\u2019\u02bc"
               "\".,;:!?()[]{}/\\&\u201c\u201d\u00ab\u00bb\u2026*#+=|<>~^`_")
"""Characters that separate words; in the scan form each becomes a space."""


def scan_form(text: str) -> str:
    """Return text lower-cased with every separator a space, keeping every character's offset."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two; keep those as they are
        low = "".join(ch if len(lowered := ch.lower()) != 1 else lowered for ch in text)
    for separator in _SEPARATORS:  # str.replace per character is far faster than str.translate
        if separator in low:
            low = low.replace(separator, " ")
    return low


def canon(name: str) -> str:
    """Return the key two spellings of one designation share: folded, without hyphens and spaces."""
    return _CANON_RE.sub("", fold(name))


def system_variants(name: str) -> set[str]:
    """Return the spellings news uses for a designation: `S-400`, `S400`, `S 400`, `VL-MICA` and
    `VL MICA`; a very short one (`U-2`, `E-3`) only as written, since `U2` and `E3` are mostly
    other things."""
    variants = {name}
    if len(name.replace("-", "").replace(" ", "")) <= SHORT_NAME_CHARS:
        return variants
    variants |= {name.replace("-", " "), name.replace(" ", "-")}
    if any(ch.isdigit() for ch in name):
        for joiner in ("-", " ", ""):
            variants.add(_SEPARATOR_RE.sub(joiner, name))
    return variants


def _targets(states: Iterable[State], orgs: Iterable[Organisation], systems: Iterable[System],
             ambiguities: Iterable[Ambiguity]) -> list[tuple[str, Target]]:
    """Every (name, target) pair, in priority order for names that share a key."""
    pairs: list[tuple[str, Target]] = []
    for amb in ambiguities:
        kind = "ambiguous" if amb.candidates else "blocked"
        pairs.append((amb.name, Target(kind, amb.id, None, amb.role, amb.name, policy_for(amb.name),
                                       candidates=amb.candidates, default=amb.default)))
    # A curated entry first: where entries share a plain-word name, it wins when the noun fits both.
    for system in sorted(systems, key=lambda s: "curated" not in s.source):
        fits = category_classes(system.category)
        for role, names in (("name", (system.designation,)), ("alias", system.aliases)):
            for name in names:
                for variant in sorted(system_variants(name)):  # sorted: the same order on every run
                    pairs.append((variant, Target("system", system.id, system.origin, role, variant,
                                                  policy_for(variant, is_designation=True),
                                                  is_guarded=name in system.guarded, fits=fits)))
    for org in orgs:
        for name in (org.name, *org.aliases):
            pairs.append((name, Target("org", org.id, org.state, org.kind, name, policy_for(name),
                                       is_guarded=name in org.guarded)))
    for state in states:
        for role, names in (("name", (state.name, *state.names)), ("demonym", state.demonyms),
                            ("seat", state.seats)):
            for name in names:
                pairs.append((name, Target("state", state.code, state.code, role, name, policy_for(name),
                                           is_guarded=name in state.guarded)))
    return pairs


def build_matcher(states: Iterable[State], orgs: Iterable[Organisation], systems: Iterable[System],
                  ambiguities: Iterable[Ambiguity]) -> Matcher:
    """Compile every name of the catalogues into one matcher."""
    by_key: dict[str, list[Target]] = {}
    for name, target in _targets(states, orgs, systems, ambiguities):
        for key in _keys(name, is_system=target.kind == "system"):
            bucket = by_key.setdefault(key, [])
            if all(t.entity != target.entity or t.alias != target.alias for t in bucket):
                bucket.append(target)
    return Matcher({key: _share_guarded(targets) for key, targets in by_key.items()})


def _share_guarded(bucket: list[Target]) -> tuple[Target, ...]:
    """Fold the guarded system targets of one key into the first, as its alternatives: the
    weapon noun after the name chooses among them (choose_system)."""
    shared = [t for t in bucket if t.kind == "system" and t.is_guarded]
    by_entity: dict[tuple[str, str], Target] = {}
    for target in shared:  # one spelling per entry and case policy (`Sea Dragon` = `Sea-Dragon`; `HAWK`, `Hawk`)
        by_entity.setdefault((target.entity, target.policy), target)
    if len({entity for entity, _ in by_entity}) < 2:
        return tuple(bucket)
    first, *others = by_entity.values()
    return tuple(replace(first, alternatives=tuple(others)) if t is first else t
                 for t in bucket if t is first or all(t is not s for s in shared))


def _keys(name: str, *, is_system: bool) -> tuple[str, ...]:
    """Return the automaton keys of a name: closed by a space, but for a designation ending in a
    digit, which a variant may follow (F-35A, S-400s; see system_end); a system's plain name
    also in the plural."""
    key = " " + scan_form(name)
    if not is_system:
        return (key + " ",)
    if name[-1].isdigit():
        return (key,)
    return (key + " ", key + "s ", key + "es ")


def collisions(states: Mapping[str, State], orgs: Mapping[str, Organisation], systems: Mapping[str, System],
               ambiguities: Mapping[str, Ambiguity]) -> list[str]:
    """Return a message for every folded name that two different entries share, unless every
    one of them is a system that guards the name and no weapon noun fits two of them (`Predator`:
    a UAV and a patrol boat; the noun after the name decides)."""
    owners: dict[str, dict[tuple[str, str], Target]] = {}
    for name, target in _targets(states.values(), orgs.values(), systems.values(), ambiguities.values()):
        owners.setdefault(fold(name), {}).setdefault((target.kind, target.entity), target)
    problems = []
    for key, entries in sorted(owners.items()):
        if len(entries) > 1 and not _is_shared_by_category(list(entries.values())):
            listed = ", ".join(f"{kind} {entity!r} ({t.alias!r})" for (kind, entity), t in entries.items())
            problems.append(f"alias collision on {key!r}: {listed}; keep the name on one entry only, or guard it "
                            "on each system whose categories differ")
    return problems


def _is_shared_by_category(targets: list[Target]) -> bool:
    if not all(t.kind == "system" and t.is_guarded and t.fits for t in targets):
        return False
    return all(a.fits.isdisjoint(b.fits) for i, a in enumerate(targets) for b in targets[i + 1:])


class Matcher:
    """The compiled automaton and the targets of each folded name."""

    __slots__ = ("_automaton", "_canon", "_shared", "_systems")

    def __init__(self, targets: dict[str, tuple[Target, ...]]) -> None:
        self._systems: dict[str, str] = {}
        """Folded system name -> system id, and canon() of it -> the same, for resolve_system."""
        self._canon: dict[str, str] = {}
        self._shared: dict[str, tuple[Target, ...]] = {}
        """canon() of a plain-word name several systems share -> their targets, preferred first."""
        for bucket in targets.values():
            for target in bucket:
                if target.kind == "system":
                    self._systems.setdefault(fold(target.alias), target.entity)
                    self._canon.setdefault(canon(target.alias), target.entity)
                    if target.alternatives:
                        self._shared.setdefault(canon(target.alias), (target, *target.alternatives))
        self._automaton = ahocorasick.Automaton()
        for key, bucket in targets.items():
            self._automaton.add_word(key, (len(key), key.endswith(" "), bucket))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Return the catalogue mentions in text: non-overlapping, leftmost-longest, sorted by start."""
        found: list[Candidate] = []
        # In " " + scan + " ", index i is text's i - 1: a key's leading space sits where its name
        # starts in text, and its trailing space one past where the name ends.
        for last, (length, is_closed, bucket) in self._automaton.iter(" " + scan_form(text) + " "):
            start = last - length + 1
            stop = last - 1 if is_closed else last
            for target in bucket:
                end = stop if is_closed else system_end(text, stop, target.alias)
                if end <= 0:
                    continue
                written = _written(text, start, stop, target)
                if written is not None:
                    found.append((start, end, written))
                    break
        chosen = _leftmost_longest(found)
        confirmed = [(c, _confirm(text, c, chosen)) for c in chosen]
        kept = [k for _, k in confirmed if k is not None]
        kept = sorted(kept + _named_before(kept, [c for c, k in confirmed if k is None]))
        return [m for c in resolve_ambiguous(kept) if (m := _mention(text, c)) is not None]

    def resolve_system(self, name: str, systems: Mapping[str, System], *,
                       category: str | None = None) -> System | None:
        """Return the system a bare name stands for, allowing news suffixes (`F-35A`, `S-400s`);
        of the systems sharing a plain-word name, the one whose category fits `category`."""
        shared = self._shared.get(canon(name), ()) if category else ()
        if shared:
            classes = category_classes(category or "")
            return systems.get(next((t.entity for t in shared if not t.fits.isdisjoint(classes)), shared[0].entity))
        ident = self._systems.get(fold(name.strip())) or self._canon.get(canon(name))
        if ident is not None:
            return systems.get(ident)
        for mention in self.find(name.strip()):
            if mention.kind == "system" and mention.start == 0:
                return systems.get(mention.entity)
        return None


def _written(text: str, start: int, stop: int, target: Target) -> Target | None:
    """Return the target if text[start:stop] is written as its case policy requires; of a shared
    name, the first entry so written, with the others so written as its alternatives."""
    if not target.alternatives:
        return target if is_case_ok(text, start, stop, target.alias, target.policy) else None
    options = [t for t in (target, *target.alternatives) if is_case_ok(text, start, stop, t.alias, t.policy)]
    return replace(options[0], alternatives=tuple(options[1:])) if options else None


def _confirm(text: str, candidate: Candidate, chosen: list[Candidate]) -> Candidate | None:
    """Return the candidate as it stands here (a shared plain-word system name resolved by its
    weapon noun), or None when its guarded name is used as something else."""
    start, end, target = candidate
    if not target.is_guarded:
        return candidate
    if target.kind == "system":
        picked = choose_system(text, end, target)
        return None if picked is None else (start, end, picked)
    return None if reject_guarded(text, candidate, chosen) else candidate


def _named_before(kept: list[Candidate], dropped: list[Candidate]) -> list[Candidate]:
    """Guarded system names the same text confirms elsewhere: after "AH-64E Apache helicopters",
    "six more Apaches" is the helicopter, with no weapon noun after it. Only the entry the text
    confirmed is taken, never another sharing the name."""
    systems = {t.entity for _, _, t in kept if t.kind == "system"}
    out: list[Candidate] = []
    for start, end, target in dropped:
        if target.kind != "system":
            continue
        entry = next((t for t in (target, *target.alternatives) if t.entity in systems), None)
        if entry is not None:
            out.append((start, end, replace(entry, alternatives=())))
    return out


def _leftmost_longest(found: list[Candidate]) -> list[Candidate]:
    # Leftmost, then longest; on a tie a name read whole beats one extended by a suffix.
    found.sort(key=lambda c: (c[0], c[0] - c[1], -len(c[2].alias)))
    chosen: list[Candidate] = []
    last_end = -1
    for candidate in found:
        if candidate[0] >= last_end:
            chosen.append(candidate)
            last_end = candidate[1]
    return chosen


def _mention(text: str, candidate: Candidate) -> Mention | None:
    start, end, target = candidate
    if target.kind == "blocked":
        return None
    if target.kind == "ambiguous":  # resolve_ambiguous left only resolved ones, entity = the state
        return Mention(kind="state", entity=target.entity, start=start, end=end, text=text[start:end],
                       state=target.entity, role=target.role)
    kind: Literal["state", "org", "system"] = (
        "org" if target.kind == "org" else "system" if target.kind == "system" else "state")
    return Mention(kind=kind, entity=target.entity, start=start, end=end, text=text[start:end],
                   state=target.state, role=target.role)


__all__ = ["Matcher", "build_matcher", "canon", "collisions", "fold", "scan_form", "system_variants"]
