"""Rebuild armsledger/data/gazetteers/systems.csv from a SIPRI register and the curated rows.

Usage:
    .venv/bin/python scripts/build_systems.py [--sipri ../shared/eval/reference/sipri-trade-register.csv]

Steps: read the register (Latin-1, preamble, `?` flag columns); derive one entry per designation
(origin = supplier of most new-build orders, 1990 on first; category = SIPRI's description; unit
from the category) and one per family; lay sources/systems_curated.csv over them (aliases,
reporting names, families, producers); mark designations without digits (names such as
`Collins`) as guarded; write systems.csv sorted by id. The same inputs always give
the same file; an id already in systems.csv keeps its `added` date.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import logging
import sys
from pathlib import Path

from armsledger.mentions.derive import COLUMNS, Entry, derive_systems, overlay
from armsledger.mentions.gazetteer import load_states
from armsledger.mentions.matcher import canon
from armsledger.sipri import read_register

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "armsledger" / "data" / "gazetteers"
DEFAULT_SIPRI = ROOT.parent / "shared" / "eval" / "reference" / "sipri-trade-register.csv"

log = logging.getLogger("armsledger.scripts.build_systems")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, rebuild systems.csv, and report how many entries it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sipri", type=Path, default=DEFAULT_SIPRI, help="SIPRI register export (CSV)")
    parser.add_argument("--curated", type=Path, default=DATA / "sources" / "systems_curated.csv")
    parser.add_argument("--out", type=Path, default=DATA / "systems.csv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    states = load_states()
    today = datetime.date.today().isoformat()
    names = [n for s in states.values() for n in (s.name, *s.names, *s.demonyms, *s.seats)]
    names += [n for org in _read(DATA / "orgs.csv") for n in (org["name"], *org["aliases"].split("|")) if n]
    derived = derive_systems(read_register(args.sipri), states,
                             reserved=frozenset(canon(n) for n in names), added=today)
    entries = overlay(derived, _read(args.curated))
    previous = {row["id"]: row for row in _read(args.out)} if args.out.is_file() else {}
    for ident, entry in entries.items():
        entry["added"] = previous.get(ident, {}).get("added") or entry["added"] or today
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(entries.values())
    sources: dict[str, int] = {}
    for entry in entries.values():
        sources[entry["source"]] = sources.get(entry["source"], 0) + 1
    log.info("%s: %d systems %s", args.out, len(entries), sources)
    return 0


def _read(path: Path) -> list[Entry]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


if __name__ == "__main__":
    sys.exit(main())
