"""Backfill: read, clean, detect and extract a large corpus on a Dask cluster, one task per shard.

    summary = backfill(["archive/", "crawl.warc.gz"], out="shards/", settings=Settings.load())
    Ledger("armsledger.db").ingest_shards("shards/")

1. plan     each corpus expands to its shards (`read.files`: a folder's files in reading order);
            their output names go into the folder's index, in that order
2. run      one task per shard (`backfill_shard`) on the cluster's workers: `pipeline.run` over the
            shard in one process, its results written with `shards.write_shard`; a shard already
            done from the same bytes and gazetteers is skipped; a task that raises is retried
3. report   each unreadable input inside a shard, and each shard that failed all its tries, is
            one SourceError passed to `on_error`; the other shards go on. A cluster left with no
            worker for `settings.no_worker_timeout_s` ends the run: each unfinished shard is one
            SourceError, and a rerun redoes them

The stages are those of `pipeline.run`: the shards hold what `armsledger ingest` would store, and
loading them (`Ledger.ingest_shards`) gives the same ledger. Workers must see the shards and the
output folder at the same paths as this process (one machine, or a shared file system).
"""
from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from armsledger import shards
from armsledger.errors import ConfigError, SourceError
from armsledger.mentions import Gazetteers, load_gazetteers
from armsledger.mentions.gazetteer import read_version
from armsledger.pipeline import run
from armsledger.read import files
from armsledger.settings import Settings
from armsledger.workers import cores

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger("armsledger.backfill")

LOCAL_SCHEDULER = "local"
LOCAL_WORKERS = 2
"""Worker processes of the LocalCluster started for `--scheduler local` (fewer on a smaller machine):
one thread each, since extraction holds the GIL. Its dashboard takes a free port (`:0`), never
a fixed one another user's cluster may hold."""
SHARD_RETRIES = 2
"""Times a failed shard task is run again (on any worker) before it is reported as failed."""
CONNECT_TIMEOUT_S = 30
WORKER_POLL_S = 1.0
"""How often the client asks the scheduler how many workers it has, while shards are unfinished."""


class NoWorkerError(Exception):
    """The cluster had no worker for the settings' no_worker_timeout_s: the shard was never finished."""


@dataclass(frozen=True, slots=True)
class ShardReport:
    """What one shard task did."""

    source: str
    name: str
    is_skipped: bool
    """The shard was already done from the same bytes and gazetteers: nothing was read or written."""
    articles: int = 0
    statements: int = 0
    errors: tuple[SourceError, ...] = ()
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """The task's processor time: unlike seconds, not inflated by other jobs on a shared machine."""


@dataclass(frozen=True, slots=True)
class BackfillSummary:
    """What a backfill did, over all its shards."""

    shards: int
    done: int
    skipped: int
    failed: int
    articles: int
    statements: int
    errors: int
    seconds: float


def backfill(corpora: Sequence[str | Path], *, out: str | Path, settings: Settings,
             scheduler: str | None = None, on_error: Callable[[SourceError], None] | None = None,
             on_shard: Callable[[ShardReport], None] | None = None) -> BackfillSummary:
    """Extract every shard of the corpora on a Dask cluster and write each as a Parquet shard in out.

    Args:
        corpora: JSON Lines files, .jsonl.gz, WARC files, or folders of them (each file a shard).
        out: the folder of shards; made if missing. A rerun into it skips finished shards.
        settings: options; `settings.scheduler` is used when scheduler is None.
        scheduler: a Dask scheduler address (`tcp://10.0.0.5:8786`), or `local` for a LocalCluster
            of LOCAL_WORKERS processes on this machine.
        on_error: called with each input that cannot be read and each shard that failed all its
            tries; logged as warnings if None.
        on_shard: called with each shard's report as it finishes, in the order they finish.

    Returns:
        The counts of shards, articles, statements and errors.

    Raises:
        ConfigError: the scheduler cannot be reached.
    """
    started = time.perf_counter()
    counts = {"done": 0, "skipped": 0, "failed": 0, "articles": 0, "statements": 0, "errors": 0}

    def report(err: SourceError) -> None:
        counts["errors"] += 1
        (on_error or _log_error)(err)

    named: dict[str, str] = {}  # by output name: `a.jsonl` and `./a.jsonl` are one shard, run once
    for corpus in corpora:
        for file in files(corpus, on_error=report):
            named.setdefault(shards.shard_name(file), str(file))
    sources = list(named.values())
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shards.update_index(folder, named)
    if sources:
        with _client(scheduler or settings.scheduler) as client:
            for source, found in _run_tasks(client, sources, folder, settings):
                if isinstance(found, NoWorkerError):
                    counts["failed"] += 1
                    report(SourceError(source, f"shard not finished: {found}; its output is not written: "
                                               "start workers and run the same backfill again to do it"))
                    continue
                if isinstance(found, BaseException):
                    counts["failed"] += 1
                    report(SourceError(source, f"shard failed after {SHARD_RETRIES + 1} tries "
                                               f"({type(found).__name__}: {found}); its output is not "
                                               "written: run the same backfill again to redo it"))
                    continue
                counts["skipped" if found.is_skipped else "done"] += 1
                counts["articles"] += found.articles
                counts["statements"] += found.statements
                for error in found.errors:
                    report(error)
                if on_shard is not None:
                    on_shard(found)
    return BackfillSummary(shards=len(sources), seconds=time.perf_counter() - started, **counts)


