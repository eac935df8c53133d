"""A backfill on a cluster that has lost every worker: it stops after no_worker_timeout_s, one line per shard.

Before, the client waited for ever on shards no worker would run. The cluster here is a
LocalCluster whose one worker (and its nanny) is closed before the backfill starts, or while it
runs the first shard; the timeout is set to 2 s, so each test takes seconds, not the default minute.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")  # dask is an optional extra: the imports below come after the skip

from distributed import Client, LocalCluster

from armsledger.backfill import BackfillSummary, backfill
from armsledger.cli import main
from armsledger.settings import Settings

pytestmark = pytest.mark.slow

NO_WORKER_TIMEOUT_S = 2
CLOSE_WAIT_S = 30


@pytest.fixture
def workerless(tmp_path: Path) -> Iterator[str]:
    """The address of a LocalCluster whose one worker has been closed."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(1, timeout=CLOSE_WAIT_S)
        cluster.scale(0)
        deadline = time.monotonic() + CLOSE_WAIT_S
        while client.nthreads():
            assert time.monotonic() < deadline, f"the worker was not closed: {client.nthreads()}"
            time.sleep(0.1)
        yield cluster.scheduler_address


def test_a_backfill_with_no_worker_left_reports_each_unfinished_shard_and_exits_1(
        workerless: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": f"Article {name}."}) + "\n",
                                             encoding="utf-8")
    monkeypatch.setenv("ARMSLEDGER_NO_WORKER_TIMEOUT_S", str(NO_WORKER_TIMEOUT_S))
    started = time.monotonic()
    result = CliRunner().invoke(main, ["backfill", str(corpus), "--out", str(tmp_path / "shards"),
                                       "--scheduler", workerless])
    assert time.monotonic() - started < NO_WORKER_TIMEOUT_S + 20, result.output
    assert result.exit_code == 1, result.output
    assert "3 shards: 0 done, 0 already done, 3 failed; 0 articles" in result.stdout, result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"error: {corpus / name}.jsonl: shard not finished: the cluster had no worker for 2 s "
                      "(no_worker_timeout_s); its output is not written: start workers and run the same "
                      "backfill again to do it" for name in ("a", "b", "c")], result.stderr
    assert not list((tmp_path / "shards").glob("*.parquet"))


def test_a_backfill_whose_last_worker_is_closed_mid_shard_reports_the_unfinished_shards(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": "Egypt ordered 30 Rafale jets."}) + "\n",
                                             encoding="utf-8")
    errors: list[str] = []
    outcome: list[BackfillSummary] = []
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(1, timeout=CLOSE_WAIT_S)
        settings = Settings(no_worker_timeout_s=NO_WORKER_TIMEOUT_S)
        run = threading.Thread(target=lambda: outcome.append(backfill(
            [corpus], out=tmp_path / "shards", settings=settings, scheduler=cluster.scheduler_address,
            on_error=lambda err: errors.append(str(err)))))
        run.start()
        try:
            deadline = time.monotonic() + CLOSE_WAIT_S
            while not any(client.processing().values()):  # the first shard is on the worker (loading the model)
                assert time.monotonic() < deadline and run.is_alive(), (outcome, errors)
                time.sleep(0.05)
            cluster.scale(0)
        finally:
            run.join(timeout=NO_WORKER_TIMEOUT_S + 40)
        assert not run.is_alive(), "the backfill still waits for a worker"
    [summary] = outcome
    assert (summary.shards, summary.done, summary.failed) == (2, 0, 2), (summary, errors)
    assert [error.split(": shard not finished: ")[0] for error in errors] == [str(corpus / "a.jsonl"),
                                                                              str(corpus / "b.jsonl")], errors
