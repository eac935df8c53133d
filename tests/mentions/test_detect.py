"""detect(): states, organisations and systems in the spellings news uses, and the ambiguity rules."""
from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from armsledger.models import Mention

Found = Callable[[str], list[tuple[str, str, str]]]


def test_detect_returns_sorted_non_overlapping_mentions_with_offsets(find: Callable[[str], list[Mention]]) -> None:
    text = "Officials in Seoul said South Korea and the US signed for the K9 Thunder."
    mentions = find(text)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert [(m.entity, m.role) for m in mentions] == [("KR", "seat"), ("KR", "name"), ("US", "name"), ("k9", "alias")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia sold it.", ("RU", "name")),
    ("Türkiye bought it.", ("TR", "name")),
    ("Turkiye bought it.", ("TR", "name")),
    ("The U.S. objected.", ("US", "name")),
    ("The United States objected.", ("US", "name")),
    ("America objected.", ("US", "name")),
    ("Britain objected.", ("GB", "name")),
    ("The UK objected.", ("GB", "name")),
    ("Iran wants it.", ("IR", "name")),
    ("Vietnam wants it.", ("VN", "name")),
    ("Syria wants it.", ("SY", "name")),
    ("The Soviet Union built it.", ("SU", "name")),
    ("A Russian-made launcher.", ("RU", "demonym")),
    ("A Chinese-built frigate.", ("CN", "demonym")),
    ("Talks in the Kremlin.", ("RU", "seat")),
    ("The Pentagon said so.", ("US", "seat")),
    ("The White House said so.", ("US", "seat")),
    ("Officials in New Delhi said so.", ("IN", "seat")),
    ("Beijing said so.", ("CN", "seat")),
])
def test_detect_finds_state_by_name_demonym_and_seat(find: Callable[[str], list[Mention]], text: str,
                                                     expected: tuple[str, str]) -> None:
    states = [(m.entity, m.role) for m in find(text) if m.kind == "state"]
    assert states == [expected]


@pytest.mark.parametrize(("text", "entity"), [
    ("Ankara ordered more S-400s.", "s-400"),
    ("Ankara ordered the S400.", "s-400"),
    ("The S-400 Triumf is deployed.", "s-400"),
    ("The SA-21 Growler is deployed.", "s-400"),
    ("Taipei wants the F-16V.", "f-16"),
    ("Sofia bought the F-16 Block 70.", "f-16"),
    ("Warsaw bought the F-35A.", "f-35"),
    ("Delhi flies the Su-30MKI.", "su-30mki"),
    ("The KF-21 Boramae flew.", "kf-21"),
    ("Kyiv used the Bayraktar TB2.", "bayraktar-tb2"),
    ("Kyiv used the TB2 drones.", "bayraktar-tb2"),
    ("Seoul ordered the AH-64E Apache Guardian.", "ah-64e"),
    ("The S‑300PMU‑2 was delivered.", "s-300pmu-2"),
])
def test_detect_finds_systems_in_news_spellings(find: Callable[[str], list[Mention]], text: str, entity: str) -> None:
    systems = [m for m in find(text) if m.kind == "system"]
    assert [m.entity for m in systems] == [entity]
    assert systems[0].state is not None


def test_detect_keeps_variant_and_block_in_mention_text(found: Found) -> None:
    assert ("system", "f-16", "F-16 Block 70") in found("An order for F-16 Block 70 jets.")
    assert ("system", "s-400", "S-400s") in found("Two S-400s arrived.")


def test_detect_rejects_designation_inside_longer_word(found: Found) -> None:
    assert found("The RS-4000 and XS-400 are not systems.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Michael Jordan played.", []),
    ("Jordan bought tanks.", [("state", "JO", "Jordan")]),
    ("He flew to Atlanta, Georgia, for talks.", []),
    ("Russia, Georgia and Armenia met.", [("state", "RU", "Russia"), ("state", "GE", "Georgia"),
                                           ("state", "AM", "Armenia")]),
    ("Chad Smith spoke.", []),
    ("Troops left Chad in May.", [("state", "TD", "Chad")]),
    ("They ate turkey.", []),
    ("Turkey bought it.", [("state", "TR", "Turkey")]),
    ("The Niger Delta is in Nigeria.", [("state", "NG", "Nigeria")]),
    ("Niger signed.", [("state", "NE", "Niger")]),
    ("In Latin America, prices rose.", []),
])
def test_detect_disambiguates_common_word_state_names(found: Found, text: str,
                                                      expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Korea bought tanks.", ["KR"]),
    ("North Korea fired. Korea's leader spoke.", ["KP", "KP"]),
    ("South Korea and North Korea met. Korea remains split.", ["KR", "KP"]),
    ("Seoul said Korea will buy.", ["KR", "KR"]),
])
def test_detect_resolves_korea_alone_by_document_context(find: Callable[[str], list[Mention]], text: str,
                                                         expected: list[str]) -> None:
    assert [m.entity for m in find(text) if m.kind == "state"] == expected


