"""The catalogue entries: one frozen dataclass per gazetteer file row."""
from __future__ import annotations

import re
from dataclasses import dataclass

ORG_KINDS: tuple[str, ...] = ("ministry", "armed-service", "agency", "company", "government", "legislature", "leader")
"""A `leader` is a head of state or government: in news about arms, "Trump approves" means the US."""
"""What an organisation is; a mention of it carries its kind as its role."""

SYSTEM_UNITS: tuple[str, ...] = ("battalion", "battery", "regiment", "unit", "missile")
"""The unit a system is counted in (FORMAT.md's quantity units)."""


@dataclass(frozen=True, slots=True)
class State:
    """A state (ISO 3166-1 alpha-2, or a historical code such as SU) and the words that name it."""

    code: str
    name: str
    names: tuple[str, ...]
    """Other names news uses: official names, short forms, acronyms (`US`, `Türkiye`)."""
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]
    """Capitals and seats of power that stand for the state (`Moscow`, `Kremlin`, `Pentagon`)."""
    historical: bool
    guarded: tuple[str, ...] = ()
    """Which of its words are also given names or other places (`Jordan`, `Georgia`): they count
    only when no unknown capitalised word stands right next to them."""
    successor: str | None = None
    """For a historical state, the state that continues it (SU -> RU), as SIPRI and news treat it."""


@dataclass(frozen=True, slots=True)
class Organisation:
    """A ministry, armed service, agency, company, government or legislature, and its home state."""

    id: str
    name: str
    aliases: tuple[str, ...]
    state: str
    kind: str
    guarded: tuple[str, ...] = ()
    """Which of its names are also given names (`Rafael`): as for a state's guarded names."""


@dataclass(frozen=True, slots=True)
class System:
    """A weapon system: the designation a claim prints, what news also calls it, where it comes from."""

    id: str
    designation: str
    aliases: tuple[str, ...]
    family: str
    """The designation its variants share (`S-300` for `S-300PMU-2`)."""
    category: str
    """SIPRI's description: `SAM system`, `fighter aircraft`, `frigate`, ..."""
    producer: str | None
    """An organisation id, when known."""
    origin: str
    """The state that makes it (ISO alpha-2 or historical code)."""
    unit: str
    """What it is counted in: one of SYSTEM_UNITS."""
    guarded: tuple[str, ...] = ()
    """Which of its names are plain words (`Tiger`, `Collins`): they count only before a weapon
    noun that fits its category ("Tiger helicopters", "Collins-class")."""
    source: str = ""
    """Where the row comes from: `sipri`, `sipri-family`, `curated` or `sipri+curated`; where
    entries share a plain-word name, a curated one is preferred when the noun fits both."""

    @property
    def code(self) -> str:
        """The designation as the industry writes it: a register's "code and name" designation
        ("C-130J Hercules", "AGM-114 Hellfire") by its code, when news also uses the code alone (it is
        an alias) and it is no calibre ("120mm Light Mortar" stays whole); else the designation."""
        found = _CODE_AND_NAME.match(self.designation)
        if found is None or _CALIBRE.fullmatch(found.group(1)) or found.group(1) not in self.aliases:
            return self.designation
        return found.group(1)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A phrase that names one of several states, or none (a region such as `Latin America`).

    `candidates` empty means the phrase is blocked: it is matched so that nothing inside it counts.
    Otherwise the phrase stands for the single candidate the document names elsewhere, or else
    `default`, or else nothing.
    """

    id: str
    name: str
    candidates: tuple[str, ...]
    default: str | None
    role: str = "name"
    """`name` or `demonym`: the role of the state mention it resolves to."""


_CODE_AND_NAME = re.compile(r"([A-Za-z]{0,6}-?\d[\w/-]*)\s+[A-Z][A-Za-z].*")
_CALIBRE = re.compile(r"\d+(?:\.\d+)?mm")
