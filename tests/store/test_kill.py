"""Killing an ingest mid-run loses nothing committed, corrupts nothing, and a rerun completes it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ledger_factories import stored_articles
from sqlalchemy import create_engine, text

from armsledger.ledger import Ledger
from armsledger.settings import Settings
from armsledger.store.engine import database_url

ARTICLES = 400
BATCH = 10
COUNTRIES = ["Russia", "Turkey", "China", "India", "France", "Egypt", "Brazil", "Greece"]
SYSTEMS = ["S-400", "Rafale", "F-16", "T-90", "Su-35"]


def _corpus(path: Path) -> Path:
    """Write a corpus of distinct short articles, some of which report deals."""
    corpus = path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            supplier, recipient = COUNTRIES[n % 8], COUNTRIES[(n * 3 + 1) % 8]
            system = SYSTEMS[n % 5]
            body = (f"Report number {n}. {supplier} signed a contract in {2000 + n % 20} to supply {n % 7 + 2} "
                    f"{system} units to {recipient}, officials said on day {n}. "
                    f"The item {n} mentions weather {n * 7} and market index {n * 13} as filler.")
            out.write(json.dumps({"id": f"gen-{n:04d}", "text": body, "published": f"{2000 + n % 20}-01-15"}) + "\n")
    return corpus


def _ingest(corpus: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ARMSLEDGER_BATCH_SIZE": str(BATCH)}
    code = "import sys; from armsledger.cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, "ingest", str(corpus), "--db", url], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _snapshot(url: str) -> tuple[list[tuple[str, str]], int]:
    with Ledger(url, settings=Settings()) as ledger:
        deals = sorted((d.id, d.status) for d in ledger.deals())
        with ledger.store.read() as connection:
            claims = int(connection.execute(text("SELECT count(*) FROM claims")).scalar_one())
    return deals, claims


@pytest.mark.slow
def test_killed_ingest_keeps_committed_batches_and_rerun_completes(db_url: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    process = _ingest(corpus, db_url)
    deadline = time.monotonic() + 120
    while stored_articles(db_url) == 0:
        assert process.poll() is None, process.communicate()[1].decode()
        assert time.monotonic() < deadline, "ingest committed nothing within 120 s"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    kept = stored_articles(db_url)
    assert 0 < kept < ARTICLES, "the kill must land mid-run"
    assert kept % BATCH == 0, "a batch is committed whole or not at all"
    if not db_url.startswith("postgresql"):
        engine = create_engine(database_url(db_url))
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        engine.dispose()

    rerun = _ingest(corpus, db_url)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert f"{kept} already stored" in out.decode()
    assert stored_articles(db_url) == ARTICLES

    clean = str(tmp_path / "clean.db")
    once = _ingest(corpus, clean)
    once.communicate(timeout=300)
    assert _snapshot(db_url) == _snapshot(clean), "an interrupted and resumed ingest equals one clean run"
