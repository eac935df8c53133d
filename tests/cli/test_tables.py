"""Tables fit 80 and 100 columns, piped too (COLUMNS), and never cut or wrap an id: they wrap or drop the rest."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsledger.cli import main

REGISTER = Path(__file__).resolve().parents[1] / "data" / "gazetteers" / "sipri-sample.csv"
WIDTHS = [80, 100]


@pytest.fixture(scope="module")
def db(export_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The export ledger (it has conflicts), with SIPRI's sample register imported."""
    path = str(tmp_path_factory.mktemp("tables") / "ledger.db")
    shutil.copy(export_db, path)
    assert CliRunner().invoke(main, ["sipri", "import", str(REGISTER), "--db", path]).exit_code == 0
    return path


def _json(*args: str) -> object:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _table(width: int, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    return lines


def _whole(word: str, lines: list[str]) -> bool:
    """Whether word stands whole on a line, between spaces or table rules."""
    return any(re.search(rf"(^|[\s│┃]){re.escape(word)}($|[\s│┃])", line) for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_deals_keep_ids_whole_and_drop_the_figures_first(width: int, db: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _table(width, monkeypatch, "deals", "--db", db)
    deals = _json("deals", "--db", db)
    assert isinstance(deals, list) and len(deals) > 5
    assert all(_whole(d["id"], lines) for d in deals)
    header = next(line for line in lines if line.strip().startswith("id"))
    assert "sources" in header and "value" not in header and ("ordered_on" in header) == (width >= 100)


@pytest.mark.parametrize("width", WIDTHS)
def test_conflicts_keep_deal_ids_whole(width: int, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _table(width, monkeypatch, "conflicts", "--db", db)
    conflicts = _json("conflicts", "--db", db)
    assert isinstance(conflicts, list) and conflicts
    assert all(_whole(c["deal_id"], lines) for c in conflicts)


@pytest.mark.parametrize("width", WIDTHS)
def test_show_keeps_the_deal_and_article_ids_whole(width: int, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    conflicts = _json("conflicts", "--db", db)
    assert isinstance(conflicts, list)
    deal_id = conflicts[0]["deal_id"]
    lines = _table(width, monkeypatch, "show", deal_id, "--db", db)
    detail = _json("show", deal_id, "--db", db)
    assert isinstance(detail, dict)
    assert lines[0].startswith(f"{deal_id}  ")
    articles = {e["outlet"] or e["article_id"] for e in detail["timeline"]}
    assert articles and all(_whole(a, lines) for a in articles if " " not in a)
    header = next(line for line in lines if line.strip().startswith("date"))
    assert ("why in this deal" in header) == (width >= 100)


@pytest.mark.parametrize("width", WIDTHS)
def test_sipri_diff_keeps_deal_ids_whole(width: int, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _table(width, monkeypatch, "sipri", "diff", "--db", db)
    diff = _json("sipri", "diff", "--db", db)
    assert isinstance(diff, dict)
    ids = [entry["deal"]["id"] for entry in diff["news_only"]] + [m["deal"]["id"] for m in diff["differing"]]
    assert ids and all(_whole(i, lines) for i in ids)
