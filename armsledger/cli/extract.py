"""`armsledger extract`: print the claims of a corpus, with no database."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from typing import TYPE_CHECKING

import click

from armsledger.cli.progress import working
from armsledger.errors import SourceError
from armsledger.models import Claim
from armsledger.settings import Settings

if TYPE_CHECKING:
    from armsledger.claims import Miss


@click.command("extract")
@click.argument("corpus")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True,
              help="jsonl: FORMAT.md's claim objects, one per line; table: for reading in a terminal.")
@click.option("--explain", is_flag=True,
              help="Add the rule, the parse path and why each party and figure was chosen; also list the candidate "
                   "sentences that gave no claim, and why (a table after the claims; with jsonl, JSON lines on stderr).")
@click.option("--gazetteer-dir", type=click.Path(file_okay=False), default=None,
              help="A folder of extra gazetteer CSV files that extend the bundled catalogues.")
@click.option("--workers", "--jobs", "jobs", type=click.IntRange(min=0), default=None,
              help="Processes that clean and extract articles; 0 for one per core. The output is the same "
                   "for any number.  [default: 0]")
def extract_command(corpus: str, fmt: str, explain: bool, gazetteer_dir: str | None, jobs: int | None) -> None:
    """Print every arms-transfer claim in CORPUS.

    CORPUS is a folder (read recursively: .txt, .html, .htm, .jsonl), one file, a JSON Lines
    corpus (one {"id", "text" or "html", "url", "published", "title"} object a line), or - for
    standard input. Inputs that cannot be read are named on stderr, one line each; the run goes
    on, and the exit status is then 1.

    \b
    Example:
      armsledger extract samples/ --format jsonl --jobs 0 > claims.jsonl
    """
    skipped: list[SourceError] = []

    def report(err: SourceError) -> None:
        skipped.append(err)
        click.echo(f"armsledger: skipped {err}", err=True)

    try:
        settings = Settings.load(gazetteer_dir=gazetteer_dir, jobs=jobs)
        from armsledger.pipeline import run  # here: `--help` does not load the reader

        results = run(corpus, settings=settings, on_error=report, explain=explain)
        misses: list[Miss] = []
        with ExitStack() as spinner:
            progress = spinner.enter_context(working(f"extracting claims from {corpus}", unit="articles"))

            def claims_of() -> Iterable[Claim]:
                for n, result in enumerate(results, start=1):
                    misses.extend(result.misses)
                    progress(n)
                    yield from result.claims
                spinner.close()  # the spinner ends with the last article, before the table is printed
            if fmt == "jsonl":
                _write_jsonl(claims_of(), explain=explain)
                for miss in misses:
                    click.echo(json.dumps({"doc": miss.doc, "span": list(miss.span), "no_claim": miss.why,
                                           "sentence": miss.text}, ensure_ascii=False), err=True)
            else:
                _write_table(claims_of(), explain=explain)
                if explain and misses:
                    _write_misses(misses)
    except BrokenPipeError:
        sys.stderr.close()
    if skipped:
        click.echo(f"armsledger: {len(skipped)} input(s) skipped", err=True)
        sys.exit(1)


def _write_jsonl(claims: Iterable[Claim], *, explain: bool) -> None:
    out = sys.stdout
    for claim in claims:
        out.write(json.dumps(claim.to_record(explain=explain), ensure_ascii=False) + "\n")
    out.flush()


def _write_table(claims: Iterable[Claim], *, explain: bool) -> None:
    from rich.console import Console  # here: `--help` need not load rich
    from rich.table import Table

    console = Console(soft_wrap=False)
    show_evidence = explain or console.width >= EVIDENCE_MIN_WIDTH
    table = Table(header_style="bold", show_lines=explain, pad_edge=False)
    names = ["doc", "event", "parties", "system", "quantity", "value", "date"]
    show_source = console.width >= SOURCE_MIN_WIDTH
    for name in names + (["source"] if show_source else []):
        table.add_column(name, no_wrap=name in ("parties", "date"), overflow="fold",
                         max_width=22 if name in ("doc", "source") else None)
    if show_evidence:
        table.add_column("evidence", overflow="fold", ratio=1)
    for claim in claims:
        flags = (" denied" if claim.denied else "") + (" planned" if claim.planned else "")
        quantity = ""
        if claim.quantity:
            bound = f"{claim.quantity.bound} " if claim.quantity.bound else ""
            quantity = f"{bound}{claim.quantity.value} {claim.quantity.unit}"
        row = [claim.doc, claim.event + flags, f"{claim.supplier or '?'}→{claim.recipient or '?'}",
               claim.system or "(unnamed)", quantity, _money(claim), claim.date.value if claim.date else ""]
        if show_source:
            row.append(claim.source or "")
        if show_evidence:
            evidence = claim.evidence if len(claim.evidence) <= 240 else claim.evidence[:237] + "..."
            if explain:
                evidence += f"\n[dim]rule {claim.rule}; trigger '{claim.trigger}'; " + "; ".join(claim.notes) + "[/dim]"
            row.append(evidence)
        table.add_row(*row)
    console.print(table)


def _write_misses(misses: list[Miss]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="candidate sentences with no claim", header_style="bold", show_lines=True, pad_edge=False)
    table.add_column("doc", max_width=22, overflow="fold")
    table.add_column("sentence", overflow="fold", ratio=2)
    table.add_column("why no claim", overflow="fold", ratio=1)
    for miss in misses:
        text = miss.text if len(miss.text) <= 240 else miss.text[:237] + "..."
        table.add_row(miss.doc, text, miss.why)
    Console(soft_wrap=False).print(table)


SOURCE_MIN_WIDTH = 110
EVIDENCE_MIN_WIDTH = 150
"""Below this many columns the evidence column would squeeze the figures; --explain shows it anyway."""


def _money(claim: Claim) -> str:
    if claim.value is None:
        return ""
    amount = claim.value.amount
    for size, word in ((10**12, "tn"), (10**9, "bn"), (10**6, "m")):
        if amount >= size:
            return f"{claim.value.currency} {amount / size:,.4g} {word}"
    return f"{claim.value.currency} {amount:,.0f}"


COMMANDS: list[click.Command] = [extract_command]
