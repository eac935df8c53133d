"""Ledger commands: ingest, deals, show, conflicts, export, sipri import|diff.

Each command parses its options, calls one Ledger method, and renders the result: a rich table
for people, or csv/json/jsonl for pipes. Errors go to the group's handler: one line, the class's exit code.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from armsledger.cli.progress import is_shown, working
from armsledger.errors import SourceError
from armsledger.export import FORMATS, safe_cell, to_csv
from armsledger.ledger_models import STATUSES, Deal, DealDetail, IngestSummary
from armsledger.settings import Settings

if TYPE_CHECKING:  # rich is imported where a table is drawn: `--help` need not load it (0.1 s)
    from rich.console import Console
    from rich.table import Table

    from armsledger.ledger import Ledger
    from armsledger.sipri import SipriDiff

log = logging.getLogger("armsledger.cli")

OUTPUTS = ("table", "csv", "json", "jsonl")
WIDTH_WHEN_PIPED = 200
DEALS_COLUMNS_FROM = {"ordered_on": 100, "quantity": 120, "value": 120, "first_delivered_on": 150, "conflict": 150}
"""The terminal width from which the deals table shows a column (the others always show)."""
SHOW_REASON_FROM = 100
"""The width from which `show` gives each timeline event's reason: below, the evidence would be a word a line."""
SIPRI_DELIVERED_FROM = 100
"""The width from which `sipri diff` lists SIPRI's delivery years: below, its eight columns fold their headers."""
"""Characters per line of a table written to a file or pipe."""
_db = click.option("--db", help="Ledger: a SQLite file or a postgresql:// URL [default: armsledger.db or ARMSLEDGER_DB].")
_format = click.option("--format", "fmt", type=click.Choice(OUTPUTS), default="table", show_default=True,
                       help="table for people; csv, json or jsonl for other programs.")


@contextmanager
def _ledger(db: str | None, *, create: bool = False, **settings: Any) -> Iterator[Ledger]:  # Any: Settings values
    """Open the ledger and close it after; its errors go to the group's one handler (cli/__init__.py).

    Only commands that write (create=True) make a new ledger where --db names none.
    """
    from armsledger.ledger import Ledger  # here, not at the top: `--help` needs no database library

    ledger = Ledger(settings=Settings.load(db=db, **settings), create=create)
    try:
        yield ledger
    finally:
        ledger.close()


def _console() -> Console:
    """A console for stdout: as wide as the terminal or COLUMNS, else wide enough for a file or pipe."""
    from rich.console import Console

    console = Console(soft_wrap=False)
    if console.is_terminal or os.environ.get("COLUMNS", "").isdigit():
        return console
    return Console(soft_wrap=False, width=WIDTH_WHEN_PIPED)


def _table(*columns: str, ids: Sequence[str] = (), text: Sequence[str] = (),
           **options: Any) -> Table:  # Any: Table's own options
    """A table whose columns named in ids hold ids, codes, dates or counts: never cut nor wrapped.

    Rich narrows only the other columns to fit the width; they wrap at spaces and fold only a word
    wider than the column, so nothing is cut with an ellipsis. The columns named in text (sentences)
    share what the others leave, 2 to 1 from the first.
    """
    from rich.table import Table

    t = Table(**options)
    for name in columns:
        ratio = (2 if name == text[0] else 1) if name in text else None
        t.add_column(name, no_wrap=name in ids, overflow="fold", ratio=ratio)
    return t


def _emit(records: Sequence[dict[str, Any]], fmt: str, table: Callable[[], Table]) -> None:  # Any: JSON values
    if fmt == "table":
        _console().print(table())
    elif fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        columns = list(records[0]) if records else []
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in r.items()} for r in records)


def _cell(value: Any) -> Any:  # Any: a JSON value
    return safe_cell(json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value)


def _quantity(deal: Deal) -> str:
    q = deal.quantity
    return f"{q.bound + ' ' if q and q.bound else ''}{q.value} {q.unit}" if q else ""


