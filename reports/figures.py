"""The paper's charts as PNG images for the Word file, drawn with matplotlib from the paper's
own figures (the frozen snapshot of a published paper), so a published paper's charts never
change. The page, print and the PDF draw the same charts as SVG (``measures.charts``).

Each chart reads without colour: a trend marks each quarter's RAG by the marker's shape and
writes the figure beside it; the RAG summary names each bar by its RAG word and fills it with
a pattern as well as a colour. Each comes with its alternative text, and the Word file puts
the same numbers in a table after it.

Only the Agg canvas is used, on a ``Figure`` made for each chart: no pyplot, so no global
figure state is shared between threads.
"""

from __future__ import annotations

import functools
import io
from decimal import Decimal
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from measures.formatting import in_unit

DPI = 120
FONT = {"family": "DejaVu Sans", "size": 8}
INK, GRID = "#1d3557", "#d0d7de"
# RAG: (colour, marker shape, hatch) — the shape and the pattern carry it in black and white.
STYLE = {
    "green": ("#1e6b34", "o", ""),
    "amber": ("#8a5300", "^", "///"),
    "red": ("#a4161a", "s", "xxx"),
    "not_rated": ("#ffffff", "o", "..."),
    "not_received": ("#ffffff", "", "--"),
}


def png_of(figure: Figure) -> bytes:
    """The chart as PNG bytes, drawn on its own Agg canvas."""
    out = io.BytesIO()
    FigureCanvasAgg(figure).print_png(out, pil_kwargs={"compress_level": 3})
    return out.getvalue()


