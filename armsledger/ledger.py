"""Ledger(url): ingest -> store -> reconcile. The one API the CLI and the web call.

    ledger = Ledger("armsledger.db")
    ledger.ingest("news/")
    for deal in ledger.deals(supplier="RU", system="S-400"):
        print(deal.id, deal.status, ledger.deal(deal.id).figures["quantity"].consensus)
"""
from __future__ import annotations

import dataclasses
import json
import logging
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any, Self

from armsledger import export as _export
from armsledger import sipri as _sipri
from armsledger.deal_row import DealRow, deal_row
from armsledger.errors import NotFound, SourceError, StoreError
from armsledger.ledger_models import (
    ArticleEntry,
    Conflict,
    Deal,
    DealDetail,
    Flow,
    IngestSummary,
    NewsView,
    StoredArticle,
    SystemEntry,
    SystemView,
    TimelineEvent,
    YearCount,
)
from armsledger.mentions import Gazetteers, System, load_gazetteers
from armsledger.pipeline import Result, run
from armsledger.settings import Settings
from armsledger.sipri import compare as _compare
from armsledger.store import (
    Store,
    facets,
    open_store,
    overview,
    provenance,
    reads,
    search,
    sipri_rows,
    tallies,
    watch_state,
)
from armsledger.store.articles import store_article
from armsledger.store.deals import deal_keys, reconcile_groups
from armsledger.store.engine import LOCK_TIMEOUT_S
from armsledger.store.reads import Condition

log = logging.getLogger("armsledger.ledger")


def _log_error(err: SourceError) -> None:
    log.warning("%s", err)

Progress = Callable[[int], None]
"""Called with the number of articles read so far."""


