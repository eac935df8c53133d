"""Index every order of the register by (key, id), so that a page deep in any order is a range of an index.

The register pages by key (reads.select_deals): the deals after a given deal in the chosen
order. With an index only on the default order, a page after a deal in another order read and
sorted every deal past it: 20-80 ms a page on fill_db.py --claims 100000 (60,572 deals), and as
much again to count the deals before it for the page's position. With these, each stretch of the
order (reads._segments) is one index range, read in index order. ix_deals_ordered_on (ordered_on alone) becomes
(ordered_on, id). The value order's first key is an expression (US dollars first): its index
repeats tables.USD_FIRST exactly, as SQLite matches an expression index by its text.

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SORT_COLUMNS = ("first_reported", "ordered_on", "first_delivered_on", "supplier", "recipient", "system", "status",
                "sources", "claims", "quantity_value")
"""The sort fields' columns (reads.SORTS) that had no (column, id) index; last_reported has one (0004)."""
DESCENDING_COLUMNS = ("supplier", "recipient", "system", "status", "sources", "claims", "quantity_value")
"""Columns whose values are shared by many deals (40,000 with one source): a descending order breaks
their ties by ascending id, which an index on (column, id) does not give, so each page sorted the
next value's deals; (column DESC, id) gives it. The dates are too varied to need one."""


def upgrade() -> None:
    op.drop_index("ix_deals_ordered_on", "deals")
    for column in SORT_COLUMNS:
        op.create_index(f"ix_deals_sort_{column}", "deals", [column, "id"])
    for column in DESCENDING_COLUMNS:
        op.create_index(f"ix_deals_sort_{column}_desc", "deals", [sa.text(f"{column} DESC"), "id"])
    for name, direction in (("value", ""), ("value_desc", " DESC")):
        op.create_index(f"ix_deals_sort_{name}", "deals", [
            sa.text("(CASE WHEN (value_currency = 'USD') THEN 0 ELSE 1 END)"),
            sa.text(f"(CAST(value_amount AS NUMERIC(30, 2))){direction}"), "id"])


def downgrade() -> None:
    op.drop_index("ix_deals_sort_value_desc", "deals")
    op.drop_index("ix_deals_sort_value", "deals")
    for column in reversed(DESCENDING_COLUMNS):
        op.drop_index(f"ix_deals_sort_{column}_desc", "deals")
    for column in reversed(SORT_COLUMNS):
        op.drop_index(f"ix_deals_sort_{column}", "deals")
    op.create_index("ix_deals_ordered_on", "deals", ["ordered_on"])
