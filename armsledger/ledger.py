"""Ledger(url): ingest -> store -> reconcile. The one API the CLI and the web call.

    ledger = Ledger("armsledger.db")
    ledger.ingest("news/")
    for deal in ledger.deals(supplier="RU", system="S-400"):
        print(deal.id, deal.status, ledger.deal(deal.id).figures["quantity"].consensus)
"""
from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from armsledger.errors import NotFound, SourceError
from armsledger.ledger_models import (
    Conflict, Deal, DealDetail, Flow, IngestSummary, StoredArticle, SystemView,
)
from armsledger.mentions import Gazetteers, load_gazetteers
from armsledger.pipeline import Result, run
from armsledger.settings import Settings
from armsledger.store import Store, reads
from armsledger.store.articles import store_article
from armsledger.store.deals import reconcile_groups
from armsledger.store.engine import LOCK_TIMEOUT_S
from armsledger.store.tables import articles, deals

log = logging.getLogger("armsledger.ledger")

Progress = Callable[[int], None]
"""Called with the number of articles read so far."""


class Ledger:
    """A register of claims and the deals reconciled from them, in SQLite or PostgreSQL."""

    def __init__(self, url: str | None = None, *, settings: Settings | None = None,
                 gazetteers: Gazetteers | None = None, lock_timeout_s: float = LOCK_TIMEOUT_S) -> None:
        """Open the ledger at url (a file path, sqlite:///..., postgresql://...); default settings.db.

        Raises:
            StoreError: the database cannot be reached, is corrupt, locked, or no ledger.
        """
        self.settings = settings or Settings.load()
        self.url = url or self.settings.db
        self._gazetteers = gazetteers
        self.store = Store(self.url, lock_timeout_s=lock_timeout_s)

    def close(self) -> None:
        """Release the database's connections."""
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def gazetteers(self) -> Gazetteers:
        """The catalogues, loaded once on first use."""
        if self._gazetteers is None:
            self._gazetteers = load_gazetteers(extra_dir=self.settings.gazetteer_dir)
        return self._gazetteers

    # -- writing -------------------------------------------------------------------------------

    def ingest(self, source: str | Path | IO[str], *, on_error: Callable[[SourceError], None] | None = None,
               progress: Progress | None = None) -> IngestSummary:
        """Extract and store every article of a source, and reconcile the deals its claims touch.

        Articles are committed in batches of settings.batch_size: an interrupted run keeps every
        finished batch, and running it again stores only what is missing.

        Args:
            source: a folder, a file, a JSON Lines corpus, `-` or an open text stream.
            on_error: called with each input that cannot be read; logged if None.
            progress: called with the number of articles read so far.

        Raises:
            StoreError: the database fails; batches committed before stay.
        """
        errors = 0

        def report(err: SourceError) -> None:
            nonlocal errors
            errors += 1
            if on_error is None:
                log.warning("%s", err)
            else:
                on_error(err)

        results = run(source, settings=self.settings, gazetteers=self.gazetteers, on_error=report)
        summary = self.store_results(results, progress=progress)
        return IngestSummary(summary.articles_read, summary.articles_skipped, summary.duplicates,
                             summary.syndicated, summary.claims, summary.deals_touched, errors)

    def add_articles(self, records: Iterable[Mapping[str, Any]], *,  # Any: JSON values
                     on_error: Callable[[SourceError], None] | None = None) -> IngestSummary:
        """Ingest articles given as dicts in FORMAT.md's document shape (`id` and `text` or `html`).

        Raises:
            SourceError: a record without an id or without text/html.
        """
        lines = []
        for n, record in enumerate(records, 1):
            if not record.get("id") or not (record.get("text") or record.get("html")):
                raise SourceError(f"article {n}", f"needs an 'id' and a 'text' or 'html'; got keys "
                                  f"{sorted(record)!r}")
            lines.append(json.dumps(dict(record), ensure_ascii=False))
        with tempfile.TemporaryDirectory(prefix="armsledger-") as folder:
            corpus = Path(folder) / "articles.jsonl"
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return self.ingest(corpus, on_error=on_error)

    def store_results(self, results: Iterable[Result], *, progress: Progress | None = None) -> IngestSummary:
        """Store pipeline results in transactions of settings.batch_size articles and reconcile."""
        counts = {"stored": 0, "replaced": 0, "skipped": 0, "duplicate": 0}
        read = claims = syndicated = 0
        touched: set[str] = set()
        batch: list[Result] = []

        def flush() -> None:
            nonlocal claims, syndicated
            with self.store.write() as connection:
                keys: set[str] = set()
                for result in batch:
                    outcome = store_article(connection, result.document, result.claims,
                                            origin=result.article.origin)
                    counts[outcome.outcome] += 1
                    if outcome.outcome in ("stored", "replaced"):
                        claims += len(result.claims)
                        syndicated += outcome.copy_of is not None
                        keys |= outcome.deal_keys
                reconciled = reconcile_groups(connection, keys,
                                              battalions_per_regiment=self.settings.battalions_per_regiment,
                                              categories=self._categories())
                touched.update(item.deal.id for item in reconciled)
            log.info("committed %d articles (%d read so far)", len(batch), read)
            batch.clear()

        for result in results:
            read += 1
            batch.append(result)
            if len(batch) >= max(1, self.settings.batch_size):
                flush()
            if progress is not None:
                progress(read)
        if batch:
            flush()
        return IngestSummary(read, counts["skipped"], counts["duplicate"], syndicated, claims, len(touched))

    def reconcile_all(self) -> int:
        """Reconcile every deal group again from the stored claims (after a rule change); return deals."""
        from armsledger.store.tables import claims as claims_table
        with self.store.write() as connection:
            keys = set(connection.execute(select(claims_table.c.deal_key).distinct()).scalars()) - {None}
            return len(reconcile_groups(connection, {str(k) for k in keys},
                                        battalions_per_regiment=self.settings.battalions_per_regiment,
                                        categories=self._categories()))

    def _categories(self) -> dict[str, str]:
        """System and family id -> category, from the gazetteer when it has systems."""
        systems: Mapping[str, Any] = getattr(self.gazetteers, "systems", None) or {}  # Any: gazetteer System
        found: dict[str, str] = {}
        for system_id, system in systems.items():
            category = getattr(system, "category", None)
            if category:
                found[system_id] = category
                family = getattr(system, "family", None)
                if family:
                    found.setdefault(family, category)
        return found

    # -- reading -------------------------------------------------------------------------------

    def deals(self, *, supplier: str | None = None, recipient: str | None = None, system: str | None = None,
              category: str | None = None, status: str | None = None, since: int | None = None,
              until: int | None = None, q: str | None = None, sort: str = "-last_reported",
              limit: int | None = None, offset: int = 0) -> list[Deal]:
        """Return the deals matching every given filter.

        Args:
            supplier, recipient: ISO 3166-1 alpha-2 codes.
            system: a system or system family id (`S-400`).
            since, until: years; a deal counts when active in the range.
            q: free text matched against ids, systems and evidence sentences.
            sort: one of reads.SORTS, `-` for descending.

        Raises:
            ConfigError: an unknown sort field.
        """
        condition = reads.deal_filter(supplier=supplier, recipient=recipient, system=system, category=category,
                                      status=status, since=since, until=until, q=q)
        query = reads.select_deals(condition, sort=sort, limit=limit, offset=offset)
        with self.store.read() as connection:
            return [reads.deal_from_row(row) for row in connection.execute(query)]

    def count_deals(self, **filters: Any) -> int:  # Any: the filter values of deals()
        """Count the deals matching the filters of deals(); sort and paging arguments are ignored.

        Raises:
            TypeError: an argument deals() does not take.
        """
        for paging in ("sort", "limit", "offset"):
            filters.pop(paging, None)
        with self.store.read() as connection:
            return reads.count(connection, reads.deal_filter(**filters))

    def deal(self, deal_id: str) -> DealDetail:
        """Return one deal with its timeline, figures and denials.

        Raises:
            NotFound: no deal has this id.
        """
        with self.store.read() as connection:
            row = connection.execute(select(deals).where(deals.c.id == deal_id)).first()
            if row is None:
                raise NotFound(f"no deal {deal_id!r}; list deal ids with `armsledger deals`")
            return reads.detail(connection, row)

    def conflicts(self) -> list[Conflict]:
        """Return every figure on which independent sources disagree, newest report first."""
        with self.store.read() as connection:
            return reads.conflicts(connection)

    def article(self, article_id: str) -> StoredArticle:
        """Return a stored article: cleaned text, metadata, claims with spans and deal ids.

        Raises:
            NotFound: no article has this id.
        """
        with self.store.read() as connection:
            row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise NotFound(f"no article {article_id!r} in the ledger; ingest it first")
            return reads.article(connection, row)

    def flows(self, *, since: int | None = None, until: int | None = None,
              category: str | None = None) -> list[Flow]:
        """Return how many deals go from each supplier to each recipient."""
        condition = reads.deal_filter(since=since, until=until, category=category)
        with self.store.read() as connection:
            return reads.flows(connection, condition)

    def system(self, system: str) -> SystemView:
        """Return a system's catalogue facts and its deals.

        Raises:
            NotFound: neither the gazetteer nor any deal knows the system.
        """
        systems: Mapping[str, Any] = getattr(self.gazetteers, "systems", None) or {}  # Any: gazetteer System
        entry = systems.get(system)
        found = self.deals(system=system, sort="ordered_on")
        if entry is None and not found:
            raise NotFound(f"no system {system!r} in the gazetteer or the ledger; check the designation")
        origin = getattr(entry, "origin", None)
        return SystemView(
            system=system, designation=getattr(entry, "designation", None) or (found[0].system if found else None),
            family=getattr(entry, "family", None) or (found[0].system_family if found else None),
            category=getattr(entry, "category", None) or (found[0].category if found else None),
            origin=origin if isinstance(origin, str) or origin is None else str(origin), deals=found,
        )
