"""Parquet shards: the output of `armsledger backfill`, one file per input shard, and their loading.

A shard folder holds, for each input shard (a JSON Lines file, a .jsonl.gz, a WARC file):
- `NAME.parquet`: one row per article, in reading order: the cleaned document (what the ledger
  stores of an article) and its statements, each in the claims table's own form (`claim_row`,
  rebuilt with `claim_from_row`), so that a claim comes back exactly as it was extracted.
- `NAME.done.json`: written last, the marker that the shard is finished: its source, the sha256 of
  the source's bytes, the gazetteer and armsledger versions, and counts. A Parquet file without
  its marker is unfinished (a killed run) and is redone.
and `index.json`, the shards in the order backfill was given them, which is the order ingest reads
the same corpora in: loading in that order gives the ledger a plain ingest gives.

Both files are written under a temporary name and renamed into place, so a reader sees a whole
file or none.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from armsledger import __version__
from armsledger.claims import fold_claims
from armsledger.errors import SourceError
from armsledger.models import Article, Claim, Document, PartialDate
from armsledger.pipeline import Result
from armsledger.store.articles import claim_from_row, claim_row

INDEX_FILE = "index.json"
FORMAT_VERSION = 1
"""Bumped when the layout of a shard changes; a shard of another version is redone."""
HASH_CHUNK_BYTES = 1 << 20
READ_BATCH_ROWS = 256
"""Articles decoded from a Parquet file at a time, so a large shard loads in flat memory."""

_CLAIM_FIELDS = pa.struct([
    ("article_id", pa.string()), ("event", pa.string()), ("supplier", pa.string()),
    ("recipient", pa.string()), ("system", pa.string()), ("system_family", pa.string()),
    ("denied", pa.bool_()), ("planned", pa.bool_()),
    ("quantity_value", pa.int64()), ("quantity_unit", pa.string()), ("quantity_bound", pa.string()),
    ("quantity_text", pa.string()),
    ("value_amount", pa.string()), ("value_currency", pa.string()), ("value_bound", pa.string()),
    ("value_text", pa.string()),
    ("date", pa.string()), ("date_precision", pa.string()), ("date_source", pa.string()),
    ("source", pa.string()), ("evidence", pa.string()), ("span_start", pa.int64()), ("span_end", pa.int64()),
    ("rule", pa.string()), ("trigger", pa.string()), ("gazetteer_version", pa.string()), ("notes", pa.string()),
])
"""The columns of claim_row() that claim_from_row() reads (`article_id` holds the claim's `doc`)."""

SCHEMA = pa.schema([
    ("article_id", pa.string()), ("article_origin", pa.string()),
    ("id", pa.string()), ("text", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
    ("author", pa.string()), ("url", pa.string()),
    ("published", pa.string()), ("published_precision", pa.string()), ("published_source", pa.string()),
    ("sentences", pa.list_(pa.list_(pa.int64()))), ("removed", pa.list_(pa.string())), ("origin", pa.string()),
    ("statements", pa.list_(_CLAIM_FIELDS)),
])
"""One row per article: the Article's id and origin, the Document's fields, the statements."""


@dataclass(frozen=True, slots=True)
class Done:
    """The marker of a finished shard: what it was made from, and what it holds."""

    source: str
    sha256: str
    gazetteer_version: str
    articles: int
    statements: int
    errors: int
    armsledger_version: str = __version__
    format_version: int = FORMAT_VERSION


def shard_name(source: str | Path) -> str:
    """Return the name of the output of an input shard: its file name, and a digest of its full path."""
    full = os.path.abspath(source)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(full).name)[:60]
    return f"{stem}-{hashlib.sha1(full.encode('utf-8')).hexdigest()[:10]}"


def file_hash(path: str | Path) -> str:
    """Return the sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def read_done(folder: Path, name: str) -> Done | None:
    """Return a shard's marker, or None when it is missing or unreadable (the shard is not finished)."""
    try:
        return Done(**json.loads((folder / f"{name}.done.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def is_done(folder: Path, name: str, expected: Done) -> bool:
    """Tell whether a shard is finished from the same source bytes, with the same gazetteers and format."""
    found = read_done(folder, name)
    return (found is not None and (folder / f"{name}.parquet").is_file()
            and (found.sha256, found.gazetteer_version, found.format_version)
            == (expected.sha256, expected.gazetteer_version, expected.format_version))


def write_shard(folder: Path, name: str, results: Iterable[Result], *, done: Done) -> Done:
    """Write a shard's results as NAME.parquet, then its marker; each atomically (temp file, rename).

    Returns:
        The marker written, with the counts of articles and statements filled in.
    """
    clear_unfinished(folder, name)
    rows = [_row(result) for result in results]
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    _replace(folder / f"{name}.parquet", lambda temp: pq.write_table(table, temp))
    finished = Done(**{**_fields(done), "articles": len(rows),
                       "statements": sum(len(row["statements"]) for row in rows)})
    text = json.dumps(_fields(finished), indent=1, sort_keys=True) + "\n"
    _replace(folder / f"{name}.done.json", lambda temp: temp.write_text(text, encoding="utf-8"))
    return finished


def clear_unfinished(folder: Path, name: str) -> None:
    """Remove a shard's marker and the temporary files a killed run left, before it is written again."""
    (folder / f"{name}.done.json").unlink(missing_ok=True)
    for temp in folder.glob(f".{name}.*.tmp"):
        temp.unlink(missing_ok=True)


def update_index(folder: Path, names: Iterable[str]) -> list[str]:
    """Add names to the folder's index, after those it holds (first seen first); return the index."""
    known = _read_index(folder)
    index = list(dict.fromkeys([*known, *names]))
    if index != known:  # a rerun over the same corpora leaves the folder as it was
        text = json.dumps({"shards": index}, indent=1) + "\n"
        _replace(folder / INDEX_FILE, lambda temp: temp.write_text(text, encoding="utf-8"))
    return index


def load(folder: str | Path, *, on_error: Callable[[SourceError], None]) -> Iterator[Result]:
    """Yield the results of every finished shard of a folder, in index order, then the others by name.

    Args:
        on_error: called once for each unfinished shard (no marker) and each unreadable Parquet file;
            the other shards are still read.
    """
    root = Path(folder)
    if not root.is_dir():
        on_error(SourceError(str(root), "no such folder of shards; give the --out folder of a backfill"))
        return
    listed = [name for name in _read_index(root) if (root / f"{name}.parquet").is_file()
              or (root / f"{name}.done.json").is_file()]
    others = sorted({p.name.removesuffix(".done.json") for p in root.glob("*.done.json")} - set(listed))
    for name in [*listed, *others]:
        path = root / f"{name}.parquet"
        if read_done(root, name) is None:
            on_error(SourceError(str(path), "shard not finished (no done marker); run the same backfill "
                                            "again to redo it"))
            continue
        try:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=READ_BATCH_ROWS):
                yield from (_result(row) for row in batch.to_pylist())
        except (OSError, pa.ArrowException) as err:
            on_error(SourceError(str(path), f"not a readable shard ({err}); run the same backfill again"))


def _read_index(folder: Path) -> list[str]:
    try:
        return [str(name) for name in json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))["shards"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _replace(target: Path, write: Callable[[Path], object]) -> None:
    """Write a file under a temporary name beside target, then rename it into place."""
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _fields(done: Done) -> dict[str, Any]:  # Any: the marker's JSON values
    return {name: getattr(done, name) for name in Done.__slots__}


def _row(result: Result) -> dict[str, Any]:  # Any: column values of several types
    document, published = result.document, result.document.published
    return {
        "article_id": result.article.id, "article_origin": result.article.origin,
        "id": document.id, "text": document.text, "title": document.title, "outlet": document.outlet,
        "author": document.author, "url": document.url,
        "published": published.value if published else None,
        "published_precision": published.precision if published else None,
        "published_source": published.source if published else None,
        "sentences": [list(span) for span in document.sentences], "removed": list(document.removed),
        "origin": document.origin,
        "statements": [_claim_fields(claim) for claim in result.statements],
    }


def _claim_fields(claim: Claim) -> dict[str, Any]:  # Any: as above
    row = claim_row(claim.doc, 0, claim)
    return {name: row[name] for name in _CLAIM_FIELDS.names}


def _result(row: dict[str, Any]) -> Result:  # Any: as above
    published = None if row["published"] is None else PartialDate(
        row["published"], row["published_precision"], row["published_source"])
    document = Document(
        id=row["id"], text=row["text"], title=row["title"], outlet=row["outlet"], author=row["author"],
        url=row["url"], published=published, sentences=tuple((s[0], s[1]) for s in row["sentences"]),
        removed=tuple(row["removed"]), origin=row["origin"],
    )
    statements = [claim_from_row(SimpleNamespace(**fields)) for fields in row["statements"]]
    # The Article keeps only what storing reads of it (its id and origin): the document holds the text.
    article = Article(id=row["article_id"], origin=row["article_origin"])
    return Result(article, document, fold_claims(statements), statements)