def _value(deal: Deal) -> str:
    v = deal.value
    return f"{v.bound + ' ' if v and v.bound else ''}{v.currency} {v.amount:,f}" if v else ""


@click.command("ingest")
@click.argument("corpus", required=False)
@_db
@click.option("--from-parquet", "from_parquet", metavar="DIR",
              help="Load the Parquet shards that `armsledger backfill --out DIR` wrote, instead of a CORPUS.")
@click.option("--batch-size", type=int, help="Articles per transaction [default: 200].")
@click.option("--reextract", is_flag=True,
              help="Extract stored articles again and replace their claims (after an extractor or gazetteer update).")
@click.option("--workers", "--jobs", "jobs", type=click.IntRange(min=0), default=None,
              help="Processes that clean and extract articles (one process writes); 0 for one per core. "
                   "The ledger is the same for any number.  [default: 0]")
def ingest_command(corpus: str | None, db: str | None, from_parquet: str | None, batch_size: int | None,
                   reextract: bool, jobs: int | None) -> None:
    """Extract and store every article of CORPUS and reconcile the deals it touches.

    Articles already stored (same content) are skipped; wire copies are stored and linked.
    Each batch is one transaction: rerun an interrupted ingest to finish it. With --from-parquet,
    the articles and claims a backfill extracted are stored instead, giving the same ledger.

    \b
    Example:
      armsledger ingest ../shared/seeds --db armsledger.db
      armsledger ingest --from-parquet shards/ --db armsledger.db
    """
    if (corpus is None) == (from_parquet is None):
        raise click.UsageError("give a CORPUS or --from-parquet DIR, not both")
    if from_parquet is not None:
        if importlib.util.find_spec("pyarrow") is None:
            raise click.UsageError("--from-parquet needs pyarrow: pip install 'armsledger[parquet]'")
        if jobs not in (None, 0, 1):
            log.warning("--jobs %d has no effect with --from-parquet: the shards are extracted already", jobs)
    errors: list[SourceError] = []
    with _ledger(db, create=True, batch_size=batch_size, jobs=jobs) as ledger:
        from rich.console import Console

        stderr = Console(stderr=True)

        def report(err: SourceError) -> None:
            errors.append(err)
            stderr.print(f"error: {err}", markup=False, highlight=False, soft_wrap=True)

        def store(progress: Callable[[int], None] | None = None) -> IngestSummary:
            if from_parquet is not None:
                return ledger.ingest_shards(from_parquet, on_error=report, is_reextract=reextract,
                                            progress=progress)
            return ledger.ingest(str(corpus), on_error=report, is_reextract=reextract, progress=progress)

        try:
            with working("ingesting", unit="articles") as progress:
                summary = store(progress if is_shown() else None)
        except KeyboardInterrupt:
            click.echo("interrupted: the batches committed so far are kept; run the same command again "
                       "to finish", err=True)
            sys.exit(130)
    click.echo(f"read {summary.articles_read} articles: {summary.articles_skipped} already stored, "
               f"{summary.replaced} replaced, {summary.duplicates} duplicates, {summary.syndicated} wire copies; "
               f"{summary.claims} claims; "
               f"{summary.deals_touched} deals touched; {summary.errors} errors")
    if errors:
        sys.exit(1)


@click.command("deals")
@_db
@click.option("--supplier", help="ISO code of the supplier, e.g. RU.")
@click.option("--recipient", help="ISO code of the recipient, e.g. TR.")
@click.option("--system", help="System or family by any catalogue name, e.g. S-400, S400, Triumf.")
@click.option("--category", help="System category, e.g. 'SAM system'.")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--since", type=int, help="Only deals active in or after this year.")
@click.option("--until", type=int, help="Only deals begun in or before this year.")
@click.option("--q", help="Free text in ids, systems and evidence.")
@click.option("--denied/--not-denied", default=None, help="Only deals with (without) a claim a source denies.")
@click.option("--planned/--not-planned", default=None, help="Only deals with (without) a planned event.")
@click.option("--min-sources", type=click.IntRange(min=1), help="Only deals on at least this many independent sources.")
@click.option("--sort", default="-last_reported", show_default=True,
              help="Field to sort by (value, quantity, ordered_on, sources, ...); - for descending.")
