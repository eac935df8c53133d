"""How long `armsledger --version` and `armsledger --help` take to start, and what they import.

    python benchmarks/cli_start.py --runs 15

Each run is a fresh interpreter (`python -c "from armsledger.cli import main; main()" ARGS`, what
the `armsledger` script runs). Prints the median and the spread of wall time per command, and
whether the heavy libraries (SQLAlchemy, Alembic, spaCy, FastAPI, rich) were imported. Compare
only runs from one machine; log results in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "alembic", "spacy", "fastapi", "rich")
PROBE = ("import sys\nfrom armsledger.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
         "print('HEAVY', ' '.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n")


def _time(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from armsledger.cli import main; main()", *args], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _heavy(args: list[str]) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY"))
    return line.removeprefix("HEAVY").strip() or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command, after one warm-up")
    options = parser.parse_args()
    print(f"{'command':<22} {'median s':>9} {'min s':>7} {'max s':>7}  heavy modules imported")
    for args in (["--version"], ["--help"], ["deals", "--help"]):
        _time(args)  # warm-up: the file cache
        times = [_time(args) for _ in range(options.runs)]
        print(f"{' '.join(args):<22} {statistics.median(times):>9.3f} {min(times):>7.3f} {max(times):>7.3f}  "
              f"{_heavy(args)}")


if __name__ == "__main__":
    main()
