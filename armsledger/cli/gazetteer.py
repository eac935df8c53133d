"""`armsledger gazetteer ...`: validate the catalogues and measure what they cover."""
from __future__ import annotations

import sys

import click

from armsledger.cli.progress import working
from armsledger.errors import SourceError
from armsledger.mentions import check_gazetteers, load_gazetteers
from armsledger.mentions.coverage import SINCE_YEAR, register_coverage, unresolved_names
from armsledger.settings import Settings
from armsledger.sipri import read_register

GAZETTEER_DIR_HELP = "A folder of extra gazetteer CSV files that extend the bundled ones."


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Validate the catalogues of states, organisations and weapon systems, and measure coverage.

    \b
    Example:
      armsledger gazetteer check --gazetteer-dir my-gazetteers
    """


@gazetteer_group.command("check")
@click.option("--gazetteer-dir", type=click.Path(file_okay=False), default=None, help=GAZETTEER_DIR_HELP)
def check_command(gazetteer_dir: str | None) -> None:
    """Report duplicate ids, aliases shared across entries, unknown states and missing fields.

    Exits 1 when there is any problem.

    \b
    Example:
      armsledger gazetteer check
    """
    gazetteer_dir = Settings.load(gazetteer_dir=gazetteer_dir).gazetteer_dir  # armsledger.toml counts here too
    problems = check_gazetteers(extra_dir=gazetteer_dir)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    gazetteers = load_gazetteers(extra_dir=gazetteer_dir)
    click.echo(f"ok: gazetteers {gazetteers.version}: {len(gazetteers.states)} states, "
               f"{len(gazetteers.orgs)} organisations, {len(gazetteers.systems)} systems")


@gazetteer_group.command("coverage")
@click.option("--sipri", "sipri_file", type=click.Path(dir_okay=False), default=None,
              help="A SIPRI trade-register export: report the share of its rows that resolve.")
@click.option("--corpus", default=None, help="A corpus (folder, file, .jsonl): list the system-like "
              "names in it that resolve to nothing.")
@click.option("--since", type=int, default=SINCE_YEAR, show_default=True,
              help="First order year of the register rows counted.")
@click.option("--top", type=int, default=20, show_default=True, help="How many names to list.")
@click.option("--gazetteer-dir", type=click.Path(file_okay=False), default=None, help=GAZETTEER_DIR_HELP)
def coverage_command(sipri_file: str | None, corpus: str | None, since: int, top: int,
                     gazetteer_dir: str | None) -> None:
    """Report what the catalogues cover in a SIPRI register and/or a corpus.

    For the register: of the rows ordered since --since that are new-build, not licensed, from a
    state and with a real designation, the share that resolve to an entry of the supplier's
    origin (a historical state counts as its successor), then the designations that miss.

    \b
    Example:
      armsledger gazetteer coverage --sipri ../shared/eval/reference/sipri-trade-register.csv
    """
    if sipri_file is None and corpus is None:
        raise click.UsageError("give --sipri FILE, --corpus CORPUS, or both")
    settings = Settings.load(gazetteer_dir=gazetteer_dir)
    skipped: list[SourceError] = []

    def skip(err: SourceError) -> None:
        skipped.append(err)
        click.echo(f"error: {err}", err=True)

    with working("loading the catalogues"):
        gazetteers = load_gazetteers(extra_dir=settings.gazetteer_dir)
    if sipri_file is not None:
        with working(f"resolving the rows of {sipri_file}"):
            report = register_coverage(read_register(sipri_file), gazetteers, since=since)
        click.echo(f"gazetteers {gazetteers.version}; register rows ordered since {since}: {report.rows}")
        click.echo(f"  resolved (all rows, second-hand and licensed included): {report.all_resolved} "
                   f"({_share(report.all_resolved, report.rows)})")
        click.echo(f"  eligible (new-build, not licensed, state supplier, named): {report.eligible}")
        click.echo(f"  resolved: {report.resolved} ({_share(report.resolved, report.eligible)})")
        click.echo(f"  resolved to the supplier's origin: {report.origin_match} "
                   f"({_share(report.origin_match, report.eligible)})")
        for name, rows in report.missing[:top]:
            click.echo(f"  unresolved\t{name}\t{rows}")
        for name, supplier, origin, rows in report.mismatched[:top]:
            click.echo(f"  other origin\t{name}\tsupplier {supplier}\tcatalogue {origin}\t{rows}")
    if corpus is not None:
        from armsledger.clean import clean  # here: `--help` does not load the reader
        from armsledger.read import read

        articles = read(corpus, settings=settings, on_error=skip)
        with working(f"reading {corpus}"):
            unresolved = unresolved_names((clean(article).text for article in articles), gazetteers)
        click.echo(f"corpus {corpus}: {sum(unresolved.values())} unresolved system-like names, "
                   f"{len(unresolved)} distinct")
        for name, count in unresolved.most_common(top):
            click.echo(f"  {name}\t{count}")
    if skipped:
        sys.exit(1)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


COMMANDS: list[click.Command] = [gazetteer_group]
