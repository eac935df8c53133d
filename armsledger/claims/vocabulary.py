"""Words for unnamed arms, shared by the rules that look for them (general English, no names)."""
from __future__ import annotations

import re

GENERIC_ARMS = (r"military\s+hardware|arms|weapons|weaponry|armaments|military\s+equipment|"
                r"defen[cs]e\s+equipment|(?:military|defen[cs]e)\s+(?:supplies|materi(?:al|als|el)|goods)")
"""Arms named by no type at all ("Russian military hardware", "weapons"): a regex alternation."""

WEAPON_NOUNS = frozenset(["aircraft", "jet", "jets", "fighter", "fighters", "plane", "planes", "warplane", "warplanes", "bomber", "bombers", "trainer", "trainers", "helicopter", "helicopters", "chopper", "choppers", "gunship", "gunships", "drone", "drones", "uav", "uavs", "ucav", "ucavs", "missile", "missiles", "rocket", "rockets", "system", "systems", "battery", "batteries", "battalion", "battalions", "regiment", "regiments", "squadron", "squadrons", "launcher", "launchers", "interceptor", "interceptors", "radar", "radars", "tank", "tanks", "vehicle", "vehicles", "apc", "apcs", "ifv", "ifvs", "howitzer", "howitzers", "gun", "guns", "artillery", "ship", "ships", "vessel", "vessels", "warship", "warships", "frigate", "frigates", "corvette", "corvettes", "destroyer", "destroyers", "submarine", "submarines", "boat", "boats", "carrier", "carriers", "arms", "weapon", "weapons", "weaponry", "armament", "armaments", "munition", "munitions", "ammunition", "hardware", "equipment", "engine", "engines", "rifle", "rifles", "torpedo", "torpedoes", "bomb", "bombs", "shell", "shells", "mortar", "mortars", "airframe", "airframes", "unit", "units", "piece", "pieces", "set", "sets", "batch", "batches", "kit", "kits"])
"""Head nouns of weapon phrases (singular and plural, since a lemma may miss): an item is arms only if
its phrase names a catalogued system or ends in one of these."""

GOODS_NOUNS = frozenset(["material", "materials", "materiel", "supply", "supplies", "good", "goods", "item", "items", "product", "products", "package", "stock", "stocks"])
"""Nouns for goods in general: arms only when a modifier in ARMS_MODIFIERS says so ("arms materials")."""

ARMS_MODIFIERS = frozenset(["arms", "weapons", "weapon", "military", "defence", "defense", "lethal"])
"""Modifiers that make goods arms ("military supplies", "lethal materiel")."""

GENERIC_ARMS_NOUNS = frozenset(["arm", "arms", "weapon", "weapons", "weaponry", "armament", "munition", "equipment",
                                "hardware"])
"""Arms of no type ("weapons", "military equipment")."""

OFFER_NOUNS = frozenset(["proposal", "offer", "bid", "pitch", "option", "alternative", "firm", "company", "maker",
                         "manufacturer", "supplier", "vendor", "contender", "competitor", "bidder", "rival",
                         "candidate", "solution"])
"""Nouns of a theme that names offers and offerers but no goods ("proposals from foreign firms")."""

TALLY_MODIFIERS = frozenset(["total", "cumulative", "overall", "aggregate"])
"""Modifiers that make an event noun a running count ("its total exports", "cumulative orders")."""

CIVIL_WORDS = frozenset(["passenger", "passengers", "airliner", "airliners", "jetliner", "jetliners", "commercial", "civil", "civilian", "airline", "airlines", "cargo"])
"""Words that make an aircraft phrase civilian ("passenger jets"): airliners are not weapons."""

IRREGULAR_FORMS = frozenset(["sold", "bought", "sent", "won", "struck", "got", "gotten", "took", "taken", "gave", "given", "began", "begun", "held", "dealt", "sought", "chose", "chosen", "froze", "frozen", "stopped", "shipped", "dropped", "scrapped", "ordered", "sells", "buys"])
"""Inflected forms that do not start with their lemma's stem: the cheap test before parsing needs them."""

