"""Reads for the progress reports: the report pages, and the quarter's data a report is made
from. Each function runs a fixed number of queries, however many measures a plan has."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone

from assurance import selectors as risk_selectors
from assurance.models import Action, Review, Risk
from consultations import selectors as consultation_selectors
from measures import selectors as measure_selectors
from measures.models import Measure, ReportingPeriod, Return
from plans.models import Plan, ProgressReport, ReportNotReceived, ReportSignOff, plan_visibility
from priorities.models import Priority
from reports.paper import SCHEMA, build_paper, empty_paper, frozen_paper

# How many quarters of figures an exception's trend shows, this quarter included.
TREND_QUARTERS = 5
# A published paper's stored HTML and Word file (``reports.stored``): read only where served.
STORED_PAPERS = ("paper_html", "paper_docx")
# The same of the version a report supersedes, which pages read with it (``select_related``).
SUPERSEDED_PAPERS = tuple(f"supersedes__{name}" for name in STORED_PAPERS)


def reports_for(user, *, include_drafts: bool, draft_plans: bool) -> QuerySet[ProgressReport]:
    """Progress reports a reader may open: published and superseded, plus drafts for managers;
    reports on draft plans only ``draft_plans``."""
    # The snapshot and the stored papers can be large and lists never show them.
    reports = (
        ProgressReport.objects.filter(plan_visibility("plan", drafts=draft_plans))
        .select_related("plan", "period")
        .defer("snapshot", *STORED_PAPERS)
    )
    if not include_drafts:
        reports = reports.exclude(status=ProgressReport.Status.DRAFT)
    return reports.order_by("-period__start_date", "plan__slug", "-version")


def report_page(
    pk: int, *, with_snapshot: bool = False, stored: tuple[str, ...] = ()
) -> QuerySet[ProgressReport]:
    """One report with its plan, quarter and the report it supersedes (1 query).

    A published paper's snapshot can run to megabytes and most pages show its stored copy, so
    it is read only ``with_snapshot``; otherwise ``frozen_facts`` reads the little it needs
    (``snapshot_facts``, one query) and the paper reads the rest on first use. Of the stored
    papers (``STORED_PAPERS``) only those named in ``stored`` are read with the row."""
    reports = (
        ProgressReport.objects.filter(pk=pk)
        .select_related("plan", "period", "published_by", "supersedes")
        .defer(
            *(name for name in STORED_PAPERS if name not in stored),
            *SUPERSEDED_PAPERS,
            "supersedes__snapshot",  # megabytes, and no page shows it: read if ever used
        )
    )
    return reports if with_snapshot else reports.defer("snapshot")


def reports_without_stored_paper() -> QuerySet[ProgressReport]:
    """Published and superseded reports lacking their stored HTML or Word file (published
    before papers were stored with them), oldest first, read without their large columns."""
    return (
        ProgressReport.objects.exclude(status=ProgressReport.Status.DRAFT)
        .filter(Q(paper_html="") | Q(paper_docx=b""))
        .only("pk")
        .order_by("pk")
    )


def snapshot_facts(report: ProgressReport) -> dict:
    """The frozen paper's ``schema``, ``title`` and ``plan_name`` (``None`` where it has
    none), read inside the database without copying the snapshot (1 query)."""
    facts = (
        ProgressReport.objects.filter(pk=report.pk)
        .values(
            schema=KT("snapshot__schema"),
            title=KT("snapshot__title"),
            plan_name=KT("snapshot__plan__name"),
        )
        .first()
    ) or {"schema": None, "title": None, "plan_name": None}
    schema = facts["schema"]
    return {**facts, "schema": int(schema) if str(schema).isdigit() else schema}


def report_versions(report: ProgressReport) -> list[ProgressReport]:
    """Every version of the report's plan and quarter, newest first (1 query)."""
    return list(
        ProgressReport.objects.filter(plan_id=report.plan_id, period_id=report.period_id)
        .only("pk", "version", "status", "published_at", "plan_id", "period_id")
        .order_by("-version")
    )


def previous_quarter_report(
    report: ProgressReport, *, with_paper: bool = False
) -> ProgressReport | None:
    """The paper the committee had for the plan's quarter before this one: the latest
    published version of the latest earlier quarter that has one (1 query). Its snapshot is
    read only ``with_paper``."""
    reports = ProgressReport.objects.published().defer(*STORED_PAPERS, *SUPERSEDED_PAPERS)
    if with_paper:
        reports = reports.select_related("plan", "period", "supersedes")
    else:
        # no "supersedes": a related row is read whole, its snapshot and stored papers too
        reports = reports.defer("snapshot").select_related("plan", "period")
    return (
        reports.filter(plan_id=report.plan_id, period__start_date__lt=report.period.start_date)
        .order_by("-period__start_date", "-version")
        .first()
    )


def report_list(*, include_drafts: bool, draft_plans: bool) -> QuerySet[ProgressReport]:
    """Reports listed by plan (newest plan first) and quarter (newest first), every version;
    reports on draft plans only ``draft_plans``."""
    # The snapshot and the stored papers can be large and the list never shows them.
    reports = (
        ProgressReport.objects.filter(plan_visibility("plan", drafts=draft_plans))
        .select_related("plan", "period")
        .defer("snapshot", *STORED_PAPERS)
    )
    if not include_drafts:
        reports = reports.exclude(status=ProgressReport.Status.DRAFT)
    return reports.order_by("-plan__start_date", "-period__start_date", "-version")


def periods_for_new_report(today: datetime.date) -> QuerySet[ReportingPeriod]:
    """Quarters a report can be started for: those that have begun, newest first."""
    return ReportingPeriod.objects.filter(start_date__lte=today).order_by("-start_date")


