"""Weapon nouns must fit a plain-word system's category; names several systems share are split by it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sipri_factories import register_row

from armsledger.mentions import Gazetteers, check_gazetteers, load_gazetteers
from armsledger.mentions.categories import category_classes, noun_fits
from armsledger.mentions.derive import derive_systems, overlay
from armsledger.models import Mention
from armsledger.sipri import SipriRow

HEADER = "id,designation,aliases,family,category,producer,origin,unit,guarded,source,added\n"


@pytest.mark.parametrize(("category", "classes"), [
    ("patrol boat", {"naval"}),
    ("armed UAV", {"uav"}),
    ("SAM system", {"air-defence", "missile"}),
    ("anti-tank missile", {"missile"}),  # the word after `anti` is the target, not the weapon
    ("anti-aircraft gun", {"air-defence", "artillery"}),
    ("tank destroyer", {"armour"}),
    ("combat aircraft radar", {"sensor"}),
    ("aircraft carrier", {"naval"}),
    ("armoured engineer vehicle", {"armour"}),
])
def test_category_classes(category: str, classes: set[str]) -> None:
    assert category_classes(category) == classes


@pytest.mark.parametrize(("noun", "category", "fits"), [
    ("drones", "UAV", True), ("drones", "patrol boat", False), ("boats", "patrol boat", True),
    ("jets", "FGA aircraft", True), ("jets", "UAV", False), ("tanks", "tank", True), ("tanks", "APC", False),
    ("missiles", "SAM system", True), ("missiles", "tank", False), ("helicopters", "combat helicopter", True),
    ("systems", "submarine", True), ("Drones", "armed UAV", True), ("weather", "UAV", False),
])
def test_noun_fits_only_its_own_kind_of_system(noun: str, category: str, fits: bool) -> None:
    assert noun_fits(noun, category_classes(category)) is fits


@pytest.mark.parametrize(("text", "expected"), [
    ("Rome leased Predator-type drones last year.", [("rq-1-predator", "US")]),
    ("Two Predator drones crashed.", [("rq-1-predator", "US")]),
    ("The navy commissioned three Predator patrol boats.", [("predator", "CN")]),
    ("The Predator missiles were fired.", []),
    ("Egypt took two Mistral-class ships.", [("mistral-amphibious-assault-ship", "FR")]),
    ("Estonia ordered Mistral missiles.", [("mistral", "FR")]),
    ("Ankara ordered Cobra armoured vehicles.", [("cobra", "TR")]),
    ("Berlin ordered COBRA radars.", [("cobra-artillery-locating-radar", "DE")]),
    ("The Tiger attack helicopters flew.", [("tiger", "FR")]),
    ("She taught at the Virginia Community College System.", []),  # `system` counts only right after
    ("He was treated at Boramae Hospital in Seoul.", []),
    ("Two PREDATOR DRONES crashed.", [("rq-1-predator", "US")]),
    ("Riyadh bought Hawk trainer jets.", [("hawk-100", "GB")]),
    ("Tehran fired Hawk missiles.", [("hawk", "US")]),
    ("Two HAWK patrol boats sailed.", [("hawk-patrol-boat", "GB")]),  # the head of `patrol boats` is boats
    ("Two Hawk patrol boats sailed.", []),
    ("Old Harpoon bombers flew.", [("pv-2-harpoon", "US")]),
    ("Seoul bought Harpoon missiles.", [("harpoon", "US")]),  # the boat is written HAWK; the others are no boats
])
def test_shared_plain_word_name_resolves_to_the_entry_its_noun_fits(
        find: Callable[[str], list[Mention]], text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.entity, m.state) for m in find(text) if m.kind == "system"] == expected


def test_resolve_system_picks_among_shared_names_by_category(bundled: Gazetteers) -> None:
    def ident(name: str, category: str | None = None) -> str | None:
        system = bundled.resolve_system(name, category=category)
        return None if system is None else system.id

    assert ident("Predator", "patrol boat") == "predator"
    assert ident("Predator", "UAV") == "rq-1-predator"
    assert ident("Predator") == "rq-1-predator"  # the curated entry, without a category
    assert ident("Predator drones") == "rq-1-predator"
    # Written with a hyphen or a space, a shared name is the same name.
    assert ident("Sea Dragon", "patrol ship") == ident("Sea-Dragon", "patrol ship") == "sea-dragon-patrol-ship"
    assert ident("Sea Dragon", "maritime patrol aircraft radar") == "sea-dragon"


def _row(designation: str, description: str, supplier: str, year: int = 2000) -> SipriRow:
    return register_row(designation, description, supplier, ordered_year=year)


def test_derive_splits_a_plain_name_whose_rows_are_different_kinds(bundled: Gazetteers) -> None:
    rows = [_row("Zanderfly", "portable SAM", "France")] * 3 + [_row("Zanderfly", "SAM", "France"),
                                                                 _row("Zanderfly", "landing ship", "Italy")]
    entries = derive_systems(rows, bundled.states)
    assert entries["zanderfly"]["category"] == "portable SAM" and entries["zanderfly"]["origin"] == "FR"
    ship = entries["zanderfly-landing-ship"]
    assert (ship["designation"], ship["origin"], ship["guarded"]) == ("Zanderfly", "IT", "Zanderfly")
    # A designation with digits is never split: its name cannot be shared.
    coded = derive_systems([_row("ZF-9", "tank", "France"), _row("ZF-9", "frigate", "Italy")], bundled.states)
    assert [e["id"] for e in coded.values() if e["designation"] == "ZF-9"] == ["zf-9"]


def test_overlay_keeps_a_derived_namesake_of_another_kind(bundled: Gazetteers) -> None:
    rows = [_row("Zanderfly", "patrol boat", "China")] * 2
    curated = [{"id": "zz-uav", "designation": "ZU-1 Zanderfly", "aliases": "Zanderfly", "family": "ZU-1",
                "category": "UAV", "producer": "", "origin": "US", "unit": "unit", "guarded": "Zanderfly",
                "source": "curated", "added": ""}]
    result = overlay(derive_systems(rows, bundled.states), curated)
    assert result["zanderfly"]["category"] == "patrol boat" and "Zanderfly" in result["zz-uav"]["aliases"]
    # Of the same kind, the derived entry is folded into the curated one as before.
    folded = overlay(derive_systems([_row("Zanderfly", "armed UAV", "China")], bundled.states), curated)
    assert "zanderfly" not in folded


@pytest.mark.parametrize(("rows", "is_ok"), [
    (["zz-a,Zorbel,,Zorbel,UAV,,US,unit,Zorbel", "zz-b,Zorbel,,Zorbel,patrol boat,,CN,unit,Zorbel"], True),
    (["zz-a,Zorbel,,Zorbel,UAV,,US,unit,Zorbel", "zz-b,Zorbel,,Zorbel,armed UAV,,CN,unit,Zorbel"], False),
    (["zz-a,Zorbel,,Zorbel,UAV,,US,unit,Zorbel", "zz-b,Zorbel,,Zorbel,patrol boat,,CN,unit,"], False),
])
def test_check_allows_a_shared_name_only_when_guarded_and_of_different_kinds(
        tmp_path: Path, rows: list[str], is_ok: bool) -> None:
    (tmp_path / "systems.csv").write_text(HEADER + "".join(f"{r},test,2026-11-21\n" for r in rows),
                                          encoding="utf-8")
    problems = check_gazetteers(extra_dir=tmp_path)
    assert (problems == []) is is_ok, problems
    if is_ok:
        extended = load_gazetteers(extra_dir=tmp_path)
        assert extended.resolve_system("Zorbel", category="fast patrol boat") == extended.systems["zz-b"]
