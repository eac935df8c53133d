"""`armsledger serve`: refuses unsafe or broken setups with one clear message before listening."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from armsledger.cli import main
from armsledger.settings import Settings
from armsledger.web.server import app_factory_env, app_from_env


def test_serve_refuses_allow_ingest_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSLEDGER_INGEST_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "l.db"), "--allow-ingest"])
    assert result.exit_code != 0 and "token" in result.output


def test_serve_names_a_database_it_cannot_open(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing" / "l.db")])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_worker_processes_rebuild_the_same_app_from_the_environment(ledger_url: str) -> None:
    settings = Settings.load(db=ledger_url, ingest_token="t0k")
    with app_factory_env(settings, allow_ingest=True, cache=False):
        app = app_from_env()
    try:
        assert app.state.token == "t0k" and app.state.cache.size == 0
        assert "/api/ingest" in app.openapi()["paths"]
    finally:
        app.state.ledger.close()


def test_the_web_server_extracts_in_one_process_whatever_jobs_says(
        ledger_url: str, caplog: pytest.LogCaptureFixture) -> None:
    from armsledger.web.server import build_app

    app = build_app(Settings.load(db=ledger_url, jobs=4, ingest_token="t0k"), allow_ingest=True, cache=False)
    try:
        assert app.state.ledger.settings.jobs == 1
        assert [r.getMessage() for r in caplog.records if r.name == "armsledger.web"] == [
            "jobs=4 is ignored by the web server: POST /api/ingest extracts in one process"]
    finally:
        app.state.ledger.close()
