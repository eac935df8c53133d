"""Reading a SIPRI register and deriving system entries from it."""
from __future__ import annotations

from pathlib import Path

import pytest
from sipri_factories import register_row

from armsledger.errors import SourceError
from armsledger.mentions import Gazetteers
from armsledger.mentions.derive import derive_systems, family_of, overlay, unit_for
from armsledger.mentions.register import state_code, state_index
from armsledger.sipri import SipriRow, read_register

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "sipri-sample.csv"


def test_read_register_skips_preamble_and_reads_flags_columns() -> None:
    rows = list(read_register(SAMPLE))
    assert len(rows) == 14
    first = rows[0]
    assert (first.recipient_name, first.supplier_name, first.ordered_year, first.designation) == (
        "China", "Russia", 2014, "S-400")
    assert first.description == "SAM system" and first.is_new
    assert rows[4].is_licensed and not rows[3].is_licensed
    assert rows[12].is_generic


def test_read_register_rejects_a_file_without_header(tmp_path: Path) -> None:
    bogus = tmp_path / "x.csv"
    bogus.write_text("a,b\n1,2\n", encoding="latin-1")
    with pytest.raises(SourceError, match="no header line"):
        list(read_register(bogus))


@pytest.mark.parametrize(("name", "code"), [
    ("Turkiye", "TR"), ("Soviet Union", "SU"), ("East Germany (GDR)", "DD"), ("UAE", "AE"),
    ("Viet Nam", "VN"), ("unknown supplier(s)", None), ("Libya HoR*", None),
])
def test_state_code_maps_sipri_names(bundled: Gazetteers, name: str, code: str | None) -> None:
    assert state_code(name, state_index(bundled.states)) == code


@pytest.mark.parametrize(("designation", "family"), [
    ("S-300PMU-2", "S-300"), ("Leopard-2A6", "Leopard-2"), ("Su-30MKI", "Su-30"), ("F/A-18E Super Hornet", "F/A-18"),
    ("Bayraktar TB2", "Bayraktar TB2"), ("CARDOM 120mm", "CARDOM 120mm"), ("AW139", "AW139"),
])
def test_family_of_takes_the_leading_code(designation: str, family: str) -> None:
    assert family_of(designation) == family


@pytest.mark.parametrize(("category", "unit"), [
    ("SAM system", "battalion"), ("SAM", "missile"), ("anti-ship missile", "missile"), ("frigate", "unit"),
    ("FGA aircraft", "unit"), ("guided bomb", "missile"),
])
def test_unit_for_category(category: str, unit: str) -> None:
    assert unit_for(category) == unit


def test_derive_systems_sets_origin_category_family_and_merges_spellings(bundled: Gazetteers) -> None:
    entries = derive_systems(read_register(SAMPLE), bundled.states)
    assert entries["s-400"]["origin"] == "RU" and entries["s-400"]["unit"] == "battalion"
    # Ordered from the Soviet Union before 1990 and from Russia since: recent new-build wins.
    assert entries["mig-29"]["origin"] == "SU"
    assert entries["mig-29smt"]["family"] == "MiG-29"
    # "F-16C Block-50/52" and "F-16C Block 50/52" are one entry, and the family gets its own.
    block = [e for e in entries.values() if e["designation"].startswith("F-16C Block")]
    assert len(block) == 1 and block[0]["origin"] == "US"
    assert entries["f-16"]["source"] == "sipri-family"
    assert entries["collins"]["guarded"] == "Collins"
    assert "aircraft-engine" not in entries and "testname-7" not in entries


def test_overlay_folds_derived_entries_named_by_curated_aliases(bundled: Gazetteers) -> None:
    entries = derive_systems(read_register(SAMPLE), bundled.states)
    curated = [{"id": "mig-29", "designation": "MiG-29", "aliases": "MiG-29SMT|Fulcrum", "family": "MiG-29",
                "category": "", "producer": "mig", "origin": "RU", "unit": "unit", "guarded": "Fulcrum",
                "source": "curated", "added": ""}]
    result = overlay(entries, curated)
    assert "mig-29smt" not in result
    assert result["mig-29"]["origin"] == "RU" and result["mig-29"]["category"] == "fighter aircraft"
    assert result["mig-29"]["source"] == "sipri+curated" and result["mig-29"]["guarded"] == "Fulcrum"


def _register_row(designation: str, description: str, supplier: str) -> SipriRow:
    return register_row(designation, description, supplier, ordered_year=2001)


def test_derive_adds_the_short_names_news_writes(bundled: Gazetteers) -> None:
    rows = [_register_row("QX/ZM-777 155mm", "towed gun", "France"), _register_row("QX/ZM-777", "towed gun", "France"),
            _register_row("ZK-9 Zanderbolt", "armed UAV", "Italy"), _register_row("ZS-5 Special", "APC", "Italy"),
            _register_row("ZT-4 Paris", "APC", "Italy"), _register_row("ZR-1 Corvid", "tank", "Italy"),
            _register_row("ZR-2 Corvid", "frigate", "Spain")]
    entries = derive_systems(rows, bundled.states, reserved=frozenset({"paris"}))
    # Spellings of one family and origin: the short code goes to the shortest designation.
    assert entries["qx-zm-777"]["aliases"] == "ZM-777" and entries["qx-zm-777-155mm"]["aliases"] == ""
    bolt = entries["zk-9-zanderbolt"]
    assert bolt["aliases"].split("|") == ["ZK-9", "Zanderbolt"] and bolt["guarded"] == "Zanderbolt"
    assert "Special" not in entries["zs-5-special"]["aliases"]  # only general words
    assert "Paris" not in entries["zt-4-paris"]["aliases"]  # a state's or organisation's name
    # Two different systems shorten to `Corvid`: neither gets it.
    assert "Corvid" not in entries["zr-1-corvid"]["aliases"] + entries["zr-2-corvid"]["aliases"]
