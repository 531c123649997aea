"""Rules that change progress reports: start one, write it, mark missing returns, publish it
as a frozen paper, and correct a published paper with a new version. One function each, called
by the views, the demo loader and the tests alike.

Every change to a report's text raises its ``lock_version``; a change made from an older
version is refused (``StaleReportError``) rather than overwriting someone else's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import capfirst

from measures.models import Measure, ReportingPeriod, Return
from measures.selectors import measures_due_in
from plans.models import Plan, ProgressReport, ReportNotReceived, ReportSignOff
from reports import notices
from reports.front import IMPLICATION_FIELDS
from reports.paper import build_paper
from reports.rules import can_draft_reports
from reports.selectors import STORED_PAPERS, SUPERSEDED_PAPERS, ReportData, report_data
from reports.stored import published_copies
from sscp.editing import last_changed_by
from sscp.history import HISTORY_REASON_LENGTH

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The parts of a report its author writes; everything else the report shows comes from data.
TEXT_FIELDS = (
    "committee",
    "meeting_date",
    "lead_officer",
    "author",
    "contact",
    "cabinet_member",
    "divisions",
    "forward_plan_reference",
    "summary",
    "issues_for_consideration",
    "background",
    "consultations_undertaken",
    *IMPLICATION_FIELDS,
    "background_papers",
)
# What a new report takes over from the plan's latest report: who it goes to and who writes it.
CARRIED_FORWARD = ("committee", "lead_officer", "author", "contact", "cabinet_member", "divisions")


class StaleReportError(ValidationError):
    """The report changed after the person opened it; ``changed_by`` says who changed it."""

    def __init__(self, message: str, *, changed_by: str):
        super().__init__(message, code="stale")
        self.changed_by = changed_by


def _refuse_unless_manager(user: User) -> None:
    if not can_draft_reports(user):
        raise PermissionDenied("Only the business manager writes and publishes progress reports.")


def _save(report: ProgressReport, *, user: User, reason: str) -> ProgressReport:
    report.full_clean(exclude=report.get_deferred_fields())  # what was not read is not changed
    report._history_user = user
    report._change_reason = reason[:HISTORY_REASON_LENGTH]
    report.save()
    return report


def _locked(report: ProgressReport) -> ProgressReport:
    # Lock the report's row only: PostgreSQL cannot lock the nullable side of the outer join
    # to the version it supersedes. The stored papers are left in the database (a save then
    # writes only the fields that were read or set).
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan", "period", "supersedes")
        .defer(*STORED_PAPERS, *SUPERSEDED_PAPERS)
        .get(pk=report.pk)
    )


def _refuse_stale(report: ProgressReport, expected_version: int) -> None:
    if report.lock_version == expected_version:
        return
    changed_by = last_changed_by(report)
    raise StaleReportError(
        f"{capfirst(changed_by)} changed this report after you opened it, so your changes were not "
        "saved. The report as it is now is shown below, with your text kept beside it.",
        changed_by=changed_by,
    )


def _refuse_unless_draft(report: ProgressReport) -> None:
    if report.status != ProgressReport.Status.DRAFT:
        raise ValidationError(
            f"Version {report.version} of this report is {report.get_status_display().lower()}: "
            "a published paper never changes. Start a new version to correct it.",
            code="not_draft",
        )


# --- starting and writing a report ------------------------------------------------------------


@transaction.atomic
def report_create(*, plan: Plan, period: ReportingPeriod, user: User) -> ProgressReport:
    """Start the draft report on ``plan`` for the quarter ``period``. The quarter must fall
    within the plan's years and have no report yet (a published one is corrected by a new
    version instead). Committee, authors and roles carry over from the plan's latest report."""
    _refuse_unless_manager(user)
    if not (plan.start_date <= period.start_date and period.end_date <= plan.end_date):
        years = f"{plan.start_date:%B %Y} to {plan.end_date:%B %Y}"
        raise ValidationError(
            {"period": f"{period} is outside the {plan.name}, which runs {years}."},
            code="outside_plan",
        )
    existing = ProgressReport.objects.filter(plan=plan, period=period).order_by("-version").first()
    if existing is not None:
        action = (
            "Open it to carry on writing."
            if existing.status == ProgressReport.Status.DRAFT
            else "To correct it, start a new version from the published report."
        )
        raise ValidationError(
            {
                "period": f"There is already a report on the {plan.name} for {period} (version "
                f"{existing.version}, {existing.get_status_display().lower()}). {action}"
            },
            code="exists",
        )
    latest = ProgressReport.objects.filter(plan=plan).order_by("-period__start_date").first()
    carried = {name: getattr(latest, name) for name in CARRIED_FORWARD} if latest else {}
    report = ProgressReport(plan=plan, period=period, **carried)
    if latest is not None:
        report.background = latest.background
    return _save(report, user=user, reason="Report started")


