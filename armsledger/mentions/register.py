"""What the catalogue reads of a register row, and SIPRI state names mapped to gazetteer codes.

`derive.py` builds systems from a SIPRI register and `coverage.py` measures the catalogue against
one. The rows are `armsledger.sipri.SipriRow`, read by `armsledger.sipri.read_register`; this
stage names only the fields it reads (`RegisterRow`), so that it never imports the SIPRI package,
which builds on this one.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from armsledger.mentions.entries import State
from armsledger.mentions.matcher import fold

_SUFFIX_RE = re.compile(r"\s*(\(.*\)|\*+)\s*$")


class RegisterRow(Protocol):
    """The fields of a SIPRI register row (`armsledger.sipri.SipriRow`) that the catalogue reads."""

    @property
    def supplier_name(self) -> str: ...
    @property
    def ordered_year(self) -> int | None: ...
    @property
    def designation(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def is_new(self) -> bool: ...
    @property
    def is_licensed(self) -> bool: ...
    @property
    def is_generic(self) -> bool: ...


def state_index(states: Mapping[str, State]) -> dict[str, str]:
    """Return folded state name -> code, over every state's name and other names."""
    index: dict[str, str] = {}
    for state in states.values():
        for name in (state.name, *state.names):
            index.setdefault(fold(name), state.code)
    return index


def state_code(name: str, index: Mapping[str, str]) -> str | None:
    """Return the code of a SIPRI state name (`Turkiye`, `East Germany (GDR)`), or None for a
    non-state supplier (`unknown supplier(s)`, `Libya HoR*`)."""
    return index.get(fold(name)) or index.get(fold(_SUFFIX_RE.sub("", name)))
