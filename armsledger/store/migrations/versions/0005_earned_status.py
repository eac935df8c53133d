"""Keep why a deal stands where it does: disputed status, expected events, membership reasons.

deals.is_disputed: a standing denial contradicts the events that earned the status.
deals.expected: the planned events, with their dates, that the status does not count.
claims.deal_reason: why the claim was put in its deal (an order's year, a cue word, its article).
deal_figures.conflict_note: how the sources of a conflict differ (two outlets, one outlet at two dates).

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, no batch copy: SQLite and PostgreSQL both add a column in place, and a copy
    # would lose the expression indexes of migration 0004.
    op.add_column("deals", sa.Column("is_disputed", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("deals", sa.Column("expected", sa.Text))
    op.add_column("claims", sa.Column("deal_reason", sa.Text))
    op.add_column("deal_figures", sa.Column("conflict_note", sa.Text))


def downgrade() -> None:
    op.drop_column("deal_figures", "conflict_note")
    op.drop_column("claims", "deal_reason")
    op.drop_column("deals", "expected")
    op.drop_column("deals", "is_disputed")
