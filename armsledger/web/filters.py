"""The register's filters, read from a query string once and shared by pages, CSV and the JSON API."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from armsledger.ledger_models import STATUSES
from armsledger.store.reads import SORTS as DEAL_SORTS
from armsledger.web.errors import BadRequest

SORTS: tuple[str, ...] = tuple(
    order for field in DEAL_SORTS if field != "id" for order in ("-" + field, field)
)
"""Orders the register offers: the ledger's sort fields, a leading `-` for descending."""
DEFAULT_SORT = "-last_reported"

PAGE_SIZES: tuple[int, ...] = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
MAX_TEXT_CHARS = 200
"""Longer filter values are refused: no name in the catalogues is near this long."""
MAX_RESULT_OFFSET = 10_000
"""Search results past this are not paged to: each page reads every result before it (refine the words instead)."""
MAX_ID_CHARS = 255
"""The longest deal id (store/tables.py ID): a longer `after` or `before` is refused."""
PAGING = ("sort", "limit", "offset", "after", "before")
"""DealFilters fields that place a page, not select deals."""
YEAR_RANGE = (1900, 2100)
MAX_SOURCES = 99
YES_NO = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


@dataclass(frozen=True, slots=True)
class DealFilters:
    """What the user asked the register for: filters, order, and the page."""

    supplier: str | None = None
    recipient: str | None = None
    system: str | None = None
    category: str | None = None
    status: str | None = None
    since: int | None = None
    until: int | None = None
    q: str | None = None
    denied: bool | None = None
    planned: bool | None = None
    min_sources: int | None = None
    sort: str = DEFAULT_SORT
    limit: int = DEFAULT_PAGE_SIZE
    offset: int = 0
    after: str | None = None
    """A deal id: the page starts after it (keyset paging; see Ledger.deals)."""
    before: str | None = None
    """A deal id: the page ends before it."""

    def where(self) -> dict[str, object]:
        """Return the keyword arguments that select deals: `Ledger.count_deals(**where)`."""
        return {k: getattr(self, k) for k in _FILTER_FIELDS}

    def restart(self, **changes: object) -> str:
        """Return the query string of this view from its first page, with some fields changed."""
        return self.query(**{"offset": 0, "after": None, "before": None, **changes})

    def query(self, **changes: object) -> str:
        """Return the query string of this view with some fields changed, empty fields left out."""
        # A register page links to a hundred views of itself (facets, sorts, pages): the fields are
        # read by name rather than through dataclasses.asdict and replace, which copy each value deeply
        # and took 60% of the page's render (benchmarks/page_cost.py).
        unknown = changes.keys() - _FIELD_DEFAULTS.keys()
        if unknown:
            raise TypeError(f"DealFilters has no field {min(unknown)!r}")
        pairs = []
        for name, default in _FIELD_DEFAULTS.items():
            value = changes[name] if name in changes else getattr(self, name)
            if value is not None and value != "" and value != default:
                pairs.append((name, ("yes" if value else "no") if isinstance(value, bool) else value))
        return urlencode(pairs)

    def facet_query(self, facet: str, value: str) -> str:
        """Return the query string of this view narrowed to one facet value (facets.facet_counts)."""
        if facet == "sources":
            return self.restart(min_sources=int(value.rstrip("+")))
        if facet == "year":
            return self.restart(since=int(value), until=int(value))
        if facet in ("denied", "planned"):
            return self.restart(**{facet: True})
        return self.restart(**{"system" if facet == "system_family" else facet: value})

    def is_facet_chosen(self, facet: str, value: str) -> bool:
        """Whether the view is already narrowed to this facet value."""
        if facet == "sources":
            return self.min_sources == int(value.rstrip("+"))
        if facet == "year":
            return self.since == self.until == int(value)
        if facet in ("denied", "planned"):
            return bool(getattr(self, facet))
        chosen = getattr(self, "system" if facet == "system_family" else facet)
        return chosen is not None and str(chosen).lower() == value.lower()

    @property
    def is_filtered(self) -> bool:
        """Whether any filter (not only order or page) is set."""
        return any(v is not None for v in self.where().values())


_FIELD_DEFAULTS: dict[str, object] = {f.name: f.default for f in fields(DealFilters)}
"""Each field of DealFilters and its default, in the order a query string lists them."""
_FILTER_FIELDS = tuple(name for name in _FIELD_DEFAULTS if name not in PAGING)


