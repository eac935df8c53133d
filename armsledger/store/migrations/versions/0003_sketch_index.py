"""Index article sketch values by hash alone: near-duplicate candidates in one query.

article_bands now holds each article's bottom-k sketch (band = rank, hash = value), looked up by
value alone. Sketches stored under 0001's banded MinHash are recomputed from the article text.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from armsledger.store import syndication

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_article_bands_hash", "article_bands", ["hash"])
    op.drop_index("ix_article_bands_band_hash", "article_bands")
    connection = op.get_bind()
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("text", sa.Text),
                        sa.column("minhash", sa.Text))
    bands = sa.table("article_bands", sa.column("article_id", sa.String), sa.column("band", sa.Integer),
                     sa.column("hash", sa.String))
    connection.execute(sa.delete(bands))
    for row in connection.execute(sa.select(articles.c.id, articles.c.text)).all():
        sketch = syndication.signature(row.text)
        connection.execute(sa.update(articles).where(articles.c.id == row.id).values(minhash=json.dumps(sketch)))
        values = syndication.keys(sketch)
        if values:
            connection.execute(sa.insert(bands), [{"article_id": row.id, "band": n, "hash": h}
                                                  for n, h in enumerate(values)])


def downgrade() -> None:
    op.create_index("ix_article_bands_band_hash", "article_bands", ["band", "hash"])
    op.drop_index("ix_article_bands_hash", "article_bands")
