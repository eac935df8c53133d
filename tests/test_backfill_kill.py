"""SIGKILL in the middle of a backfill or of `ingest --from-parquet`: a rerun ends with the same ledger.

Three kills, each landing mid-run and checked to have done so: a backfill's client (the
`armsledger backfill` process), a Dask worker while it extracts a shard, and `ingest
--from-parquet` between two committed batches. After each, the same command is run again, and
the ledger it ends with is compared with the ledger of an uninterrupted backfill and load: the
counts of claims and deals, and a hash of every claim and deal row. On SQLite and PostgreSQL.

One LocalCluster of one worker for the module (a worker loads the syntactic model once, and the
machine is shared): the worker test waits for that worker to be registered, idle and run by its
nanny before it kills it, and again for its replacement after. Every process a test starts is
killed and waited at teardown. The corpus is generated here: short distinct articles, a few
reporting deals.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")  # dask is an optional extra: the imports below come after the skip

from distributed import Client, LocalCluster, Nanny, Worker
from ledger_factories import ledger_content, stored_articles

from armsledger.cli import main
from tests.store.conftest import fresh_ledger_url

pytestmark = pytest.mark.slow

SHARDS = 6
ARTICLES_PER_SHARD = 30
BATCH = 10
"""Articles per transaction of the killed load: many batches, so that the kill lands between two."""
KILL_WAIT_S = 120
"""How long a test waits for the run it kills to reach the point it is killed at (a shared machine)."""
COUNTRIES = ["Russia", "Turkey", "China", "India", "France", "Egypt", "Brazil", "Greece"]
SYSTEMS = ["S-400", "Rafale", "F-16", "T-90", "Su-35"]
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for shard in range(SHARDS):
        with (folder / f"part-{shard}.jsonl").open("w", encoding="utf-8") as out:
            for n in range(shard * ARTICLES_PER_SHARD, (shard + 1) * ARTICLES_PER_SHARD):
                supplier, recipient, system = COUNTRIES[n % 8], COUNTRIES[(n * 3 + 1) % 8], SYSTEMS[n % 5]
                body = (f"Report number {n}. {supplier} signed a contract in {2000 + n % 20} to supply "
                        f"{n % 7 + 2} {system} units to {recipient}, officials said on day {n}.")
                out.write(json.dumps({"id": f"gen-{n:04d}", "text": body,
                                      "published": f"{2000 + n % 20}-01-15"}) + "\n")
    return folder


@dataclass(frozen=True)
class Corpus:
    folder: Path
    shards: Path
    """The output of one uninterrupted backfill of folder."""
    scheduler: str


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    root = tmp_path_factory.mktemp("kill")
    folder = _write_corpus(root / "corpus")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        done = Corpus(folder, root / "shards", cluster.scheduler_address)
        result = CliRunner().invoke(main, ["backfill", str(folder), "--out", str(done.shards),
                                           "--scheduler", done.scheduler])
        assert result.exit_code == 0 and f"{SHARDS} shards: {SHARDS} done" in result.stdout, result.output
        yield done


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def ledger_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The ledger the interrupted run writes."""
    with fresh_ledger_url(backend, tmp_path) as url:
        yield url


@pytest.fixture
def expected(corpus: Corpus, backend: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, int, str]:
    """The ledger of an uninterrupted backfill and load, on the same engine."""
    with fresh_ledger_url(backend, tmp_path_factory.mktemp("clean")) as url:
        loaded = CliRunner().invoke(main, ["ingest", "--from-parquet", str(corpus.shards), "--db", url])
        assert loaded.exit_code == 0, loaded.output
        return _digest(url)


def _digest(url: str) -> tuple[int, int, str]:
    """The counts of claims and deals, and a hash of every claim and deal row."""
    claims, deals = ledger_content(url)
    return len(claims), len(deals), hashlib.sha256(repr((claims, deals)).encode()).hexdigest()


Start = Callable[..., subprocess.Popen[bytes]]


