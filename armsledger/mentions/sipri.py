"""SIPRI register rows as the catalogue uses them, and SIPRI state names mapped to gazetteer codes.

The export's format (Latin-1, preamble, `?` flag columns, broken comment lines) is read in one place,
`armsledger.sipri.read_register`; this module keeps the few fields derivation and coverage need.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from armsledger.mentions.entries import State
from armsledger.mentions.matcher import fold

NEW_STATUS = "New"
"""The status of a transfer of newly produced weapons (others are second-hand)."""

_LICENCE_RE = re.compile(r"licen[cs]e", re.IGNORECASE)
_SUFFIX_RE = re.compile(r"\s*(\(.*\)|\*+)\s*$")


@dataclass(frozen=True, slots=True)
class SipriRow:
    """One deal of the register: who got what from whom, ordered when."""

    line: int
    recipient: str
    supplier: str
    order_year: int | None
    designation: str
    description: str
    status: str
    comments: str

    @property
    def is_new(self) -> bool:
        """Whether the weapons were newly produced (not second-hand)."""
        return self.status == NEW_STATUS

    @property
    def is_licensed(self) -> bool:
        """Whether the comments say the weapons were produced or assembled under licence."""
        return bool(_LICENCE_RE.search(self.comments))

    @property
    def is_generic(self) -> bool:
        """Whether the designation is only a description (`aircraft engine`), not a name."""
        return not any(ch.isupper() or ch.isdigit() for ch in self.designation)


def read_register(path: str | Path) -> Iterator[SipriRow]:
    """Yield the deals of a SIPRI register export, read by the ledger's reader (armsledger.sipri).

    Raises:
        SourceError: the file cannot be read or is not a SIPRI trade register.
    """
    from armsledger import sipri  # the one reader of SIPRI's format; imported late, it imports the claims

    for row in sipri.read_register(Path(path), country=lambda name: None, system=lambda designation: None):
        yield SipriRow(line=row.line, recipient=row.recipient_name, supplier=row.supplier_name,
                       order_year=row.ordered_year, designation=row.designation, description=row.description or "",
                       status=row.status or "", comments=row.comments or "")


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
