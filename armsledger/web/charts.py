"""Geometry for the server-rendered charts: a deal's timeline and the supplier -> recipient matrix.

Functions here compute coordinates only; templates turn them into SVG and tables, so every label
passes through Jinja's escaping.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from armsledger.ledger_models import Flow, TimelineEvent
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

    step = max(1, math.ceil((end - start) / MAX_TICKS))
    ticks = [(x_of(y), str(y)) for y in range(start, end + 1, step)]
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
    column_totals = {c: sum(n for (_, r), n in counts.items() if r == c) for c in column_names}
    ordered = sorted(flows, key=lambda f: (-f.deals, f.supplier, f.recipient))
    return FlowMatrix(suppliers, column_names, dict(counts), heat, dict(rows), column_totals, ordered, folded)
