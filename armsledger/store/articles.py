"""Write articles and their claims; find exact and near duplicates among stored articles."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Integer, String, Table, bindparam, delete, func, insert, select

from armsledger.errors import SourceError
from armsledger.models import Claim, Document, Money, PartialDate, Quantity
from armsledger.reconcile import deal_key
from armsledger.store import syndication
from armsledger.store.tables import article_bands, articles, claims

Row = dict[str, Any]  # Any: column values of several types


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing one article did."""

    outcome: str
    """`stored`, `skipped` (same id and content already stored), `duplicate` (same content, other id),
    or `replaced` (same id, new content)."""
    copy_of: str | None = None
    deal_keys: frozenset[str] = frozenset()
    """The deal groups whose claims changed: they need reconciling."""


def content_hash(text: str) -> str:
    """Return the hash that identifies an article's content: its cleaned text, whitespace folded."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()


def store_article(connection: Connection, document: Document, found: Sequence[Claim], *,
                  origin: str = "", is_reextract: bool = False) -> Stored:
    """Store a cleaned article and its claims unless its content is already stored.

    Returns:
        What happened, with the deal groups that must be reconciled.
    """
    published = document.published
    article = _sanitised({
        "id": document.id, "title": document.title, "outlet": document.outlet,
        "author": document.author, "url": document.url,
        "published": published.value if published and published.year else None,
        "published_precision": published.precision if published and published.year else None,
        "published_source": published.source if published else None,
        "text": document.text, "origin": origin or document.origin,
    })
    rows = [_sanitised(claim_row(document.id, n, claim)) for n, claim in enumerate(found, 1)]
    problem = _misfit(articles, article) or next(filter(None, (_misfit(claims, row) for row in rows)), None)
    if problem is not None:
        raise SourceError(origin or document.origin or document.id, f"cannot be stored: {problem}; skipped")
    digest = content_hash(document.text)
    existing = connection.execute(select(articles.c.id).where(articles.c.content_hash == digest)).first()
    if existing is not None and not (is_reextract and existing.id == document.id):
        return Stored("skipped" if existing.id == document.id else "duplicate", copy_of=existing.id)
    was_stored, old_keys = _remove(connection, document.id)
    signature = syndication.signature(document.text)
    keys = syndication.keys(signature)
    copy_of, group = _find_original(connection, signature, keys)
    connection.execute(insert(articles), [{
        **article, "content_hash": digest, "source_group": group or document.id,
        "copy_of": copy_of, "minhash": json.dumps(signature),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }])
    connection.execute(insert(article_bands),
                       [{"article_id": document.id, "band": n, "hash": h} for n, h in enumerate(keys)])
    if rows:
        connection.execute(insert(claims), rows)
    touched = frozenset(str(r["deal_key"]) for r in rows if r["deal_key"]) | old_keys
    return Stored("replaced" if was_stored else "stored", copy_of=copy_of, deal_keys=touched)


INTEGER_RANGE = (-(2**31), 2**31 - 1)
"""What an Integer column holds on every engine: PostgreSQL's integer is 32 bits (SQLite's 64)."""


def _sanitised(row: Row) -> Row:
    """Replace NUL characters, which PostgreSQL text cannot hold, with U+FFFD (spans keep their offsets)."""
    return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for k, v in row.items()}


def _misfit(table: Table, row: Row) -> str | None:
    """Say which value of a row its column cannot hold (too long, out of range), or None if all fit.

    Checked before writing, the same on every engine: SQLite would store what PostgreSQL refuses,
    and a refused row would fail its whole batch.
    """
    low, high = INTEGER_RANGE
    for name, value in row.items():
        column = table.c[name]
        length = column.type.length if isinstance(column.type, String) else None
        if isinstance(value, str) and length is not None and len(value) > length:
            return (f"its {name} is {len(value):,} characters long, more than the {length} the ledger "
                    f"keeps ({value[:40]!r}...)")
        is_integer = isinstance(value, int) and not isinstance(value, bool) and isinstance(column.type, Integer)
        if is_integer and not low <= value <= high:
            return f"its {name} {value} is outside the range the ledger keeps ({low} to {high})"
    return None


def _remove(connection: Connection, article_id: str) -> tuple[bool, frozenset[str]]:
    """Delete an older version of an article (same id, other content); return whether there was one
    and its deal groups."""
    if connection.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
        return False, frozenset()
    keys = connection.execute(select(claims.c.deal_key).where(claims.c.article_id == article_id)).scalars()
    found = frozenset(k for k in keys if k)
    connection.execute(delete(claims).where(claims.c.article_id == article_id))
    connection.execute(delete(article_bands).where(article_bands.c.article_id == article_id))
    connection.execute(delete(articles).where(articles.c.id == article_id))
    return True, found


MAX_CANDIDATES = 8
"""Stored articles compared in full with a new one: those sharing the most sketch values."""

_CANDIDATES = (
    select(articles.c.id, articles.c.minhash, articles.c.source_group)
    .where(articles.c.id.in_(
        select(article_bands.c.article_id).where(article_bands.c.hash.in_(bindparam("keys", expanding=True)))
        .group_by(article_bands.c.article_id).having(func.count() >= bindparam("shared"))
        .order_by(func.count().desc(), article_bands.c.article_id).limit(MAX_CANDIDATES)))
    .order_by(articles.c.id)
)
"""Stored articles sharing the most sketch values with a new one; one cached statement."""


def _find_original(connection: Connection, signature: list[int], keys: list[str]) -> tuple[str | None, str | None]:
    """Return (the most similar stored article, its syndication group) above the threshold, or Nones."""
    if not keys:
        return None, None
    rows = connection.execute(_CANDIDATES, {"keys": keys, "shared": min(syndication.MIN_SHARED, len(keys))})
    best: tuple[float, str, str] | None = None
    for row in rows:
        score = syndication.similarity(signature, json.loads(row.minhash))
        if score >= syndication.SYNDICATION_THRESHOLD and (best is None or score > best[0]):
            best = (score, row.id, row.source_group)
    return (best[1], best[2]) if best else (None, None)


def claim_row(article_id: str, ordinal: int, claim: Claim) -> Row:
    """Return a claim as a row of the claims table."""
    q, v, d = claim.quantity, claim.value, claim.date
    return {
        "id": f"{article_id}#{ordinal}", "article_id": article_id, "ordinal": ordinal,
        "event": claim.event, "supplier": claim.supplier, "recipient": claim.recipient,
        "system": claim.system, "system_family": claim.system_family,
        "denied": claim.denied, "planned": claim.planned,
        "quantity_value": q.value if q else None, "quantity_unit": q.unit if q else None,
        "quantity_bound": q.bound if q else None, "quantity_text": q.text if q else None,
        "value_amount": str(v.amount) if v else None, "value_currency": v.currency if v else None,
        "value_bound": v.bound if v else None, "value_text": v.text if v else None,
        "date": d.value if d else None, "date_precision": d.precision if d else None,
        "date_source": d.source if d else None,
        "source": claim.source, "evidence": claim.evidence,
        "span_start": claim.span[0], "span_end": claim.span[1], "rule": claim.rule,
        "trigger": claim.trigger, "gazetteer_version": claim.gazetteer_version,
        "notes": json.dumps(list(claim.notes)), "deal_key": deal_key(claim), "deal_id": None,
    }


def claim_from_row(row: Any) -> Claim:  # Any: a SQLAlchemy Row of the claims table
    """Rebuild a Claim from its row."""
    return Claim(
        doc=row.article_id, event=row.event, supplier=row.supplier, recipient=row.recipient,
        system=row.system, evidence=row.evidence, span=(row.span_start, row.span_end), rule=row.rule,
        denied=bool(row.denied), planned=bool(row.planned),
        quantity=None if row.quantity_value is None
        else Quantity(row.quantity_value, row.quantity_unit, row.quantity_bound, row.quantity_text or ""),
        value=None if row.value_amount is None
        else Money(Decimal(row.value_amount), row.value_currency, row.value_bound, row.value_text or ""),
        date=None if row.date is None else PartialDate(row.date, row.date_precision, row.date_source or ""),
        source=row.source, trigger=row.trigger or "", gazetteer_version=row.gazetteer_version or "",
        system_family=row.system_family, notes=tuple(json.loads(row.notes or "[]")),
    )
