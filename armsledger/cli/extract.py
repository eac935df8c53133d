"""`armsledger extract`: print the claims of a corpus."""
from __future__ import annotations

import json
import sys

import click

from armsledger.errors import SourceError
from armsledger.pipeline import run
from armsledger.settings import Settings


@click.command("extract")
@click.argument("corpus")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@click.option("--explain", is_flag=True, help="Add the rule and the words that produced each claim.")
def extract_command(corpus: str, fmt: str, explain: bool) -> None:
    """Print every arms-transfer claim in CORPUS (a folder, a file, a .jsonl corpus or -)."""
    errors: list[SourceError] = []

    def report(err: SourceError) -> None:
        errors.append(err)
        click.echo(f"error: {err}", err=True)

    for result in run(corpus, settings=Settings.load(), on_error=report):
        for claim in result.claims:
            sys.stdout.write(json.dumps(claim.to_record(explain=explain), ensure_ascii=False) + "\n")
    if errors:
        sys.exit(1)


COMMANDS: list[click.Command] = [extract_command]