@transaction.atomic
def report_update(
    *,
    report: ProgressReport,
    user: User,
    changes: dict[str, Any],
    expected_version: int,
    sign_offs: list[dict[str, Any]] | None = None,
) -> ProgressReport:
    """Change the written parts of a draft (``TEXT_FIELDS``) and, when ``sign_offs`` is given,
    replace its sign-off table with those rows (``role``, ``seen_by``, ``signed_on``,
    ``sent_on``). Refused once published, and when the report changed since
    ``expected_version``; a bad row saves nothing."""
    _refuse_unless_manager(user)
    unknown = set(changes) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not a written part of a report: {', '.join(sorted(unknown))}")
    report = _locked(report)
    _refuse_stale(report, expected_version)
    _refuse_unless_draft(report)
    for name, value in changes.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.lock_version += 1
    report = _save(report, user=user, reason="Text changed")
    if sign_offs is not None:
        _replace_sign_offs(report, sign_offs, user)
    return report


def _replace_sign_offs(report: ProgressReport, rows: list[dict[str, Any]], user: User) -> None:
    """Make the report's sign-off table ``rows``, row by row so that the history records who
    changed each; every row is checked before any is written."""
    existing = {row.role: row for row in ReportSignOff.objects.filter(report=report)}
    wanted = []
    for values in rows:
        sign_off = existing.pop(values["role"], None) or ReportSignOff(
            report=report, role=values["role"]
        )
        sign_off.seen_by = (values.get("seen_by") or "").strip()
        sign_off.signed_on, sign_off.sent_on = values.get("signed_on"), values.get("sent_on")
        sign_off.full_clean(exclude=["report"], validate_unique=False)
        wanted.append(sign_off)
    for sign_off in [*existing.values(), *(row for row in wanted if row.is_empty and row.pk)]:
        sign_off._history_user = user
        sign_off.delete()
    for sign_off in wanted:
        if not sign_off.is_empty:
            sign_off._history_user = user
            sign_off.save()


def _refuse_unless_awaiting(report: ProgressReport, measure: Measure) -> None:
    if (
        not measures_due_in(report.period)
        .filter(pk=measure.pk, priority__plan=report.plan)
        .exists()
    ):
        raise ValidationError(
            f"{measure} is not reported in {report.period} under the {report.plan.name}.",
            code="not_due",
        )
    if Return.objects.filter(
        measure=measure, period=report.period, status=Return.Status.APPROVED
    ).exists():
        raise ValidationError(
            f"The return for {measure} in {report.period} has been approved, so its figure is "
            "in the report.",
            code="approved",
        )


@transaction.atomic
def report_mark_not_received(
    *, report: ProgressReport, measure: Measure, user: User, note: str = ""
) -> ReportNotReceived:
    """Record that ``measure`` has no figure for this draft report, with an optional note for
    the committee; marking it again changes the note. Only a measure due in the report's
    quarter without an approved return can be marked."""
    _refuse_unless_manager(user)
    report = _locked(report)
    _refuse_unless_draft(report)
    _refuse_unless_awaiting(report, measure)
    mark = ReportNotReceived.objects.filter(report=report, measure=measure).first()
    if mark is None:
        mark = ReportNotReceived(report=report, measure=measure, marked_by=user)
    mark.note = note.strip()
    mark.full_clean()
    mark._history_user = user
    mark.save()
    return mark


@transaction.atomic
def report_mark_remaining_not_received(
    *, report: ProgressReport, user: User, note: str = ""
) -> int:
    """Mark every measure of the draft that has neither an approved return nor a mark as not
    received, with the same note; returns how many were marked."""
    _refuse_unless_manager(user)
    report = _locked(report)
    _refuse_unless_draft(report)
    remaining = report_data(report).unaccounted()
    for measure in remaining:
        mark = ReportNotReceived(report=report, measure=measure, marked_by=user, note=note.strip())
        mark.full_clean()
        mark._history_user = user
        mark.save()
    return len(remaining)


@transaction.atomic
def report_unmark_not_received(*, report: ProgressReport, measure: Measure, user: User) -> None:
    """Take back a "not received" mark from a draft report."""
    _refuse_unless_manager(user)
    report = _locked(report)
    _refuse_unless_draft(report)
    mark = ReportNotReceived.objects.filter(report=report, measure=measure).first()
    if mark is not None:
        mark._history_user = user
        mark.delete()


