"""Geometry for the server-rendered charts: a deal's timeline, the supplier -> recipient matrix and
the deals by year and status.

Functions here compute coordinates only; templates turn them into SVG and tables, so every label
passes through Jinja's escaping.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote_plus

from armsledger.ledger_models import STATUSES, Flow, TimelineEvent, YearCount
from armsledger.models import EVENTS

CHART_WIDTH_PX = 960
LABEL_WIDTH_PX = 112
RIGHT_PAD_PX = 24
AXIS_HEIGHT_PX = 26
LANE_HEIGHT_PX = 36
STACK_STEP_PX = 9
"""Vertical offset between markers that fall on the same spot of one lane (kept within the lane)."""
MAX_TICKS = 12
MAX_MATRIX_COLUMNS = 40
"""More recipients than this are folded into one `other` column; the list below the matrix has all."""
HEAT_LEVELS = 5


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim on the timeline: a marker at x, and the span [x0, x1] its date's precision covers."""

    x: float
    y: float
    x0: float
    x1: float
    event: TimelineEvent


@dataclass(frozen=True, slots=True)
class Timeline:
    """A deal's timeline laid out on a time axis, one lane per event type."""

    width: int
    height: int
    left: int
    right: int
    lanes: list[tuple[str, float]]
    ticks: list[tuple[float, str]]
    marks: list[Mark]
    undated: list[TimelineEvent]


