"""Read the ledger as overviews: deals by year and status, the article index, the system index."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, func, select

from armsledger.errors import ConfigError
from armsledger.ledger_models import ArticleEntry, SystemEntry, YearCount
from armsledger.store.tables import articles, claims, deals

ARTICLE_SORTS = ("published", "outlet", "title", "claims")
"""Fields the article index can be sorted by; prefix `-` for descending."""
SYSTEM_SORTS = ("family", "category", "deals")
"""Fields the system index can be sorted by; prefix `-` for descending."""

_FIRST_DATED = func.coalesce(deals.c.ordered_on, deals.c.first_delivered_on, deals.c.first_reported)
"""The date a deal is counted under: ordered, else first delivered, else first reported."""
_CLAIMS = func.count(claims.c.id).label("claims")
_FAMILY = func.coalesce(deals.c.system_family, deals.c.system).label("family")
_DEALS = func.count().label("deal_count")


def deals_by_year(connection: Connection, condition: ColumnElement[bool]) -> list[YearCount]:
    """Count the deals matching a condition by the year they were first dated and their status."""
    year = func.substr(_FIRST_DATED, 1, 4).label("year")
    rows = connection.execute(
        select(year, deals.c.status, _DEALS).where(condition)
        .group_by(year, deals.c.status).order_by(year, deals.c.status))
    return [YearCount(int(r.year) if r.year and r.year.isdigit() else None, r.status, int(r.deal_count)) for r in rows]


def article_index(connection: Connection, *, sort: str, limit: int, offset: int = 0) -> list[ArticleEntry]:
    """Return one page of the stored articles with their claim counts.

    Raises:
        ConfigError: an unknown sort field.
    """
    column = {"published": articles.c.published, "outlet": articles.c.outlet, "title": articles.c.title,
              "claims": _CLAIMS}.get(sort.lstrip("-"))
    if column is None:
        raise ConfigError(f"cannot sort articles by {sort!r}; choose one of {', '.join(ARTICLE_SORTS)}")
    order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    rows = connection.execute(
        select(articles.c.id, articles.c.outlet, articles.c.published, articles.c.title, _CLAIMS)
        .select_from(articles.outerjoin(claims, claims.c.article_id == articles.c.id))
        .group_by(articles.c.id, articles.c.outlet, articles.c.published, articles.c.title)
        .order_by(order, articles.c.id).limit(limit).offset(offset))
    return [ArticleEntry(r.id, r.outlet, r.published, r.title, int(r.claims)) for r in rows]


def count_articles(connection: Connection) -> int:
    """Count the stored articles."""
    return int(connection.execute(select(func.count()).select_from(articles)).scalar_one())


def system_index(connection: Connection, *, sort: str, limit: int, offset: int = 0) -> list[SystemEntry]:
    """Return one page of the system families the deals name, with their category and deal count.

    Raises:
        ConfigError: an unknown sort field.
    """
    category = func.max(deals.c.category).label("category")
    column = {"family": _FAMILY, "category": category, "deals": _DEALS}.get(sort.lstrip("-"))
    if column is None:
        raise ConfigError(f"cannot sort systems by {sort!r}; choose one of {', '.join(SYSTEM_SORTS)}")
    order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    rows = connection.execute(
        select(_FAMILY, category, _DEALS).where(_FAMILY.is_not(None))
        .group_by(_FAMILY).order_by(order, _FAMILY).limit(limit).offset(offset))
    return [SystemEntry(r.family, r.category, int(r.deal_count)) for r in rows]


def count_systems(connection: Connection) -> int:
    """Count the system families the deals name."""
    families = select(_FAMILY).where(_FAMILY.is_not(None)).distinct().subquery()
    return int(connection.execute(select(func.count()).select_from(families)).scalar_one())
