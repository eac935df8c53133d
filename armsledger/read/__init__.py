"""Stage 1: read(source) -> Iterator[Article]: articles from folders, files, corpora, WARC files and feeds.

- `sources.py`   `read` and `files`: folders, files, JSON Lines corpora (`.jsonl.gz` too), stdin, streams
- `decoding.py`  bytes to text (UTF-8, else cp1252 with a warning), or why they are not text
- `warc.py`      web archives: one Article per HTML response record
- `feeds.py`     RSS and Atom feeds: one Article per entry

Only this stage and `store` do I/O. Nothing that cannot be read stops a run: each such input is
one SourceError, passed to `on_error`, and the run goes on.
"""
from __future__ import annotations

from armsledger.read.decoding import read_text
from armsledger.read.feeds import is_feed, read_feed
from armsledger.read.sources import files, read

__all__ = ["files", "is_feed", "read", "read_feed", "read_text"]
"""`read` is the stage; `files` plans a backfill's shards, and `watch` reads fetched pages and
feeds with `read_text`, `is_feed` and `read_feed`."""
