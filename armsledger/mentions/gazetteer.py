"""Load and validate the gazetteer files: states, organisations, systems and ambiguous phrases.

The bundled files live in `armsledger/data/gazetteers/`; a user's folder (`--gazetteer-dir`) may add
rows to any of them, but never redefine an id.
"""
from __future__ import annotations

import csv
import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from armsledger.errors import GazetteerError
from armsledger.mentions.entries import (
    ORG_KINDS,
    SYSTEM_UNITS,
    Ambiguity,
    Organisation,
    State,
    System,
)
from armsledger.mentions.fuzzy import FuzzyIndex, fuzzy_system
from armsledger.mentions.matcher import Matcher, build_matcher, collisions

log = logging.getLogger("armsledger.mentions.gazetteer")

FILES: dict[str, tuple[str, ...]] = {
    "states.csv": ("id", "name", "names", "demonyms", "seats", "historical", "successor", "guarded", "source",
                   "added"),
    "orgs.csv": ("id", "name", "aliases", "state", "kind", "guarded", "source", "added"),
    "systems.csv": ("id", "designation", "aliases", "family", "category", "producer", "origin", "unit",
                    "guarded", "source", "added"),
    "ambiguities.csv": ("id", "name", "candidates", "default", "role", "note", "source", "added"),
}
"""Each gazetteer file and its columns, in order."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "states.csv": ("id", "name", "historical"),
    "orgs.csv": ("id", "name", "state", "kind"),
    "systems.csv": ("id", "designation", "family", "category", "origin", "unit"),
    "ambiguities.csv": ("id", "name"),
}
"""The columns that must not be empty."""

Row = tuple[str, int, dict[str, str]]
"""Where a row came from (file label), its line number, and its cells."""


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteers:
    """The loaded catalogues and the one matcher compiled from them; build with load_gazetteers().

    Compared and hashed by identity: one load is one catalogue.
    """

    version: str
    states: Mapping[str, State]
    orgs: Mapping[str, Organisation]
    systems: Mapping[str, System]
    ambiguities: Mapping[str, Ambiguity] = field(default_factory=lambda: MappingProxyType({}))
    arms_exports: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """State code -> SIPRI TIV of the arms it exported (data/gazetteers/arms_trade.csv): which of two
    states is the seller when a sentence does not say."""
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)

    @property
    def matcher(self) -> Matcher:
        """The compiled matcher (internal to armsledger.mentions)."""
        if self._matcher is None:
            raise GazetteerError("these gazetteers were built without a matcher; use load_gazetteers()")
        return self._matcher

    def resolve_system(self, name: str, *, fuzzy: bool = False, category: str | None = None) -> System | None:
        """Return the system a bare designation or alias (`S400`, `F-35A`) names, or None.

        Args:
            fuzzy: when nothing matches exactly, fall back to the closest name scoring at least
                FUZZY_MIN_SCORE (see armsledger.mentions.fuzzy: a family-level guess).
            category: what the system is, when known (`patrol boat`, SIPRI's description): picks
                among systems that share a plain-word name (`Predator`).
        """
        system = self.matcher.resolve_system(name, self.systems, category=category)
        if system is None and fuzzy:
            system = fuzzy_system(name, _fuzzy_index(self), self.systems)
        return system


def load_gazetteers(*, extra_dir: str | Path | None = None) -> Gazetteers:
    """Load the bundled gazetteers, extended by the files in `extra_dir`, and compile the matcher.

    Args:
        extra_dir: a folder holding any of states.csv, orgs.csv, systems.csv, ambiguities.csv
            with the bundled columns; its rows are added, and an id it shares with a bundled
            row is an error.

    Returns:
        The catalogues; the call without extra_dir is cached and returns the same object.

    Raises:
        GazetteerError: a file is missing or malformed, an id repeats, a state is unknown.
    """
    if extra_dir is None:
        return _load_bundled()
    return _load(Path(extra_dir))


@lru_cache(maxsize=4)
def _fuzzy_index(gazetteers: Gazetteers) -> FuzzyIndex:
    return FuzzyIndex.build(gazetteers.systems.values())


@lru_cache(maxsize=1)
def _load_bundled() -> Gazetteers:
    return _load(None)


def check_gazetteers(*, extra_dir: str | Path | None = None) -> list[str]:
    """Validate the gazetteers and return every problem found, as messages (empty when all is well).

    Checks columns, missing required fields, duplicate ids, unknown states, organisation kinds,
    system units and producers, and aliases that collide across entries.
    """
    rows, problems = _read_all(None if extra_dir is None else Path(extra_dir))
    problems += _validate(rows)
    if not problems:
        gazetteers = _build(rows, version="check")
        problems += collisions(gazetteers.states, gazetteers.orgs, gazetteers.systems,
                               gazetteers.ambiguities)
    return problems


def read_version(extra_dir: Path | None = None) -> str:
    """Return the bundled data version, with a digest of the user's files when extra_dir is given."""
    version = _bundled_text("VERSION").strip()
    if extra_dir is None:
        return version
    digest = hashlib.sha256()
    for name in sorted(FILES):
        path = extra_dir / name
        if path.is_file():
            digest.update(name.encode() + path.read_bytes())
    return f"{version}+user.{digest.hexdigest()[:8]}"


def _load(extra_dir: Path | None) -> Gazetteers:
    rows, problems = _read_all(extra_dir)
    problems += _validate(rows)
    if problems:
        raise GazetteerError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
                             + "; run `armsledger gazetteer check` for the full list")
    gazetteers = _build(rows, version=read_version(extra_dir))
    log.info("gazetteers %s: %d states, %d organisations, %d systems", gazetteers.version,
             len(gazetteers.states), len(gazetteers.orgs), len(gazetteers.systems))
    return gazetteers


