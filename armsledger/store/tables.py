"""The ledger's tables, for SQLAlchemy Core; the migrations under migrations/ create them.

Column names follow docs/glossary.md: supplier, recipient, system, quantity, value, ordered_on, source.
Money amounts are stored as decimal strings so SQLite and PostgreSQL keep them exact.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    case,
    cast,
    false,
    func,
    literal_column,
)

metadata = MetaData()

ID = 255
"""Longest article or deal id, in characters."""

articles = Table(
    "articles", metadata,
    Column("id", String(ID), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text), Column("outlet", Text), Column("author", Text), Column("url", Text),
    Column("published", String(10)), Column("published_precision", String(5)),
    Column("published_source", String(32)),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("source_group", String(ID), nullable=False, index=True),
    Column("copy_of", String(ID)),
    Column("minhash", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

article_bands = Table(
    "article_bands", metadata,
    Column("article_id", String(ID), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("band", Integer, nullable=False),
    Column("hash", String(16), nullable=False),
    PrimaryKeyConstraint("article_id", "band"),
    Index("ix_article_bands_hash_article", "hash", "article_id"),  # migration 0009
)
"""Each article's near-duplicate sketch (syndication.py): band = rank, hash = the value in hex."""

claims = Table(
    "claims", metadata,
    Column("id", String(ID + 12), primary_key=True),
    Column("article_id", String(ID), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("ordinal", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Column("supplier", String(8)), Column("recipient", String(8)),
    Column("system", String(128)), Column("system_family", String(128)),
    Column("denied", Boolean, nullable=False), Column("planned", Boolean, nullable=False),
    Column("quantity_value", Integer), Column("quantity_unit", String(16)),
    Column("quantity_bound", String(16)), Column("quantity_text", Text),
    Column("value_amount", String(40)), Column("value_currency", String(3)),
    Column("value_bound", String(16)), Column("value_text", Text),
    Column("date", String(10)), Column("date_precision", String(5)), Column("date_source", String(64)),
    Column("source", Text),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False), Column("span_end", Integer, nullable=False),
    Column("rule", String(64), nullable=False), Column("trigger", Text),
    Column("gazetteer_version", String(32)),
    Column("notes", Text),
    Column("deal_key", String(300), index=True),
    Column("deal_id", String(ID), index=True),
    Column("deal_reason", Text),  # migration 0005: why the claim is in its deal
)

deals = Table(
    "deals", metadata,
    Column("id", String(ID), primary_key=True),
    Column("deal_key", String(300), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("supplier", String(8), nullable=False), Column("recipient", String(8), nullable=False),
    Column("system", String(128)), Column("system_family", String(128)), Column("category", String(64)),
    Column("status", String(16), nullable=False),
    Column("quantity_value", Integer), Column("quantity_unit", String(16)),
    Column("quantity_bound", String(16)),
    Column("value_amount", String(40)), Column("value_currency", String(3)),
    Column("value_bound", String(16)),
    Column("ordered_on", String(10)), Column("first_delivered_on", String(10)),
    Column("completed_on", String(10)),
    Column("has_conflict", Boolean, nullable=False),
    Column("sources", Integer, nullable=False), Column("claims", Integer, nullable=False),
    Column("first_reported", String(10)), Column("last_reported", String(10)),
    # migration 0005: a standing denial against the status; the planned events it does not count
    Column("is_disputed", Boolean, nullable=False, server_default=false()),
    Column("expected", Text),
    # migration 0010: whether a source denies a claim of the deal, or states one as planned
    Column("has_denial", Boolean, nullable=False, server_default=false()),
    Column("has_plan", Boolean, nullable=False, server_default=false()),
    # migration 0004: the register's sorts and filters
    Index("ix_deals_last_reported", "last_reported", "id"),
    Index("ix_deals_supplier", "supplier", "last_reported"),
    Index("ix_deals_recipient", "recipient", "last_reported"),
    Index("ix_deals_status", "status", "last_reported"),
    # migration 0011: every order of the register, by (key, id); ordered_on's replaces (ordered_on)
    *(Index(f"ix_deals_sort_{name}", name, "id") for name in (
        "first_reported", "ordered_on", "first_delivered_on", "supplier", "recipient", "system", "status",
        "sources", "claims", "quantity_value")),
)
Index("ix_deals_system_family_lower", func.lower(deals.c.system_family))
Index("ix_deals_system_family", deals.c.system_family)  # migration 0007: the facets
Index("ix_deals_category", deals.c.category)
Index("ix_claims_denied_deal", claims.c.deal_id, sqlite_where=claims.c.denied, postgresql_where=claims.c.denied)
Index("ix_claims_planned_deal", claims.c.deal_id, sqlite_where=claims.c.planned, postgresql_where=claims.c.planned)
Index("ix_deals_system_lower", func.lower(deals.c.system))
Index("ix_deals_category_lower", func.lower(deals.c.category))  # migration 0010: the category filter
USD_FIRST = case((deals.c.value_currency == literal_column("'USD'"), literal_column("0")), else_=literal_column("1"))
"""0 for an amount in US dollars, else 1: the value order's first key (reads.sort_keys), spelt with
literals, not bound parameters, so that SQLite matches it to the expression of ix_deals_sort_value."""
# migration 0011: the descending orders of the values many deals share, and both orders of the value
for _name in ("supplier", "recipient", "system", "status", "sources", "claims", "quantity_value"):
    Index(f"ix_deals_sort_{_name}_desc", deals.c[_name].desc(), deals.c.id)
Index("ix_deals_sort_value", USD_FIRST, cast(deals.c.value_amount, Numeric(30, 2)), deals.c.id)
Index("ix_deals_sort_value_desc", USD_FIRST, cast(deals.c.value_amount, Numeric(30, 2)).desc(), deals.c.id)

deal_figures = Table(
    "deal_figures", metadata,
    Column("deal_id", String(ID), ForeignKey("deals.id", ondelete="CASCADE"), nullable=False),
    Column("figure", String(32), nullable=False),
    Column("consensus", Text),
    Column("has_conflict", Boolean, nullable=False),
    Column("values_json", Text, nullable=False),
    Column("reported_on", String(10)),
    Column("conflict_note", Text),  # migration 0005: how the conflicting sources differ
    PrimaryKeyConstraint("deal_id", "figure"),
)

deal_conflicts = Table(
    "deal_conflicts", metadata,
    Column("deal_id", String(ID), nullable=False),
    Column("figure", String(32), nullable=False),
    Column("reported_on", String(10)),
    PrimaryKeyConstraint("deal_id", "figure"),
    Index("ix_deal_conflicts_reported_on", "reported_on", "deal_id", "figure"),
)
"""Migration 0010: the figures of deal_figures with has_conflict, kept beside them at ingest (deals.py), so
that /conflicts pages and counts a few thousand rows instead of every figure."""

deal_tallies = Table(
    "deal_tallies", metadata,
    Column("scope", String(300), nullable=False),
    Column("year", Integer, nullable=False),
    Column("facet", String(32), nullable=False),
    Column("value", String(300), nullable=False),
    Column("n", Integer, nullable=False),
    PrimaryKeyConstraint("scope", "year", "facet", "value"),
    Index("ix_deal_tallies_n", "scope", "year", "facet", "n"),  # a facet's most frequent values
    Index("ix_deal_tallies_facet", "scope", "facet", "year", "value", "n"),  # a facet summed over years
)
"""Migration 0010: deal counts per scope (no filter, or one), facet value and flow, kept at ingest (tallies.py)."""

deal_denials = Table(
    "deal_denials", metadata,
    Column("deal_id", String(ID), ForeignKey("deals.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(ID + 12), nullable=False),
    Column("denied_claim_id", String(ID + 12), nullable=False),
    PrimaryKeyConstraint("deal_id", "claim_id", "denied_claim_id"),
)

sipri_rows = Table(
    "sipri_rows", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("line", Integer, nullable=False),
    Column("supplier_name", Text, nullable=False), Column("recipient_name", Text, nullable=False),
    Column("supplier", String(8)), Column("recipient", String(8)),
    Column("ordered_year", Integer), Column("is_ordered_year_uncertain", Boolean, nullable=False),
    Column("quantity_ordered", Integer), Column("is_quantity_uncertain", Boolean, nullable=False),
    Column("designation", Text, nullable=False), Column("description", Text),
    Column("quantity_delivered", Integer), Column("is_delivered_uncertain", Boolean, nullable=False),
    Column("delivery_years", Text),
    Column("status", Text), Column("comments", Text),
    Column("tiv_per_unit", String(20)), Column("tiv_total", String(20)), Column("tiv_delivered", String(20)),
    Column("value_amount", String(40)), Column("value_currency", String(3)),
    Column("system", String(128), index=True),
    Column("source_file", Text, nullable=False),
    Index("ix_sipri_rows_parties", "supplier", "recipient"),
)

# migration 0008: `armsledger watch`'s state between polls, and what each poll found new
STAMP_CHARS = 32
"""Length of an ISO 8601 UTC timestamp in seconds (`2026-12-02T01:55:02+00:00`), with room to spare."""

watch_feeds = Table(
    "watch_feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text), Column("last_modified", Text),
    Column("polled_at", String(STAMP_CHARS), nullable=False),
    Column("status", Text, nullable=False),
)
"""Each watched URL's validators for conditional requests, and how its last poll went."""

watch_seen = Table(
    "watch_seen", metadata,
    Column("feed_url", Text, nullable=False),
    Column("item", Text, nullable=False),
    Column("seen_at", String(STAMP_CHARS), nullable=False),
    PrimaryKeyConstraint("feed_url", "item"),
)
"""What each watched URL gave that was read: feed entries by article id, pages by URL and content hash."""

watch_polls = Table(
    "watch_polls", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(STAMP_CHARS), nullable=False),
    Column("finished_at", String(STAMP_CHARS), nullable=False),
    Column("articles", Integer, nullable=False),
    Column("news", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
)

watch_news = Table(
    "watch_news", metadata,
    Column("kind", String(16), nullable=False),
    Column("item", Text, nullable=False),
    Column("deal_id", String(ID), nullable=False),
    Column("poll_id", Integer, nullable=False),
    Column("feed_url", Text, nullable=False),
    Column("seen_at", String(STAMP_CHARS), nullable=False, index=True),
    PrimaryKeyConstraint("kind", "item"),
)
"""When a deal, conflict (deal#figure) or denial (deal#claim) was first seen, by which poll and feed."""
