"""Say on stderr what a long command is doing, only to a person: on a terminal, and not with --quiet.

Piped or redirected, stderr holds only errors and summaries, so that a script's log stays short.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

QUIET_KEY = "armsledger.quiet"
"""Where the group's --quiet is kept, in click's context meta (shared by every subcommand's context)."""


def is_shown() -> bool:
    """Return whether progress goes to stderr: stderr is a terminal and --quiet was not given."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(QUIET_KEY):
        return False
    return _stderr_is_terminal()


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def working(step: str, *, unit: str | None = None) -> Iterator[Callable[[int], None]]:
    """Show that step is running and, when it ends, how long it took; stdout stays data only.

    Yields a callback taking the count of units done (`unit`, e.g. "articles"), shown beside the step.
    """
    if not is_shown():
        yield lambda done: None
        return
    from rich.console import Console  # here: importing rich costs `--help` 40 ms
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    stderr = Console(stderr=True, force_terminal=True)
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if unit is not None:
        columns.append(TextColumn(f"{{task.completed}} {unit}"))
    # Data printed to the same terminal goes above the spinner; piped data is never touched.
    with Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True,
                  redirect_stdout=sys.stdout.isatty(), redirect_stderr=False) as bar:
        task = bar.add_task(step, total=None)
        yield lambda done: bar.update(task, completed=done)
    click.echo(f"{step}: done in {time.monotonic() - started:.1f} s", err=True)