def plans_for_new_report() -> QuerySet[Plan]:
    return Plan.objects.filter(status__in=Plan.APPROVED_STATUSES).order_by("-start_date")


@dataclass
class ReportData:
    """Everything a progress report shows, read from the database in a fixed number of queries
    (``report_data`` says how). Figures are approved returns only; this quarter's return of a
    measure is kept whatever its status, so that the report can say why it is missing."""

    report: ProgressReport
    plan: Plan
    period: ReportingPeriod
    earlier_periods: list[ReportingPeriod]  # newest first; the first is the previous quarter
    priorities: list[Priority]
    measures: list[Measure]
    returns: dict[tuple[int, int], Return]  # (measure id, period id)
    marks: dict[int, ReportNotReceived]  # measure id
    consultations: list
    commitments: list
    sign_offs: list[ReportSignOff]
    risks: list[Risk]  # the plan's open risks in the register, highest score first
    reviews: list[Review]  # reviews completed in the quarter, in the order completed
    overdue_actions: list[Action]  # open actions past their due date on ``as_at``
    as_at: datetime.date  # the day the paper is built

    @property
    def previous_period(self) -> ReportingPeriod | None:
        return self.earlier_periods[0] if self.earlier_periods else None

    def this_quarter(self, measure: Measure) -> Return | None:
        return self.returns.get((measure.pk, self.period.pk))

    def approved(self, measure: Measure, period: ReportingPeriod | None) -> Return | None:
        if period is None:
            return None
        ret = self.returns.get((measure.pk, period.pk))
        return ret if ret is not None and ret.status == Return.Status.APPROVED else None

    def awaiting(self) -> list[tuple[Measure, Return | None]]:
        """The measures with no approved return this quarter, each with its return if one
        was started."""
        return [
            (measure, self.this_quarter(measure))
            for measure in self.measures
            if self.approved(measure, self.period) is None
        ]

    def unaccounted(self) -> list[Measure]:
        """Measures that stop publication: no approved return and not marked not received."""
        return [measure for measure, _ in self.awaiting() if measure.pk not in self.marks]


def report_data(report: ProgressReport) -> ReportData:
    """The quarter's data for ``report`` (whose plan and period are loaded): the plan's
    current priorities, the measures due in the quarter, their returns for this quarter and
    approved returns for the four quarters before, the measures marked not received, and the
    consultations, commitments and sign-offs, the plan's open risks, the reviews completed in
    the quarter (with their themes) and the actions overdue today. Thirteen queries whatever
    the size of the plan."""
    plan, period = report.plan, report.period
    today = timezone.localdate()
    earlier = list(
        ReportingPeriod.objects.filter(start_date__lt=period.start_date).order_by("-start_date")[
            : TREND_QUARTERS - 1
        ]
    )
    priorities = list(
        Priority.objects.filter(plan=plan, retired_on__isnull=True).order_by("order", "pk")
    )
    measures_due = measure_selectors.measures_due_in(period).filter(priority__plan=plan)
    measures = list(measures_due.order_by("priority__order", "title", "pk"))
    returns = {
        (ret.measure_id, ret.period_id): ret
        for ret in Return.objects.filter(
            Q(period=period) | Q(period__in=[p.pk for p in earlier], status=Return.Status.APPROVED),
            measure__in=measures_due.values("pk"),
        ).select_related("period")
    }
    marks = {
        mark.measure_id: mark for mark in ReportNotReceived.objects.filter(report_id=report.pk)
    }
    return ReportData(
        report=report,
        plan=plan,
        period=period,
        earlier_periods=earlier,
        priorities=priorities,
        measures=measures,
        returns=returns,
        marks=marks,
        consultations=list(consultation_selectors.consultations_for_report(plan, period)),
        commitments=list(consultation_selectors.commitments_for_report(plan, period)),
        sign_offs=list(ReportSignOff.objects.filter(report_id=report.pk)),
        risks=list(risk_selectors.open_risks_of(plan)),
        reviews=risk_selectors.reviews_completed_between(period.start_date, period.end_date),
        overdue_actions=list(risk_selectors.overdue_actions(today)),
        as_at=today,
    )


def paper_for(report: ProgressReport) -> dict[str, Any]:
    """What the report shows: a draft's paper built from the quarter's data as it is now; a
    published or superseded report's frozen snapshot, and nothing else."""
    if report.status == ProgressReport.Status.DRAFT:
        return build_paper(report_data(report))
    return frozen_paper(report)


def frozen_facts(report: ProgressReport) -> dict[str, Any]:
    """The published paper's ``schema``, ``title`` and ``plan_name`` (``None`` where the
    snapshot lacks one): from the snapshot when it was read with the row, else read from the
    database without loading it (``snapshot_facts``), once per report object."""
    if "snapshot" in report.get_deferred_fields():
        if not hasattr(report, "_frozen_facts"):
            report._frozen_facts = snapshot_facts(report)
        return report._frozen_facts
    snapshot = report.snapshot if isinstance(report.snapshot, dict) else {}
    plan = snapshot.get("plan") if isinstance(snapshot.get("plan"), dict) else {}
    return {
        "schema": snapshot.get("schema"),
        "title": snapshot.get("title"),
        "plan_name": plan.get("name"),
    }


def frozen_title(report: ProgressReport) -> str:
    """The published paper's title, read without copying the snapshot."""
    facts = frozen_facts(report)
    if facts["schema"] == SCHEMA and facts["title"]:
        return facts["title"]
    return empty_paper(report)["title"]