async def deal_filters(
    request: Request,
    supplier: str | None = Query(None, description="Supplier state: ISO 3166-1 alpha-2 code or name (RU, Russia)."),
    recipient: str | None = Query(None, description="Recipient state: ISO 3166-1 alpha-2 code or name (TR, Turkey)."),
    system: str | None = Query(None, description="Weapon system or family designation (S-400)."),
    category: str | None = Query(None, description="System category (air defence, aircraft, ...)."),
    status: str | None = Query(None, description="One of: " + ", ".join(STATUSES) + "."),
    since: str | None = Query(None, description="First year, inclusive (2017)."),
    until: str | None = Query(None, description="Last year, inclusive (2020)."),
    q: str | None = Query(None, description="Full-text search over parties, systems and evidence."),
    denied: str | None = Query(None, description="yes: only deals with a claim a source denies; no: none."),
    planned: str | None = Query(None, description="yes: only deals with a claim stated as planned; no: none."),
    min_sources: str | None = Query(None, description="Only deals resting on at least this many independent "
                                    "sources (1 to 99)."),
    sort: str | None = Query(None, description="One of: " + ", ".join(SORTS) + "."),
    limit: str | None = Query(None, description="Rows per page: " + ", ".join(map(str, PAGE_SIZES)) + "."),
    offset: str | None = Query(None, description="Rows to skip."),
    after: str | None = Query(None, description="A deal id: the page starts after it in this order (paging by "
                              "key: next pages neither repeat nor skip deals)."),
    before: str | None = Query(None, description="A deal id: the page ends before it in this order."),
) -> DealFilters:
    """Read and check the register's query parameters; empty form fields count as absent.

    Raises:
        BadRequest: a value out of range or not one of the valid choices.
    """
    chosen_sort = _text("sort", sort) or DEFAULT_SORT
    if chosen_sort not in SORTS:
        raise BadRequest(f"sort: unknown order {chosen_sort!r}; valid orders: {', '.join(SORTS)}")
    chosen_status = _text("status", status)
    if chosen_status is not None and chosen_status not in STATUSES:
        raise BadRequest(f"status: unknown status {chosen_status!r}; valid statuses: {', '.join(STATUSES)}")
    first, last = year_range(since, until)
    page_size = _whole("limit", limit, 1, max(PAGE_SIZES)) or DEFAULT_PAGE_SIZE
    if _text("after", after) and _text("before", before):
        raise BadRequest("after and before: a page starts after one deal or ends before one; give one of them")
    return DealFilters(
        supplier=_state(request, _text("supplier", supplier)), recipient=_state(request, _text("recipient", recipient)),
        system=_text("system", system), category=_text("category", category), status=chosen_status,
        since=first, until=last,
        q=_text("q", q), denied=_yes_no("denied", denied), planned=_yes_no("planned", planned),
        min_sources=_whole("min_sources", min_sources, 1, MAX_SOURCES), sort=chosen_sort, limit=page_size,
        offset=_whole("offset", offset, 0, 10**9) or 0, after=_text("after", after, MAX_ID_CHARS),
        before=_text("before", before, MAX_ID_CHARS),
    )


@dataclass(frozen=True, slots=True)
class IndexPage:
    """One page of an index (articles, systems): its order, size and first row."""

    sort: str
    limit: int
    offset: int = 0

    def query(self, **changes: object) -> str:
        """Return the query string of this page with some fields changed."""
        return urlencode(asdict(replace(self, **changes)))  # type: ignore[arg-type]  # IndexPage fields


def index_page(sorts: Sequence[str], default: str) -> Callable[..., Awaitable[IndexPage]]:
    """Return a route dependency reading `sort` (a field of sorts, `-` for descending), `limit`, `offset`.

    Raises (from the dependency):
        BadRequest: an unknown order or a number out of range.
    """
    orders = tuple(order for field in sorts for order in ("-" + field, field))

    async def read(sort: str | None = Query(None, description="One of: " + ", ".join(orders) + "."),
                   limit: str | None = Query(None, description="Rows per page: "
                                             + ", ".join(map(str, PAGE_SIZES)) + "."),
                   offset: str | None = Query(None, description="Rows to skip.")) -> IndexPage:
        chosen = _text("sort", sort) or default
        if chosen not in orders:
            raise BadRequest(f"sort: unknown order {chosen!r}; valid orders: {', '.join(orders)}")
        return IndexPage(chosen, _whole("limit", limit, 1, max(PAGE_SIZES)) or DEFAULT_PAGE_SIZE,
                         _whole("offset", offset, 0, 10**9) or 0)

    return read


async def result_offset(offset: str | None = Query(None, description="Results to skip (a multiple of the page "
                                                  "size).")) -> int:
    """Read the `offset` of a page of search results.

    Raises (from the dependency):
        BadRequest: an offset that is not a whole number up to MAX_RESULT_OFFSET.
    """
    return _whole("offset", offset, 0, MAX_RESULT_OFFSET) or 0


def year_range(since: str | None, until: str | None) -> tuple[int | None, int | None]:
    """Read a `since`/`until` pair of years, either may be empty.

    Raises:
        BadRequest: a year that is not a whole number in YEAR_RANGE.
    """
    return _whole("since", since, *YEAR_RANGE), _whole("until", until, *YEAR_RANGE)


def _state(request: Request, text: str | None) -> str | None:
    """Read a state given by code, name or demonym (`RU`, `Russia`, `Russian`) as its code."""
    return None if text is None else str(request.app.state.states.code(text))


def _text(name: str, value: str | None, longest: int = MAX_TEXT_CHARS) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > longest:
        raise BadRequest(f"{name}: longer than {longest} characters; shorten it")
    return value.strip()


def _yes_no(name: str, value: str | None) -> bool | None:
    text = _text(name, value)
    if text is None:
        return None
    if text.lower() not in YES_NO:
        raise BadRequest(f"{name}: expected yes or no, got {text!r}")
    return YES_NO[text.lower()]


def _whole(name: str, value: str | None, low: int, high: int) -> int | None:
    text = _text(name, value)
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise BadRequest(f"{name}: expected a whole number from {low} to {high}, got {text!r}")
    return int(text)


View = Annotated[DealFilters, Depends(deal_filters)]
"""A route parameter of this type receives the register's checked filters."""
ResultOffset = Annotated[int, Depends(result_offset)]
"""A route parameter of this type receives the offset of the page of search results asked for."""
ConflictPage = Annotated[IndexPage, Depends(index_page(("reported_on",), "-reported_on"))]
"""A route parameter of this type receives the page of conflicts asked for, by date reported."""
