"""The `armsledger` command: a click group; each command parses, calls one library function, renders.

Commands live in modules by concern: backfill.py (backfill), extract.py (extract, bench), gazetteer.py (gazetteer ...),
ledger.py (ingest, deals, show, conflicts, export, sipri ...), serve.py (serve), watch.py (watch).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from armsledger import __version__
from armsledger.cli.progress import QUIET_KEY
from armsledger.errors import DATA_EXIT, USAGE_EXIT, ArmsLedgerError, exit_code

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
COMMAND_MODULES: dict[str, str] = {
    "backfill": "armsledger.cli.backfill", "extract": "armsledger.cli.extract", "gazetteer": "armsledger.cli.gazetteer",
    "ingest": "armsledger.cli.ledger", "deals": "armsledger.cli.ledger", "show": "armsledger.cli.ledger",
    "conflicts": "armsledger.cli.ledger", "export": "armsledger.cli.ledger", "sipri": "armsledger.cli.ledger",
    "serve": "armsledger.cli.serve", "watch": "armsledger.cli.watch",
}
"""Each command and the module defining it (in its COMMANDS): a module is imported only when one of
its commands runs or shows its help, so `armsledger --version` and `--help` import neither SQLAlchemy,
rich nor the reader. benchmarks/cli_start.py measures it."""
COMMAND_SUMMARIES: dict[str, str] = {
    "backfill": "Read, clean, detect and extract CORPUS... on a Dask cluster, one task per shard.",
    "conflicts": "List the figures on which independent sources disagree, newest first.",
    "deals": "List the deals reconciled from the stored claims.",
    "export": "Export every deal as csv, json (with figures and timelines), parquet or SIPRI columns.",
    "extract": "Print every arms-transfer claim in CORPUS.",
    "gazetteer": "Validate the catalogues of states, organisations and weapon systems, and measure coverage.",
    "ingest": "Extract and store every article of CORPUS and reconcile the deals it touches.",
    "serve": "Serve the register, deal, article, conflict, flow and system pages and the JSON API.",
    "show": "Show one deal: its figures with every source, its timeline with evidence, its denials.",
    "sipri": "Compare the ledger with SIPRI's trade register.",
    "watch": "Poll FEEDS (RSS/Atom feeds or article pages) and ingest their new articles into the ledger.",
}
"""The first line of each command's help, for `armsledger --help` to list without importing every
module (that took 0.5 s); tests/cli/test_start.py asserts each equals its command's own."""


class CommandError(click.ClickException):
    """An error of any command, shown as one line on stderr: `error: MESSAGE`."""

    exit_code = DATA_EXIT

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # one line, whatever the message held

    def show(self, file: Any = None) -> None:  # Any: click's own signature (a text stream or None)
        click.echo(f"error: {self.message}", err=True)


class CommandUsageError(CommandError):
    """A command line or setting that is wrong: exits with USAGE_EXIT."""

    exit_code = USAGE_EXIT


def _one_line(err: Exception) -> CommandError:
    """Turn a library or click error into the one error every command reports the same way."""
    if isinstance(err, CommandError):
        return err
    message = err.format_message() if isinstance(err, click.ClickException) else str(err)
    if isinstance(err, click.UsageError) and err.ctx is not None:
        message += f" (see '{err.ctx.command_path} --help')"
    return CommandUsageError(message) if exit_code(err) == USAGE_EXIT else CommandError(message)


class _LazyGroup(click.Group):
    """A click group that imports a command's module on first use, and reports every error in one place."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.ClickException as err:
            raise _one_line(err) from err

    def invoke(self, ctx: click.Context) -> Any:  # Any: whatever the command returns
        """Run the command; any ArmsLedgerError or click error becomes one line and its exit code."""
        try:
            return super().invoke(ctx)
        except (ArmsLedgerError, click.ClickException) as err:
            raise _one_line(err) from err

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands as click does, from COMMAND_SUMMARIES for those not imported yet."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self.commands[name].get_short_help_str(limit) if name in self.commands
                 else click.Command(name, help=COMMAND_SUMMARIES[name]).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            for command in import_module(COMMAND_MODULES[cmd_name]).COMMANDS:
                _register(command)
                self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.option("-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress on stderr (it is shown only when stderr is a terminal); errors still are.")
@click.version_option(version=__version__, prog_name="armsledger")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Read news about arms transfers and turn it into a sourced, reconciled register.

    \b
    Example:
      armsledger extract samples/ --format table
    """
    import logging  # here: `--version` and `--help` stop before this, and logging is 0.03 s of their start

    ctx.meta[QUIET_KEY] = quiet
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register(command: click.Command) -> None:
    """Add a command with the group's help options, however it is later invoked (tests call some directly)."""
    command.context_settings = {**CONTEXT_SETTINGS, **command.context_settings}
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _register(sub)

