"""Keep what `armsledger watch` needs between polls and what it found new.

watch_feeds: each watched URL's validators (ETag, Last-Modified) for conditional requests.
watch_seen: the feed entries (by article id) and pages (by URL and content hash) already read.
watch_polls: one row per poll, so the web's /new page can default to the last one.
watch_news: when each deal, conflict and denial was first seen, and by which poll and feed.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STAMP_CHARS = 32
"""Length of an ISO 8601 UTC timestamp in seconds, as articles.ingested_at holds it."""


def upgrade() -> None:
    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text), sa.Column("last_modified", sa.Text),
        sa.Column("polled_at", sa.String(STAMP_CHARS), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
    )
    op.create_table(
        "watch_seen",
        sa.Column("feed_url", sa.Text, nullable=False),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("seen_at", sa.String(STAMP_CHARS), nullable=False),
        sa.PrimaryKeyConstraint("feed_url", "item"),
    )
    op.create_table(
        "watch_polls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.String(STAMP_CHARS), nullable=False),
        sa.Column("finished_at", sa.String(STAMP_CHARS), nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("news", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
    )
    op.create_table(
        "watch_news",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("deal_id", sa.String(255), nullable=False),
        sa.Column("poll_id", sa.Integer, nullable=False),
        sa.Column("feed_url", sa.Text, nullable=False),
        sa.Column("seen_at", sa.String(STAMP_CHARS), nullable=False),
        sa.PrimaryKeyConstraint("kind", "item"),
    )
    op.create_index("ix_watch_news_seen_at", "watch_news", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_watch_news_seen_at", "watch_news")
    for table in ("watch_news", "watch_polls", "watch_seen", "watch_feeds"):
        op.drop_table(table)
