"""Settings: every option documented; armsledger.toml, then ARMSLEDGER_* variables, then flags."""
from __future__ import annotations

from pathlib import Path

import pytest

from armsledger.errors import ConfigError
from armsledger.settings import Settings, describe


def test_every_setting_has_a_help_text() -> None:
    undocumented = [name for name, _, help_text in describe() if len(help_text) < 15]
    assert undocumented == []


def test_later_sources_win(tmp_path: Path) -> None:
    config = tmp_path / "armsledger.toml"
    config.write_text('db = "from-file.db"\nport = 9000\nbatch_size = 50\n', encoding="utf-8")
    settings = Settings.load(config_path=config, environ={"ARMSLEDGER_PORT": "9100"}, batch_size=7)
    assert (settings.db, settings.port, settings.batch_size) == ("from-file.db", 9100, 7)


def test_unset_flags_do_not_override(tmp_path: Path) -> None:
    settings = Settings.load(config_path=tmp_path / "absent.toml", environ={"ARMSLEDGER_DB": "env.db"}, db=None)
    assert settings.db == "env.db"


def test_unknown_setting_names_the_valid_ones(tmp_path: Path) -> None:
    config = tmp_path / "armsledger.toml"
    config.write_text('databse = "x.db"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'databse'.*db"):
        Settings.load(config_path=config, environ={})


def test_a_number_setting_rejects_words() -> None:
    with pytest.raises(ConfigError, match="'port' must be a whole number"):
        Settings.load(config_path=Path("/nonexistent.toml"), environ={"ARMSLEDGER_PORT": "eighty"})


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "armsledger.toml"
    config.write_text("db = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.load(config_path=config, environ={})


def test_a_seconds_setting_reads_fractions_and_rejects_words() -> None:
    nowhere = Path("/nonexistent.toml")
    assert Settings.load(config_path=nowhere, environ={"ARMSLEDGER_WATCH_INTERVAL_S": "0.5"}).watch_interval_s == 0.5
    with pytest.raises(ConfigError, match="'watch_timeout_s' must be a number of seconds, got 'soon'"):
        Settings.load(config_path=nowhere, environ={"ARMSLEDGER_WATCH_TIMEOUT_S": "soon"})


@pytest.mark.parametrize(("environ", "message"), [
    ({"ARMSLEDGER_BATCH_SIZE": "0"}, "'batch_size' must be above 0, got '0'"),
    ({"ARMSLEDGER_JOBS": "-1"}, "'jobs' must be at least 0, got '-1'"),
    ({"ARMSLEDGER_PORT": "70000"}, "'port' must be at most 65535, got '70000'"),
    ({"ARMSLEDGER_WATCH_TIMEOUT_S": "-2"}, "'watch_timeout_s' must be above 0, got '-2'"),
])
def test_a_number_setting_out_of_its_range_is_a_config_error(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(config_path=Path("/nonexistent.toml"), environ=environ)


@pytest.mark.parametrize(("toml", "message"), [
    ("batch_size = true\n", "'batch_size' must be a whole number, got True"),
    ("batch_size = 2.5\n", "'batch_size' must be a whole number, got 2.5"),
    ("db = [\"a.db\"]\n", "'db' must be text, got \\['a.db'\\]"),
])
def test_a_toml_value_of_the_wrong_type_is_a_config_error(tmp_path: Path, toml: str, message: str) -> None:
    config = tmp_path / "armsledger.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Settings.load(config_path=config, environ={})


def test_a_toml_whole_number_of_seconds_is_read() -> None:
    assert Settings.load(config_path=Path("/nonexistent.toml"), environ={}, watch_interval_s=5).watch_interval_s == 5.0