class Ledger:
    """A register of claims and the deals reconciled from them, in SQLite or PostgreSQL."""

    def __init__(self, url: str | None = None, *, settings: Settings | None = None,
                 gazetteers: Gazetteers | None = None, lock_timeout_s: float = LOCK_TIMEOUT_S,
                 create: bool = True) -> None:
        """Open the ledger at url (a file path, sqlite:///..., postgresql://...); default settings.db.

        Args:
            create: make a new, empty ledger when url names none; with False that is a StoreError.

        Raises:
            StoreError: the database cannot be reached, is corrupt, locked, or no ledger.
        """
        self.settings = settings or Settings.load()
        self.url = url or self.settings.db
        self._gazetteers = gazetteers
        self._category_cache: dict[str, str] | None = None
        self.store: Store = open_store(self.url, lock_timeout_s=lock_timeout_s, create=create)

    def close(self) -> None:
        """Release the database's connections."""
        self.store.close()

    def __enter__(self) -> Self:
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
               progress: Progress | None = None, is_reextract: bool = False) -> IngestSummary:
        """Extract and store every article of a source, and reconcile the deals its claims touch.

        Articles are committed in batches of settings.batch_size: an interrupted run keeps every
        finished batch, and running it again stores only what is missing.

        Args:
            source: a folder, a file, a JSON Lines corpus, `-` or an open text stream.
            on_error: called with each input that cannot be read; logged if None.
            progress: called with the number of articles read so far.
            is_reextract: replace the claims of articles already stored with the same content (after
                an extractor or gazetteer update) instead of skipping them.

        Raises:
            StoreError: the database fails; batches committed before stay.
        """
        return self._store_counting(
            lambda report: run(source, settings=self.settings, gazetteers=self.gazetteers, on_error=report),
            on_error=on_error, progress=progress, is_reextract=is_reextract)

    def ingest_shards(self, folder: str | Path, *, on_error: Callable[[SourceError], None] | None = None,
                      progress: Progress | None = None, is_reextract: bool = False) -> IngestSummary:
        """Store the Parquet shards of a backfill (`armsledger.backfill`) as ingest would store their corpora.

        The shards are read in the order backfill was given them, so the ledger is the one a plain
        ingest of the same corpora builds; loading them again changes nothing.

        Args:
            folder: the backfill's output folder.
            on_error: called with each unfinished or unreadable shard; logged if None.

        Raises:
            StoreError: the database fails; batches committed before stay.
        """
        from armsledger import shards  # here: pyarrow is an optional extra

        return self._store_counting(lambda report: shards.load(folder, on_error=report), on_error=on_error,
                                    progress=progress, is_reextract=is_reextract)

    def _store_counting(self, results: Callable[[Callable[[SourceError], None]], Iterable[Result]], *,
                        on_error: Callable[[SourceError], None] | None, progress: Progress | None,
                        is_reextract: bool) -> IngestSummary:
        """Store the results that results(report) gives, counting the errors reported on the way."""
        errors = 0

        def report(err: SourceError) -> None:
            nonlocal errors
            errors += 1
            if on_error is None:
                log.warning("%s", err)
            else:
                on_error(err)

        summary = self.store_results(results(report), progress=progress, is_reextract=is_reextract,
                                     on_error=report)
        return dataclasses.replace(summary, errors=errors)

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

    def store_results(self, results: Iterable[Result], *, progress: Progress | None = None,
                      is_reextract: bool = False,
                      on_error: Callable[[SourceError], None] | None = None) -> IngestSummary:
        """Store pipeline results in transactions of settings.batch_size articles and reconcile.

        An article whose values its columns cannot hold (an id over 255 characters, a count beyond
        32 bits) is passed to on_error (logged if None) and not stored; the rest of its batch is.
        """
        report = on_error or _log_error
        counts = {"stored": 0, "replaced": 0, "skipped": 0, "duplicate": 0}
        read = claims = syndicated = 0
        touched: set[str] = set()
        batch: list[Result] = []

        def flush() -> None:
            nonlocal claims, syndicated
            with self.store.write() as connection:
                keys: set[str] = set()
                for result in batch:
                    # Every statement on its own sentence, not the per-article folded claims: the
                    # ledger keeps each sentence's figures as evidence.
                    found = result.statements or result.claims
                    try:
                        outcome = store_article(connection, result.document, found,
                                                origin=result.article.origin, is_reextract=is_reextract)
                    except SourceError as err:  # raised before anything of the article is written
                        report(err)
                        continue
                    counts[outcome.outcome] += 1
                    if outcome.outcome in ("stored", "replaced"):
                        claims += len(found)
                        syndicated += outcome.copy_of is not None
                        keys |= outcome.deal_keys
                reconciled = reconcile_groups(connection, keys,
                                              battalions_per_regiment=self.settings.battalions_per_regiment,
                                              categories=self._categories())
                touched.update(item.deal.id for item in reconciled)
            self.store.refresh_statistics(written=len(batch))
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
        return IngestSummary(read, counts["skipped"], counts["duplicate"], syndicated, claims, len(touched),
                             replaced=counts["replaced"])

    def reconcile_all(self) -> int:
        """Reconcile every deal group again from the stored claims (after a rule change); return deals."""
        with self.store.write() as connection:
            return len(reconcile_groups(connection, deal_keys(connection),
                                        battalions_per_regiment=self.settings.battalions_per_regiment,
                                        categories=self._categories()))

    def _categories(self) -> dict[str, str]:
        """System designation, code and family -> category, from the gazetteer (built once per ledger)."""
        if self._category_cache is not None:
            return self._category_cache
        found: dict[str, str] = {}
        self._category_cache = found
        for system in self.gazetteers.systems.values():
            found[system.designation] = system.category
            found.setdefault(system.code, system.category)  # what a claim prints ("C-130J")
            found.setdefault(system.family, system.category)
        return found

    def catalogue_entry(self, name: str) -> System | None:
        """Return the gazetteer's entry for a system id, designation or alias, or None."""
        systems = self.gazetteers.systems
        return systems.get(name) or systems.get(name.lower()) or self.gazetteers.resolve_system(name)

    # -- reading -------------------------------------------------------------------------------

    def deals(self, *, supplier: str | None = None, recipient: str | None = None, system: str | None = None,
              category: str | None = None, status: str | None = None, since: int | None = None,
              until: int | None = None, q: str | None = None, denied: bool | None = None,
              planned: bool | None = None, min_sources: int | None = None, sort: str = "-last_reported",
              limit: int | None = None, offset: int = 0, after: str | None = None, before: str | None = None,
              is_backward: bool = False) -> list[Deal]:
        """Return the deals matching every given filter.

        Args:
            supplier, recipient: ISO 3166-1 alpha-2 codes.
            system: a system or family as the catalogue names it or by any alias (`S400`, `Triumf`,
                `M1A2`): a name the catalogue knows selects its family's deals.
            since, until: years; a deal counts when active in the range.
            q: free text matched against ids, systems and evidence sentences (substring or full-text).
            denied, planned: True keeps deals with a denied (planned) claim, False those without.
            min_sources: keep deals resting on at least this many independent sources.
            sort: one of reads.SORTS, `-` for descending.
            after, before: a deal id: the deals that come after it in this order (before it),
                nearest first: paging by key, which neither repeats nor skips a deal as others arrive.
            is_backward: the deals from the end of the order (the last page), still in order.

        Raises:
            ConfigError: an unknown sort field.
            NotFound: no deal has the id after or before names.
        """
        condition = self._condition(supplier=supplier, recipient=recipient, system=system, category=category,
                                    status=status, since=since, until=until, q=q, denied=denied,
                                    planned=planned, min_sources=min_sources)
        with self.store.read() as connection:
            return reads.page(connection, condition, sort=sort, limit=limit, offset=offset, after=after,
                              before=before, is_backward=is_backward)

    def deal_position(self, deal_id: str, *, sort: str = "-last_reported",
                      **filters: Any) -> int:  # Any: the filter values of deals()
        """Return how many of the deals matching the filters of deals() come before deal_id in this order.

        Raises:
            ConfigError: an unknown sort field.
        """
        with self.store.read() as connection:
            return reads.position(connection, self._condition(**filters), sort=sort, deal_id=deal_id)

    def count_deals(self, **filters: Any) -> int:  # Any: the filter values of deals()
        """Count the deals matching the filters of deals(); sort and paging arguments are ignored.

        Raises:
            TypeError: an argument deals() does not take.
        """
        for paging in ("sort", "limit", "offset"):
            filters.pop(paging, None)
        with self.store.read() as connection:
            scope = tallies.scope_of(connection, filters)
            if scope is not None:
                return tallies.total(connection, scope)
            return reads.count(connection, self._condition(**filters))

    def facets(self, **filters: Any) -> dict[str, list[tuple[str, int]]]:  # Any: the filter values of deals()
        """Count the deals matching the filters of deals() by supplier, recipient, family, status, ... .

        Returns:
            facet name (facets.FACETS) -> (value, deals) pairs, most deals first.
        """
        for paging in ("sort", "limit", "offset"):
            filters.pop(paging, None)
        with self.store.read() as connection:
            scope = tallies.scope_of(connection, filters)
            if scope is not None:  # counted at ingest (tallies.py): the register's first views
                return tallies.facet_counts(connection, scope, max_values=facets.MAX_VALUES)
            return facets.facet_counts(connection, self._condition(**filters))

    def categories(self) -> list[str]:
        """Return the categories of the stored deals, alphabetically."""
        with self.store.read() as connection:
            return tallies.categories(connection)

    def search(self, query: str, *, limit: int = 50,
               offset: int = 0) -> tuple[list[search.ArticleHit], list[search.EvidenceHit]]:
        """Search article text and claim evidence for every word of query, best first.

        Args:
            limit, offset: one page of each list: at most limit hits, after skipping offset.

        Returns:
            the matching articles and the matching claims, each with a snippet marking the words.
        """
        with self.store.read() as connection:
            return (search.search_articles(connection, query, limit=limit, offset=offset),
                    search.search_evidence(connection, query, limit=limit, offset=offset))

    def system_names(self, system: str) -> tuple[str, ...]:
        """Return the names a system filter matches: as typed, and its catalogue entry's designation and family."""
        entry = self.catalogue_entry(system)
        return (system,) if entry is None else tuple(dict.fromkeys((system, entry.designation, entry.code, entry.family)))

    def _condition(self, *, system: str | None = None, q: str | None = None,
                   **filters: Any) -> Condition:  # Any: the filter values of deals()
        text_match = search.evidence_condition(self.store.dialect, q) if q else None
        return reads.deal_filter(system=self.system_names(system) if system else None, q=q,
                                 text_match=text_match, q_state=self._state_named(q) if q else None, **filters)

    def _state_named(self, text: str) -> str | None:
        """Return the code of the state text names in full (`Armenia`, `Türkiye`), or None."""
        folded = text.strip().casefold()
        for state in self.gazetteers.states.values():
            if folded in (state.name.casefold(), *(n.casefold() for n in state.names)):
                return state.code
        return None

    def deal(self, deal_id: str) -> DealDetail:
        """Return one deal with its timeline, figures and denials.

        Raises:
            NotFound: no deal has this id.
        """
        with self.store.read() as connection:
            found = reads.detail(connection, deal_id)
        if found is None:
            raise NotFound(f"no deal {deal_id!r}; list deal ids with `armsledger deals`")
        return found

    def conflicts(self, *, limit: int | None = None, offset: int = 0,
                  is_oldest_first: bool = False) -> list[Conflict]:
        """Return the figures on which independent sources disagree, newest report first (or oldest).

        Args:
            limit, offset: one page of them: at most limit, after skipping offset (None: every one).
        """
        with self.store.read() as connection:
            return reads.conflicts(connection, limit=limit, offset=offset, is_oldest_first=is_oldest_first)

    def count_conflicts(self) -> int:
        """Count the figures on which independent sources disagree."""
        with self.store.read() as connection:
            return reads.count_conflicts(connection)

    def news(self, *, since: str | None = None) -> NewsView:
        """Return the deals, conflicts and denials `armsledger watch` first saw after since (ISO 8601).

        Without since, those of the last poll.

        Raises:
            ConfigError: since is no ISO 8601 time.
        """
        with self.store.read() as connection:
            return watch_state.news(connection, since=since)

    def article(self, article_id: str) -> StoredArticle:
        """Return a stored article: cleaned text, metadata, claims with spans and deal ids.

        Raises:
            NotFound: no article has this id.
        """
        with self.store.read() as connection:
            found = reads.article(connection, article_id)
        if found is None:
            raise NotFound(f"no article {article_id!r} in the ledger; ingest it first")
        return found

    def flows(self, *, since: int | None = None, until: int | None = None,
              category: str | None = None) -> list[Flow]:
        """Return how many deals go from each supplier to each recipient."""
        with self.store.read() as connection:
            scope = tallies.scope_of(connection, {"since": since, "until": until, "category": category})
            if scope is not None:  # counted at ingest (tallies.py)
                return tallies.flows(connection, scope)
            return reads.flows(connection, self._condition(since=since, until=until, category=category))

    def deals_by_year(self, **filters: Any) -> list[YearCount]:  # Any: the filter values of deals()
        """Count the deals matching the filters of deals() by the year first dated and status."""
        for paging in ("sort", "limit", "offset"):
            filters.pop(paging, None)
        with self.store.read() as connection:
            scope = tallies.scope_of(connection, filters)
            if scope is not None:  # counted at ingest (tallies.py)
                return tallies.deals_by_year(connection, scope)
            return overview.deals_by_year(connection, self._condition(**filters))

    def article_index(self, *, sort: str = "-published", limit: int = 50,
                      offset: int = 0) -> tuple[list[ArticleEntry], int]:
        """Return one page of the stored articles with their claim counts, and how many there are.

        Raises:
            ConfigError: an unknown sort field (overview.ARTICLE_SORTS).
        """
        with self.store.read() as connection:
            return (overview.article_index(connection, sort=sort, limit=limit, offset=offset),
                    overview.count_articles(connection))

    def system_index(self, *, sort: str = "-deals", limit: int = 50,
                     offset: int = 0) -> tuple[list[SystemEntry], int]:
        """Return one page of the system families the deals name, and how many there are.

        Raises:
            ConfigError: an unknown sort field (overview.SYSTEM_SORTS).
        """
        with self.store.read() as connection:
            return (overview.system_index(connection, sort=sort, limit=limit, offset=offset),
                    overview.count_systems(connection))

    def system(self, system: str) -> SystemView:
        """Return a system's catalogue facts and its deals.

        Raises:
            NotFound: neither the gazetteer nor any deal knows the system.
        """
        entry = self.catalogue_entry(system)
        found = self.deals(system=entry.family if entry else system, sort="ordered_on")
        if entry is not None and entry.family != entry.designation:
            found = [d for d in found if d.system in (entry.designation, entry.code)] or found
        if entry is None and not found:
            raise NotFound(f"no system {system!r} in the gazetteer or the ledger; check the designation")
        first = found[0] if found else None
        return SystemView(
            system=system,
            designation=entry.designation if entry else first.system if first else None,
            family=entry.family if entry else first.system_family if first else None,
            category=entry.category if entry else first.category if first else None,
            origin=entry.origin if entry else None, deals=found,
        )

    # -- export and SIPRI ------------------------------------------------------------------------

    def export(self, fmt: str, *, stream: IO[str] | None = None, path: Path | None = None,
               **filters: Any) -> int:  # Any: the filter values of deals()
        """Write the deals matching filters as csv, json, parquet (to path) or sipri; return how many.

        The sipri format writes only the deals at ordered or later (export.SIPRI_STATUSES).

        Raises:
            ConfigError: an unknown format, or parquet without a path.
        """
        return _export.export(fmt, rows=self.deal_rows(sort="id", **filters), details=self.deal, stream=stream,
                              path=path, country=self.country_name, delivery_years=self._delivery_years,
                              battalions_per_regiment=self.settings.battalions_per_regiment)

    def deal_rows(self, *, sort: str = "id", limit: int | None = None, offset: int = 0,
                  **filters: Any) -> list[DealRow]:  # Any: the filter values of deals()
        """Return the deals matching filters as flat rows, each figure citing its evidence (deal_row.py).

        Raises:
            ConfigError: an unknown sort field.
        """
        found = self.deals(sort=sort, limit=limit, offset=offset, **filters)
        with self.store.read() as connection:
            figures, sources = provenance.deal_sources(connection, [d.id for d in found])
        return [deal_row(d, figures[d.id], sources[d.id]) for d in found]

    def country_name(self, code: str) -> str:
        """Return the name SIPRI's register prints for an ISO code (`Turkiye`); the code itself if unknown."""
        state = self.gazetteers.states.get(code)
        return _sipri.sipri_spellings().get(code) or (state.name if state else code)

    def _delivery_years(self, deal_id: str) -> list[int]:
        return sorted({int(e.date[:4]) for e in self.deal(deal_id).timeline
                       if e.event in ("delivery", "completion") and not e.denied and not e.planned
                       and e.date and e.date[:4].isdigit()})

    def sipri_import(self, path: str | Path) -> int:
        """Replace the stored SIPRI rows with a trade-register CSV export; return the rows read.

        The file is read in full before the ledger is touched: a bad file changes nothing.

        Raises:
            SourceError: the file is missing or not in SIPRI's trade-register format.
        """
        names: dict[str, str] = {}
        for state in self.gazetteers.states.values():
            names[state.name] = state.code
            names.update((name, state.code) for name in state.names)
        cache: dict[str, str | None] = {}

        def system(designation: str) -> str | None:
            if designation not in cache:
                entry = self.gazetteers.resolve_system(designation)
                cache[designation] = entry.designation if entry else None
            return cache[designation]

        rows = _sipri.read_register(Path(path), country=_sipri.sipri_name_table(names), system=system)
        with self.store.write() as connection:
            sipri_rows.replace_rows(connection, rows, source_file=str(path))
        return len(rows)

    def sipri_diff(self, *, system: str | None = None, supplier: str | None = None,
                   recipient: str | None = None, since: int | None = None,
                   until: int | None = None) -> _compare.SipriDiff:
        """Line the ledger's deals up with SIPRI's rows (`sipri/compare.py`) and list what differs.

        SIPRI rows are those ordered in the window (since, until) of the system families the stored
        claims name (or of `system` alone). Deals are those active in the window, at ordered or later.

        Raises:
            StoreError: no SIPRI register has been imported.
        """
        found = self.deals(system=system, supplier=supplier, recipient=recipient, since=since, until=until,
                           sort="id")
        with self.store.read() as connection:
            if sipri_rows.count_rows(connection) == 0:
                raise StoreError("no SIPRI register in the ledger; run `armsledger sipri import FILE` first")
            rows = sipri_rows.read_rows(connection, supplier=supplier, recipient=recipient, since=since,
                                        until=until)
            per_family, per_parties = sipri_rows.mentions(connection)
        if system:
            entry = self.catalogue_entry(system)
            families = {entry.family if entry else system}
        else:
            families = set(per_family) | {f for d in found for f in [d.system_family or d.system] if f}

        def family_of(designation: str) -> str | None:
            entry = self.catalogue_entry(designation)
            return entry.family if entry else None

        categories = self._categories()
        row_family = _compare.family_index(families, family_of=family_of, category_of=categories.get)
        rows = [r for r in rows if row_family(r) is not None]
        bpr = self.settings.battalions_per_regiment
        pairs, news_only, sipri_only = _compare.line_up(found, rows, row_family=row_family,
                                                        battalions_per_regiment=bpr)
        matches = [_compare.Match(d, r, _compare.compare(d, r, battalions_per_regiment=bpr)) for d, r in pairs]
        cancelled = _compare.line_up_cancelled(found, sipri_only, row_family=row_family, battalions_per_regiment=bpr)
        claimed = {r.line for _, r in cancelled if r is not None}
        sipri_only = [r for r in sipri_only if r.line not in claimed]
        lacking = []
        for row in sipri_only:
            family = row_family(row) or ""
            lacking.append(_compare.SipriOnly(row, per_family.get(family, 0),
                                              per_parties.get((family, row.supplier, row.recipient), 0)))
        lacking.sort(key=lambda item: (-item.articles_with_parties, item.row.line))
        return _compare.SipriDiff(
            matches=matches,
            news_only=[_compare.NewsOnly(d, self.deal(d.id).timeline) for d in news_only],
            sipri_only=lacking,
            differing=[m for m in matches if m.differs],
            cancelled=[_compare.Cancelled(d, r, self._cancellations(d.id)) for d, r in cancelled],
        )

    def _cancellations(self, deal_id: str) -> list[TimelineEvent]:
        """A deal's cancellation sentences, or its whole timeline when it stores none."""
        timeline = self.deal(deal_id).timeline
        return [e for e in timeline if e.event == "cancellation" and not e.denied] or timeline
