"""A quarter's collection status as a table: its columns and how each sorts, what a row shows
beyond its query's columns (late flags, labels, people's names), and the CSV/XLSX download.

The page draws the table with a plain template (``measures/includes/_collection_table.html``):
with django-tables2 each of its cells went through a column object and a render method, which
cost a third of the page at scale; the rows come from ``selectors.collection_status``, filtered
and sorted in the database and paged before they are read.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.selectors import NOT_STARTED
from sscp.people import named
from sscp.sorting import Column

STATUS_LABELS = {NOT_STARTED: "Not started", **dict(Return.Status.choices)}
RECEIVED = (Return.Status.SUBMITTED, Return.Status.APPROVED)

COLUMNS = [
    Column("title", "Measure", ("title",)),
    Column("reporting_body", "Reporting body", ("reporting_body__name",)),
    Column("priority", "Priority", ("priority__order",)),
    Column("return_status", "Status", ("return_status",)),
    Column("return_value", "Value", ("return_value",)),
    Column("return_rag", "RAG", ("return_rag",)),
    Column("submitted_at", "Submitted", ("submitted_at",)),
    Column("reviewed_at", "Reviewed", ("reviewed_at",)),
]
FIRST_SORT = "reporting_body"
USUAL_ORDER = ("reporting_body__name", "priority__order", "title")


def late_flag(row: Measure, period: ReportingPeriod, today: datetime.date) -> str:
    """'overdue' when not received after the deadline, 'late' when submitted after it."""
    if row.return_status not in RECEIVED:
        return "overdue" if today > period.deadline else ""
    if row.submitted_at and row.submitted_at.date() > period.deadline:
        return "late"
    return ""


def shown_rows(
    rows: Iterable[Measure], period: ReportingPeriod, today: datetime.date
) -> list[Measure]:
    """The page's rows, each with what its cells show beyond its columns: ``late``,
    ``status_label``, ``rag_label`` and the names of who submitted and reviewed it."""
    shown = list(rows)
    for row in shown:
        row.late = late_flag(row, period, today)
        row.status_label = STATUS_LABELS.get(row.return_status, row.return_status)
        row.rag_label = Rag(row.return_rag).label if row.return_rag else ""
        row.submitted_by = named(row.submitted_by_name)
        row.reviewed_by = named(row.reviewed_by_name)
    return shown


EXPORT_HEADERS = [
    "Measure ID",
    "Measure",
    "Reporting body",
    "Priority",
    "Unit",
    "Target",
    "Status",
    "Late",
    "Value",
    "Not available",
    "RAG",
    "Commentary",
    "Feedback",
    "Submitted at",
    "Submitted by",
    "Reviewed at",
    "Reviewed by",
]


def export_rows(rows: Iterable[Measure], period: ReportingPeriod, today: datetime.date):
    """Plain rows for CSV/XLSX under ``EXPORT_HEADERS``, one per row given: every filtered
    row, not one page."""
    return (
        [
            row.pk,
            row.title,
            row.reporting_body.name,
            f"{row.priority.order}. {row.priority.title}",
            row.get_unit_display(),
            row.target,
            STATUS_LABELS.get(row.return_status, row.return_status),
            late_flag(row, period, today),
            row.return_value,
            row.return_not_available,
            Rag(row.return_rag).label if row.return_rag else "",
            row.return_commentary,
            row.return_feedback,
            row.submitted_at,
            named(row.submitted_by_name) if row.submitted_at else "",
            row.reviewed_at,
            named(row.reviewed_by_name) if row.reviewed_at else "",
        ]
        for row in rows
    )