COLLECTIVE_HEADS = frozenset(["batch", "batches", "dozen", "dozens", "number", "numbers", "pair", "pairs", "lot", "lots", "tranche", "tranches", "package", "packages", "consignment", "consignments", "shipment", "shipments", "squadron", "squadrons", "regiment", "regiments", "battalion", "battalions", "set", "sets", "fleet", "first", "second", "third", "fourth", "fifth", "last", "rest", "remainder", "more", "additional", "couple", "hundreds", "thousands", "total", "units", "unit", "worth"])
"""Heads whose weapon is their 'of' phrase ("a batch of Hellfire missiles", "two squadrons of Rafale")."""

NOUN_CATEGORIES = {
    "aircraft": ("aircraft", "fighter", "trainer", "bomber", "transport"), "jet": ("aircraft", "fighter", "trainer"),
    "fighter": ("fighter", "aircraft"), "plane": ("aircraft",), "warplane": ("aircraft", "fighter"),
    "helicopter": ("helicopter",), "chopper": ("helicopter",), "drone": ("UAV",), "uav": ("UAV",),
    "ship": ("ship", "frigate", "corvette", "destroyer", "submarine", "boat", "craft"),
    "vessel": ("ship", "frigate", "corvette", "destroyer", "boat", "craft"), "warship": ("ship", "frigate", "corvette", "destroyer"),
    "frigate": ("frigate",), "corvette": ("corvette",), "destroyer": ("destroyer",), "submarine": ("submarine",),
    "tank": ("tank",), "howitzer": ("gun", "howitzer", "artillery"), "gun": ("gun", "howitzer", "artillery"),
    "missile": ("missile", "SAM", "air defence"), "system": ("",), "battery": ("SAM", "air defence"),
    "radar": ("radar",), "vehicle": ("APC", "vehicle", "armoured", "tank"), "engine": ("engine",),
}
"""Generic nouns and the catalogue categories they can stand for ("the frigates" is no SAM system)."""

PLATFORM_PART_NOUNS = frozenset(["ammunition", "munition", "munitions", "engine", "engines", "spare", "spares", "part",
                                 "parts", "component", "components", "upgrade", "upgrades", "fleet", "fleets", "pilot",
                                 "pilots", "crew", "crews", "training", "maintenance", "sustainment", "support",
                                 "simulator", "simulators", "seat", "seats", "avionics", "overhaul", "retrofit"])
"""Nouns a system's name qualifies without being what is transferred: "an F-16 ammunition contract" buys
ammunition, "its F-16 fleet" is the buyer's own, "Su-30 engines" are engines."""
HANDOVER_CASES = frozenset(["under", "from"])
"""Prepositions that make an arrival a handover: "arrived under a 2023 contract", "from Germany"."""
ORDER_LEMMAS = frozenset(["order", "buy", "purchase", "acquire", "contract", "procure", "deliver", "supply", "sell",
                          "donate", "transfer", "export", "ship", "lease"])
"""Verbs on an item that make it an order's ("the jets ordered in 2020 arrived")."""
IDLE_NOUNS = frozenset(["design", "development", "study", "research", "testing", "test", "maintenance", "repair",
                        "overhaul", "servicing", "training", "integration", "certification", "feasibility"])
"""Nouns for work on arms that transfers none: a weapon phrase under one is not what a deal moves."""
FINAL_WORDS = frozenset(["last", "final", "remaining", "remainder"])
"""Words that make a delivered item the end of its order ("delivered the last of 36 Rafale jets",
"the remaining helicopters"): the delivery is the completion."""

HANDOVER_WORDS = FINAL_WORDS | frozenset(["first", "second", "third", "fourth", "initial", "new", "more", "additional",
                                          "further", "next", "latest", "rest", "batch", "tranche"])
"""Words that make arriving arms part of a handover ("the first two howitzers arrived"): a batch of an
order, its end included, not a visit."""
BATCH_NOUNS = frozenset(["batch", "batches", "tranche", "tranches", "consignment", "consignments", "lot", "lots",
                         "shipment", "shipments"])
