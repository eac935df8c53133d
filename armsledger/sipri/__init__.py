"""SIPRI's trade register: one reader, one row model, and the comparison with the ledger.

- `register.py`  `read_register`: the CSV export as SIPRI publishes it (Latin-1, preamble, `?` flags,
                 broken comment lines), contract values from the comments, SIPRI's country names
- `rows.py`      `SipriRow`, the one row model: what the reader gives, `store` keeps and the
                 catalogue derivation (`mentions.derive`) and coverage read
- `compare.py`   the ledger's deals lined up with the register's rows, and what differs

The rows' SQL is in `store/sipri_rows.py`, with the rest of the SQL. This package builds on the
claim grammar (money in the comments) and the gazetteers; neither imports it.
"""
from __future__ import annotations

from armsledger.sipri.compare import SipriDiff
from armsledger.sipri.register import read_register, sipri_name_table, sipri_spellings
from armsledger.sipri.rows import SipriRow

__all__ = ["SipriDiff", "SipriRow", "read_register", "sipri_name_table", "sipri_spellings"]
"""`read_register` and `SipriRow` are the package; the ledger maps SIPRI's country names with
`sipri_name_table` and `sipri_spellings`, and the CLI renders a `SipriDiff`."""
