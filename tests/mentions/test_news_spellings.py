"""Systems as news writes them resolve to the right catalogue entry, in text and as bare names."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from armsledger.mentions import Gazetteers
from armsledger.models import Mention

SPELLINGS: list[tuple[str, str, str]] = [
    ("S-80 Plus", "s-80-plus", "ES"), ("S80 plus", "s-80-plus", "ES"), ("S80 Plus", "s-80-plus", "ES"), ("S-80", "s-80", "ES"),
    ("S80", "s-80", "ES"), ("Teevra 40", "teevra-40", "IN"), ("Teevra-40", "teevra-40", "IN"),
    ("Pralay", "pralay", "IN"), ("AT4", "at4", "SE"), ("AT4CS", "at4", "SE"), ("ATAGS", "atags", "IN"),
    ("Akula class", "project-971", "RU"), ("Akula-class submarine", "project-971", "RU"),
    ("KSS-III", "kss-iii", "KR"), ("KSS III", "kss-iii", "KR"), ("DSME-3000", "kss-iii", "KR"),
    ("Type 212CD", "type-212cd", "DE"), ("Type 212A", "type-212", "DE"), ("Pinaka", "pinaka-214mm", "IN"),
    ("Akash-NG", "akash-ng", "IN"), ("Akash missiles", "akash", "IN"), ("MRSAM", "barak-8", "IL"),
    ("MR-SAM", "barak-8", "IL"), ("Barak-8", "barak-8", "IL"), ("Barak 8", "barak-8", "IL"),
    ("Heron drones", "heron", "IL"), ("Hermes 900", "hermes-900", "IL"), ("Wing Loong II", "wing-loong-2", "CN"),
    ("CH-4", "ch-4", "CN"), ("TB2", "bayraktar-tb2", "TR"), ("Akinci", "akinci", "TR"),
    ("K2 tanks", "k2-black-panther", "KR"), ("K9", "k9", "KR"), ("FA-50", "fa-50", "KR"), ("KF-21", "kf-21", "KR"),
    ("Chunmoo", "k-239-chunmoo", "KR"), ("HIMARS", "himars", "US"), ("Patriot missiles", "patriot", "US"),
    ("PAC-3", "patriot", "US"), ("NASAMS", "nasams", "NO"), ("IRIS-T SLM", "iris-t-slm", "DE"),
    ("CAESAR", "caesar-155mm", "FR"), ("Leopard 2", "leopard-2", "DE"), ("Abrams tanks", "m-1-abrams", "US"),
    ("F-16 Block 70", "f-16", "US"), ("F-16V", "f-16", "US"), ("Gripen jets", "gripen-e", "SE"),
    ("Eurofighter Typhoon", "typhoon", "GB"), ("Rafale", "rafale", "FR"), ("Rafale M", "rafale", "FR"),
    ("Rafale F4", "rafale", "FR"), ("Su-30MKI", "su-30mki", "RU"), ("Su-35", "su-35", "RU"),
    ("Su-57", "su-57", "RU"), ("MiG-29", "mig-29", "RU"), ("J-10C", "j-10", "CN"), ("JF-17", "jf-17-thunder", "CN"),
    ("Type 054A/P", "type-054a", "CN"), ("Kilo class", "project-636", "RU"), ("Scorpene", "scorpene", "FR"),
    ("Mistral missiles", "mistral", "FR"), ("Igla-S missiles", "igla-s", "RU"), ("Stinger missiles", "stinger", "US"),
    ("Javelin missiles", "fgm-148-javelin", "US"), ("NLAW", "nlaw", "SE"), ("Harpoon missiles", "harpoon", "US"),
    ("BrahMos", "brahmos", "IN"), ("Exocet missiles", "exocet", "FR"), ("Meteor missiles", "meteor", "GB"),
    ("Predator-type drones", "rq-1-predator", "US"), ("MQ-1 Predator", "rq-1-predator", "US"),
    ("MQ-1", "rq-1-predator", "US"), ("M777 howitzers", "ufh-m-777", "GB"), ("Hellfire missiles", "agm-114-hellfire", "US"),
    ("2S19 Msta-S", "2s19-msta-s-152mm", "RU"), ("Global Hawk drones", "rq-4a-global-hawk", "US"),
    ("Phalanx guns", "mk-15-phalanx", "US"), ("Smerch rockets", "bm-9a52-smerch", "RU"),
    ("Arjun tanks", "arjun", "IN"), ("Astra missiles", "astra", "IN"), ("Agni-V", "agni", "IN"),
    ("LCH Prachand", "lch-prachand", "IN"), ("Type 45", "type-45", "GB"), ("Lancet drones", "lancet", "RU"),
    ("Su-34", "su-34", "RU"), ("SM-3", "rim-161", "US"), ("KN-23", "hwasong-11", "KP"),
    ("T129 ATAK", "t-129b-atak", "TR"), ("Seahawk helicopters", "mh-60r-seahawk", "US"),
    ("Kalvari-class submarines", "scorpene", "FR"), ("Krasnopol shells", "krasnopol-m", "RU"),
    ("E-7 Wedgetail", "e-7-wedgetail", "US"), ("Naval Strike Missile", "nsm", "NO"),
]
"""(what news writes, system id, origin); plain-word names carry the weapon noun they need in text."""


@pytest.mark.parametrize(("spelling", "ident", "origin"), SPELLINGS)
def test_news_spellings_resolve(find: Callable[[str], list[Mention]], bundled: Gazetteers, spelling: str,
                                ident: str, origin: str) -> None:
    systems = [m for m in find(f"Officials said {spelling} were part of the order.") if m.kind == "system"]
    assert [(m.entity, m.state) for m in systems][:1] == [(ident, origin)]
    assert spelling.startswith(systems[0].text)
    resolved = bundled.resolve_system(spelling)
    assert resolved is not None and (resolved.id, resolved.origin) == (ident, origin)
