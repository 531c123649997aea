"""The Word file's "Learning and assurance" section (``reports.learning``), written with the
paper's own writer (``reports.word``): real headings and tables, as on the page."""

from __future__ import annotations

from typing import Any

from reports.learning import NO_OVERDUE, NO_REVIEWS, NOT_REPORTED
from reports.paper import SECTION_NUMBER


def write_learning(writer: Any) -> None:
    """The section, numbered as on the page: the quarter's completed reviews, then the review
    actions overdue on the day the paper was made."""
    writer.section("learning")
    learning = writer.paper.get("learning")
    if learning is None:
        writer.para(NOT_REPORTED)
        return
    number = SECTION_NUMBER["learning"]
    writer.heading(f"{number}.1 Reviews completed in the quarter", 2)
    if learning["reviews"]:
        writer.table(
            ["Review", "Kind", "Completed", "Timeliness (rapid reviews)", "Decision", "Themes"],
            [
                [
                    r["title"],
                    r["kind_label"],
                    r["completed"],
                    r["timing"] or "–",
                    r["decision"] or "–",
                    ", ".join(r["themes"]) or "–",
                ]
                for r in learning["reviews"]
            ],
            caption=f"Reviews and audits completed in {writer.paper['period']['label']}",
        )
    else:
        writer.para(NO_REVIEWS)
    writer.heading(f"{number}.2 Review actions overdue on {learning['as_at']}", 2)
    if learning["overdue_actions"]:
        writer.table(
            ["Body", "Action", "Review", "Due by", "Days overdue"],
            [
                [
                    a["body"],
                    a["action"],
                    f"{a['review']}, recommendation {a['recommendation']}",
                    a["due"],
                    a["overdue_text"],
                ]
                for a in learning["overdue_actions"]
            ],
            caption=f"Open actions from reviews past their due date on {learning['as_at']}",
        )
    else:
        writer.para(NO_OVERDUE)