"""Nouns for a part of an order: with a follow-on word and no 'of' phrase, more of what was named."""
FOLLOW_ON_WORDS = frozenset(["further", "another", "second", "third", "next", "new", "additional", "more", "fresh",
                             "follow-on", "final", "last"])
"""Words that make a batch with no 'of' phrase more of what was named ("a further batch")."""

PARTY_NOUNS = {
    "client": "recipient", "customer": "recipient", "buyer": "recipient", "importer": "recipient",
    "purchaser": "recipient", "seller": "supplier", "supplier": "supplier", "exporter": "supplier",
    "manufacturer": "supplier", "maker": "supplier", "vendor": "supplier", "company": "supplier", "firm": "supplier",
    "contractor": "supplier", "shipyard": "supplier", "shipbuilder": "supplier",
}
"""Nouns that name a side by its role ("the client also received...", "the company won't sell"): the
article's party of that side, where the sentence gives the noun that side's role."""

VALUE_VERBS = frozenset(["value", "worth", "cost", "price", "estimate", "total", "amount"])
"""Verbs that state a deal's value with the deal as their subject ("the contract is valued at")."""

TIME_WORDS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "week", "weeks", "month", "months", "year", "years", "day", "days", "today", "yesterday", "tomorrow", "weekend", "decade", "spring", "summer", "autumn", "fall", "winter", "morning", "evening", "night"])
"""Words that head a time phrase: "signed a contract on Friday" names when, never what."""

CIVIL_BUYERS = ("flag carrier", "national carrier", "state carrier", "airline", "airlines", "airways", "budget carrier",
                "low-cost carrier")
"""Buyers that make a purchase civilian ("flag carrier Air India is considering 50 new aircraft")."""


AIR_DEFENCE = r"air[\s-]defen[cs]e"
"""'Air defence' names arms by their role, with or without a system noun after it."""
ARMS_WORDS = re.compile(r"(?i)\b(?:" + GENERIC_ARMS + "|" + AIR_DEFENCE + r"|(?-i:[A-Z][a-z]+-class)|" + "|".join(
    sorted(WEAPON_NOUNS - {"system", "systems", "unit", "units", "set", "sets", "piece", "pieces", "kit", "kits"},
           key=len, reverse=True)) + r")\b")
"""Unnamed arms ("weapons", "frigates", "military equipment"): a document with neither these nor a
catalogued system holds no claim; a sentence with them beside a state or organisation is parsed."""

DESIGNATED_ARMS = (r"[A-Z][A-Za-z]{0,5}[- ]?\d{1,4}[A-Za-z]{0,2}\s+(?:jets?|fighters?|trainers?|aircraft|bombers?|"
                   r"helicopters?|gunships?|drones?|UAVs?|tanks?|howitzers?|launchers?|radars?|frigates?|"
                   r"corvettes?|submarines?|missiles?|rockets?|rifles?|guns?|vehicles?|boats?|vessels?|ships?)")
"""A designation of letters and digits before a weapon noun ("TC-20 trainers", "MArG 155 howitzers"):
arms the catalogue may lack, so a document naming them is read."""

DOCUMENT_ARMS_WORDS = re.compile(
    r"\b(?:" + GENERIC_ARMS + r"|"
    r"warships?|frigates?|corvettes?|destroyers?|submarines?|[A-Z][a-z]+-class|fighter\s+jets?|howitzers?|missiles?|helicopters?|drones?|"
    r"armou?red|tanks?|military|munitions|ammunition|rockets?|artillery|"
    r"naval\s+(?:vessels?|ships?|boats?)|patrol\s+(?:vessels?|boats?)|" + AIR_DEFENCE + r"|warplanes?|"
    r"combat\s+aircraft|fighter\s+aircraft|fighting\s+vehicles?|" + DESIGNATED_ARMS + r")\b")
"""Unnamed arms, strictly: a document with neither these nor a catalogued system holds no claim and is
never read further. Narrower than ARMS_WORDS on purpose ("aircraft", "engines", "boats" are business
and sports news): on the BBC stream the wider list costs 336 instead of 1,087 articles per CPU second."""
