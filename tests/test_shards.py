"""Parquet shards: what backfill writes comes back exactly, and an unfinished shard is never loaded."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")  # an optional extra: the imports below come after the skip

from armsledger import shards
from armsledger.claims import fold_claims
from armsledger.errors import SourceError
from armsledger.models import Article, Claim, Document, Money, PartialDate, Quantity
from armsledger.pipeline import Result

TEXT = ("Poland signed a contract with South Korea for 180 K2 tanks worth $3.4 billion. "
        "The first of them reached Gdynia by ship in December.")


def _claims() -> list[Claim]:
    order = Claim(
        doc="pl-k2", event="agreement", supplier="KR", recipient="PL", system="K2 Black Panther",
        evidence=TEXT[:78], span=(0, 78), rule="agreement.v3", quantity=Quantity(180, "unit", "about", "180"),
        value=Money(Decimal("3.40E+9"), "USD", "more than", "$3.4 billion"),
        date=PartialDate("2022-07", "month", "agreement.v3"), source="the ministry", trigger="signed",
        gazetteer_version="2026.11", system_family="K2", notes=("supplier: contract with", "a note"),
    )
    delivery = Claim(doc="pl-k2", event="delivery", supplier="KR", recipient="PL", system=None,
                     evidence=TEXT[79:], span=(79, len(TEXT)), rule="delivery.v1", denied=True, planned=True)
    return [order, delivery, order]


def _result(article_id: str, *, published: PartialDate | None) -> Result:
    statements = [Claim(**{**{f: getattr(c, f) for f in Claim.__slots__}, "doc": article_id}) for c in _claims()]
    document = Document(id=article_id, text=TEXT, title="Tanks", outlet="Wire", author="A. Writer",
                        url="https://news.example.org/k2", published=published, sentences=((0, 78), (79, 130)),
                        removed=("Share this story",), origin=f"corpus.jsonl:{article_id}")
    return Result(Article(id=article_id, origin=f"corpus.jsonl:{article_id}"), document,
                  fold_claims(statements), statements)


def test_a_shard_gives_back_exactly_the_documents_and_statements_written(tmp_path: Path) -> None:
    written = [_result("pl-k2", published=PartialDate("2022-07-27", "day", "published")),
               _result("no-year", published=PartialDate("--03-16", "day", "dateline")),
               _result("bare", published=None)]
    done = shards.Done(source="corpus.jsonl", sha256="0" * 64, gazetteer_version="v", articles=0,
                       statements=0, errors=1)
    finished = shards.write_shard(tmp_path, "corpus", written, done=done)
    assert (finished.articles, finished.statements, finished.errors) == (3, 9, 1)
    errors: list[SourceError] = []
    assert list(shards.load(tmp_path, on_error=errors.append)) == written and errors == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_an_unfinished_shard_is_one_error_and_the_finished_ones_load(tmp_path: Path) -> None:
    done = shards.Done(source="s", sha256="0" * 64, gazetteer_version="v", articles=0, statements=0, errors=0)
    for name in ("first", "second"):
        shards.write_shard(tmp_path, name, [_result(name, published=None)], done=done)
    shards.update_index(tmp_path, ["second", "first"])
    (tmp_path / "first.done.json").unlink()  # as a run killed between the Parquet file and its marker leaves it
    errors: list[SourceError] = []
    assert [r.document.id for r in shards.load(tmp_path, on_error=errors.append)] == ["second"]
    assert [e.origin for e in errors] == [str(tmp_path / "first.parquet")] and "not finished" in errors[0].reason


def test_shard_names_are_safe_file_names_and_differ_by_folder(tmp_path: Path) -> None:
    one, two = shards.shard_name(tmp_path / "a b" / "news.jsonl"), shards.shard_name(tmp_path / "c" / "news.jsonl")
    assert one != two and one.startswith("news.jsonl-") and " " not in one
