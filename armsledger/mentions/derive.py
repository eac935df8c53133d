"""Derive system entries from a SIPRI register, then lay hand-curated rows over them.

Used by scripts/build_systems.py; every step is deterministic, so the same register and the same
curated file always give the same systems.csv.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from armsledger.mentions.categories import NOUN_CLASSES, category_classes
from armsledger.mentions.entries import State
from armsledger.mentions.matcher import canon, fold
from armsledger.mentions.register import RegisterRow, state_code, state_index
from armsledger.mentions.rules import SHORT_NAME_CHARS

COLUMNS: tuple[str, ...] = ("id", "designation", "aliases", "family", "category", "producer", "origin",
                            "unit", "guarded", "source", "added")
"""The columns of systems.csv."""

Entry = dict[str, str]

RECENT_YEAR = 1990
"""Origins are counted over new-build orders from this year on when there are any: a type made in
the Soviet Union and now in Russia gets Russia."""

_FAMILY_RE = re.compile(r"^((?:[A-Za-z]+/)?[A-Za-z]+-?\d+)(?!\d|mm)")
_CODE_NAME_RE = re.compile(r"^(\S*\d\S*) ([A-Z][A-Za-z' -]+)$")
"""A designation made of a code and a name: `C-130H Hercules`, `AH-64E Apache Guardian`."""

_CALIBRE_RE = re.compile(r" \d+(?:\.\d+)?mm$")
"""A calibre after a designation (`M-777 155mm`), which news leaves out."""

_MIN_CODE_CHARS = 4
"""A part of a slashed designation counts as a name of its own from this many letters and digits
(`UH-1N` of `Bell-212/UH-1N`; never `A-18` of `F/A-18`)."""

_GENERIC_WORDS = frozenset(re.findall(r"\w+", """
alpha bravo car classic fighter junior light box scout weapon special modernized modernised twin quad
standard super turbo mk mod new improved heavy medium small large
"""))
"""General English words: a short name made of these alone (`Special`, `Light Mortar`) is no name."""

_MISSILE_RE = re.compile(r"missile|\bSAM\b|torpedo|guided bomb|guided glide bomb|guided rocket|"
                         r"guided shell|loitering munition|one-way attack", re.IGNORECASE)
_BATTALION_RE = re.compile(r"SAM system|air-defence system|ABM system|coastal defence system",
                           re.IGNORECASE)


def slug(name: str) -> str:
    """Return a stable id for a designation: lower case, runs of other characters as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def family_of(designation: str) -> str:
    """Return the family a designation belongs to: its leading letters-and-number code
    (`S-300PMU-2` -> `S-300`, `Leopard-2A6` -> `Leopard-2`), else the designation itself."""
    match = _FAMILY_RE.match(designation)
    return match.group(1) if match else designation


def unit_for(category: str) -> str:
    """Return what a category is counted in: battalion for SAM systems, missile for missiles."""
    if _BATTALION_RE.search(category):
        return "battalion"
    if _MISSILE_RE.search(category):
        return "missile"
    return "unit"


