"""armsledger backfill on a LocalCluster, then ingest --from-parquet: the ledger of a plain ingest.

Three shards written here (JSON Lines with a bad line, .jsonl.gz, a WARC built with warcio); one
cluster for the module, so that its workers load the model once. The articles are written for these
tests; the deals they tell of are public.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")  # dask is an optional extra: the imports below come after the skip

from distributed import LocalCluster
from ledger_factories import ledger_content
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from armsledger.cli import main
from armsledger.shards import shard_name

pytestmark = pytest.mark.slow

K2 = ("Poland signed a contract with South Korea on Tuesday for 180 K2 tanks worth $3.4 billion, the defence "
      "ministry in Warsaw said. The first tanks will arrive before the end of the year")
NEWS = [
    {"id": "pl-k2", "text": K2 + ".", "published": "2022-07-27"},
    {"id": "eg-rafale", "text": "Egypt has ordered 30 more Rafale fighter jets from France, the French defence ministry "
                                "said on Friday. The deal is worth EUR 3.75 billion.", "published": "2021-05-04"},
    None,  # a line cut short: one error, and the shard goes on
    {"id": "in-s400", "text": "India received the first S-400 air defence squadron from Russia in December 2021, "
                              "officials in New Delhi said on Monday.", "published": "2022-01-10"},
]
WIRE = [
    {"id": "ph-brahmos", "text": "The Philippines signed a $375 million deal with India to buy BrahMos anti-ship "
                                 "missiles, the Philippine defence secretary said on Friday.", "published": "2022-01-28"},
    {"id": "pl-k2-wire", "text": K2 + ", it added.", "published": "2022-07-27", "outlet": "Wire"},  # a wire copy
]
PAGES = {
    "https://news.example.org/2022/hu-leopard": "<p>Hungary has ordered 44 Leopard 2A7 tanks from Germany, the "
                                                "government in Budapest announced on Wednesday.</p>",
    "https://news.example.org/2023/qa-typhoon": "<p>Qatar signed a contract for 24 Eurofighter Typhoon jets with "
                                                "the United Kingdom worth £5 billion, the British defence "
                                                "secretary said.</p>",
}


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    lines = [json.dumps(row) if row else '{"id": "cut-off", "text": ' for row in NEWS]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(folder / "wire.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(row) + "\n" for row in WIRE)
    with open(folder / "crawl.warc.gz", "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, body in PAGES.items():
            page = f"<html><head><title>News</title></head><body><article>{body}</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(page.encode()),
                                               http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()  # warcio leaves its spooled copy of the payload open
    return folder


@dataclass(frozen=True)
class Backfilled:
    corpus: Path
    shards: Path
    plain_db: Path
    scheduler: str


@pytest.fixture(scope="module")
def backfilled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backfilled]:
    """One backfill of the three shards on a LocalCluster, and a plain ingest of them."""
    root = tmp_path_factory.mktemp("backfill")
    corpus = _write_corpus(root / "corpus")
    plain = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(root / "plain.db")])
    assert plain.exit_code == 1 and plain.stdout.startswith("read 7 articles"), plain.output
    # One worker process: each worker loads the syntactic model (~10 s of CPU), and the machine is shared.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        done = Backfilled(corpus, root / "shards", root / "plain.db", cluster.scheduler_address)
        result = _backfill(done, str(corpus))
        assert result.exit_code == 1, result.output
        assert "3 shards: 3 done, 0 already done, 0 failed; 7 articles" in result.stdout
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert errors == [(f"error: {corpus / 'news.jsonl'}:3: not valid JSON (Expecting value at column 1); "
                           "each line must be one JSON object")], result.stderr
        yield done


def _backfill(run: Backfilled, *corpora: str, out: Path | None = None) -> object:
    return CliRunner().invoke(main, ["backfill", *corpora, "--out", str(out or run.shards),
                                     "--scheduler", run.scheduler])


def _ingest_shards(shards: Path, db: Path) -> object:
    return CliRunner().invoke(main, ["ingest", "--from-parquet", str(shards), "--db", str(db)])


def _digest(db: Path) -> tuple[int, int, str]:
    """The counts of claims and deals, and a hash of their content."""
    claims, deals = ledger_content(str(db))
    return len(claims), len(deals), hashlib.sha256(repr((claims, deals)).encode()).hexdigest()


def test_ingest_from_parquet_builds_the_ledger_of_a_plain_ingest_and_twice_changes_nothing(
        backfilled: Backfilled, tmp_path: Path) -> None:
    db = tmp_path / "from-parquet.db"
    first = _ingest_shards(backfilled.shards, db)
    assert first.exit_code == 0 and first.stdout.startswith("read 7 articles: 0 already stored"), first.output
    expected = _digest(backfilled.plain_db)
    assert _digest(db) == expected and expected[0] >= 7 and expected[1] >= 6
    again = _ingest_shards(backfilled.shards, db)
    assert again.exit_code == 0 and again.stdout.startswith("read 7 articles: 7 already stored"), again.output
    assert _digest(db) == expected


def test_a_second_backfill_redoes_no_shard(backfilled: Backfilled) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in backfilled.shards.iterdir()}
    result = _backfill(backfilled, str(backfilled.corpus))
    assert result.exit_code == 0 and "3 shards: 0 done, 3 already done, 0 failed; 0 articles" in result.stdout
    assert {p.name: p.stat().st_mtime_ns for p in backfilled.shards.iterdir()} == before


def test_a_shard_left_half_written_is_redone(backfilled: Backfilled, tmp_path: Path) -> None:
    shards = shutil.copytree(backfilled.shards, tmp_path / "shards")
    name = shard_name(backfilled.corpus / "crawl.warc.gz")
    (shards / f"{name}.done.json").unlink()  # killed after the Parquet file, before its marker ...
    (shards / f".{name}.parquet.0123abcd.tmp").write_bytes(b"PAR1 half")  # ... or while writing it
    unfinished = _ingest_shards(shards, tmp_path / "early.db")
    assert unfinished.exit_code == 1 and "shard not finished" in unfinished.stderr, unfinished.output
    assert unfinished.stdout.startswith("read 5 articles")
    result = _backfill(backfilled, str(backfilled.corpus), out=shards)
    assert result.exit_code == 0 and "3 shards: 1 done, 2 already done, 0 failed; 2 articles" in result.stdout
    assert sorted(p.name for p in shards.iterdir() if p.name.startswith(".")) == []
    loaded = _ingest_shards(shards, tmp_path / "late.db")
    assert loaded.exit_code == 0, loaded.output
    assert _digest(tmp_path / "late.db") == _digest(backfilled.plain_db)


def test_a_shard_that_fails_every_try_is_one_line_and_the_others_go_on(backfilled: Backfilled,
                                                                         tmp_path: Path) -> None:
    shards = shutil.copytree(backfilled.shards, tmp_path / "shards")
    extra = tmp_path / "late.jsonl"
    extra.write_text(json.dumps(WIRE[0] | {"id": "late"}) + "\n", encoding="utf-8")
    os.mkdir(shards / f"{shard_name(extra)}.parquet")  # its output cannot be written: every try fails
    result = _backfill(backfilled, str(backfilled.corpus), str(extra), out=shards)
    assert result.exit_code == 1 and "4 shards: 0 done, 3 already done, 1 failed" in result.stdout, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {extra}: shard failed after 3 tries (IsADirectoryError")


def test_a_missing_corpus_and_an_unreachable_scheduler_are_one_line_each(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    missing = CliRunner().invoke(main, ["backfill", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert missing.exit_code == 1 and "0 shards" in missing.stdout and "; 1 errors;" in missing.stdout
    assert missing.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder; check the path\n"
    monkeypatch.setattr("armsledger.backfill.CONNECT_TIMEOUT_S", 1)
    (tmp_path / "one.jsonl").write_text(json.dumps(WIRE[0]) + "\n", encoding="utf-8")
    unreachable = CliRunner().invoke(main, ["backfill", str(tmp_path / "one.jsonl"), "--out", str(tmp_path / "out"),
                                            "--scheduler", "tcp://127.0.0.1:9"])
    assert unreachable.exit_code == 2 and unreachable.stderr.startswith(
        "error: cannot reach the Dask scheduler 'tcp://127.0.0.1:9'"), unreachable.output
