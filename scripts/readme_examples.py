"""Regenerate the README's example outputs from real runs on the bundled samples.

    .venv/bin/python scripts/readme_examples.py           # rewrite README.md's example blocks
    .venv/bin/python scripts/readme_examples.py --check   # exit 1 when README.md is stale

Each block sits between `<!-- example: NAME -->` and `<!-- /example -->` in README.md. The
commands of EXAMPLES[NAME] run, in order, in a fresh temporary folder holding `samples/` (a copy),
as `make demo` runs them: the first ingests the samples into demo.db. Each gives `$ COMMAND`
then its output (stdout and stderr, as a terminal shows them), at COLUMNS=100, inside a text fence.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCRIPT = Path(sys.executable).with_name("armsledger")
WIDTH_COLUMNS = 100
EXAMPLES: dict[str, list[tuple[str, int | None]]] = {
    "samples": [
        ("armsledger extract samples/k9-poland-seoul.txt", None),
        ("armsledger ingest samples/ --db demo.db", None),
        ("armsledger deals --db demo.db --system S-400", None),
        ("armsledger conflicts --db demo.db", None),
    ],
    "show": [
        ("armsledger show ru-in-s-400-1 --db demo.db", 24),
    ],
    "export": [
        ("armsledger export --db demo.db --format sipri", 5),
    ],
}
"""Each block's commands, with how many lines of output to keep (None: all; the rest becomes `...`)."""
BLOCK_RE = re.compile(r"(<!-- example: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /example -->)", re.DOTALL)


def _run(command: str, where: Path, keep: int | None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARMSLEDGER_")}
    env["COLUMNS"] = str(WIDTH_COLUMNS)
    args = command.split()
    done = subprocess.run([str(SCRIPT), *args[1:]], cwd=where, env=env, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"readme_examples: {command!r} exited {done.returncode}:\n{done.stdout}")
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if keep is not None and len(lines) > keep:
        lines = [*lines[:keep], "..."]
    return "\n".join([f"$ {command}", *lines])


def render(text: str) -> str:
    """Return text with every example block replaced by the output of its commands, run now."""
    names = [m["name"] for m in BLOCK_RE.finditer(text)]
    unknown = sorted(set(names) - set(EXAMPLES))
    if unknown:
        raise SystemExit(f"readme_examples: README.md has blocks {unknown} that EXAMPLES does not define")
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="readme-examples-") as tmp:
        shutil.copytree(ROOT / "samples", Path(tmp) / "samples")
        for name, commands in EXAMPLES.items():  # in order: "samples" ingests demo.db
            outputs[name] = "\n".join(_run(command, Path(tmp), keep) for command, keep in commands)
    return BLOCK_RE.sub(lambda m: f"{m[1]}```text\n{outputs[m['name']]}\n```\n{m[4]}", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1, changing nothing, if README.md is stale")
    options = parser.parse_args()
    if not SCRIPT.is_file():
        print(f"readme_examples: no armsledger script at {SCRIPT}; run `make install` and use .venv/bin/python")
        return 1
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if options.check:
        if fresh != text:
            print("README.md's example outputs are stale: run `.venv/bin/python scripts/readme_examples.py`")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
