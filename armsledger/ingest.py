"""Stage 1: read(source) -> Iterator[Article]. PLACEHOLDER: being rebuilt by the reading work."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from armsledger.errors import SourceError
from armsledger.models import Article
from armsledger.settings import Settings


def read(source: str | Path | IO[str], *, settings: Settings,
         on_error: Callable[[SourceError], None] | None = None) -> Iterator[Article]:
    """Read articles from a folder, a file, a JSON Lines corpus or `-`."""
    if source == "-":
        yield from _read_lines(sys.stdin, "<stdin>")
        return
    path = Path(str(source))
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if file.suffix == ".jsonl":
            with file.open(encoding="utf-8") as stream:
                yield from _read_lines(stream, str(file))
        else:
            yield Article(id=file.name, text=file.read_text(encoding="utf-8"), origin=str(file))


def _read_lines(stream: IO[str], origin: str) -> Iterator[Article]:
    for n, line in enumerate(stream, 1):
        if line.strip():
            row = json.loads(line)
            yield Article(id=str(row["id"]), text=row.get("text"), url=row.get("url"), title=row.get("title"),
                          published=row.get("published"), origin=f"{origin}:{n}")