def backfill_shard(source: str, out: str, *, settings: Settings) -> ShardReport:
    """Run stages 1 to 4 over one shard in this process and write its results in out (a Dask task).

    Raises:
        SourceError: the shard cannot be read here (workers must see the same paths).
        OSError: the shard's output cannot be written; the task is retried.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    folder, name = Path(out), shards.shard_name(source)
    try:
        digest = shards.file_hash(source)
    except OSError as err:
        raise SourceError(source, f"cannot be read on this worker ({err.strerror or err}); workers must "
                                  "see the shards at the same path as the client") from err
    # The version without loading the catalogues: a rerun that finds every shard done loads nothing.
    version = read_version(Path(settings.gazetteer_dir) if settings.gazetteer_dir else None)
    expected = shards.Done(source=source, sha256=digest, gazetteer_version=version, articles=0,
                           statements=0, errors=0)
    if shards.is_done(folder, name, expected):
        return ShardReport(source, name, is_skipped=True, seconds=time.perf_counter() - started,
                           cpu_seconds=time.process_time() - cpu_started)
    gazetteers = _gazetteers(settings.gazetteer_dir)
    folder.mkdir(parents=True, exist_ok=True)  # a worker on another machine may not see it made yet
    errors: list[SourceError] = []
    # One process per shard: the cluster is the parallelism, so workers never fork workers of their own.
    results = list(run(source, settings=dataclasses.replace(settings, jobs=1), gazetteers=gazetteers,
                       on_error=errors.append))
    done = shards.write_shard(folder, name, results, done=dataclasses.replace(expected, errors=len(errors)))
    return ShardReport(source, name, is_skipped=False, articles=done.articles, statements=done.statements,
                       errors=tuple(errors), seconds=time.perf_counter() - started,
                       cpu_seconds=time.process_time() - cpu_started)


_loaded: dict[str | None, Gazetteers] = {}
"""The catalogues of this process (a worker's), loaded by its first shard and kept for the others."""


def _gazetteers(gazetteer_dir: str | None) -> Gazetteers:
    if gazetteer_dir not in _loaded:
        _loaded[gazetteer_dir] = load_gazetteers(extra_dir=gazetteer_dir)
    return _loaded[gazetteer_dir]


def _run_tasks(client: Client, sources: list[str], folder: Path,
               settings: Settings) -> Iterator[tuple[str, ShardReport | BaseException]]:
    """Submit one task per shard; yield each shard's report, or its last error, as it finishes."""
    from distributed import wait

    run_id = uuid.uuid4().hex[:8]
    futures = {client.submit(backfill_shard, source, str(folder.resolve()), settings=settings,
                             key=f"backfill-{shards.shard_name(source)}-{run_id}", retries=SHARD_RETRIES,
                             pure=False): source
               for source in sources}
    order = {source: number for number, source in enumerate(sources)}
    waiting = set(futures)
    no_worker_since: float | None = None
    while waiting:
        try:
            finished = wait(list(waiting), timeout=WORKER_POLL_S, return_when="FIRST_COMPLETED").done
        except TimeoutError:  # none finished in WORKER_POLL_S: time to count the workers
            finished = set()
        for future in sorted(finished, key=lambda f: order[futures[f]]):
            waiting.discard(future)
            if future.status == "error":
                error = future.exception()
                log.debug("%s: %s", futures[future], error, exc_info=error)
                yield futures[future], error
            else:
                yield futures[future], future.result()
        if finished or client.nthreads():
            no_worker_since = None
        elif no_worker_since is None:
            no_worker_since = time.monotonic()
        elif time.monotonic() - no_worker_since >= settings.no_worker_timeout_s:
            client.cancel(list(waiting))
            lost = NoWorkerError(f"the cluster had no worker for {settings.no_worker_timeout_s:g} s "
                                 "(no_worker_timeout_s)")
            for future in sorted(waiting, key=lambda f: order[futures[f]]):
                yield futures[future], lost
            return


@contextmanager
def _client(scheduler: str) -> Iterator[Client]:
    """Connect to a scheduler, or start a LocalCluster for `local`; close what was opened."""
    from distributed import Client, LocalCluster  # here: importing Dask costs a second

    if scheduler == LOCAL_SCHEDULER:
        with LocalCluster(n_workers=min(LOCAL_WORKERS, cores()), threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
        return
    try:
        connected = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as err:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r} ({err}); give its address "
                          f"(tcp://HOST:8786) or {LOCAL_SCHEDULER!r} for a cluster on this machine") from err
    with connected as client:
        yield client


def _log_error(err: SourceError) -> None:
    log.warning("%s", err)
