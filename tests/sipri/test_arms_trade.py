"""scripts/build_arms_trade.py: each state's arms exports and imports, summed from SIPRI's register."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from armsledger.mentions import load_gazetteers
from tests.sipri.test_register import HEADER, PREAMBLE

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_arms_trade.py"
ROWS = ("Chile,Sweden,2001,,6,,JAS-39 Gripen,FGA aircraft,6,,2004,New,,30,180,180\n"
        "Peru,Sweden,2020,,2,,RBS-70,SAM system,2,,2021,New,,5,10,10\n"
        "Sweden,Chile,2019,,1,,Tarantula,APC,1,,2020,New,,3,3,3\n"
        "Chile,Sweden,1985,,9,,Old system,APC,9,,1987,New,,10,90,90\n")


def _build(tmp_path: Path) -> dict[str, dict[str, str]]:
    register = tmp_path / "register.csv"
    register.write_bytes((PREAMBLE + HEADER + ROWS).encode("latin-1"))
    out = tmp_path / "arms_trade.csv"
    spec = importlib.util.spec_from_file_location("build_arms_trade", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(register), "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as rows:
        return {row["state"]: row for row in csv.DictReader(rows)}


def test_exports_and_imports_are_summed_per_state_from_1992(tmp_path: Path) -> None:
    rows = _build(tmp_path)
    assert (rows["SE"]["exports_tiv"], rows["SE"]["imports_tiv"]) == ("190", "3")  # the 1985 order is left out
    assert (rows["CL"]["exports_tiv"], rows["CL"]["imports_tiv"]) == ("3", "180")
    assert rows["PE"]["exports_tiv"] == "0"


def test_the_bundled_figures_are_loaded_with_the_gazetteers() -> None:
    exports = load_gazetteers().arms_exports
    assert exports["US"] > exports["FR"] > exports["QA"]