def derive_systems(rows: Iterable[RegisterRow], states: Mapping[str, State], *,
                   reserved: frozenset[str] = frozenset(),
                   added: str = "") -> dict[str, Entry]:
    """Return one entry per SIPRI designation, plus one per family that has no entry of its own.

    The origin is the supplier of most new-build orders (recent ones first); the category is
    SIPRI's most frequent description; a designation without digits (a name such as `Collins`)
    is guarded: it counts in text only before a weapon noun. Spellings with the same canon() are one entry, written
    the most frequent way; a designation whose canon() is in reserved (a state's or an
    organisation's name, as warships often are) is left out.
    """
    index = state_index(states)
    suppliers: dict[tuple[str, str], Counter[tuple[int, str]]] = defaultdict(Counter)
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        key = canon(row.designation)
        if row.is_generic or not key or key in reserved:
            continue
        spellings[key][row.designation] += 1
        categories[key][row.description] += 1
        code = state_code(row.supplier_name, index)
        if code is not None:
            recent = int(bool(row.ordered_year and row.ordered_year >= RECENT_YEAR))
            suppliers[(key, row.description)][(2 * int(row.is_new) + recent, code)] += 1
    entries: dict[str, Entry] = {}
    for key in sorted(categories):
        designation = min(spellings[key], key=lambda d: (-spellings[key][d], d))
        is_plain = not any(ch.isdigit() for ch in designation)
        groups = _split_by_class(categories[key]) if is_plain else [categories[key]]
        for rank, group in enumerate(groups):
            origins = sum((suppliers[(key, category)] for category in group), Counter[tuple[int, str]]())
            if not origins:
                continue
            entry = _entry(designation, _origin(origins), group, added)
            if rank > 0:  # another system of the same name: its own id, after its category
                entry["id"] = slug(f"{designation} {entry['category']}")
            entry["guarded"] = designation if is_plain else ""
            entries.setdefault(entry["id"], entry)
    _add_code_aliases(entries)
    _add_families(entries, added)
    _add_short_aliases(entries, reserved)
    return entries


def _split_by_class(categories: Counter[str]) -> list[Counter[str]]:
    """Split a plain name's categories into groups no weapon noun spans (`Mistral`: a portable SAM
    and an amphibious assault ship), the group of the most frequent category first."""
    groups: list[tuple[frozenset[str], Counter[str]]] = []
    for category in sorted(categories, key=lambda c: (-categories[c], c)):
        classes = category_classes(category)
        joined = [g for g in groups if not classes or not g[0] or not classes.isdisjoint(g[0])]
        merged = Counter({category: categories[category]})
        for group in joined:
            merged.update(group[1])
            classes |= group[0]
        groups = [g for g in groups if all(g is not j for j in joined)]
        groups.append((classes, merged))
    biggest = min(categories, key=lambda c: (-categories[c], c))
    return sorted((g[1] for g in groups), key=lambda g: (biggest not in g, -sum(g.values()), min(g)))


def _origin(counts: Counter[tuple[int, str]]) -> str:
    best_rank = max(rank for rank, _ in counts)
    ranked = Counter({code: n for (rank, code), n in counts.items() if rank == best_rank})
    return min(ranked, key=lambda code: (-ranked[code], code))


def _entry(designation: str, origin: str, categories: Counter[str], added: str) -> Entry:
    category = min(categories, key=lambda c: (-categories[c], c))
    return {"id": slug(designation), "designation": designation, "aliases": "",
            "family": family_of(designation), "category": category, "producer": "", "origin": origin,
            "unit": unit_for(category), "guarded": "", "source": "sipri", "added": added}


def _add_code_aliases(entries: dict[str, Entry]) -> None:
    """Give `C-130H Hercules` the alias `C-130H` when no other entry is written that way."""
    taken = {canon(e["designation"]) for e in entries.values()}
    codes = Counter(canon(m.group(1)) for e in entries.values()
                    if (m := _CODE_NAME_RE.match(e["designation"])))
    for entry in entries.values():
        match = _CODE_NAME_RE.match(entry["designation"])
        if match and codes[canon(match.group(1))] == 1 and canon(match.group(1)) not in taken:
            entry["aliases"] = match.group(1)