@click.option("--limit", type=int)
@_format
def deals_command(db: str | None, fmt: str, limit: int | None, **filters: Any) -> None:  # Any: option values
    """List the deals reconciled from the stored claims.

    \b
    Example:
      armsledger deals --supplier RU --system S-400 --since 2019 --format table
    """
    if fmt == "csv":  # the export's flat row (deal_row.py), each figure citing its evidence
        with _ledger(db) as ledger:
            to_csv(ledger.deal_rows(limit=limit, **filters), sys.stdout)
        return
    with _ledger(db) as ledger:
        found = ledger.deals(limit=limit, **filters)

    def table() -> Table:
        from rich import box
        from rich.table import Table

        # The id is never cut: `show` needs it whole. A narrow terminal drops the figures before
        # anything wraps (`show` has them all): at 80 columns id, parties, system, status, sources.
        width = _console().width
        cells: dict[str, Callable[[Deal], str]] = {
            "supplier": lambda d: d.supplier, "recipient": lambda d: d.recipient,
            "system": lambda d: d.system or "",
            "status": lambda d: f"{d.status}, disputed" if d.is_disputed else d.status,
            "quantity": _quantity, "value": _value, "ordered_on": lambda d: d.ordered_on or "",
            "first_delivered_on": lambda d: d.first_delivered_on or "", "sources": lambda d: str(d.sources),
            "conflict": lambda d: "yes" if d.has_conflict else "",
        }
        shown = [name for name in cells if width >= DEALS_COLUMNS_FROM.get(name, 0)]
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        t.add_column("id", no_wrap=True, min_width=max((len(d.id) for d in found), default=2))
        for name in shown:
            # Codes, dates, statuses and counts are never cut; system and the figures wrap in what is left.
            t.add_column(name, justify="right" if name == "sources" else "left",
                         no_wrap=name not in ("system", "quantity", "value"), overflow="fold")
        for d in found:
            t.add_row(d.id, *(cells[name](d) for name in shown))
        return t

    _emit([d.to_record() for d in found], fmt, table)


@click.command("show")
@click.argument("deal_id", metavar="DEAL")
@_db
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def show_command(deal_id: str, db: str | None, fmt: str) -> None:
    """Show one deal: its figures with every source, its timeline with evidence, its denials.

    \b
    Example:
      armsledger show ru-tr-s-400-1
    """
    with _ledger(db) as ledger:
        detail = ledger.deal(deal_id)
    if fmt == "json":
        click.echo(json.dumps(detail.to_record(), ensure_ascii=False, indent=2))
        return
    _print_detail(detail)