@pytest.fixture
def start() -> Iterator[Start]:
    """Start `armsledger ARGS...` in a subprocess; every one still running at teardown is killed and waited.

    A test that fails (a timeout included) never leaves a process, or a Popen whose garbage
    collection warns inside a later test.
    """
    started: list[subprocess.Popen[bytes]] = []

    def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        code = "import sys; from armsledger.cli import main; sys.exit(main())"
        process = subprocess.Popen([sys.executable, "-c", code, *args], env={**os.environ, **(env or {})},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        started.append(process)
        return process

    yield _start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()  # waits, and closes the pipes


def _markers(shards: Path) -> int:
    return len(list(shards.glob("*.done.json"))) if shards.is_dir() else 0


def _wait(condition: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    """Poll condition() until it holds; fail if the process ends first or the wait is too long."""
    deadline = time.monotonic() + KILL_WAIT_S
    while not condition():
        assert process.poll() is None, f"the run ended before {what}: {process.communicate()[1].decode()}"
        assert time.monotonic() < deadline, f"no {what} within {KILL_WAIT_S} s"
        time.sleep(0.02)


def _load(shards: Path, url: str) -> str:
    loaded = CliRunner().invoke(main, ["ingest", "--from-parquet", str(shards), "--db", url])
    assert loaded.exit_code == 0, loaded.output
    return loaded.stdout


def _backfill(corpus: Corpus, out: Path) -> str:
    result = CliRunner().invoke(main, ["backfill", str(corpus.folder), "--out", str(out),
                                       "--scheduler", corpus.scheduler])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_backfill_whose_client_is_killed_mid_run_is_finished_by_a_rerun(
        corpus: Corpus, ledger_url: str, expected: tuple[int, int, str], tmp_path: Path, start: Start) -> None:
    out = tmp_path / "shards"
    client = start("backfill", str(corpus.folder), "--out", str(out), "--scheduler", corpus.scheduler)
    _wait(lambda: _markers(out) >= 1, client, "finished shard")
    client.send_signal(signal.SIGKILL)
    client.communicate()
    finished = _markers(out)
    assert finished < SHARDS, "the kill must land mid-run"
    rerun = _backfill(corpus, out)
    counts = re.search(r"(\d+) shards: (\d+) done, (\d+) already done, (\d+) failed", rerun)
    assert counts is not None, rerun
    shards, redone, skipped, failed = map(int, counts.groups())
    # The shards the kill left unfinished are redone; the worker may have finished the one it was on.
    assert (shards, failed, redone + skipped) == (SHARDS, 0, SHARDS) and 1 <= redone <= SHARDS - finished, rerun
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [], "no temporary file is left"
    assert _load(out, ledger_url).startswith(f"read {SHARDS * ARTICLES_PER_SHARD} articles: 0 already stored")
    assert _digest(ledger_url) == expected


def _worker_state(dask_worker: Worker) -> tuple[int, int]:
    """Run on a worker: its process id, and how many tasks it is running (a cancelled one included)."""
    return os.getpid(), dask_worker.state.executing_count


def _nanny_state(dask_worker: Nanny) -> tuple[str, str, int | None]:
    """Run on a nanny: its status, its worker process's status and that process's id."""
    process = dask_worker.process
    return dask_worker.status.name, process.status.name if process else "none", process.pid if process else None


def _cluster_state(watcher: Client) -> str:
    """What the scheduler, the worker and its nanny are doing, for a failure's message."""
    return (f"workers {watcher.run(_worker_state, on_error='return')}, nannies "
            f"{watcher.run(_nanny_state, nanny=True, on_error='return')}, processing {watcher.processing()}")


def _healthy_worker(watcher: Client) -> int:
    """Wait for the cluster's one worker to be up, registered and idle; return its process id.

    Idle, and its nanny running the process registered: a kill then lands on a task of the run
    that follows, never on a replacement still starting or on a task a killed client left behind.
    """
    deadline = time.monotonic() + KILL_WAIT_S
    while True:
        # A process that goes away while asked answers with an error: the next round asks again.
        workers = list(watcher.run(_worker_state, on_error="return").values())
        nannies = list(watcher.run(_nanny_state, nanny=True, on_error="return").values())
        if len(workers) == 1 and isinstance(workers[0], tuple) and workers[0][1] == 0 \
                and nannies == [("running", "running", workers[0][0])] and not any(watcher.processing().values()):
            return int(workers[0][0])
        assert time.monotonic() < deadline, f"no healthy worker within {KILL_WAIT_S} s: {_cluster_state(watcher)}"
        time.sleep(0.1)


@pytest.fixture
def own_scheduler() -> Iterator[str]:
    """A cluster of one worker for one kill: a nanny whose worker was killed once is not asked to
    survive a second kill (twice in CI, a second kill on the shared cluster left it with no worker
    and no nanny, and the run waited for ever)."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield str(cluster.scheduler_address)


def test_a_worker_killed_mid_run_is_replaced_and_its_shard_redone(
        corpus: Corpus, ledger_url: str, expected: tuple[int, int, str], tmp_path: Path, start: Start,
        own_scheduler: str) -> None:
    out = tmp_path / "shards"
    with Client(own_scheduler) as watcher:
        worker_pid = _healthy_worker(watcher)
        client = start("backfill", str(corpus.folder), "--out", str(out), "--scheduler", own_scheduler)
        _wait(lambda: _markers(out) >= 1, client, "finished shard")
        os.kill(worker_pid, signal.SIGKILL)
        killed_at = _markers(out)
        try:
            _, err = client.communicate(timeout=KILL_WAIT_S)
        except subprocess.TimeoutExpired:
            state = _cluster_state(watcher)
            client.kill()
            _, err = client.communicate()
            pytest.fail(f"the backfill did not end within {KILL_WAIT_S} s of the kill; {state}; its log: "
                        f"{err.decode()[-4000:]}")
        assert killed_at < SHARDS, "the kill must land mid-run"
        assert client.returncode == 0, err.decode()
        assert _healthy_worker(watcher) != worker_pid, "the killed worker was replaced"
    assert _markers(out) == SHARDS, "every shard, the one the worker was on included, is done"
    assert _load(out, ledger_url).startswith(f"read {SHARDS * ARTICLES_PER_SHARD} articles: 0 already stored")
    assert _digest(ledger_url) == expected


def test_an_ingest_from_parquet_killed_mid_run_is_finished_by_a_rerun(
        corpus: Corpus, ledger_url: str, expected: tuple[int, int, str], start: Start) -> None:
    env = {"ARMSLEDGER_BATCH_SIZE": str(BATCH)}
    load = start("ingest", "--from-parquet", str(corpus.shards), "--db", ledger_url, env=env)
    _wait(lambda: stored_articles(ledger_url) > 0, load, "committed batch")
    load.send_signal(signal.SIGKILL)
    load.communicate()
    kept = stored_articles(ledger_url)
    total = SHARDS * ARTICLES_PER_SHARD
    assert 0 < kept < total, "the kill must land mid-run"
    assert kept % BATCH == 0, "a batch is committed whole or not at all"
    rerun = start("ingest", "--from-parquet", str(corpus.shards), "--db", ledger_url, env=env)
    out, err = rerun.communicate(timeout=KILL_WAIT_S)
    assert rerun.returncode == 0, err.decode()
    assert out.decode().startswith(f"read {total} articles: {kept} already stored"), out.decode()
    assert _digest(ledger_url) == expected