def timeline(events: Sequence[TimelineEvent]) -> Timeline:
    """Lay out a deal's events on a time axis: x by date, one lane per event type in EVENTS order."""
    dated = [(e, _interval(e.date)) for e in events]
    placed = [(e, span) for e, span in dated if span is not None]
    undated = [e for e, span in dated if span is None]
    kinds = [k for k in EVENTS if any(e.event == k for e, _ in placed)]
    kinds += sorted({e.event for e, _ in placed} - set(kinds))
    lanes = [(k, AXIS_HEIGHT_PX + LANE_HEIGHT_PX * (i + 0.5)) for i, k in enumerate(kinds)]
    height = AXIS_HEIGHT_PX + LANE_HEIGHT_PX * max(len(kinds), 1) + 8
    right = CHART_WIDTH_PX - RIGHT_PAD_PX
    if not placed:
        return Timeline(CHART_WIDTH_PX, height, LABEL_WIDTH_PX, right, lanes, [], [], undated)
    start = math.floor(min(lo for _, (lo, _) in placed))
    end = max(math.ceil(max(hi for _, (_, hi) in placed)), start + 1)

    def x_of(year: float) -> float:
        return round(LABEL_WIDTH_PX + (year - start) / (end - start) * (right - LABEL_WIDTH_PX), 1)

    ticks = [(x_of(y), str(y)) for y in range(start, end + 1, _tick_step(end - start))]
    lane_y = dict(lanes)
    taken: dict[tuple[str, int], int] = defaultdict(int)
    marks = []
    for event, (lo, hi) in sorted(placed, key=lambda p: p[1]):
        x = x_of((lo + hi) / 2)
        slot = (event.event, round(x / (STACK_STEP_PX * 2)))
        stacked = taken[slot]
        taken[slot] += 1
        offset = min(STACK_STEP_PX * ((stacked + 1) // 2), LANE_HEIGHT_PX // 2 - 4) * (1 if stacked % 2 else -1)
        marks.append(Mark(x, lane_y[event.event] + offset, x_of(lo), x_of(hi), event))
    return Timeline(CHART_WIDTH_PX, height, LABEL_WIDTH_PX, right, lanes, ticks, marks, undated)


def _tick_step(span: int) -> int:
    """Return the step between labelled years so that at most MAX_TICKS labels cover span years."""
    return max(1, math.ceil(span / MAX_TICKS))


def _interval(date: str | None) -> tuple[float, float] | None:
    """Return the years [start, end) an ISO date at its precision covers, or None without a year."""
    if not date or date.startswith("--") or not date[:4].isdigit():
        return None
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    year = float(parts[0])
    if len(parts) == 1:
        return year, year + 1
    month_start = year + (parts[1] - 1) / 12
    if len(parts) == 2:
        return month_start, month_start + 1 / 12
    day = month_start + (parts[2] - 1) / 365
    return day, day + 1 / 365


@dataclass(frozen=True, slots=True)
class FlowMatrix:
    """Deal counts by supplier (rows) and recipient (columns), with totals and heat levels."""

    suppliers: list[str]
    recipients: list[str]
    counts: dict[tuple[str, str], int]
    heat: dict[tuple[str, str], int]
    row_totals: dict[str, int]
    column_totals: dict[str, int]
    flows: list[Flow]
    folded: int
    """How many recipients were folded into the `other` column."""


OTHER = "other"


def flow_matrix(flows: Sequence[Flow]) -> FlowMatrix:
    """Arrange flows as a matrix: the busiest suppliers and recipients first."""
    rows: dict[str, int] = defaultdict(int)
    columns: dict[str, int] = defaultdict(int)
    for f in flows:
        rows[f.supplier] += f.deals
        columns[f.recipient] += f.deals
    suppliers = sorted(rows, key=lambda s: (-rows[s], s))
    recipients = sorted(columns, key=lambda r: (-columns[r], r))
    shown = set(recipients[:MAX_MATRIX_COLUMNS])
    folded = len(recipients) - len(shown)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for f in flows:
        counts[(f.supplier, f.recipient if f.recipient in shown else OTHER)] += f.deals
    top = max(counts.values(), default=1)
    heat = {key: 1 + min(HEAT_LEVELS - 1, int(HEAT_LEVELS * math.log1p(n) / math.log1p(top + 1)))
            for key, n in counts.items()}
    column_names = recipients[:MAX_MATRIX_COLUMNS] + ([OTHER] if folded else [])
    column_totals = dict.fromkeys(column_names, 0)
    for (_, recipient), n in counts.items():
        column_totals[recipient] += n
    ordered = sorted(flows, key=lambda f: (-f.deals, f.supplier, f.recipient))
    return FlowMatrix(suppliers, column_names, dict(counts), heat, dict(rows), column_totals, ordered, folded)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the flow matrix as the page shows it: the count, its heat level and the register's address."""

    deals: int = 0
    heat: int = 0
    href: str = ""
    """The register filtered to this supplier and recipient; empty for the `other` column."""


EMPTY_CELL = Cell()


def matrix_cells(matrix: FlowMatrix, suppliers: Sequence[str], query: str) -> list[list[Cell]]:
    """Return the cells of the rows of these suppliers, each linking the register with query appended.

    Computed here, not looked up cell by cell in the template: a page's 50 rows of 41 columns
    took 80 ms to render that way (benchmarks/page_cost.py).
    """
    quoted = {code: quote_plus(code) for code in (*suppliers, *matrix.recipients)}
    rows = []
    for supplier in suppliers:
        row = []
        for recipient in matrix.recipients:
            n = matrix.counts.get((supplier, recipient))
            if not n:
                row.append(EMPTY_CELL)
                continue
            href = "" if recipient == OTHER else f"/?supplier={quoted[supplier]}&recipient={quoted[recipient]}{query}"
            row.append(Cell(n, matrix.heat[(supplier, recipient)], href))
        rows.append(row)
    return rows


BAR_CHART_HEIGHT_PX = 300
BAR_LEFT_PX = 44
"""Room for the count axis's labels."""
BAR_TOP_PX = 22
"""Room above the tallest bar for its total."""
BAR_MAX_BAND_PX = 64
BAR_MIN_WIDTH_PX = 360
BAR_GAP = 0.2
"""Share of each year's band left empty between bars."""
SEGMENT_LABEL_MIN_PX = 15
"""A status segment shorter than this carries no count label (11 px text); the table has every count."""
TOTAL_LABEL_MIN_BAND_PX = 18
"""Narrower bands (many years) carry no total above the bar: three digits of 10 px text need this."""
COUNT_TICKS = 4


@dataclass(frozen=True, slots=True)
class Segment:
    """The deals of one status within a year's bar."""

    status: str
    deals: int
    y: float
    height: float
    is_labelled: bool


@dataclass(frozen=True, slots=True)
class Bar:
    """One year's bar: its segments stacked in STATUSES order from the axis up."""

    year: int
    x: float
    width: float
    total: int
    top: float
    segments: list[Segment]
    is_labelled: bool
    """Whether the axis names this year (every year, or every n-th when there are many)."""
    has_total_label: bool


@dataclass(frozen=True, slots=True)
class YearChart:
    """Deals by year and status as a stacked bar chart, with the table of the same numbers."""

    width: int
    height: int
    left: int
    right: int
    baseline: float
    bars: list[Bar]
    count_ticks: list[tuple[float, str]]
    statuses: list[str]
    rows: list[tuple[int, dict[str, int], int]]
    """(year, deals by status, total) for every year from the first to the last, empty ones too."""
    undated: dict[str, int]
    """Deals with no date at all, by status: counted in the table, not drawn."""
    status_totals: dict[str, int]
    total: int


def over_time(counts: Sequence[YearCount]) -> YearChart:
    """Lay out deal counts by year and status as stacked bars, one per year from first to last."""
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    undated: dict[str, int] = {}
    for c in counts:
        target = undated if c.year is None else by_year[c.year]
        target[c.status] = target.get(c.status, 0) + c.deals
    present = {c.status for c in counts}
    statuses = [s for s in STATUSES if s in present] + sorted(present - set(STATUSES))
    years = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    rows = [(y, by_year.get(y, {}), sum(by_year.get(y, {}).values())) for y in years]
    status_totals = {s: sum(c.deals for c in counts if c.status == s) for s in statuses}
    width = max(BAR_MIN_WIDTH_PX, min(CHART_WIDTH_PX, BAR_LEFT_PX + RIGHT_PAD_PX + BAR_MAX_BAND_PX * len(years)))
    right = width - RIGHT_PAD_PX
    baseline = BAR_CHART_HEIGHT_PX - AXIS_HEIGHT_PX
    step = _count_step(max((t for _, _, t in rows), default=0))
    scale_top = step * max(1, math.ceil(max((t for _, _, t in rows), default=0) / step))

    def y_of(n: float) -> float:
        return round(baseline - n / scale_top * (baseline - BAR_TOP_PX), 1)

    band = (right - BAR_LEFT_PX) / max(len(years), 1)
    label_step = _tick_step(len(years) - 1)
    bars = []
    for i, (year, by_status, year_total) in enumerate(rows):
        segments, below = [], 0
        is_mixed = len(by_status) > 1  # a bar of one status says its count once, above it
        for status in statuses:
            n = by_status.get(status, 0)
            if n:
                top = y_of(below + n)
                height = round(y_of(below) - top, 1)
                segments.append(Segment(status, n, top, height, is_mixed and height >= SEGMENT_LABEL_MIN_PX))
                below += n
        x = round(BAR_LEFT_PX + band * (i + BAR_GAP / 2), 1)
        bars.append(Bar(year, x, round(band * (1 - BAR_GAP), 1), year_total, y_of(year_total), segments,
                        i % label_step == 0, year_total > 0 and band >= TOTAL_LABEL_MIN_BAND_PX))
    ticks = [(y_of(n), str(n)) for n in range(0, scale_top + 1, step)]
    return YearChart(width, BAR_CHART_HEIGHT_PX, BAR_LEFT_PX, right, baseline, bars, ticks, statuses, rows,
                     undated, status_totals, sum(status_totals.values()))


def _count_step(top: int) -> int:
    """Return a round step (1, 2, 5, 10, 20, ...) that divides 0..top into about COUNT_TICKS parts."""
    wanted = max(1.0, top / COUNT_TICKS)
    magnitude = 10 ** math.floor(math.log10(wanted))
    return next(int(m * magnitude) for m in (1, 2, 5, 10) if m * magnitude >= wanted)