# --- publishing -------------------------------------------------------------------------------


def report_publish_refusals(report: ProgressReport, data: ReportData) -> list[str]:
    """What stops the draft being published: measures neither approved nor marked not
    received, and an empty summary or recommendations. Empty when it can be published."""
    problems = []
    missing = data.unaccounted()
    if missing:
        names = "; ".join(measure.title for measure in missing)
        problems.append(
            f"{len(missing)} measure{'s have' if len(missing) != 1 else ' has'} no approved "
            f"return for {report.period} and {'are' if len(missing) != 1 else 'is'} not marked "
            f"as not received: {names}. Approve the returns, or mark them not received."
        )
    if not report.summary.strip():
        problems.append("Write the summary.")
    if not report.issues_for_consideration.strip():
        problems.append("Write the issues for consideration and recommendations.")
    return problems


@transaction.atomic
def report_publish(*, report: ProgressReport, user: User, expected_version: int) -> ProgressReport:
    """Publish a draft: freeze every figure and text the paper shows in ``snapshot``, render
    the paper's HTML and Word file from it once and store them (``paper_html``,
    ``paper_docx``), and lock the report. Needs every measure due in the quarter approved or
    marked not received, and a summary and recommendations. A new version supersedes the one
    it corrects, which keeps its stored paper."""
    _refuse_unless_manager(user)
    report = _locked(report)
    _refuse_stale(report, expected_version)
    _refuse_unless_draft(report)
    data = report_data(report)
    problems = report_publish_refusals(report, data)
    if problems:
        raise ValidationError(problems, code="not_ready")
    report.snapshot = build_paper(data)
    report.status = ProgressReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = user
    report.lock_version += 1
    report.paper_html, report.paper_docx = published_copies(report)
    _save(report, user=user, reason="Published")
    if report.supersedes_id:
        earlier = _locked(report.supersedes)
        earlier.status = ProgressReport.Status.SUPERSEDED
        _save(earlier, user=user, reason=f"Superseded by version {report.version}")
    notices.report_published(report, by=user)
    return report


@transaction.atomic
def report_supersede(*, report: ProgressReport, user: User, reason: str) -> ProgressReport:
    """Start a new version of a published report to correct it: a draft copy of its text and
    "not received" marks, numbered one higher, with the reason shown on the new version. The
    published paper stays as it is until the new version is published."""
    _refuse_unless_manager(user)
    report = _locked(report)
    if report.status != ProgressReport.Status.PUBLISHED:
        raise ValidationError(
            f"Only the published version can be corrected; version {report.version} is "
            f"{report.get_status_display().lower()}.",
            code="not_published",
        )
    successor = ProgressReport.objects.filter(supersedes=report).first()
    if successor is not None:
        raise ValidationError(
            f"Version {successor.version} of this report is already being written to correct "
            "it. Carry on with that draft.",
            code="already_superseding",
        )
    if not reason.strip():
        raise ValidationError(
            {"reason": "Say why a new version is needed: the committee will see it."},
            code="reason_required",
        )
    highest = ProgressReport.objects.filter(plan=report.plan, period=report.period).aggregate(
        highest=Max("version")
    )["highest"]
    new = ProgressReport(
        plan=report.plan,
        period=report.period,
        version=highest + 1,
        supersedes=report,
        supersede_reason=reason.strip(),
        **{name: getattr(report, name) for name in TEXT_FIELDS},
    )
    _save(new, user=user, reason=f"New version of version {report.version}")
    for mark in ReportNotReceived.objects.filter(report=report):
        copy = ReportNotReceived(
            report=new, measure_id=mark.measure_id, note=mark.note, marked_by=user
        )
        copy._history_user = user
        copy.save()
    return new


@transaction.atomic
def report_store_paper(*, report: ProgressReport) -> ProgressReport:
    """Store the HTML and Word file of a paper published before they were stored with it,
    rendered from its snapshot, under the report's row lock; a report that has them, and a
    draft, are left as they are. The paper does not change, so neither its ``lock_version``
    nor its history moves. Returns the report with both copies read."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("plan", "period")
        .get(pk=report.pk)
    )
    if report.status == ProgressReport.Status.DRAFT or (report.paper_html and report.paper_docx):
        return report
    report.paper_html, report.paper_docx = published_copies(report)
    ProgressReport.objects.filter(pk=report.pk).update(
        paper_html=report.paper_html, paper_docx=report.paper_docx
    )
    return report