def trend_points(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The quarters of a measure's stored ``history``, oldest first, each with its figure as
    the paper writes it (``text``) and as a number (``number``, None when not available)."""
    points = []
    for point in item.get("history") or []:
        number = None if point["not_available"] or point["value"] is None else float(point["value"])
        text = "Not available" if number is None else in_unit(Decimal(point["value"]), item["unit"])
        points.append({**point, "number": number, "text": text})
    return points


def trend_alt(item: dict[str, Any]) -> str:
    """The trend chart's alternative text: what it shows and where the figures are."""
    points = trend_points(item)
    shown = [p for p in points if p["number"] is not None]
    quarters = f"{len(points)} quarter{'s' if len(points) != 1 else ''}"
    latest = f"; latest figure {shown[-1]['text']} ({shown[-1]['label']})" if shown else ""
    target = item.get("target_text") or "no target"
    return (
        f"Line chart of {item['title']} against its target ({target}): {quarters} from "
        f"{points[0]['label']} to {points[-1]['label']}{latest}. "
        "The figures are in the table after the chart."
    )


def trend_png(item: dict[str, Any]) -> bytes:
    """A measure's figures across its stored quarters (``item["history"]``), the target as a
    dashed line, each quarter's RAG as the marker's shape and its figure written above it."""
    target = item.get("target")
    return _trend_png(
        tuple((p["label"], p["number"], p["text"], p["rag"]) for p in trend_points(item)),
        None if target is None else float(target),
        item.get("target_text") or "",
    )


# Drawing is the slow part of a Word file (tens of milliseconds a chart) and a chart depends
# only on these arguments, so the same chart (an exception shown under its priority too, the
# same quarter's paper built again) is drawn once per process.
@functools.lru_cache(maxsize=512)
def _trend_png(
    points: tuple[tuple[str, float | None, str, str], ...], target: float | None, target_text: str
) -> bytes:
    figure = Figure(figsize=(6.2, 2.4), dpi=DPI)
    # fixed margins (in inches) rather than a layout engine: several times faster
    figure.subplots_adjust(left=0.6 / 6.2, right=0.98, bottom=0.3 / 2.4, top=0.95)
    axes = figure.add_subplot()
    xs = list(range(len(points)))
    run_x, run_y = [], []
    for x, (_label, number, text, rag) in zip(xs, points, strict=True):
        if number is None:  # a gap in the line where a figure was not available
            axes.plot(run_x, run_y, color=INK, linewidth=1.8)
            run_x, run_y = [], []
            axes.annotate("n/a", (x, 0), textcoords="offset points", xytext=(0, 4), **_font())
            continue
        run_x.append(x)
        run_y.append(number)
        colour, marker, _ = STYLE.get(rag, STYLE["not_rated"])
        axes.plot(
            [x],
            [number],
            marker=marker or "o",
            markersize=8,
            color=colour,
            markeredgecolor=INK if colour == "#ffffff" else colour,
            zorder=3,
        )
        axes.annotate(
            text,
            (x, number),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            **_font(),
        )
    axes.plot(run_x, run_y, color=INK, linewidth=1.8)
    if target is not None:
        axes.axhline(target, color=INK, linestyle=(0, (6, 4)), linewidth=1.2)
        axes.annotate(
            f"Target {target_text}",
            (1, target),
            xycoords=("axes fraction", "data"),
            textcoords="offset points",
            xytext=(-2, 3),
            ha="right",
            fontweight="bold",
            **_font(),
        )
    axes.set_xticks(xs, [point[0] for point in points], **_font())
    axes.set_xlim(-0.5, len(points) - 0.5)
    low, high = axes.get_ylim()
    axes.set_ylim(min(0, low), high + (high - min(0, low)) * 0.15)
    axes.tick_params(labelsize=FONT["size"])
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return png_of(figure)


def rag_alt(paper: dict[str, Any]) -> str:
    parts = [
        f"Priority {priority['order']}: "
        + ", ".join(f"{row['count']} {row['label'].lower()}" for row in priority["rag_counts"])
        for priority in paper["priorities"]
        if priority["rag_counts"]
    ]
    return (
        "Bar chart of the measures at each RAG rating, by priority. "
        + "; ".join(parts)
        + ". The same counts are in the table after the chart."
    )


def rag_png(paper: dict[str, Any]) -> bytes:
    """The plan's RAG summary: for each priority a block of bars, one a RAG rating, each named
    by its RAG word, patterned by rating and ending in its count."""
    priorities = [p for p in paper["priorities"] if p["rag_counts"]]
    rows = sum(len(p["rag_counts"]) + 1 for p in priorities)
    height = 0.7 + 0.2 * rows
    figure = Figure(figsize=(6.2, height), dpi=DPI)
    figure.subplots_adjust(left=1.0 / 6.2, right=0.97, bottom=0.5 / height, top=1 - 0.1 / height)
    axes = figure.add_subplot()
    y, ticks, labels = 0, [], []
    most = max((row["count"] for p in priorities for row in p["rag_counts"]), default=0) or 1
    for priority in priorities:
        ticks.append(y)
        labels.append(f"Priority {priority['order']}")
        y += 1
        for row in priority["rag_counts"]:
            colour, _, hatch = STYLE.get(row["rag"], STYLE["not_rated"])
            axes.barh(
                y, row["count"], height=0.7, color=colour, edgecolor=INK, hatch=hatch, linewidth=0.8
            )
            axes.annotate(
                str(row["count"]),
                (row["count"], y),
                textcoords="offset points",
                xytext=(4, 0),
                va="center",
                **_font(),
            )
            ticks.append(y)
            labels.append(row["label"])
            y += 1
    axes.set_yticks(ticks, labels, **_font())
    for tick, label in zip(axes.get_yticklabels(), labels, strict=True):
        if label.startswith("Priority "):
            tick.set_fontweight("bold")
    axes.invert_yaxis()
    axes.set_xlim(0, most * 1.15)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(labelsize=FONT["size"])
    axes.set_xlabel("Number of measures", **_font())
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return png_of(figure)


def _font() -> dict[str, Any]:
    return {"fontfamily": FONT["family"], "fontsize": FONT["size"]}
