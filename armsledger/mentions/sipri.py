"""Read SIPRI's arms-transfer register export and map its state names to gazetteer codes.

The export is Latin-1 CSV with a preamble of notes before the header line; two unnamed columns
after `Year of order` and `Number ordered` (and one after `Number delivered`) hold a `?` flag when
SIPRI is unsure of the value.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from armsledger.errors import SourceError
from armsledger.mentions.entries import State
from armsledger.mentions.matcher import fold

ENCODING = "latin-1"
HEADER_START = "Recipient,Supplier"
"""How the header line begins; everything before it is SIPRI's preamble."""

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
    """Yield the deals of a SIPRI register export.

    Raises:
        SourceError: the file cannot be read or has no header line.
    """
    try:
        lines = Path(path).read_text(encoding=ENCODING).splitlines()
    except OSError as err:
        raise SourceError(str(path), f"cannot read the SIPRI register: {err}") from err
    header = next((i for i, line in enumerate(lines) if line.startswith(HEADER_START)), None)
    if header is None:
        raise SourceError(str(path), f"no header line starting {HEADER_START!r}; is this a SIPRI export?")
    reader = csv.reader(lines[header + 1:])
    for offset, cells in enumerate(reader):
        if len(cells) < 13:  # SIPRI ends the file with a few footer lines
            continue
        year = cells[2].strip()
        yield SipriRow(line=header + 2 + offset, recipient=cells[0].strip(), supplier=cells[1].strip(),
                       order_year=int(year) if year.isdigit() else None, designation=cells[6].strip(),
                       description=cells[7].strip(), status=cells[11].strip(), comments=cells[12].strip())


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
