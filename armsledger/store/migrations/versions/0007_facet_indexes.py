"""Index what the register's facets count: system family, category, and the denied and planned claims.

benchmarks/register_queries.py on 18,354 deals (fill_db.py --claims 30000): the facets of an
unfiltered register took 100 ms before these indexes; re-run it after a change to the facets.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_deals_system_family", "deals", ["system_family"])
    op.create_index("ix_deals_category", "deals", ["category"])
    # Partial: only the few denied (planned) claims are indexed, by the deal they belong to.
    for flag in ("denied", "planned"):
        op.create_index(f"ix_claims_{flag}_deal", "claims", ["deal_id"],
                        sqlite_where=sa.text(flag), postgresql_where=sa.text(flag))


def downgrade() -> None:
    for flag in ("planned", "denied"):
        op.drop_index(f"ix_claims_{flag}_deal", "claims")
    op.drop_index("ix_deals_category", "deals")
    op.drop_index("ix_deals_system_family", "deals")
