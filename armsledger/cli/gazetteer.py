"""`armsledger gazetteer ...`: validate the catalogues and measure what they cover."""
from __future__ import annotations

import sys

import click

from armsledger.mentions import check_gazetteers, load_gazetteers


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Validate the catalogues of states, organisations and weapon systems, and measure coverage.

    \b
    Example:
      armsledger gazetteer check --gazetteer-dir my-gazetteers
    """


@gazetteer_group.command("check")
@click.option("--gazetteer-dir", type=click.Path(file_okay=False), default=None,
              help="A folder of extra gazetteer CSV files that extend the bundled ones.")
def check_command(gazetteer_dir: str | None) -> None:
    """Report duplicate ids, aliases shared across entries, unknown states and missing fields.

    Exits 1 when there is any problem.

    \b
    Example:
      armsledger gazetteer check
    """
    problems = check_gazetteers(extra_dir=gazetteer_dir)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    gazetteers = load_gazetteers(extra_dir=gazetteer_dir)
    click.echo(f"ok: gazetteers {gazetteers.version}: {len(gazetteers.states)} states, "
               f"{len(gazetteers.orgs)} organisations, {len(gazetteers.systems)} systems")


COMMANDS: list[click.Command] = [gazetteer_group]
