"""Full-text indexes over article text and claim evidence, in each database's own engine.

SQLite: FTS5 tables `articles_fts` (title, text) and `claims_fts` (evidence) whose content is the
articles and claims tables themselves (no copy of the text), kept in step by triggers. Their rows
are tied by rowid; a VACUUM may renumber the rowids of these tables, so after one rebuild them:
`INSERT INTO articles_fts(articles_fts) VALUES('rebuild')` (and the same for claims_fts).
PostgreSQL: GIN indexes on the English tsvector of the same columns (search.py writes the same
expressions, so the planner uses them).

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ARTICLE_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
EVIDENCE_VECTOR = "to_tsvector('english', evidence)"
# Porter stemming over unicode61: 'deliveries' finds 'delivery'; diacritics folded ('Türkiye').
TOKENIZE = "porter unicode61 remove_diacritics 2"



def _fts5(table: str, columns: tuple[str, ...]) -> list[str]:
    """Return the statements creating table_fts over columns of table, its triggers, and filling it."""
    fts, cols = f"{table}_fts", ", ".join(columns)
    new, old = ", ".join(f"new.{c}" for c in columns), ", ".join(f"old.{c}" for c in columns)
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    return [
        (f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='rowid', "
         f"tokenize='{TOKENIZE}')"),
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN {remove} {add} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


SQLITE_UP = (*_fts5("articles", ("title", "text")), *_fts5("claims", ("evidence",)))
SQLITE_DOWN = tuple(f"DROP {kind} {table}_fts{suffix}" for table in ("claims", "articles")
                    for kind, suffix in (("TRIGGER", "_update"), ("TRIGGER", "_delete"), ("TRIGGER", "_insert"),
                                         ("TABLE", "")))
POSTGRES_UP = (
    f"CREATE INDEX ix_articles_fts ON articles USING gin ({ARTICLE_VECTOR})",
    f"CREATE INDEX ix_claims_fts ON claims USING gin ({EVIDENCE_VECTOR})",
)
POSTGRES_DOWN = ("DROP INDEX ix_claims_fts", "DROP INDEX ix_articles_fts")


def upgrade() -> None:
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