def _print_detail(detail: DealDetail) -> None:
    from rich import box

    d = detail.deal
    console = _console()
    disputed = ", disputed by a standing denial (below)" if d.is_disputed else ""
    console.print(f"[bold]{d.id}[/bold]  {d.supplier} -> {d.recipient}  {d.system or 'unnamed system'}  "
                  f"status: {d.status}{disputed}  sources: {d.sources}", highlight=False)
    if d.expected:
        console.print(f"expected: {d.expected}", highlight=False)
    # One line per value: the sources' names and article ids are a column of their own, never wrapped.
    has_conflict = any(f.has_conflict for f in detail.figures.values())
    figures = _table("figure", "consensus", "value", "sources", *(["conflict"] if has_conflict else []),
                     ids=("figure", "sources"), title="Figures", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, figure in detail.figures.items():
        converted = next((v.normalized for v in figure.values if v.value == figure.consensus and v.normalized
                          and not v.kind), None)
        consensus = f"{figure.consensus} (= {converted})" if converted else figure.consensus or ""
        conflict = f"CONFLICT ({figure.conflict_note})" if figure.has_conflict and figure.conflict_note else (
            "CONFLICT" if figure.has_conflict else "")
        values = [(f"{v.value}{f' ({v.kind})' if v.kind else ''}",
                   "\n".join(s.outlet or s.article_id for s in v.sources)) for v in figure.values] or [("", "")]
        for n, (value, sources) in enumerate(values):
            figures.add_row(name if n == 0 else "", consensus if n == 0 else "", value, sources,
                            *([conflict if n == 0 else ""] if has_conflict else []))
    console.print(figures)
    # Below SHOW_REASON_FROM columns the reason each event belongs to the deal is left out (--format json has it).
    has_reason = console.width >= SHOW_REASON_FROM
    timeline = _table("date", "event", "source", "evidence", *(["why in this deal"] if has_reason else []),
                      ids=("date", "source"), text=("evidence", "why in this deal"), title="Timeline",
                      box=box.SIMPLE_HEAD, pad_edge=False)
    for e in detail.timeline:
        flags = " ".join(f for f, on in (("DENIED", e.denied), ("planned", e.planned)) if on)
        timeline.add_row(e.date or f"({e.published or '?'})", f"{e.event} {flags}".strip(),
                         "\n".join(x for x in (e.outlet or e.article_id, e.source) if x), e.evidence,
                         *([e.reason or ""] if has_reason else []))
    console.print(timeline)
    for denial in detail.denials:
        against = "; ".join(f"{x.article_id}: {x.evidence}" for x in denial.denies) or "no report in this deal"
        console.print(f"[bold]denial[/bold] {denial.claim.article_id}: {denial.claim.evidence}\n"
                      f"  against: {against}", highlight=False)


@click.command("conflicts")
@_db
@_format
def conflicts_command(db: str | None, fmt: str) -> None:
    """List the figures on which independent sources disagree, newest first.

    \b
    Example:
      armsledger conflicts --format jsonl
    """
    with _ledger(db) as ledger:
        found = ledger.conflicts()

    def table() -> Table:
        t = _table("deal", "figure", "values (sources)", "between", "reported_on",
                   ids=("deal", "figure", "reported_on"))
        for c in found:
            t.add_row(c.deal_id, c.figure, "; ".join(
                f"{v.value} ({', '.join(s.outlet or s.article_id for s in v.sources)})" for v in c.values),
                c.note or "", c.reported_on or "")
        return t

    _emit([c.to_record() for c in found], fmt, table)


@click.command("export")
@_db
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv, json, parquet: one row per deal, each figure with its evidence sentence, article "
                   "id, outlet and URL; sipri: SIPRI's trade-register columns, deals at ordered or later.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (required for parquet) [default: stdout].")
def export_command(db: str | None, fmt: str, output: Path | None) -> None:
    """Export every deal as csv, json (with figures and timelines), parquet or SIPRI columns.

    Every format but sipri writes the same row (docs/glossary.md): numbers as numbers, the currency
    in its own column, each date with its precision, and for quantity, value, ordered_on,
    delivered_on and status the sentence, article id, outlet and URL they were read from. The
    sipri format writes only orders (ordered, delivering, delivered), with SIPRI's country names.

    \b
    Example:
      armsledger export --format sipri > deals-sipri.csv
    """
    if output is not None and not output.resolve().parent.is_dir():
        raise click.BadParameter(f"{str(output)!r}: folder {str(output.parent)!r} does not exist; create it or "
                                 "choose another file", param_hint="--output")
    with _ledger(db) as ledger, working(f"exporting the deals as {fmt}"):
        if output is None:
            count = ledger.export(fmt, stream=sys.stdout)
        else:
            # Write beside the target and rename: a failed export leaves no half-written file.
            partial = output.with_name(output.name + ".partial")
            try:
                if fmt == "parquet":
                    count = ledger.export(fmt, path=partial)
                else:
                    with partial.open("w", encoding="utf-8", newline="") as stream:
                        count = ledger.export(fmt, stream=stream)
                partial.replace(output)
            finally:
                partial.unlink(missing_ok=True)
    click.echo(f"exported {count} deals", err=True)


@click.group("sipri")
def sipri_group() -> None:
    """Compare the ledger with SIPRI's trade register.

    \b
    Example:
      armsledger sipri import ../shared/eval/reference/sipri-trade-register.csv
    """


