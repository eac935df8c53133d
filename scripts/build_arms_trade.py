#!/usr/bin/env python3
"""Build armsledger/data/gazetteers/arms_trade.csv: each state's arms exports and imports by SIPRI.

    .venv/bin/python scripts/build_arms_trade.py ../shared/eval/reference/sipri-trade-register.csv

The reader uses it as a careful reader uses what they know of the world: when a sentence names two
states as the sides of a deal ("Qatar signed a deal with Italy for seven naval vessels") and neither
its grammar nor the item's maker tells which one sells, the state that exports far more arms is the
seller. The figures are SIPRI trend-indicator values (millions) of weapons delivered under orders
placed from FIRST_YEAR on, summed per supplier and per recipient; a state that exported nothing
still gets a line when it imported.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from armsledger.mentions import load_gazetteers
from armsledger.mentions.register import state_code, state_index
from armsledger.sipri import read_register

FIRST_YEAR = 1992
"""Orders from the first year after the Soviet Union: today's exporters, not the Cold War's."""
OUT = ROOT / "armsledger" / "data" / "gazetteers" / "arms_trade.csv"


def _tiv(text: str) -> float:
    try:
        return float(text.strip().rstrip("?") or 0)
    except ValueError:
        return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("register", type=Path, help="SIPRI's trade register, as exported (CSV)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    index = state_index(load_gazetteers().states)
    rows = read_register(args.register, country=lambda name: state_code(name, index), system=lambda _: None)
    exports: Counter[str] = Counter()
    imports: Counter[str] = Counter()
    for row in rows:
        if row.ordered_year is None or row.ordered_year < FIRST_YEAR:
            continue
        tiv = _tiv(row.tiv_delivered)
        if row.supplier:
            exports[row.supplier] += tiv
        if row.recipient:
            imports[row.recipient] += tiv
    with args.out.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["state", "exports_tiv", "imports_tiv", "since"])
        for code in sorted(set(exports) | set(imports)):
            writer.writerow([code, round(exports[code]), round(imports[code]), FIRST_YEAR])
    print(f"{args.out}: {len(set(exports) | set(imports))} states, top exporters "
          + ", ".join(f"{c} {round(v)}" for c, v in exports.most_common(8)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
