"""`armsledger serve`: the web application over a ledger."""
from __future__ import annotations

import logging

import click

from armsledger.settings import Settings

log = logging.getLogger("armsledger.cli")


@click.command("serve")
@click.option("--db", default=None, help="Ledger database: a SQLite file or a postgresql:// URL "
              "[default: armsledger.db, or ARMSLEDGER_DB].")
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port to listen on [default: 8000].")
@click.option("--allow-ingest", is_flag=True,
              help="Enable POST /api/ingest; needs a token (--token or ARMSLEDGER_INGEST_TOKEN).")
@click.option("--token", default=None, help="Bearer token POST /api/ingest requires.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; more serve more concurrent readers.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Keep rendered pages in memory for a few seconds (emptied on ingest).")
def serve_command(db: str | None, host: str | None, port: int | None, allow_ingest: bool,
                  token: str | None, workers: int, cache: bool) -> None:
    """Serve the register, deal, article, conflict, flow and system pages and the JSON API.

    Read-only unless --allow-ingest is given. The API is under /api; its OpenAPI document is
    /api/openapi.json.

    \b
    Example:
      armsledger serve --db armsledger.db --port 8000
    """
    try:
        import uvicorn
    except ImportError as err:
        raise click.UsageError("the web needs its extra: pip install 'armsledger[web]'") from err
    from armsledger.web.server import app_factory_env, build_app

    settings = Settings.load(db=db, host=host, port=port, ingest_token=token)
    app = build_app(settings, allow_ingest=allow_ingest, cache=cache)  # fail early here on a bad DB
    click.echo(f"armsledger: serving {settings.db} on http://{settings.host}:{settings.port}/"
               f"{' (ingest allowed)' if allow_ingest else ''}", err=True)
    if workers == 1:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
        return
    with app_factory_env(settings, allow_ingest=allow_ingest, cache=cache):
        uvicorn.run("armsledger.web.server:app_from_env", factory=True, workers=workers,
                    host=settings.host, port=settings.port, log_level="warning")


COMMANDS: list[click.Command] = [serve_command]
