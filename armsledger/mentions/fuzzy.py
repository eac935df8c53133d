"""A fuzzy fallback for system names that resolve to nothing exactly (`Su30-MKI2`, `Mi-171Sh-V`).

Only for names already isolated (a register's designation, a user's query), never for running
text: detect() stays exact. Names are compared in canon() form (folded, without hyphens and
spaces) with rapidfuzz's ratio, and the best match counts only at or above a measured score.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from armsledger.mentions.entries import System
from armsledger.mentions.matcher import canon

FUZZY_MIN_SCORE = 90.0
"""Measured with benchmarks/fuzzy_threshold.py on gazetteers 1.0.1. Positives: leave-one-out over
the 1,527 names of systems that have several (each looked up among all the others); negatives:
the 51 designation-shaped tokens of the BBC 2005 set that name no system. At 90 no negative is
accepted (12% at 85, 43% at 75), but only 6% of held-out names find a system, of those 29% the
right entry, 80% the right family and 92% the right origin. So the fallback is off by default
(resolve_system(fuzzy=True) turns it on) and its answer is a family-level guess. Re-run the script
after changing the catalogue."""

MIN_NAME_CHARS = 4
"""Shorter names (`K9`, `U-2`) are never matched fuzzily: one changed character is another type."""


@dataclass(frozen=True, slots=True)
class FuzzyIndex:
    """Every system name in canon() form, with the system it names."""

    names: tuple[str, ...]
    owners: tuple[str, ...]

    @classmethod
    def build(cls, systems: Iterable[System]) -> FuzzyIndex:
        """Index the designation and aliases of every system."""
        pairs: dict[str, str] = {}
        for system in systems:
            for name in (system.designation, *system.aliases):
                key = canon(name)
                if len(key) >= MIN_NAME_CHARS:
                    pairs.setdefault(key, system.id)
        return cls(names=tuple(pairs), owners=tuple(pairs.values()))

    def best(self, name: str, *, min_score: float = FUZZY_MIN_SCORE,
             exclude: str | None = None) -> tuple[str, float] | None:
        """Return (system id, score) of the closest name at or above min_score, or None.

        Args:
            exclude: a canon() name to leave out (for leave-one-out measurement).
        """
        key = canon(name)
        if len(key) < MIN_NAME_CHARS:
            return None
        for found, score, index in process.extract(key, self.names, scorer=fuzz.ratio,
                                                   score_cutoff=min_score, limit=2):
            if found != exclude:
                return self.owners[index], float(score)
        return None


def fuzzy_system(name: str, index: FuzzyIndex, systems: Mapping[str, System], *,
                 min_score: float = FUZZY_MIN_SCORE) -> System | None:
    """Return the system whose name is closest to name, if close enough, else None."""
    found = index.best(name, min_score=min_score)
    return None if found is None else systems.get(found[0])
