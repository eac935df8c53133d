"""How long `armsledger --version` and `armsledger --help` take to start, and what they import.

    .venv/bin/python benchmarks/cli_start.py --runs 10

Each run is a fresh process of the installed `armsledger` script (beside this interpreter), after
one warm-up run for the file cache. Prints the median and the maximum wall time per command and
its median CPU time (user + sys: less disturbed by other jobs on a shared machine), beside those of
`python -c pass`, then
checks in a fresh interpreter that no heavy library was imported; if one was, it prints which, in
capitals, and exits 1. The target is a median under TARGET_S for --version. Compare only runs from
one machine; log results in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("armsledger")
HEAVY = ("sqlalchemy", "alembic", "spacy", "dask", "pyarrow", "fastapi", "uvicorn")
"""Libraries a start must not import: each costs 0.1 s to 1 s (spaCy with its model, far more)."""
COMMANDS = (["--version"], ["--help"])
TARGET_S = 0.3
PROBE = ("import sys\nfrom armsledger.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
         "print('HEAVY', ' '.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n")


def _time(args: list[str], *, command: list[str] | None = None) -> tuple[float, float]:
    """Run the script with args (or another command); return its wall time and its CPU time (user + sys)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command or [str(SCRIPT), *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_imports(args: list[str]) -> list[str]:
    """Return the heavy libraries a fresh interpreter has imported after running `armsledger ARGS`."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY"))
    return line.removeprefix("HEAVY").split()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command, after one warm-up")
    options = parser.parse_args()
    if not SCRIPT.is_file():
        print(f"no armsledger script at {SCRIPT}: run `make install` and use .venv/bin/python")
        return 1
    print(f"{'command':<22} {'median s':>9} {'max s':>7} {'CPU s':>7}  heavy modules imported")
    failed = False
    baseline = [_time([], command=[sys.executable, "-c", "pass"]) for _ in range(options.runs)]
    print(f"{'python -c pass':<22} {statistics.median(w for w, _ in baseline):>9.3f} "
          f"{max(w for w, _ in baseline):>7.3f} {statistics.median(c for _, c in baseline):>7.3f}")
    for args in COMMANDS:
        _time(args)  # warm-up: the file cache
        runs = [_time(args) for _ in range(options.runs)]
        times, cpu = [w for w, _ in runs], [c for _, c in runs]
        heavy = heavy_imports(args)
        failed = failed or bool(heavy)
        print(f"armsledger {' '.join(args):<11} {statistics.median(times):>9.3f} {max(times):>7.3f} "
              f"{statistics.median(cpu):>7.3f}  {' '.join(heavy) or 'none'}")
        if args == ["--version"] and statistics.median(times) >= TARGET_S:
            print(f"  slower than the {TARGET_S} s target (a loaded machine counts: compare with `python -c pass`, "
                  "and the CPU time)")
    if failed:
        print("FAILED: A HEAVY MODULE WAS IMPORTED AT START; move its import into the command that needs it")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
