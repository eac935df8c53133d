"""Which weapon nouns fit which system categories: "Predator drones" is a UAV, not a patrol boat.

A system named by a plain word (`Predator`, `Mistral`) counts only before a weapon noun, and the
noun must fit the entry's category. Categories (SIPRI's descriptions: `patrol boat`, `armed UAV`,
`SAM system`) and nouns (`drones`, `ships`) both map to coarse classes; a noun fits an entry when
they share a class. Only general English vocabulary lives here.
"""
from __future__ import annotations

import re

ANY = "any"
"""The class of a noun that fits every entry (`systems`, right after the name)."""

_CATEGORY_CLASSES: tuple[tuple[str, str], ...] = (
    ("uav", r"\b(?:uav|ugv|uas|drone)|loitering munition|one-way attack"),
    ("helicopter", r"helicopter|\bheli\b"),
    ("aircraft", r"(?<!anti-)aircraft(?! carrier| eo| recce| radar| sea search)|airship"),
    ("naval", (r"(?<!anti-)(?<!/)\bship|boat|\bcraft\b|(?<!anti-)submarine(?!-launched| sonar)|frigate"
               r"|corvette|(?<!tank )destroyer|cruiser|carrier|mine(?:hunter|sweeper|layer)|icebreaker"
               r"|\btanker$|\btug\b|naval")),
    ("tank", r"(?<!anti-)\btank\b(?! destroyer| chassis| turret)"),
    ("armour", r"(?<!anti-)\btank\b|\bapc\b|infantry fighting|armou?red|fire-support vehicle|\bugv\b|self-propelled"),
    ("missile", r"missile(?! boat)|torpedo(?! boat)|guided|\bbomb\b|\bsam\b|\babm\b|rocket"),
    ("air-defence", r"\bsam\b|\babm\b|air-defen[cs]e|\bad system|anti-aircraft|coastal defen[cs]e"),
    ("artillery", r"\bgun\b|howitzer|mortar|launcher"),
    ("engine", r"turbo|\bengine\b|turbine|reactor"),
)
"""Each class and the pattern of the categories in it (lower case); a category may be in several."""

_SENSOR_RE = re.compile(r"(?<!anti-)radar|sonar|\beo\b|search system|recce system|signals intelligence system|satellite")
"""Sensors are sensors only: a `combat aircraft radar` is no aircraft."""

_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in _CATEGORY_CLASSES)

_NOUN_CLASSES_TEXT = """
aircraft: aircraft uav helicopter
airplane airplanes plane planes: aircraft uav
jet jets fighter fighters bomber bombers trainer trainers: aircraft
drone drones UAV UAVs UAS: uav
helicopter helicopters gunship gunships: helicopter
ship ships boat boats vessel vessels warship warships frigate frigates corvette corvettes gunboat gunboats
    submarine submarines class: naval
destroyer destroyers: naval armour
carrier carriers: naval armour
craft: naval aircraft
patrol: naval aircraft
tank tanks: tank
vehicle vehicles APC APCs IFV IFVs armoured: armour artillery air-defence
missile missiles torpedo torpedoes interceptor interceptors: missile air-defence
shell shells: missile artillery
bomb bombs munition munitions: missile uav
cruiser cruisers: naval
satellite satellites sonar sonars: sensor
rocket rockets: missile artillery
launcher launchers battery batteries: artillery missile air-defence
gun guns howitzer howitzers mortar mortars: artillery air-defence
defence defense: air-defence
radar radars: sensor
engine engines: engine
system systems: any
"""
"""Each weapon noun and the classes of the categories it fits ("Patriot missiles": a SAM system)."""


def _noun_classes(text: str) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for line in re.sub(r"\n\s+", " ", text).strip().splitlines():
        nouns, classes = line.split(":")
        for noun in nouns.split():
            table[noun] = frozenset(classes.split())
    return table


NOUN_CLASSES: dict[str, frozenset[str]] = _noun_classes(_NOUN_CLASSES_TEXT)
"""Weapon noun -> the classes of the categories it fits."""


def category_classes(category: str) -> frozenset[str]:
    """Return the classes of a system category (`patrol boat` -> naval; `armed UAV` -> uav)."""
    low = category.lower()
    if _SENSOR_RE.search(low):
        return frozenset({"sensor"})
    return frozenset(name for name, pattern in _COMPILED if pattern.search(low))


def noun_fits(noun: str, classes: frozenset[str]) -> bool:
    """Tell whether a weapon noun fits an entry of these classes; an entry without any fits every noun."""
    fits = NOUN_CLASSES.get(noun) or NOUN_CLASSES.get(noun.lower(), frozenset())
    return bool(fits) and (not classes or ANY in fits or not fits.isdisjoint(classes))


__all__ = ["ANY", "NOUN_CLASSES", "category_classes", "noun_fits"]
