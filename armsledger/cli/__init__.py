"""The `armsledger` command: a click group; each command parses, calls one library function, renders.

Commands live in modules by concern: extract.py (extract, bench), gazetteer.py (gazetteer ...),
ledger.py (ingest, deals, show, conflicts, export, sipri ...), serve.py (serve).
"""
from __future__ import annotations

import logging

import click

from armsledger.cli import extract, gazetteer, ledger, serve

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.option("-v", "--verbose", count=True, help="-v for progress details, -vv for debugging.")
@click.version_option(package_name="armsledger")
def main(verbose: int) -> None:
    """Read news about arms transfers and turn it into a sourced, reconciled register.

    \b
    Example:
      armsledger extract samples/ --format table
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register(command: click.Command) -> None:
    """Add a command with the group's help options, however it is later invoked (tests call some directly)."""
    command.context_settings = {**CONTEXT_SETTINGS, **command.context_settings}
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _register(sub)


for _module in (extract, gazetteer, ledger, serve):
    for _command in _module.COMMANDS:
        _register(_command)
        main.add_command(_command)
