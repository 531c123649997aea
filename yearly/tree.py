"""The governance tree's drawing: a small tidy tree laid out in Python from the paper's bodies
(``yearly.paper._governance``, each with its ``children``), frozen with the rest of the paper.

Each leaf takes the next slot from the left; a parent stands centred over its first and last
child; each level of depth is one row. Boxes are all one size, so two boxes of a row never
overlap when their slots differ. The page draws the layout as an inline SVG (with the nested
list as its text alternative), the PDF the same SVG, and the Word file a PNG of it
(``tree_png``) with alternative text (``tree_alt``).
"""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from reports.figures import DPI, INK, png_of

BOX_W, BOX_H = 168, 64  # a box, in SVG user units (px)
GAP_X, GAP_Y = 16, 40  # between boxes side by side, and between rows
MARGIN = 8
WRAP = 20  # characters a line of a body's name (bold 12px fits the box)
MAX_LINES = 2
LINE = 16  # a line of text in the SVG box


def _lines(name: str) -> list[str]:
    lines = textwrap.wrap(name, WRAP) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], textwrap.shorten(" ".join(lines[MAX_LINES - 1 :]), WRAP)]
    return lines


def layout(bodies: list[dict[str, Any]]) -> dict[str, Any]:
    """The positions of ``bodies`` (roots side by side): ``{"width", "height", "nodes",
    "edges", "alt"}``; each node ``{"name", "kind", "lines", "depth", "parent", "x", "y", "w",
    "h", "cx", "ty"}`` (``x, y`` its top-left corner, ``cx`` its centre, ``ty`` its first
    line's baseline, ``parent`` the index of its parent's node or None) and each edge from a
    parent's bottom to a child's top."""
    nodes: list[dict[str, Any]] = []
    next_slot = 0

    def place(body: dict[str, Any], depth: int, parent: int | None) -> float:
        nonlocal next_slot
        index = len(nodes)
        nodes.append(
            {
                "name": body["name"],
                "kind": body["kind"],
                "lines": _lines(body["name"]),
                "depth": depth,
                "parent": parent,
            }
        )
        slots = [place(child, depth + 1, index) for child in body["children"]]
        if slots:
            slot = (slots[0] + slots[-1]) / 2
        else:
            slot = next_slot
            next_slot += 1
        nodes[index]["slot"] = slot
        return slot

    for body in bodies:
        place(body, 0, None)
    for node in nodes:
        node["x"] = round(MARGIN + node.pop("slot") * (BOX_W + GAP_X), 1)
        node["y"] = MARGIN + node["depth"] * (BOX_H + GAP_Y)
        node["w"], node["h"] = BOX_W, BOX_H
        node["cx"] = round(node["x"] + BOX_W / 2, 1)
        # the first line's baseline: the name's lines and the kind's centred in the box
        node["ty"] = node["y"] + (BOX_H - LINE * (len(node["lines"]) + 1)) // 2 + 12
    edges = [
        {
            "x1": nodes[node["parent"]]["cx"],
            "y1": nodes[node["parent"]]["y"] + BOX_H,
            "x2": node["cx"],
            "y2": node["y"],
        }
        for node in nodes
        if node["parent"] is not None
    ]
    depth = max((node["depth"] for node in nodes), default=-1) + 1
    tree = {
        "width": 2 * MARGIN + max(next_slot, 1) * (BOX_W + GAP_X) - GAP_X,
        "height": 2 * MARGIN + max(depth, 1) * (BOX_H + GAP_Y) - GAP_Y,
        "nodes": nodes,
        "edges": edges,
    }
    tree["alt"] = tree_alt(tree)
    return tree


def tree_alt(tree: dict[str, Any]) -> str:
    """What the drawing shows, in words: each body and the body it reports to."""
    nodes = tree["nodes"]
    if not nodes:
        return "No bodies are recorded."
    parts = [
        f"{node['name']} reports to {nodes[node['parent']]['name']}"
        for node in nodes
        if node["parent"] is not None
    ]
    roots = [node["name"] for node in nodes if node["parent"] is None]
    return (
        f"Diagram of the partnership's governance: {len(nodes)} bodies, with "
        f"{', '.join(roots)} at the top"
        + (f"; {'; '.join(parts)}" if parts else "")
        + ". The same bodies are in the list before it."
    )


def tree_png(tree: dict[str, Any]) -> bytes:
    """The tree drawn with matplotlib (Agg, no pyplot): boxes with the body's name and kind in
    black on white, lines from each body up to the one it reports to."""
    width, height = tree["width"], tree["height"]
    figure = Figure(figsize=(width / 96, height / 96), dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.axis("off")
    for edge in tree["edges"]:
        axes.plot([edge["x1"], edge["x2"]], [edge["y1"], edge["y2"]], color=INK, linewidth=1)
    for node in tree["nodes"]:
        axes.add_patch(
            Rectangle(
                (node["x"], node["y"]),
                node["w"],
                node["h"],
                facecolor="white",
                edgecolor=INK,
                linewidth=1.2,
            )
        )
        axes.text(
            node["cx"],
            node["y"] + node["h"] / 2,
            "\n".join([*node["lines"], f"({node['kind'].lower()})"]),
            ha="center",
            va="center",
            fontsize=7,
            fontfamily="DejaVu Sans",
            color=INK,
        )
    return png_of(figure)