def _bundled_text(name: str) -> str:
    return resources.files("armsledger").joinpath("data", "gazetteers", name).read_text(encoding="utf-8")


def _read_all(extra_dir: Path | None) -> tuple[dict[str, list[Row]], list[str]]:
    """Read every file, bundled then user's; return rows per file name and structural problems."""
    rows: dict[str, list[Row]] = {name: [] for name in FILES}
    problems: list[str] = []
    for name in FILES:
        try:
            text = _bundled_text(name)
        except FileNotFoundError:
            problems.append(f"bundled {name} is missing; reinstall armsledger")
            continue
        problems += _read_csv(text, name, rows[name])
    if extra_dir is not None:
        if not extra_dir.is_dir():
            problems.append(f"gazetteer dir {str(extra_dir)!r} is not a folder; pass an existing folder")
            return rows, problems
        for name in FILES:
            path = extra_dir / name
            if path.is_file():
                problems += _read_csv(path.read_text(encoding="utf-8"), str(path), rows[name])
    return rows, problems


def _read_csv(text: str, label: str, into: list[Row]) -> list[str]:
    name = Path(label).name
    reader = csv.DictReader(io.StringIO(text))
    columns = tuple(reader.fieldnames or ())
    missing = [c for c in FILES[name] if c not in columns]
    if missing:
        return [f"{label}: missing columns {missing!r}; the header must be {','.join(FILES[name])}"]
    for cells in reader:
        into.append((label, reader.line_num, {k: (v or "").strip() for k, v in cells.items() if k}))
    return []


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _validate(rows: dict[str, list[Row]]) -> list[str]:
    problems: list[str] = []
    for name, file_rows in rows.items():
        seen: dict[str, str] = {}
        for label, line, cells in file_rows:
            where = f"{label} line {line}"
            for column in REQUIRED[name]:
                if not cells.get(column):
                    problems.append(f"{where}: missing {column!r}; fill it in")
            ident = cells.get("id", "")
            if ident in seen:
                problems.append(f"{where}: duplicate id {ident!r} (first at {seen[ident]}); rename or merge the row")
            seen.setdefault(ident, where)
    codes = {cells["id"] for _, _, cells in rows["states.csv"]}
    orgs = {cells["id"] for _, _, cells in rows["orgs.csv"]}

    def check(file: str, column: str, is_valid: Callable[[str], bool], hint: str, *, many: bool = False) -> None:
        for label, line, cells in rows[file]:
            values = _split(cells.get(column, "")) if many else (cells.get(column, ""),)
            for value in values:
                if value and not is_valid(value):
                    problems.append(f"{label} line {line}: unknown {column} {value!r}; {hint}")

    state_hint = "use an id of states.csv"
    check("orgs.csv", "state", codes.__contains__, state_hint)
    check("orgs.csv", "kind", ORG_KINDS.__contains__, f"use one of {', '.join(ORG_KINDS)}")
    check("systems.csv", "origin", codes.__contains__, state_hint)
    check("systems.csv", "unit", SYSTEM_UNITS.__contains__, f"use one of {', '.join(SYSTEM_UNITS)}")
    check("systems.csv", "producer", orgs.__contains__, "use an id of orgs.csv or leave it empty")
    check("states.csv", "successor", codes.__contains__, state_hint)
    check("states.csv", "historical", ("0", "1").__contains__, "use 0 or 1")
    check("ambiguities.csv", "candidates", codes.__contains__, state_hint, many=True)
    check("ambiguities.csv", "default", codes.__contains__, state_hint)
    return problems


