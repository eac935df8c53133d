"""The fuzzy fallback of resolve_system: off by default, family-level, never for short names."""
from __future__ import annotations

from armsledger.mentions import Gazetteers
from armsledger.mentions.fuzzy import FuzzyIndex


def test_resolve_system_is_exact_by_default(bundled: Gazetteers) -> None:
    assert bundled.resolve_system("Su-30MKl") is None


def test_fuzzy_fallback_finds_the_family_of_a_misspelt_designation(bundled: Gazetteers) -> None:
    system = bundled.resolve_system("Su-30MKl", fuzzy=True)
    assert system is not None and system.family == "Su-30" and system.origin == "RU"


def test_fuzzy_fallback_rejects_unrelated_and_short_names(bundled: Gazetteers) -> None:
    assert bundled.resolve_system("ZZQX-9871", fuzzy=True) is None
    index = FuzzyIndex.build(bundled.systems.values())
    assert index.best("K8", min_score=0) is None


def test_resolve_system_accepts_news_spellings(bundled: Gazetteers) -> None:
    for name, ident in (("S400", "s-400"), ("F-35A", "f-35"), ("Bayraktar TB-2", "bayraktar-tb2"),
                        ("VL MICA", "mica"), ("S-300 PMU-2", "s-300pmu-2")):
        system = bundled.resolve_system(name)
        assert system is not None and system.id == ident, name
