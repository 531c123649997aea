"""What the search looks through: one ``Kind`` per sort of thing a person may look for.

Each kind names the rows a reader may see, through the rules of the app that owns them (a draft
plan and everything under it for managers only, a draft paper for managers only, a return that
is not approved for managers and its reporting body only), the fields searched (its title
fields weigh more than its text fields in PostgreSQL's ranking) and how a row is named and
linked. ``search.selectors`` runs one query per kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from consultations.models import Commitment, Consultation, Feedback
from consultations.rules import can_view_consultations
from measures.models import Measure, Return
from measures.rules import readable_returns
from plans.models import GovernanceBody, ProgressReport, plan_visibility
from plans.rules import can_view_body, can_view_draft_plans, can_view_plans, visible_plans
from priorities.models import Priority, Strategy
from priorities.rules import can_view_strategy
from reports.forms import FORMATTED
from reports.rules import can_edit_report, can_view_reports
from reports.selectors import reports_for


@dataclass(frozen=True)
class Kind:
    """One sort of thing found: ``key`` in the address (``?kind=measures``), ``label`` on the
    page, ``allowed(user)`` the app's rule for reading any of them, ``rows(user)`` those the
    user may read with what ``name`` and ``url`` need, and the fields searched."""

    key: str
    label: str
    allowed: Callable[[object], bool]
    rows: Callable[[object], QuerySet]
    title_fields: tuple[str, ...]
    text_fields: tuple[str, ...]
    name: Callable[[Model], str] = str
    url: Callable[[Model], str] = lambda row: row.get_absolute_url()

    @property
    def fields(self) -> tuple[str, ...]:
        return self.title_fields + self.text_fields


def _drafts(user) -> bool:
    return can_view_draft_plans(user)


KINDS: tuple[Kind, ...] = (
    Kind(
        "plans",
        "Plans",
        can_view_plans,
        lambda user: visible_plans(user),
        ("title", "short_title", "slug"),
        ("vision",),
        name=lambda plan: plan.name,
    ),
    Kind(
        "priorities",
        "Priorities",
        can_view_plans,
        lambda user: Priority.objects.filter(
            plan_visibility("plan", drafts=_drafts(user))
        ).select_related("plan"),
        ("title",),
        ("description",),
        name=lambda priority: priority.long_label,
    ),
    Kind(
        "strategies",
        "Strategies",
        can_view_strategy,
        lambda user: Strategy.objects.all(),
        ("title",),
        ("summary", "lead_role", "governance_route"),
    ),
    Kind(
        "measures",
        "Measures",
        can_view_plans,
        lambda user: Measure.objects.filter(
            plan_visibility("priority__plan", drafts=_drafts(user))
        ),
        ("title",),
        ("definition", "data_source"),
    ),
    Kind(
        "bodies",
        "Governance bodies",
        can_view_body,
        lambda user: GovernanceBody.objects.all(),
        ("name",),
        ("remit",),
    ),
    Kind(
        "consultations",
        "Consultations",
        can_view_consultations,
        lambda user: Consultation.objects.filter(plan_visibility("plan", drafts=_drafts(user))),
        ("title",),
        ("summary",),
    ),
    Kind(
        "feedback",
        "What we were told",
        can_view_consultations,
        lambda user: Feedback.objects.filter(
            plan_visibility("consultation__plan", drafts=_drafts(user))
        ).select_related("consultation"),
        (),
        ("said",),
        name=lambda feedback: f"What we were told: {feedback.consultation.title}",
    ),
    Kind(
        "commitments",
        "You said, we did",
        can_view_consultations,
        lambda user: Commitment.objects.filter(
            plan_visibility("consultation__plan", drafts=_drafts(user))
        ).select_related("consultation"),
        (),
        ("promise", "status_reason"),
        name=lambda commitment: f"What we promised: {commitment.consultation.title}",
    ),
    Kind(
        "reports",
        "Committee papers",
        can_view_reports,
        lambda user: reports_for(
            user, include_drafts=can_edit_report(user), draft_plans=_drafts(user)
        ),
        (),
        FORMATTED,
        name=lambda report: (
            f"Progress report {report.plan.slug}, {report.period}"
            + (f" (version {report.version})" if report.version > 1 else "")
            + (
                f" – {report.get_status_display().lower()}"
                if report.status != ProgressReport.Status.PUBLISHED
                else ""
            )
        ),
    ),
    Kind(
        "returns",
        "Return commentary",
        can_view_plans,
        lambda user: Return.objects.filter(readable_returns(user)).select_related(
            "measure", "period"
        ),
        (),
        ("commentary", "next_steps"),
        name=lambda ret: (
            f"{ret.measure.title}, {ret.period}"
            + (
                f" ({ret.get_status_display().lower()})"
                if ret.status != Return.Status.APPROVED
                else ""
            )
        ),
    ),
)

BY_KEY = {kind.key: kind for kind in KINDS}
