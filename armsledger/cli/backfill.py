"""`armsledger backfill`: extract a large corpus on a Dask cluster into Parquet shards."""
from __future__ import annotations

import logging
import sys

import click

from armsledger.cli.progress import working
from armsledger.errors import SourceError
from armsledger.settings import Settings


@click.command("backfill")
@click.argument("corpora", metavar="CORPUS...", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="Folder of the Parquet shards (made if missing).")
@click.option("--scheduler", metavar="ADDRESS|local", default=None,
              help="Dask scheduler address (tcp://HOST:8786), or 'local' for two worker processes on this "
                   "machine [default: local, or ARMSLEDGER_SCHEDULER].")
def backfill_command(corpora: tuple[str, ...], out: str, scheduler: str | None) -> None:
    """Read, clean, detect and extract CORPUS... on a Dask cluster, one task per shard.

    Each JSON Lines file, .jsonl.gz or WARC file (a folder: each file in it) is one shard; its
    articles and claims go to one Parquet file in DIR, with a done marker. A rerun skips the
    shards done from the same bytes and redoes the unfinished ones. Load them with
    `armsledger ingest --from-parquet DIR`. Workers must see CORPUS and DIR at the same paths.

    \b
    Example:
      armsledger backfill archive/ crawl.warc.gz --out shards/ --scheduler tcp://10.0.0.5:8786
    """
    try:
        import distributed  # noqa: F401  (here: it sets up its logging on import, adjusted below)

        from armsledger.backfill import backfill
    except ImportError as err:
        raise click.UsageError("backfill needs its extra: pip install 'armsledger[backfill]'") from err
    # Dask logs every worker's start and stop at INFO on its own handler: that is debugging detail here.
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("distributed").setLevel(logging.WARNING)
    errors: list[SourceError] = []

    def report(err: SourceError) -> None:
        errors.append(err)
        click.echo(f"error: {err}", err=True)

    settings = Settings.load(scheduler=scheduler)
    with working(f"extracting {len(corpora)} corpora into shards in {out}"):
        summary = backfill(corpora, out=out, settings=settings, on_error=report)
    click.echo(f"backfill: {summary.shards} shards: {summary.done} done, {summary.skipped} already done, "
               f"{summary.failed} failed; {summary.articles} articles, {summary.statements} claims; "
               f"{summary.errors} errors; {summary.seconds:.1f} s; shards in {out}")
    if errors:
        sys.exit(1)


COMMANDS: list[click.Command] = [backfill_command]