def load_states() -> Mapping[str, State]:
    """Return the bundled states alone (for tools that rebuild the other files).

    Raises:
        GazetteerError: states.csv is malformed.
    """
    rows: list[Row] = []
    problems = _read_csv(_bundled_text("states.csv"), "states.csv", rows)
    if problems:
        raise GazetteerError("; ".join(problems))
    return MappingProxyType(_states(rows))


def _states(rows: Iterable[Row]) -> dict[str, State]:
    return {c["id"]: State(code=c["id"], name=c["name"], names=_split(c["names"]),
                           demonyms=_split(c["demonyms"]), seats=_split(c["seats"]),
                           historical=c["historical"] == "1", guarded=_split(c["guarded"]),
                           successor=c["successor"] or None)
            for c in _cells(rows)}


def _build(rows: dict[str, list[Row]], *, version: str) -> Gazetteers:
    states = _states(rows["states.csv"])
    orgs = {c["id"]: Organisation(id=c["id"], name=c["name"], aliases=_split(c["aliases"]),
                                  state=c["state"], kind=c["kind"], guarded=_split(c["guarded"]))
            for c in _cells(rows["orgs.csv"])}
    systems = {c["id"]: System(id=c["id"], designation=c["designation"], aliases=_split(c["aliases"]),
                               family=c["family"], category=c["category"], producer=c["producer"] or None,
                               origin=c["origin"], unit=c["unit"], guarded=_split(c["guarded"]),
                               source=c.get("source", ""))
               for c in _cells(rows["systems.csv"])}
    ambiguities = {c["id"]: Ambiguity(id=c["id"], name=c["name"], candidates=_split(c["candidates"]),
                                      default=c["default"] or None, role=c["role"] or "name")
                   for c in _cells(rows["ambiguities.csv"])}
    matcher = build_matcher(states.values(), orgs.values(), systems.values(), ambiguities.values())
    return Gazetteers(version=version, states=MappingProxyType(states), orgs=MappingProxyType(orgs),
                      systems=MappingProxyType(systems), ambiguities=MappingProxyType(ambiguities),
                      arms_exports=MappingProxyType(_arms_exports()), _matcher=matcher)


def _arms_exports() -> dict[str, int]:
    """Read the bundled arms_trade.csv (built by scripts/build_arms_trade.py): state -> exports."""
    try:
        text = _bundled_text("arms_trade.csv")
    except FileNotFoundError:
        return {}
    return {row["state"]: int(row["exports_tiv"]) for row in csv.DictReader(io.StringIO(text))}


def _cells(rows: Iterable[Row]) -> Iterable[dict[str, str]]:
    return (cells for _, _, cells in rows)
