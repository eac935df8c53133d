"""Full-text search over article text and claim evidence, in the database's own engine.

SQLite answers from the FTS5 tables of migration 0006, ranked by bm25; PostgreSQL from the GIN
indexes on the English tsvector, ranked by ts_rank. Both mark the matching words in a snippet
with MARK_START and MARK_END, which no stored text contains (the reader drops control characters).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, column, func, literal_column, text

from armsledger.store.tables import claims

MARK_START = "\x02"
MARK_END = "\x03"
MAX_WORDS = 12
"""Words of a query kept; a longer query is cut (no article needs more words to be found)."""
SNIPPET_WORDS = 28
TITLE_WEIGHT = 2.0
"""A word in the title counts twice a word in the text (bm25 column weight)."""
_WORD = re.compile(r"[^\W_]+")
"""Letters and digits: what both engines' tokenizers keep. Everything else (`_`, `*`, `"`, `:`, `^`, `&`, `|`,
`!`, parentheses) separates words, so no character of a query is read as FTS5 or tsquery syntax."""
_ARTICLE_VECTOR = "to_tsvector('english', coalesce(articles.title, '') || ' ' || articles.text)"
_EVIDENCE_VECTOR = "to_tsvector('english', claims.evidence)"
_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=2"


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article that holds every word of a query, with a snippet marking them."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float
    """Smaller is better on both engines (PostgreSQL's ts_rank is negated)."""


@dataclass(frozen=True, slots=True)
class EvidenceHit:
    """A claim whose evidence sentence holds every word of a query, marked."""

    claim_id: str
    article_id: str
    deal_id: str | None
    event: str
    outlet: str | None
    snippet: str


def words(query: str) -> list[str]:
    """Return the words of a query as the search engines see them (punctuation and operators dropped)."""
    return _WORD.findall(query)[:MAX_WORDS]


def search_articles(connection: Connection, query: str, *, limit: int = 50, offset: int = 0) -> list[ArticleHit]:
    """Return the articles holding every word of query, best first: at most limit, after skipping offset."""
    found = words(query)
    if not found:
        return []
    if connection.dialect.name == "sqlite":
        sql = text(
            f"SELECT a.id, a.title, a.outlet, a.published, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS rank, "
            f"snippet(articles_fts, 1, :start, :end, '…', {SNIPPET_WORDS}) AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH :match ORDER BY rank, a.id LIMIT :limit OFFSET :offset"
        ).bindparams(match=_fts5_query(found))
    else:
        sql = text(
            f"SELECT articles.id, articles.title, articles.outlet, articles.published, "
            f"-ts_rank({_ARTICLE_VECTOR}, q) AS rank, ts_headline('english', articles.text, q, :options) AS snippet "
            f"FROM articles, plainto_tsquery('english', :match) AS q WHERE {_ARTICLE_VECTOR} @@ q "
            "ORDER BY rank, articles.id LIMIT :limit OFFSET :offset"
        ).bindparams(match=" ".join(found), options=_HEADLINE)
    sql = sql.bindparams(limit=limit, offset=offset)
    rows = connection.execute(sql.bindparams(start=MARK_START, end=MARK_END) if connection.dialect.name == "sqlite"
                              else sql)
    return [ArticleHit(r.id, r.title, r.outlet, r.published, r.snippet or "", float(r.rank)) for r in rows]


def search_evidence(connection: Connection, query: str, *, limit: int = 50, offset: int = 0) -> list[EvidenceHit]:
    """Return the claims whose evidence holds every word of query, best first: at most limit, after offset."""
    found = words(query)
    if not found:
        return []
    if connection.dialect.name == "sqlite":
        sql = text(
            "SELECT c.id, c.article_id, c.deal_id, c.event, a.outlet, "
            "highlight(claims_fts, 0, :start, :end) AS snippet "
            "FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid JOIN articles a ON a.id = c.article_id "
            "WHERE claims_fts MATCH :match ORDER BY bm25(claims_fts), c.id LIMIT :limit OFFSET :offset"
        ).bindparams(match=_fts5_query(found), start=MARK_START, end=MARK_END)
    else:
        sql = text(
            "SELECT claims.id, claims.article_id, claims.deal_id, claims.event, articles.outlet, "
            "ts_headline('english', claims.evidence, q, :options) AS snippet "
            "FROM claims JOIN articles ON articles.id = claims.article_id, plainto_tsquery('english', :match) AS q "
            f"WHERE {_EVIDENCE_VECTOR} @@ q ORDER BY -ts_rank({_EVIDENCE_VECTOR}, q), claims.id "
            "LIMIT :limit OFFSET :offset"
        ).bindparams(match=" ".join(found), options=_HEADLINE.replace(", MaxFragments=2", ", HighlightAll=true"))
    return [EvidenceHit(r.id, r.article_id, r.deal_id, r.event, r.outlet, r.snippet or "")
            for r in connection.execute(sql.bindparams(limit=limit, offset=offset))]


def evidence_condition(dialect: str, query: str) -> ColumnElement[bool] | None:
    """Return a condition on the claims table: its evidence holds every word of query (None: no words)."""
    found = words(query)
    if not found:
        return None
    if dialect == "sqlite":
        matching = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :match").bindparams(
            match=_fts5_query(found)).columns(column("rowid"))
        return literal_column("claims.rowid").in_(matching.scalar_subquery())
    return func.to_tsvector("english", claims.c.evidence).op("@@")(
        func.plainto_tsquery("english", " ".join(found)))


def segments(snippet: str) -> list[tuple[str, bool]]:
    """Split a marked snippet into (text, is_match) pieces for a template to escape and render."""
    pieces: list[tuple[str, bool]] = []
    for n, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if part:
            pieces.append((part, n % 2 == 1))
    return pieces


def _fts5_query(found: list[str]) -> str:
    # Each word quoted: FTS5 reads it as a plain term, never as an operator or a column name.
    return " ".join(f'"{w}"' for w in found)
