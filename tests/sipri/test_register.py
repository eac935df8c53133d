"""SIPRI's trade register: read as published, imported whole or not at all, and lined up with deals."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ledger_factories import s400_corpus

from armsledger.errors import SourceError, StoreError
from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.sipri.register import contract_value, read_register

REGISTER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "reference" / "sipri-trade-register.csv"
PREAMBLE = "Transfers of major conventional arms\n" + "a note line\n" * 9 + "Data generated: today\n"
HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
          "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
          "SIPRI TIV of delivered weapons\n")
ROWS = ("China,Russia,2015,,8,?,S-400 Triumf,SAM system,8,,2018; 2019,New,$3 b deal,65,520,520\n"
        "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,Version for T\xfcrkiye,65,130,130\n"
        "Rebels*,Russia,2016,?,1,,S-400 Triumf,SAM system,1,,2017,New,Note broken\n,1,1,1\n"
        "India,Russia,2018,,10,,S-400 Triumf,SAM system,6,,2021; 2022,New,INR390 b ($5.4 b) deal,65,650,390\n")


def _register(tmp_path: Path, body: str = PREAMBLE + HEADER + ROWS) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes(body.encode("latin-1"))
    return path


@pytest.fixture()
def ledger(tmp_path: Path) -> Ledger:
    opened = Ledger(str(tmp_path / "l.db"), settings=Settings())
    opened.store_results(s400_corpus())
    return opened


def test_reads_sipri_format_flags_year_lists_and_broken_lines(tmp_path: Path) -> None:
    rows = read_register(_register(tmp_path), country={"China": "CN", "Turkiye": "TR", "Russia": "RU"}.get,
                         system=lambda d: "S-400" if d.startswith("S-400") else None)
    assert [(r.recipient, r.ordered_year, r.quantity_ordered, r.is_quantity_uncertain) for r in rows] == [
        ("CN", 2015, 8, True), ("TR", 2017, 2, True), (None, 2016, 1, False), (None, 2018, 10, False)]
    assert rows[0].delivery_years == (2018, 2019) and rows[0].value_amount == Decimal("3e9")
    assert rows[1].comments.endswith("T\xfcrkiye") and rows[2].comments == "Note broken"


def test_contract_value_prefers_dollars_then_a_currency_code() -> None:
    assert contract_value("INR390 b ($5.4 b) deal") == (Decimal("5.4") * 10**9, "USD")
    assert contract_value("EUR999 m deal; lease") == (Decimal(999) * 10**6, "EUR")
    assert contract_value("Second-hand") == (None, None)


def test_wrong_format_is_refused_and_changes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    assert ledger.sipri_import(_register(tmp_path)) == 4
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n1,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a SIPRI trade register"):
        ledger.sipri_import(bad)
    short = _register(tmp_path, PREAMBLE + HEADER + ROWS + "China,Russia,2015\n")
    with pytest.raises(SourceError, match="expected 16 columns"):
        ledger.sipri_import(short)
    assert len(ledger.sipri_diff(system="S-400").matches) == 2


def test_diff_needs_an_import_first(ledger: Ledger) -> None:
    with pytest.raises(StoreError, match="sipri import"):
        ledger.sipri_diff()


def test_diff_lines_up_deals_and_shows_differences(ledger: Ledger, tmp_path: Path) -> None:
    ledger.sipri_import(_register(tmp_path))
    diff = ledger.sipri_diff(system="S-400")
    by_deal = {m.deal.id: {f.field: (f.news, f.sipri, f.is_same) for f in m.fields} for m in diff.matches}
    assert by_deal["ru-cn-s-400-1"]["ordered_on"] == ("2014", "2015", False)
    assert by_deal["ru-cn-s-400-1"]["quantity"][1] == "8?"
    assert by_deal["ru-tr-s-400-1"]["ordered_on"] == ("2017-09", "2017", True)
    assert by_deal["ru-tr-s-400-1"]["quantity"] == ("2 battalion", "2?", True)
    assert diff.news_only == [], "talks (ru-tr-s-400-2) are not expected in SIPRI's register"
    assert [r.row.recipient_name for r in diff.sipri_only] == ["Rebels*", "India"]


@pytest.mark.skipif(not REGISTER.is_file(), reason="../shared/eval/reference is absent")
def test_reads_the_real_register_in_full(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "l.db"), settings=Settings())
    assert ledger.sipri_import(REGISTER) == 29515
    ledger.store_results(s400_corpus())
    diff = ledger.sipri_diff(system="S-400")
    rows = {m.deal.recipient: (m.row.ordered_year, m.row.quantity_ordered) for m in diff.matches}
    assert rows == {"CN": (2015, 8), "TR": (2017, 2)}


def test_contract_values_come_from_the_extractors_money_grammar() -> None:
    from decimal import Decimal

    from armsledger.sipri.register import contract_value
    assert contract_value("INR390 b ($5.4 b) deal") == (Decimal(5_400_000_000), "USD")
    assert contract_value("$22-23 m deal; Mi-171V version") == (Decimal(22_000_000), "USD")
    assert contract_value("ASH500 m deal; Saab-105 version") == (Decimal(500_000_000), "ASH")
    assert contract_value("Second-hand; aid") == (None, None)


@pytest.mark.skipif(not REGISTER.is_file(), reason="../shared/eval/reference is absent")
def test_export_country_names_are_the_registers_spelling(tmp_path: Path) -> None:
    from armsledger.mentions.register import state_code, state_index
    from armsledger.sipri import sipri_spellings

    ledger = Ledger(str(tmp_path / "l.db"), settings=Settings())
    rows = read_register(REGISTER, country=lambda name: None, system=lambda designation: None)
    names = {name for row in rows for name in (row.recipient_name, row.supplier_name)}
    index = state_index(ledger.gazetteers.states)
    spelled = {code: name for name in names if (code := state_code(name, index))}
    assert spelled and {code: ledger.country_name(code) for code in spelled} == spelled
    assert set(sipri_spellings().values()) <= names, "a spelling in data/sipri/country_names.csv SIPRI does not use"
    assert ledger.country_name("TR") == "Turkiye" and ledger.country_name("CG") == "Congo"
