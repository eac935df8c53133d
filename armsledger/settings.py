"""Every option of armsledger, its default and its help text, in one place.

Settings are read from `armsledger.toml` (in the working directory), then from `ARMSLEDGER_*`
environment variables, then from command-line flags; a later source wins.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from armsledger.errors import ConfigError

CONFIG_FILE = "armsledger.toml"


def _option(default: Any, help: str) -> Any:  # Any: dataclass field defaults of several types
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """armsledger's options; build with `Settings.load(**overrides)`."""

    db: str = _option("armsledger.db", "Ledger database: a SQLite file path or a postgresql:// URL.")
    gazetteer_dir: str | None = _option(
        None, "A folder of extra gazetteer CSV files (states.csv, orgs.csv, systems.csv) that extend the bundled ones."
    )
    max_article_bytes: int = _option(
        5_000_000, "Articles larger than this many bytes are skipped with an error rather than read."
    )
    battalions_per_regiment: int = _option(
        2, "How many battalions one regiment set counts as, when comparing quantities across sources."
    )
    batch_size: int = _option(200, "Articles stored per database transaction during ingest.")
    jobs: int = _option(
        0, "Processes that clean and extract articles during extract and ingest: 0 (the default) uses "
           "every core this process may run on, 1 works in one process. The output is the same for any number."
    )
    scheduler: str = _option(
        "local", "Dask scheduler that backfill runs on: 'local' starts two worker processes on this machine; "
                 "an address such as tcp://10.0.0.5:8786 uses that cluster."
    )
    no_worker_timeout_s: float = _option(
        60.0, "Seconds backfill waits while its Dask cluster has no worker at all; then it stops and reports "
              "each unfinished shard as failed (a rerun redoes them)."
    )
    host: str = _option("127.0.0.1", "Address the web server listens on.")
    port: int = _option(8000, "Port the web server listens on.")
    ingest_token: str | None = _option(
        None, "Bearer token that POST /api/ingest requires (only with serve --allow-ingest)."
    )
    max_request_bytes: int = _option(
        10_000_000, "The web server refuses a request body larger than this many bytes (413), before reading it."
    )
    page_cache_entries: int = _option(2048, "Rendered pages the web server keeps in memory, per process.")
    page_cache_bytes: int = _option(
        64_000_000, "The most bytes the web server's kept pages take together, per process; the least "
                    "recently used go first."
    )
    page_cache_max_page_bytes: int = _option(
        1_000_000, "The web server does not keep a rendered page larger than this many bytes."
    )
    watch_interval_s: float = _option(300.0, "Seconds `armsledger watch` waits after one poll before the next.")
    watch_timeout_s: float = _option(
        15.0, "Seconds one request of `armsledger watch` may take before its URL is skipped for that poll."
    )

    @classmethod
    def load(cls, *, config_path: Path | None = None, environ: dict[str, str] | None = None,
             **overrides: Any) -> Settings:  # Any: values of the fields' own types
        """Build settings from the config file, then the environment, then explicit overrides.

        Args:
            config_path: the TOML file to read; `armsledger.toml` in the working directory if None.
            environ: the environment to read `ARMSLEDGER_*` from; `os.environ` if None.
            overrides: field values from the command line; None values are ignored.

        Raises:
            ConfigError: an unknown key, or a value of the wrong type.
        """
        values: dict[str, Any] = {}
        path = config_path or Path(CONFIG_FILE)
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
                raise ConfigError(f"{path}: not valid TOML ({err}); fix or remove the file") from err
        env = os.environ if environ is None else environ
        for f in fields(cls):
            key = "ARMSLEDGER_" + f.name.upper()
            if key in env:
                values[f.name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**_coerce(values))


MINIMUM: dict[str, float] = {"jobs": 0, "port": 0, "watch_interval_s": 0}
"""The least value of each number setting that takes 0 (jobs: every core; port: any free one); every
other number setting must be above 0. Checked here, when settings are loaded, so that a bad value is
the same usage error from every command, not only from the one that uses it."""
MAXIMUM: dict[str, float] = {"port": 65535}


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    known = {f.name: f for f in fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}; valid settings: {', '.join(sorted(known))}")
        out[key] = _typed(key, known[key].default, str(known[key].type), value)
    return out


def _typed(key: str, default: Any, annotation: str, value: Any) -> Any:  # Any: a field's own type
    """Return value as the setting's type (from text or TOML), within its range; raise ConfigError if not."""
    if isinstance(default, float):
        number: float = _number(key, value, float, "a number of seconds")
    elif isinstance(default, int) and not isinstance(default, bool):
        number = _number(key, value, int, "a whole number")
    else:
        if not isinstance(value, str) and not (value is None and "None" in annotation):
            raise ConfigError(f"setting {key!r} must be text, got {value!r}; quote it in armsledger.toml")
        return value
    least, most = MINIMUM.get(key), MAXIMUM.get(key)
    if (number < least) if least is not None else (number <= 0):
        bound = f"at least {least:g}" if least is not None else "above 0"
        raise ConfigError(f"setting {key!r} must be {bound}, got {value!r}")
    if most is not None and number > most:
        raise ConfigError(f"setting {key!r} must be at most {most:g}, got {value!r}")
    return number


def _number(key: str, value: Any, kind: type[int | float], what: str) -> Any:  # Any: an int or a float
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or (kind is int and isinstance(value, float)):
        raise ConfigError(f"setting {key!r} must be {what}, got {value!r}")
    try:
        return kind(value)
    except ValueError as err:
        raise ConfigError(f"setting {key!r} must be {what}, got {value!r}") from err


def describe() -> list[tuple[str, object, str]]:
    """Return (name, default, help) for every setting, for docs and `--help` texts."""
    return [(f.name, f.default, f.metadata.get("help", "")) for f in dataclasses.fields(Settings)]
