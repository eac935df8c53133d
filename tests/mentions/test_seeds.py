"""Every state, demonym, seat, organisation and system the seed articles name resolves correctly."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from armsledger.models import Mention
from tests.mentions.conftest import SHARED

SEEDS = SHARED / "seeds"

EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    "000_851dfe9e174f9906.txt": {
        ("state", "RU", "Russia"), ("state", "RU", "Russian"), ("state", "RU", "Moscow"),
        ("state", "CN", "China"), ("state", "CN", "Chinese"), ("state", "SU", "Soviet Union"),
        ("state", "VN", "Vietnam"), ("state", "DZ", "Algeria"), ("state", "AZ", "Azerbaijan"),
        ("state", "CY", "Cyprus"), ("state", "KZ", "Kazakhstan"), ("state", "BY", "Belarus"),
        ("state", "IR", "Iran"), ("state", "SY", "Syria"), ("state", "VE", "Venezuela"), ("state", "EG", "Egypt"),
        ("org", "rosoboronexport", "Rosoboronexport"), ("org", "almaz-antey", "Almaz-Antei Concern"),
        ("org", "cn-pla", "People's Liberation Army"),
        ("system", "s-400", "S-400"), ("system", "s-400", "S-400 Triumf"), ("system", "s-300", "S-300"),
        ("system", "s-300pmu-2", "S-300PMU-2"), ("system", "s-300p", "S-300P"), ("system", "s-300v", "S-300V"),
    },
    "001_802a68d356f7cff6.txt": {
        ("state", "RU", "Russia"), ("state", "RU", "Russian"), ("state", "RU", "Moscow"),
        ("state", "TR", "Turkey"), ("state", "TR", "Turkish"), ("state", "TR", "Ankara"),
        ("state", "US", "United States"), ("state", "US", "US"), ("state", "CN", "China"),
        ("state", "CN", "Chinese"), ("state", "SA", "Saudi Arabia"), ("state", "IN", "India"),
        ("state", "QA", "Qatar"), ("system", "s-400", "S-400"), ("system", "f-35", "F-35"),
    },
    "002_f4afd86ed38ea08b.txt": {
        ("state", "RU", "Russia"), ("state", "RU", "Russian"), ("state", "RU", "MOSCOW"),
        ("state", "TR", "Turkey"), ("state", "TR", "Turkish"), ("state", "TR", "Ankara"),
        ("state", "US", "United States"), ("state", "US", "US"), ("state", "US", "Washington"),
        ("state", "US", "White House"), ("state", "CN", "China"),
        ("org", "ru-fsmtc", "Federal Service for Military and Technical Cooperation"),
        ("org", "ru-fsmtc", "Federal Service for Military Technical Cooperation"),
        ("system", "s-400", "S-400"), ("system", "f-35", "F-35"),
    },
    "003_13a55e0f64593ff7.txt": {
        ("state", "RU", "Russia"), ("state", "RU", "Russian"), ("state", "RU", "Moscow"),
        ("state", "RU", "Kremlin"), ("state", "CN", "China"), ("state", "CN", "Chinese"),
        ("state", "CN", "Beijing"), ("state", "US", "U.S."), ("state", "US", "Pentagon"),
        ("state", "KP", "North Korea"), ("state", "KP", "Pyongyang"), ("state", "IQ", "Iraq"),
        ("org", "cn-plan", "People's Liberation Army Navy"), ("org", "cn-plan", "PLAN"),
    },
    "004_bdffdde4e3014e2f.txt": {
        ("state", "RU", "Russia"), ("state", "RU", "Russian"), ("state", "RU", "Moscow"),
        ("state", "CN", "China"), ("state", "CN", "Beijing"), ("state", "US", "US"),
        ("state", "US", "United States"),
        ("org", "ru-fsmtc", "Federal Service for Military-Technical Cooperation"),
        ("org", "ru-fsmtc", "FSMTC"), ("org", "ru-fsmtc", "FSTMC"),
        ("system", "s-400", "S-400"), ("system", "s-400", "S-400 Triumf"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_article_names_resolve(find: Callable[[str], list[Mention]], name: str) -> None:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    found = {(m.kind, m.entity, m.text) for m in find(path.read_text(encoding="utf-8"))}
    assert EXPECTED[name] - found == set()
    wrong = {(kind, entity, text) for kind, entity, text in found
             if any(text == t and (kind, entity) != (k, e) for k, e, t in EXPECTED[name])}
    assert wrong == set()
