"""Commands of the ledger part of armsledger (being built)."""
from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
