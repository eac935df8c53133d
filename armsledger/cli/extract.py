"""`armsledger extract`: print the claims of a corpus, with no database."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click
from rich.console import Console
from rich.table import Table

from armsledger.errors import ArmsLedgerError, SourceError
from armsledger.models import Claim
from armsledger.pipeline import run
from armsledger.settings import Settings


@click.command("extract")
@click.argument("corpus")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True,
              help="jsonl: FORMAT.md's claim objects, one per line; table: for reading in a terminal.")
@click.option("--explain", is_flag=True, help="Add the rule, the words that fired it and why each party was chosen.")
@click.option("--gazetteer-dir", type=click.Path(file_okay=False), default=None,
              help="A folder of extra gazetteer CSV files that extend the bundled catalogues.")
def extract_command(corpus: str, fmt: str, explain: bool, gazetteer_dir: str | None) -> None:
    """Print every arms-transfer claim in CORPUS.

    CORPUS is a folder (read recursively: .txt, .html, .htm, .jsonl), one file, a JSON Lines
    corpus (one {"id", "text" or "html", "url", "published", "title"} object a line), or - for
    standard input. Inputs that cannot be read are named on stderr, one line each; the run goes
    on, and the exit status is then 1.

    \b
    Example:
      armsledger extract samples/ --format jsonl > claims.jsonl
    """
    skipped: list[SourceError] = []

    def report(err: SourceError) -> None:
        skipped.append(err)
        click.echo(f"armsledger: skipped {err}", err=True)

    try:
        settings = Settings.load(gazetteer_dir=gazetteer_dir)
        results = run(corpus, settings=settings, on_error=report)
        claims = (claim for result in results for claim in result.claims)
        if fmt == "jsonl":
            _write_jsonl(claims, explain=explain)
        else:
            _write_table(claims, explain=explain)
    except ArmsLedgerError as err:
        raise click.ClickException(str(err)) from err
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
    table = Table(show_lines=explain, header_style="bold", expand=False)
    for name in ("doc", "event", "supplier", "recipient", "system", "quantity", "value", "date", "source", "evidence"):
        table.add_column(name, overflow="fold", max_width=60 if name == "evidence" else None)
    for claim in claims:
        flags = (" (denied)" if claim.denied else "") + (" (planned)" if claim.planned else "")
        quantity = f"{claim.quantity.bound + ' ' if claim.quantity and claim.quantity.bound else ''}" \
                   f"{claim.quantity.value} {claim.quantity.unit}" if claim.quantity else ""
        value = f"{claim.value.amount:,.0f} {claim.value.currency}" if claim.value else ""
        evidence = claim.evidence if len(claim.evidence) <= 240 else claim.evidence[:237] + "..."
        if explain:
            evidence += f"\n[dim]rule {claim.rule}; trigger '{claim.trigger}'; " + "; ".join(claim.notes) + "[/dim]"
        table.add_row(claim.doc, claim.event + flags, claim.supplier or "", claim.recipient or "",
                      claim.system or "(unnamed)", quantity, value, claim.date.value if claim.date else "",
                      claim.source or "", evidence)
    Console(soft_wrap=False).print(table)


COMMANDS: list[click.Command] = [extract_command]
