"""Say on stderr what a long command is doing: a spinner with the time on a terminal, a line otherwise."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import click


@contextmanager
def working(step: str) -> Iterator[None]:
    """Show that step is running (stderr) and, when it ends, how long it took; stdout stays data only."""
    from rich.console import Console  # here: importing rich costs `--help` 40 ms
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    stderr = Console(stderr=True)
    if stderr.is_terminal:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=stderr,
                      transient=True) as bar:
            bar.add_task(step, total=None)
            yield
    else:
        click.echo(f"{step}…", err=True)
        yield
    click.echo(f"{step}: done in {time.monotonic() - started:.1f} s", err=True)
