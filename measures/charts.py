"""The trend chart on a measure's page: values against target across quarters, laid out here
and drawn as server-rendered SVG (no script, no inline styles), with the same numbers in a
table beside it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from measures.formatting import in_unit
from measures.models import Measure, Rag, Return

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 56


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: Decimal | None
    text: str
    rag: str
    rag_label: str
    x: float
    y: float | None


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[ChartPoint]
    ticks: list[tuple[float, str]]
    target_y: float | None
    target_text: str
    line: str  # the polyline's points; gaps where a figure was not available are split
    segments: list[str]
    summary: str


def _nice_step(span: float) -> float:
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if raw <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def trend_chart(measure: Measure, returns: list[Return]) -> TrendChart | None:
    """The chart of ``returns`` (any order) for ``measure``, oldest quarter on the left; None
    when there is nothing to draw."""
    ordered = sorted(returns, key=lambda ret: ret.period.start_date)
    if not ordered:
        return None
    values = [float(ret.value) for ret in ordered if ret.value is not None]
    if measure.target is not None:
        values.append(float(measure.target))
    if not values:
        values = [0.0]
    low = min(0.0, *values)
    high = max(values)
    if measure.unit == Measure.Unit.PERCENTAGE:
        low, high = 0.0, 100.0
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return round(TOP + plot_h * (1 - (value - low) / (high - low)), 1)

    count = len(ordered)
    points = []
    for index, ret in enumerate(ordered):
        x = round(LEFT + (plot_w * (index + 0.5) / count), 1)
        value = None if ret.not_available else ret.value
        points.append(
            ChartPoint(
                label=ret.period.label,
                value=value,
                text="Not available" if value is None else in_unit(value, measure.unit),
                rag=ret.rag,
                rag_label=Rag(ret.rag).label,
                x=x,
                y=None if value is None else y_of(float(value)),
            )
        )
    segments, current = [], []
    for point in points:
        if point.y is None:
            if current:
                segments.append(" ".join(current))
            current = []
        else:
            current.append(f"{point.x},{point.y}")
    if current:
        segments.append(" ".join(current))

    ticks = []
    tick = low
    while tick <= high + step / 1000:
        ticks.append((y_of(tick), in_unit(Decimal(str(round(tick, 2))), measure.unit)))
        tick += step
    target_text = in_unit(measure.target, measure.unit) if measure.target is not None else ""
    shown = [p for p in points if p.value is not None]
    summary = (
        f"{len(points)} quarter{'s' if len(points) != 1 else ''} from {points[0].label} to "
        f"{points[-1].label}"
        + (f"; latest figure {shown[-1].text} ({shown[-1].label})" if shown else "")
        + (f"; target {target_text}" if target_text else "; no target")
        + ". The same figures are in the table that follows."
    )
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
        points=points,
        ticks=ticks,
        target_y=y_of(float(measure.target)) if measure.target is not None else None,
        target_text=target_text,
        line=" ".join(segments),
        segments=segments,
        summary=summary,
    )


# --- RAG distribution, for the progress report ------------------------------------------------

RAG_BAR_LABEL_WIDTH = 112
RAG_BAR_ROW = 20
RAG_BAR_GROUP_HEAD = 26
RAG_BAR_GROUP_GAP = 14


@dataclass(frozen=True)
class RagBar:
    rag: str  # a Rag value, or "not_received"
    label: str
    count: int
    y: float
    width: float
    text_x: float


@dataclass(frozen=True)
class RagGroup:
    title: str
    y: float  # the top of the group's title
    bars: list[RagBar]
    axis_top: float
    axis_bottom: float


@dataclass(frozen=True)
class RagDistributionChart:
    width: int
    height: int
    left: int
    right: int
    groups: list[RagGroup]
    summary: str


def rag_distribution_chart(
    groups: list[tuple[str, list[tuple[str, str, int]]]],
) -> RagDistributionChart | None:
    """Horizontal bars of how many measures stand at each RAG, one block of bars per group
    (a priority), each bar named by its RAG word so that the chart reads without colour.
    ``groups`` is [(title, [(rag, label, count), ...]), ...]; None when there is no group."""
    if not groups:
        return None
    most = max((count for _, bars in groups for _, _, count in bars), default=0) or 1
    plot = WIDTH - RAG_BAR_LABEL_WIDTH - 48
    laid_out, y = [], 8.0
    for title, bars in groups:
        top = y
        y += RAG_BAR_GROUP_HEAD
        rows = []
        for rag, label, count in bars:
            width = round(plot * count / most, 1)
            rows.append(
                RagBar(
                    rag=rag,
                    label=label,
                    count=count,
                    y=y,
                    width=width,
                    text_x=round(RAG_BAR_LABEL_WIDTH + width + 6, 1),
                )
            )
            y += RAG_BAR_ROW
        laid_out.append(
            RagGroup(
                title=title, y=top, bars=rows, axis_top=top + RAG_BAR_GROUP_HEAD, axis_bottom=y
            )
        )
        y += RAG_BAR_GROUP_GAP
    summary = " ".join(
        f"{title}: " + ", ".join(f"{count} {label.lower()}" for _, label, count in bars) + "."
        for title, bars in groups
    )
    return RagDistributionChart(
        width=WIDTH,
        height=int(y),
        left=RAG_BAR_LABEL_WIDTH,
        right=WIDTH - 48,
        groups=laid_out,
        summary=summary + " The same counts are in the table that follows.",
    )
