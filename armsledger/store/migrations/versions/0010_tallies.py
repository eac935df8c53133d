"""Keep the register's counts at ingest: facet counts, totals, flows and the open conflicts.

deals.has_denial, deals.has_plan: whether a claim of the deal is denied (stated as planned), set
when the deal is written instead of looked up per deal shown or filtered.
deal_tallies: deal counts per scope (the register unfiltered or with one filter), facet value
and supplier-to-recipient flow (store/tallies.py).
deal_conflicts: the conflicting figures, a few thousand rows /conflicts pages through.
ix_deals_category_lower: the category filter, by index.
On fill_db.py --claims 100000 (60,572 deals) the facets of the whole register took 270 ms, the
flows 180 ms and a page of conflicts with its count 220 ms before; see benchmarks/RESULTS.md.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from armsledger.store import tallies

    for flag in ("has_denial", "has_plan"):
        op.add_column("deals", sa.Column(flag, sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute("UPDATE deals SET has_denial = EXISTS (SELECT 1 FROM claims WHERE claims.deal_id = deals.id "
               "AND claims.denied), has_plan = EXISTS (SELECT 1 FROM claims WHERE claims.deal_id = deals.id "
               "AND claims.planned)")
    # The category filter compares lower(category): a rare category scanned every deal (200 ms a page).
    op.create_index("ix_deals_category_lower", "deals", [sa.text("lower(category)")])
    op.create_table(
        "deal_conflicts",
        sa.Column("deal_id", sa.String(255), nullable=False),
        sa.Column("figure", sa.String(32), nullable=False),
        sa.Column("reported_on", sa.String(10)),
        sa.PrimaryKeyConstraint("deal_id", "figure"),
    )
    op.create_index("ix_deal_conflicts_reported_on", "deal_conflicts", ["reported_on", "deal_id", "figure"])
    op.execute("INSERT INTO deal_conflicts (deal_id, figure, reported_on) SELECT deal_id, figure, reported_on "
               "FROM deal_figures WHERE has_conflict")
    op.create_table(
        "deal_tallies",
        sa.Column("scope", sa.String(300), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("facet", sa.String(32), nullable=False),
        sa.Column("value", sa.String(300), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("scope", "year", "facet", "value"),
    )
    op.create_index("ix_deal_tallies_n", "deal_tallies", ["scope", "year", "facet", "n"])
    op.create_index("ix_deal_tallies_facet", "deal_tallies", ["scope", "facet", "year", "value", "n"])
    tallies.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_deal_tallies_facet", "deal_tallies")
    op.drop_index("ix_deal_tallies_n", "deal_tallies")
    op.drop_table("deal_tallies")
    op.drop_index("ix_deal_conflicts_reported_on", "deal_conflicts")
    op.drop_table("deal_conflicts")
    op.drop_index("ix_deals_category_lower", "deals")
    for flag in ("has_plan", "has_denial"):
        op.drop_column("deals", flag)