def _add_short_aliases(entries: dict[str, Entry], reserved: frozenset[str]) -> None:
    """Give an entry the shorter names news writes for its designation (`M-777` for `UFH/M-777`,
    `2S19 MSTA-S` and `MSTA-S` for `2S19 MSTA-S 152mm`, `Hercules` for `C-130H Hercules`), each
    only when no other system is written or could be shortened that way (spellings of one family
    and origin give it to the shortest designation); a name without digits is guarded."""
    taken = {canon(e["designation"]) for e in entries.values()} | reserved
    taken |= {canon(a) for e in entries.values() for a in _names(e["aliases"])}
    sources: dict[str, dict[str, str]] = defaultdict(dict)
    """canon() of a short name -> the entries it shortens -> the name as written."""
    for ident, entry in entries.items():
        for name in _short_names(entry["designation"]):
            if canon(name) not in taken and not _is_generic(name):
                sources[canon(name)].setdefault(ident, name)
    for owners in sources.values():
        if len({(entries[i]["family"], entries[i]["origin"]) for i in owners}) > 1:
            continue
        ident = min(owners, key=lambda i: (len(entries[i]["designation"]), i))
        entry = entries[ident]
        entry["aliases"] = "|".join([*_names(entry["aliases"]), owners[ident]])
        if not any(ch.isdigit() for ch in owners[ident]):
            entry["guarded"] = "|".join([*_names(entry["guarded"]), owners[ident]])


def _short_names(designation: str) -> list[str]:
    base = _CALIBRE_RE.sub("", designation)
    names = [base] if base != designation and any(ch.isalpha() for ch in base) else []
    code = _CODE_NAME_RE.match(base)
    if code:
        names += [code.group(1), code.group(2)]
    if "/" in base and " " not in base:  # `Bell-212/UH-1N`, not `F/A-18`: each part a code of its own
        names += [part for part in base.split("/") if _is_code(part)]
    return names


def _is_generic(name: str) -> bool:
    """Tell whether a plain short name is too short (`AT`, `SM`) or only general words."""
    if any(ch.isdigit() for ch in name):
        return False
    words = re.split(r"[- ]+", name.lower())
    return len(name.replace("-", "").replace(" ", "")) <= SHORT_NAME_CHARS or all(
        w in _GENERIC_WORDS or w in NOUN_CLASSES for w in words)


def _is_code(name: str) -> bool:
    compact = re.sub(r"[- ]", "", name)
    return len(compact) >= _MIN_CODE_CHARS and any(ch.isdigit() for ch in name) and any(ch.isalpha() for ch in name)


def _add_families(entries: dict[str, Entry], added: str) -> None:
    """Add an entry for each family (`F-16`, `S-300`) that is no designation of its own."""
    taken = {canon(e["designation"]) for e in entries.values()}
    taken |= {canon(a) for e in entries.values() for a in _names(e["aliases"])}
    members: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry["family"] != entry["designation"]:
            members[canon(entry["family"])].append(entry)
    for key, group in sorted(members.items()):
        spellings = Counter(e["family"] for e in group)
        family = min(spellings, key=lambda f: (-spellings[f], f))
        if key in taken or slug(family) in entries:
            continue
        origins = Counter(e["origin"] for e in group)
        categories = Counter(e["category"] for e in group)
        origin = min(origins, key=lambda code: (-origins[code], code))
        entry = _entry(family, origin, categories, added)
        entry["source"] = "sipri-family"
        entries[entry["id"]] = entry
        for member in group:
            member["family"] = family


