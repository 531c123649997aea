"""The parts of a committee paper the business manager writes around the figures: the front
sheet (officers, contact, forward plan reference, the sign-off table) and the implications, each
in its own numbered part as the council's papers have them. Plain data for the paper
(``reports.paper.build_paper``), kept here so the paper builder stays about the figures."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils.dateformat import format as format_date

from plans.models import ReportSignOff

if TYPE_CHECKING:
    from plans.models import ProgressReport

ROLES = list(ReportSignOff.Role.values)
# The implications, in the order the council's papers give them: (key, field, heading).
IMPLICATIONS = [
    ("financial", "financial_implications", "Financial implications"),
    ("legal", "legal_implications", "Legal implications"),
    ("hr", "hr_implications", "HR implications"),
    ("risk", "risk_implications", "Risk implications"),
    ("equalities", "equalities_implications", "Equalities implications (due regard)"),
    ("other", "other_implications", "Other implications"),
]
# The report's fields behind them, in the order the form asks for them.
IMPLICATION_FIELDS = (
    "financial_implications",
    "legal_implications",
    "hr_implications",
    "risk_implications",
    "risk_likelihood",
    "risk_impact",
    "equalities_implications",
    "other_implications",
)


def date_text(day: datetime.date | None) -> str:
    return format_date(day, "j F Y") if day else ""


def implications(report: ProgressReport) -> list[dict[str, Any]]:
    """Each implication's heading and text; the risk also its likelihood, impact and score
    (likelihood x impact, both 1 to 5) when both are given."""
    parts = []
    for key, field, title in IMPLICATIONS:
        part: dict[str, Any] = {"key": key, "title": title, "text": getattr(report, field)}
        if key == "risk":
            likelihood, impact = report.risk_likelihood, report.risk_impact
            part["likelihood"], part["impact"] = likelihood, impact
            part["score"] = likelihood * impact if likelihood and impact else None
        parts.append(part)
    return parts


def sign_off_row(row: ReportSignOff) -> dict[str, Any]:
    if row.signed_on:
        when = date_text(row.signed_on)
    elif row.sent_on:
        when = f"Sent on {date_text(row.sent_on)}"
    else:
        when = "Not needed"
    return {"role": row.get_role_display(), "seen_by": row.seen_by, "date": when}


def front(report: ProgressReport, sign_offs: list[ReportSignOff]) -> dict[str, Any]:
    """The front sheet: committee, meeting, officers, contact, forward plan reference, version
    and the sign-off table (the report's ``sign_offs``, in the order of the roles)."""
    return {
        "committee": report.committee,
        "meeting_date": date_text(report.meeting_date),
        "lead_officer": report.lead_officer,
        "author": report.author,
        "contact": report.contact,
        "cabinet_member": report.cabinet_member,
        "divisions": report.divisions,
        "forward_plan_reference": report.forward_plan_reference,
        "sign_off": [
            sign_off_row(row) for row in sorted(sign_offs, key=lambda row: ROLES.index(row.role))
        ],
        "version": report.version,
        "supersede_reason": report.supersede_reason if report.supersedes_id else "",
        "supersedes_version": report.supersedes.version if report.supersedes_id else None,
    }
