"""Hand-made SIPRI register rows for the tests that need a few rows and not a register file."""
from __future__ import annotations

from armsledger.sipri import SipriRow


def register_row(designation: str, description: str, supplier_name: str, *, ordered_year: int | None,
                 recipient_name: str = "Chile", status: str = "New", comments: str = "") -> SipriRow:
    """Return one register row as `read_register` reads it without lookups (no codes, no system)."""
    return SipriRow(line=0, recipient_name=recipient_name, supplier_name=supplier_name, recipient=None,
                    supplier=None, ordered_year=ordered_year, is_ordered_year_uncertain=False,
                    quantity_ordered=None, is_quantity_uncertain=False, designation=designation,
                    description=description, quantity_delivered=None, is_delivered_uncertain=False,
                    delivery_years=(), status=status, comments=comments, tiv_per_unit="", tiv_total="",
                    tiv_delivered="", value_amount=None, value_currency=None)
