"""Articles, their near-duplicate bands, claims, and deals with their figures and denials.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = 255


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text), sa.Column("outlet", sa.Text), sa.Column("author", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(10)), sa.Column("published_precision", sa.String(5)),
        sa.Column("published_source", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("source_group", sa.String(ID), nullable=False),
        sa.Column("copy_of", sa.String(ID)),
        sa.Column("minhash", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_articles_source_group", "articles", ["source_group"])
    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.String(ID), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("band", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "band"),
    )
    op.create_index("ix_article_bands_band_hash", "article_bands", ["band", "hash"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(ID + 12), primary_key=True),
        sa.Column("article_id", sa.String(ID), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("supplier", sa.String(8)), sa.Column("recipient", sa.String(8)),
        sa.Column("system", sa.String(128)), sa.Column("system_family", sa.String(128)),
        sa.Column("denied", sa.Boolean, nullable=False), sa.Column("planned", sa.Boolean, nullable=False),
        sa.Column("quantity_value", sa.Integer), sa.Column("quantity_unit", sa.String(16)),
        sa.Column("quantity_bound", sa.String(16)), sa.Column("quantity_text", sa.Text),
        sa.Column("value_amount", sa.String(40)), sa.Column("value_currency", sa.String(3)),
        sa.Column("value_bound", sa.String(16)), sa.Column("value_text", sa.Text),
        sa.Column("date", sa.String(10)), sa.Column("date_precision", sa.String(5)),
        sa.Column("date_source", sa.String(64)),
        sa.Column("source", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False), sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False), sa.Column("trigger", sa.Text),
        sa.Column("gazetteer_version", sa.String(32)),
        sa.Column("notes", sa.Text),
        sa.Column("deal_key", sa.String(300)),
        sa.Column("deal_id", sa.String(ID)),
    )
    for column in ("article_id", "deal_key", "deal_id"):
        op.create_index(f"ix_claims_{column}", "claims", [column])
    op.create_table(
        "deals",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("deal_key", sa.String(300), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("supplier", sa.String(8), nullable=False), sa.Column("recipient", sa.String(8), nullable=False),
        sa.Column("system", sa.String(128)), sa.Column("system_family", sa.String(128)),
        sa.Column("category", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("quantity_value", sa.Integer), sa.Column("quantity_unit", sa.String(16)),
        sa.Column("quantity_bound", sa.String(16)),
        sa.Column("value_amount", sa.String(40)), sa.Column("value_currency", sa.String(3)),
        sa.Column("value_bound", sa.String(16)),
        sa.Column("ordered_on", sa.String(10)), sa.Column("first_delivered_on", sa.String(10)),
        sa.Column("completed_on", sa.String(10)),
        sa.Column("has_conflict", sa.Boolean, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False), sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("first_reported", sa.String(10)), sa.Column("last_reported", sa.String(10)),
    )
    op.create_index("ix_deals_deal_key", "deals", ["deal_key"])
    op.create_table(
        "deal_figures",
        sa.Column("deal_id", sa.String(ID), sa.ForeignKey("deals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("figure", sa.String(32), nullable=False),
        sa.Column("consensus", sa.Text),
        sa.Column("has_conflict", sa.Boolean, nullable=False),
        sa.Column("values_json", sa.Text, nullable=False),
        sa.Column("reported_on", sa.String(10)),
        sa.PrimaryKeyConstraint("deal_id", "figure"),
    )
    op.create_table(
        "deal_denials",
        sa.Column("deal_id", sa.String(ID), sa.ForeignKey("deals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_id", sa.String(ID + 12), nullable=False),
        sa.Column("denied_claim_id", sa.String(ID + 12), nullable=False),
        sa.PrimaryKeyConstraint("deal_id", "claim_id", "denied_claim_id"),
    )


def downgrade() -> None:
    for table in ("deal_denials", "deal_figures", "deals", "claims", "article_bands", "articles"):
        op.drop_table(table)