@sipri_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_db
def sipri_import_command(file: Path, db: str | None) -> None:
    """Import a SIPRI trade-register CSV export as SIPRI publishes it (replaces any earlier import).

    \b
    Example:
      armsledger sipri import ../shared/eval/reference/sipri-trade-register.csv
    """
    with _ledger(db, create=True) as ledger, working(f"importing SIPRI rows from {file}"):
        count = ledger.sipri_import(file)
    click.echo(f"imported {count} SIPRI rows from {file}")


@sipri_group.command("diff")
@_db
@click.option("--system", help="System or family, e.g. S-400.")
@click.option("--supplier")
@click.option("--recipient")
@click.option("--since", type=int, help="Only SIPRI rows ordered, and deals active, in or after this year.")
@click.option("--until", type=int, help="Only SIPRI rows ordered, and deals begun, in or before this year.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def sipri_diff_command(db: str | None, fmt: str, **filters: Any) -> None:  # Any: option values
    """Line deals up with SIPRI rows; list what SIPRI has and the ledger lacks, the reverse, and what differs.

    \b
    Example:
      armsledger sipri diff --system S-400 --since 2014 --until 2022
    """
    with _ledger(db) as ledger, working("lining the deals up with SIPRI's rows"):
        diff = ledger.sipri_diff(**filters)
    if fmt == "json":
        click.echo(json.dumps(diff.to_record(), ensure_ascii=False, indent=2))
        return
    _print_diff(diff)


def _print_diff(diff: SipriDiff) -> None:
    console = _console()
    # Below SIPRI_DELIVERED_FROM columns the delivery years are left out (--format json has them).
    has_delivered = console.width >= SIPRI_DELIVERED_FROM
    sipri = _table("line", "supplier", "recipient", "designation", "ordered", "number",
                   *(["delivered"] if has_delivered else []), "stored articles on the system (with these parties)",
                   ids=("line", "ordered", "number"), title="In SIPRI, not in the ledger")
    for item in diff.sipri_only:
        r = item.row
        delivered = ["; ".join(str(y) for y in r.delivery_years)] if has_delivered else []
        sipri.add_row(str(r.line), r.supplier_name, r.recipient_name, r.designation, str(r.ordered_year or ""),
                      str(r.quantity_ordered or ""), *delivered, f"{item.articles} ({item.articles_with_parties})")
    console.print(sipri)
    news = _table("deal", "status", "evidence", ids=("deal", "status"), text=("evidence",),
                  title="In the ledger at ordered or later, not in SIPRI")
    for entry in diff.news_only:
        news.add_row(entry.deal.id, entry.deal.status,
                     "\n".join(f"{e.article_id}: {e.evidence}" for e in entry.evidence[:3]))
    console.print(news)
    cancelled = _table("deal", "SIPRI row", "evidence", ids=("deal",), text=("evidence",),
                       title="Cancelled in the news (never a match; the SIPRI row of the order, if any)")
    for gone in diff.cancelled:
        row = gone.row
        shown = "" if row is None else (f"line {row.line}: {row.designation}, ordered {row.ordered_year or '?'}"
                                        + (f", delivered {'; '.join(str(y) for y in row.delivery_years)}"
                                           if row.delivery_years else ""))
        cancelled.add_row(gone.deal.id, shown, "\n".join(f"{e.article_id}: {e.evidence}" for e in gone.evidence[:3]))
    console.print(cancelled)
    both = _table("deal", "SIPRI row", "field", "news", "SIPRI", "", ids=("deal", "field"),
                  title=f"In both: {len(diff.differing)} of {len(diff.matches)} pairs differ")
    for m in diff.differing:
        for n, f in enumerate(m.fields):
            both.add_row(m.deal.id if n == 0 else "", f"line {m.row.line}: {m.row.designation}" if n == 0 else "",
                         f.field, f.news or "", f.sipri or "", f.state.upper() if f.state in ("differs", "disputed") else f.state)
    console.print(both)


COMMANDS: list[click.Command] = [ingest_command, deals_command, show_command, conflicts_command, export_command,
                                 sipri_group]
