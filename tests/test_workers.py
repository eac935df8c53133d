"""Parallel mode: --jobs N gives the same output, errors and ledger as one process, in input order."""
from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from ledger_factories import ledger_content

from armsledger.cli import main
from armsledger.errors import ConfigError, SourceError
from armsledger.pipeline import run
from armsledger.settings import Settings
from armsledger.workers import map_in_order, worker_count

STORIES = [
    "Norway has ordered {n} Leopard 2A7 tanks from Germany for ${v} million, the ministry said on Tuesday.",
    "Egypt signed a contract with France for {n} Rafale fighters worth EUR {v} million in March 2015.",
    "Vietnam is buying {n} BrahMos missiles from India, officials said. The deal is worth ${v} million.",
    "The weather in Oslo was mild on Tuesday, and {n} people came to see the ships. It cost ${v}.",
]


def _corpus(tmp_path: Path, count: int = 90) -> Path:
    """A corpus of `count` articles with a few bad lines among them, so errors interleave with results."""
    lines = []
    for n in range(count):
        if n % 29 == 7:
            lines.append('{"id": "broken", "text": ')  # not JSON: an error of the reader
        elif n % 31 == 11:
            lines.append(json.dumps({"id": f"day0-{n}", "text": "Norway signed a deal on March 0 to buy four "
                                     "Leopard 2A7 tanks from Germany.", "published": "2020-05-04"}))
        else:
            story = STORIES[n % len(STORIES)].format(n=n + 2, v=10 * n + 5)
            lines.append(json.dumps({"id": f"a{n:03d}", "text": f"{story} Story {n}."}))
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _square(n: int) -> int:
    if n == 13:
        raise ValueError("thirteen")
    return n * n


def test_map_in_order_keeps_the_input_order_and_reads_a_bounded_way_ahead() -> None:
    read = []

    def numbers() -> object:
        for n in range(200):
            read.append(n)
            yield n

    found = []
    for item, square in map_in_order(_square, (n for n in numbers() if n != 13), workers=2, chunk_items=3):
        found.append((item, square))
        assert len(read) - len(found) <= 2 * 4 * 3 + 3 + 1  # workers x chunks in flight x chunk, one more read
    assert found == [(n, n * n) for n in range(200) if n != 13]


def test_map_in_order_raises_what_the_function_raises_at_its_turn() -> None:
    got = []
    with pytest.raises(ValueError, match="thirteen"):
        for item, _ in map_in_order(_square, range(40), workers=2, chunk_items=2):
            got.append(item)
    assert got == list(range(12))


@pytest.mark.every_core
def test_jobs_zero_means_every_core_and_negative_is_refused() -> None:
    assert worker_count(0) == len(os.sched_getaffinity(0)) and worker_count(3) == 3
    with pytest.raises(ConfigError, match="jobs must be 0"):
        worker_count(-1)


def test_source_error_crosses_processes_intact() -> None:
    err = pickle.loads(pickle.dumps(SourceError("c.jsonl:3", "not valid JSON")))
    assert (err.origin, err.reason, str(err)) == ("c.jsonl:3", "not valid JSON", "c.jsonl:3: not valid JSON")


@pytest.mark.parametrize("jobs", [2, 3])
def test_run_with_jobs_gives_the_results_and_errors_of_one_process(tmp_path: Path, jobs: int) -> None:
    corpus = _corpus(tmp_path)

    def outcome(n: int) -> tuple[list[object], list[str]]:
        errors: list[SourceError] = []
        results = [(r.article.id, r.document.text, [c.to_record() for c in r.claims],
                    [c.to_record() for c in r.statements])
                   for r in run(corpus, settings=Settings(jobs=n), on_error=errors.append)]
        return results, sorted(str(e) for e in errors)

    one, many = outcome(1), outcome(jobs)
    assert many == one
    assert len(one[0]) > 80 and any(claims for _, _, claims, _ in one[0])
    assert len(one[1]) == 3  # three lines that are not JSON; a "March 0" is no date, and its article is read
    assert any(article_id.startswith("day0-") for article_id, _, _, _ in one[0])


@pytest.mark.parametrize("flag", ["--jobs", "--workers"])
def test_extract_cli_output_is_byte_identical_with_jobs(tmp_path: Path, flag: str) -> None:
    corpus = _corpus(tmp_path)
    one = CliRunner().invoke(main, ["extract", str(corpus), "--format", "jsonl", flag, "1"])
    two = CliRunner().invoke(main, ["extract", str(corpus), "--format", "jsonl", flag, "2"])
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and one.stdout.count("\n") > 40
    assert sorted(two.stderr.splitlines()) == sorted(one.stderr.splitlines())


@pytest.mark.every_core
def test_extract_and_ingest_use_every_core_by_default_and_give_the_output_of_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    one = CliRunner().invoke(main, ["extract", str(corpus), "--format", "jsonl", "--workers", "1"])
    ingested_one = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "one.db"), "--workers", "1"])
    pools: list[int] = []

    def counted(*args: object, workers: int, **kwargs: object) -> object:
        pools.append(workers)
        return map_in_order(*args, workers=workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("armsledger.workers.cores", lambda: 2)  # two cores on any machine, so the pool is used
    monkeypatch.setattr("armsledger.pipeline.map_in_order", counted)
    default = CliRunner().invoke(main, ["extract", str(corpus), "--format", "jsonl"])
    ingested = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "default.db")])
    assert pools == [2, 2], "with no --workers, extract and ingest ran in one process per core"
    assert default.exit_code == one.exit_code == 1 and default.stdout == one.stdout and one.stdout.count("\n") > 40
    assert sorted(default.stderr.splitlines()) == sorted(one.stderr.splitlines())
    assert ingested.stdout == ingested_one.stdout and ingested.stdout.startswith("read 87 articles"), ingested.output
    assert ledger_content(str(tmp_path / "default.db")) == ledger_content(str(tmp_path / "one.db"))


def test_extract_cli_refuses_negative_jobs(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_corpus(tmp_path, 3)), "--jobs", "-1"])
    assert result.exit_code == 2 and "-1 is not in the range x>=0" in result.output


def test_ingest_with_jobs_builds_the_same_ledger(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    for name, jobs in (("one.db", "1"), ("two.db", "2")):
        result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / name), "--jobs", jobs,
                                           "--batch-size", "7"])
        assert result.exit_code == 1 and result.stdout.endswith("; 3 errors\n"), result.output
    one, two = ledger_content(str(tmp_path / "one.db")), ledger_content(str(tmp_path / "two.db"))
    assert two == one and len(one[0]) > 40 and len(one[1]) == 3
