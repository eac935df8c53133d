"""The one row model of SIPRI's trade register: what `register.read_register` reads and `store` keeps."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from armsledger.ledger_models import _Record

NEW_STATUS = "New"
"""The status of a transfer of newly produced weapons (others are second-hand)."""

_LICENCE_RE = re.compile(r"licen[cs]e", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SipriRow(_Record):
    """One row of SIPRI's trade register, parsed."""

    line: int
    recipient_name: str
    supplier_name: str
    recipient: str | None
    """ISO code of the recipient, None for a non-state (rebels, organisations)."""
    supplier: str | None
    ordered_year: int | None
    is_ordered_year_uncertain: bool
    quantity_ordered: int | None
    is_quantity_uncertain: bool
    designation: str
    description: str
    quantity_delivered: int | None
    is_delivered_uncertain: bool
    delivery_years: tuple[int, ...]
    status: str
    comments: str
    tiv_per_unit: str
    tiv_total: str
    tiv_delivered: str
    value_amount: Decimal | None
    value_currency: str | None
    system: str | None = None
    """The gazetteer designation the row's weapon designation resolves to, if any."""

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
