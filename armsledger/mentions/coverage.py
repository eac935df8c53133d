"""Measure what the catalogues cover: a SIPRI register's designations, and a corpus's system names."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from armsledger.mentions.gazetteer import Gazetteers
from armsledger.mentions.register import RegisterRow, state_code, state_index

SINCE_YEAR = 1990
"""The default first order year of the register coverage (the issue's target is stated from 1990)."""

SYSTEM_LIKE_RE = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Z]{0,4}(?![\w-])")
"""A token shaped like a designation: letters, an optional hyphen, digits, variant letters (`J-10C`)."""


@dataclass(frozen=True, slots=True)
class RegisterCoverage:
    """How many register rows resolve to a catalogue entry, and to one of the right origin.

    `eligible` rows are those ordered in or after `since`, newly produced, not made under licence,
    from a state supplier, with a real designation (not `aircraft engine`).
    """

    since: int
    rows: int
    eligible: int
    resolved: int
    origin_match: int
    all_resolved: int
    """Resolved rows among all rows since `since`, second-hand and licensed included."""
    missing: list[tuple[str, int]] = field(default_factory=list)
    """Eligible designations that resolve to nothing, with their row counts, most rows first."""
    mismatched: list[tuple[str, str, str, int]] = field(default_factory=list)
    """(designation, supplier, catalogue origin, rows) for eligible rows resolved to another origin."""

    @property
    def origin_share(self) -> float:
        """The share of eligible rows that resolve to an entry of the supplier's origin."""
        return self.origin_match / self.eligible if self.eligible else 0.0


def register_coverage(rows: Iterable[RegisterRow], gazetteers: Gazetteers, *,
                      since: int = SINCE_YEAR) -> RegisterCoverage:
    """Resolve every designation of a SIPRI register and count how many find the right entry."""
    index = state_index(gazetteers.states)
    successors = {code: state.successor for code, state in gazetteers.states.items() if state.successor}
    counts: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    mismatched: Counter[tuple[str, str, str]] = Counter()
    cache: dict[tuple[str, str], str | None] = {}
    for row in rows:
        if row.ordered_year is None or row.ordered_year < since:
            continue
        counts["rows"] += 1
        key = (row.designation, row.description)
        if key not in cache:
            system = gazetteers.resolve_system(row.designation, category=row.description)
            cache[key] = None if system is None else system.origin
        origin = cache[key]
        counts["all_resolved"] += origin is not None
        supplier = state_code(row.supplier_name, index)
        if supplier is None or not row.is_new or row.is_licensed or row.is_generic:
            continue
        counts["eligible"] += 1
        if origin is None:
            missing[row.designation] += 1
            continue
        counts["resolved"] += 1
        if origin in (supplier, successors.get(supplier)) or supplier == successors.get(origin):
            counts["origin_match"] += 1
        else:
            mismatched[(row.designation, supplier, origin)] += 1
    return RegisterCoverage(since=since, rows=counts["rows"], eligible=counts["eligible"],
                            resolved=counts["resolved"], origin_match=counts["origin_match"],
                            all_resolved=counts["all_resolved"], missing=missing.most_common(),
                            mismatched=[(*key, n) for key, n in mismatched.most_common()])


def unresolved_names(texts: Iterable[str], gazetteers: Gazetteers) -> Counter[str]:
    """Count the designation-shaped tokens of texts that no system mention covers (candidates to add)."""
    unresolved: Counter[str] = Counter()
    for text in texts:
        spans = [(m.start, m.end) for m in gazetteers.matcher.find(text) if m.kind == "system"]
        for match in SYSTEM_LIKE_RE.finditer(text):
            if not any(start <= match.start() < end for start, end in spans):
                unresolved[match.group()] += 1
    return unresolved
