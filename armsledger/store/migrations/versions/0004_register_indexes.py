"""Index the deal columns the register sorts and filters by.

Without them every register page sorted the whole deals table: 24 ms a query at 31,000 deals,
which 50 concurrent clients turn into seconds. Measured with benchmarks/web_load.py.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_deals_last_reported", ["last_reported", "id"]),
    ("ix_deals_supplier", ["supplier", "last_reported"]),
    ("ix_deals_recipient", ["recipient", "last_reported"]),
    ("ix_deals_status", ["status", "last_reported"]),
    ("ix_deals_ordered_on", ["ordered_on"]),
)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "deals", columns)
    op.create_index("ix_deals_system_family_lower", "deals", [sa.text("lower(system_family)")])
    op.create_index("ix_deals_system_lower", "deals", [sa.text("lower(system)")])


def downgrade() -> None:
    op.drop_index("ix_deals_system_lower", "deals")
    op.drop_index("ix_deals_system_family_lower", "deals")
    for name, _ in reversed(INDEXES):
        op.drop_index(name, "deals")