def test_detect_separates_china_from_republic_of_china(found: Found) -> None:
    assert found("The Republic of China and China") == [("state", "TW", "Republic of China"),
                                                         ("state", "CN", "China")]
    assert found("The People's Republic of China.") == [("state", "CN", "People's Republic of China")]
    assert found("Taiwan buys from America.") == [("state", "TW", "Taiwan"), ("state", "US", "America")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Congo bought rifles.", []),
    ("Congo bought rifles, Kinshasa said.", ["CD", "CD"]),
    ("The Democratic Republic of the Congo bought rifles.", ["CD"]),
    ("The Republic of the Congo bought rifles.", ["CG"]),
    ("Congo-Brazzaville bought rifles.", ["CG"]),
    ("DR Congo bought rifles.", ["CD"]),
])
def test_detect_resolves_congo_variants(find: Callable[[str], list[Mention]], text: str, expected: list[str]) -> None:
    assert [m.entity for m in find(text)] == expected


def test_detect_matches_acronyms_only_in_exact_case(found: Found) -> None:
    assert found("Let us go; the US went.") == [("state", "US", "US")]
    assert found("the pla is a plan") == []


@pytest.mark.parametrize(("text", "entity", "state", "kind"), [
    ("Rosoboronexport signed.", "rosoboronexport", "RU", "agency"),
    ("The FSVTS said.", "ru-fsmtc", "RU", "agency"),
    ("The Federal Service for Military-Technical Cooperation said.", "ru-fsmtc", "RU", "agency"),
    ("Almaz-Antey builds it.", "almaz-antey", "RU", "company"),
    ("Almaz-Antei builds it.", "almaz-antey", "RU", "company"),
    ("The People's Liberation Army bought it.", "cn-pla", "CN", "armed-service"),
    ("The DSCA notified Congress.", "us-dsca", "US", "agency"),
])
def test_detect_finds_organisations_with_home_state(find: Callable[[str], list[Mention]], text: str, entity: str,
                                                    state: str, kind: str) -> None:
    orgs = [m for m in find(text) if m.kind == "org"]
    assert [(m.entity, m.state, m.role) for m in orgs] == [(entity, state, kind)]


def test_detect_keeps_guarded_state_in_title_case_headline(found: Found) -> None:
    assert found("Jordan Buys Tanks From Russia\n\nThe deal was signed.") == [("state", "JO", "Jordan"),
                                                                              ("state", "RU", "Russia")]
    assert found("Michael Jordan Joins Team In Paris") == [("state", "FR", "Paris")]


def test_detect_ignores_capitals_inside_sport_names_and_person_names(found: Found) -> None:
    assert found("Real Madrid beat Spartak Moscow.") == []
    assert found("William Hague met officials in The Hague.") == [("state", "NL", "The Hague")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Spain bought Tiger attack helicopters.", ["tiger"]),
    ("Ukraine got Gepard self-propelled anti-aircraft guns.", ["gepard"]),
    ("Canberra ordered more Collins-class boats.", ["collins"]),
    ("Warsaw deployed Patriot air defence systems.", ["patriot"]),
    ("The Tiger roared at the crowd.", []),
    ("Apple ships the Tiger operating system.", []),
    ("Poland buys Patriot.", []),
])
def test_plain_word_systems_need_a_weapon_noun_nearby(find: Callable[[str], list[Mention]], text: str,
                                                      expected: list[str]) -> None:
    assert [m.entity for m in find(text) if m.kind == "system"] == expected


def test_a_name_written_after_a_designation_joins_it(find: Callable[[str], list[Mention]]) -> None:
    # the catalogue files "Golden Eagle" under the T-50, the FA-50's family
    [jet] = [m for m in find("Malaysia ordered 18 FA-50 Golden Eagle jets.") if m.kind == "system"]
    assert (jet.entity, jet.text) == ("fa-50", "FA-50 Golden Eagle")
    # of a name and a numbered designation, the numbered one names the system
    [missile] = [m for m in find("Poland bought Chunmoo CGR-080 missiles.") if m.kind == "system"]
    assert missile.text == "Chunmoo CGR-080" and "080" in missile.entity
    # systems of different kinds stay apart
    assert len([m for m in find("Seoul fitted F-16 Harpoon missiles.") if m.kind == "system"]) == 2
