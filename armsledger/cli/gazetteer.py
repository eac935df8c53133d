"""Commands of the gazetteer part of armsledger (being built)."""
from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