def overlay(derived: dict[str, Entry], curated: Iterable[Entry]) -> dict[str, Entry]:
    """Lay curated rows over derived ones.

    A curated row with a derived id fills in or replaces that entry's non-empty fields (aliases are
    added); a derived entry whose designation, or its code (`AH-64E` of `AH-64E Apache`), is a
    curated entry's name is folded into it, its designation becoming an alias; a
    derived alias a curated entry also uses is dropped. A curated family's producer passes to
    the derived members of the same family and origin that have none.
    """
    result = dict(derived)
    curated = list(curated)
    for row in curated:  # a derived namesake of another kind (the Tiger APC) keeps its own entry
        base = result.get(row["id"])
        if base and base["guarded"] and _is_other_kind(base, row.get("category", "")):
            moved = dict(base, id=slug(f"{base['designation']} {base['category']}"))
            result.setdefault(moved["id"], moved)
            del result[row["id"]]
    claimed: dict[str, list[str]] = defaultdict(list)
    """canon() of a curated name -> the curated ids that use it (several only for a guarded name
    that systems of different kinds share)."""
    for row in curated:
        for name in (row["designation"], *_names(row["aliases"])):
            claimed[canon(name)].append(row["id"])
    folded: dict[str, list[str]] = defaultdict(list)
    by_id = {row["id"]: row for row in curated}
    for ident, entry in list(result.items()):
        code = _CODE_NAME_RE.match(entry["designation"])
        owners = claimed.get(canon(entry["designation"])) or (claimed.get(canon(code.group(1))) if code else None)
        if not owners or ident in owners:
            continue
        owner = next((o for o in owners if not _shares_by_category(entry, by_id[o], derived.get(o))), None)
        if owner is not None:
            folded[owner].append(entry["designation"])
            del result[ident]
    for row in curated:
        base = result.get(row["id"], {})
        merged = {column: row.get(column) or base.get(column, "") for column in COLUMNS}
        # Curated: the plain names listed here need a cue, and the derived entry's plain short
        # names (`Millennium` of `C-390 Millennium`) that the curated row does not list itself.
        listed = {canon(n) for n in (row["designation"], *_names(row["aliases"]))}
        merged["guarded"] = "|".join(dict.fromkeys([*_names(row["guarded"]), *(
            n for n in _names(base.get("guarded", "")) if n in _names(base.get("aliases", "")) and canon(n) not in listed)]))
        own = canon(merged["designation"])
        merged["aliases"] = "|".join(dict.fromkeys([*_names(base.get("aliases", "")), *_names(row["aliases"]),
                                                    *(n for n in folded[row["id"]] if canon(n) != own)]))
        is_derived = bool(base and base["source"].startswith("sipri")) or bool(folded[row["id"]])
        merged["source"] = "sipri+curated" if is_derived else "curated"
        result[row["id"]] = merged
    for ident, entry in result.items():
        kept = [a for a in _names(entry["aliases"]) if ident in claimed.get(canon(a), [ident])
                or _may_share(entry, a, [by_id[c] for c in claimed[canon(a)]], derived)]
        entry["aliases"] = "|".join(kept)
        names = {entry["designation"], *kept}
        entry["guarded"] = "|".join(n for n in _names(entry["guarded"]) if n in names)
    producers = {(r["family"], r["origin"]): r["producer"] for r in curated if r.get("producer")}
    for entry in result.values():
        if not entry["producer"]:
            entry["producer"] = producers.get((entry["family"], entry["origin"]), "")
    return dict(sorted(result.items()))


def _shares_by_category(entry: Entry, owner: Entry, owner_base: Entry | None) -> bool:
    """Tell whether a derived plain-word designation a curated entry guards is another system,
    of a category no weapon noun shares with the curated one (`Predator`: a patrol boat and a UAV):
    both keep the name and the noun after it decides (rules.choose_system)."""
    if canon(entry["designation"]) not in {canon(n) for n in _names(owner.get("guarded", ""))}:
        return False
    return _is_other_kind(entry, owner.get("category", "") or (owner_base or {}).get("category", ""))


def _may_share(entry: Entry, alias: str, owners: list[Entry], derived: dict[str, Entry]) -> bool:
    """Tell whether a derived entry keeps a plain alias curated entries also use: all guard it and
    are other kinds of system (`Harpoon`: the PV-2 bomber and the missile)."""
    return alias in _names(entry["guarded"]) and all(
        _shares_by_category(dict(entry, designation=alias), owner, derived.get(owner["id"])) for owner in owners)


def _is_other_kind(entry: Entry, category: str) -> bool:
    """Tell whether an entry's category and another share no class (a patrol boat, a UAV)."""
    ours, theirs = category_classes(entry["category"]), category_classes(category)
    return bool(ours) and bool(theirs) and ours.isdisjoint(theirs)


def _names(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]
