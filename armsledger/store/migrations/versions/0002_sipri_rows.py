"""SIPRI trade-register rows, imported to compare the ledger with SIPRI.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sipri_rows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("supplier_name", sa.Text, nullable=False), sa.Column("recipient_name", sa.Text, nullable=False),
        sa.Column("supplier", sa.String(8)), sa.Column("recipient", sa.String(8)),
        sa.Column("ordered_year", sa.Integer),
        sa.Column("is_ordered_year_uncertain", sa.Boolean, nullable=False),
        sa.Column("quantity_ordered", sa.Integer),
        sa.Column("is_quantity_uncertain", sa.Boolean, nullable=False),
        sa.Column("designation", sa.Text, nullable=False), sa.Column("description", sa.Text),
        sa.Column("quantity_delivered", sa.Integer),
        sa.Column("is_delivered_uncertain", sa.Boolean, nullable=False),
        sa.Column("delivery_years", sa.Text),
        sa.Column("status", sa.Text), sa.Column("comments", sa.Text),
        sa.Column("tiv_per_unit", sa.String(20)), sa.Column("tiv_total", sa.String(20)),
        sa.Column("tiv_delivered", sa.String(20)),
        sa.Column("value_amount", sa.String(40)), sa.Column("value_currency", sa.String(3)),
        sa.Column("system", sa.String(128)),
        sa.Column("source_file", sa.Text, nullable=False),
    )
    op.create_index("ix_sipri_rows_system", "sipri_rows", ["system"])
    op.create_index("ix_sipri_rows_parties", "sipri_rows", ["supplier", "recipient"])


def downgrade() -> None:
    op.drop_table("sipri_rows")
