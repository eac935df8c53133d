"""`armsledger watch`: poll feeds and pages, ingest what is new, report new deals, conflicts and denials."""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from armsledger.cli.ledger import _db, _ledger
from armsledger.errors import SourceError

if TYPE_CHECKING:
    from armsledger.ledger_models import NewItem
    from armsledger.watch import Poll

log = logging.getLogger("armsledger.cli")



@click.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEEDS...")
@_db
@click.option("--interval", type=click.FloatRange(min=0),
              help="Seconds to wait after one poll before the next [default: 300, or watch_interval_s].")
@click.option("--once", is_flag=True, help="Poll once and stop (the same as --polls 1).")
@click.option("--polls", type=click.IntRange(min=1), help="Stop after this many polls [default: run until Ctrl-C].")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Append one JSON Lines record per new deal, conflict and denial to this file.")
@click.option("--timeout", type=click.FloatRange(min=0.1),
              help="Seconds one request may take before its URL is skipped for that poll [default: 15, or "
                   "watch_timeout_s].")
def watch_command(feeds: tuple[str, ...], db: str | None, interval: float | None, once: bool,
                  polls: int | None, log_path: Path | None, timeout: float | None) -> None:
    """Poll FEEDS (RSS/Atom feeds or article pages) and ingest their new articles into the ledger.

    Requests are conditional (ETag, Last-Modified); what each URL gave is kept in the ledger, so a
    restarted watch reads nothing twice. Each new deal, conflict and denial is one line on stdout
    (and one JSON record in --log). A URL that is down, slow or malformed is one line on stderr;
    the others go on. Exit status 1 when any URL or article could not be read.

    \b
    Example:
      armsledger watch https://example.org/defence.rss --db armsledger.db --interval 600 --log new.jsonl
    """
    from armsledger.watch import watch

    if once and polls not in (None, 1):
        log.warning("--once and --polls %d given: --once wins, one poll", polls)
    count = 1 if once else polls

    def report(err: SourceError) -> None:
        click.echo(f"error: {err}", err=True)

    with _ledger(db, create=True, watch_interval_s=interval, watch_timeout_s=timeout) as ledger, \
            _appending(log_path) as records:

        def render(done: Poll) -> None:
            for item in done.news:
                click.echo(headline(item))
                if records is not None:
                    records.write(json.dumps({"poll_started_at": done.started_at, **item.to_record()},
                                             ensure_ascii=False) + "\n")
            if records is not None:
                records.flush()
            states = ", ".join(f"{sum(f.status == s for f in done.feeds)} {s}"
                               for s in ("read", "not modified", "failed"))
            click.echo(f"poll {done.number}: {len(done.feeds)} URLs ({states}); {done.articles} new articles, "
                       f"{len(done.news)} new items, {done.errors} errors", err=True)
            sys.stdout.flush()

        try:
            errors = watch(ledger, list(feeds), polls=count, on_poll=render, on_error=report)
        except KeyboardInterrupt:
            click.echo("interrupted: every finished poll is kept; run the same command to go on", err=True)
            sys.exit(130)
    if errors:
        sys.exit(1)


def headline(item: NewItem) -> str:
    """Return the one line that reports a new deal, conflict or denial."""
    parties = f"{item.supplier or '?'} -> {item.recipient or '?'} {item.system or 'unnamed system'}"
    if item.kind == "conflict":
        what = f"{item.figure}: {' vs '.join(item.values)} ({parties})"
    elif item.kind == "denial":
        what = f"{parties}: {(item.evidence or '').strip()!r}"
    else:
        what = f"{parties}, {item.status}"
    return f"new {item.kind} {item.deal_id} {what} [from {item.feed}]"


@contextmanager
def _appending(path: Path | None) -> Iterator[IO[str] | None]:
    """Open a JSON Lines log for appending, or nothing; a log that cannot be opened is a usage error."""
    if path is None:
        yield None
        return
    try:
        stream = path.open("a", encoding="utf-8")
    except OSError as err:
        raise click.BadParameter(f"{path}: cannot be opened for appending ({err.strerror})",
                                 param_hint="--log") from err
    with stream:
        yield stream


COMMANDS: list[click.Command] = [watch_command]
