"""Page-shaped reads for measures, quarters and returns, each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from measures.models import Measure, ReportingPeriod, Return


def active_measures() -> QuerySet[Measure]:
    return Measure.objects.active().select_related("priority__plan", "strategy", "reporting_body")


def measures_with_approved_returns() -> QuerySet[Measure]:
    """Active measures with their approved returns, newest first, in ``approved_returns``."""
    return (
        active_measures()
        .prefetch_related(
            Prefetch(
                "returns",
                queryset=Return.objects.filter(status=Return.Status.APPROVED)
                .select_related("period")
                .order_by("-period__start_date"),
                to_attr="approved_returns",
            )
        )
        .order_by("priority__plan__start_date", "priority__order", "title")
    )


def current_period(today: datetime.date) -> ReportingPeriod | None:
    """The quarter being collected: the latest open one, else the latest that has ended."""
    period = ReportingPeriod.objects.open().order_by("-start_date").first()
    if period is None:
        period = ReportingPeriod.objects.closed_before(today).order_by("-start_date").first()
    return period


def measures_due_in(period: ReportingPeriod) -> QuerySet[Measure]:
    """Active measures of plans that cover the quarter: the returns a quarter should collect."""
    return active_measures().filter(
        priority__retired_on__isnull=True,
        priority__plan__start_date__lte=period.start_date,
        priority__plan__end_date__gte=period.end_date,
    )


@dataclass(frozen=True)
class CollectionSummary:
    period: ReportingPeriod
    expected: int
    not_started: int
    draft: int
    submitted: int
    returned: int
    approved: int
    overdue: int

    @property
    def received(self) -> int:
        return self.submitted + self.approved


def collection_summary(period: ReportingPeriod, today: datetime.date) -> CollectionSummary:
    """How far the quarter's collection has got, in two queries."""
    expected = measures_due_in(period).count()
    counts = Return.objects.filter(period=period, measure__in=measures_due_in(period)).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Return.Status.values}
    )
    started = sum(counts.values())
    not_received = expected - counts[Return.Status.SUBMITTED] - counts[Return.Status.APPROVED]
    return CollectionSummary(
        period=period,
        expected=expected,
        not_started=expected - started,
        draft=counts[Return.Status.DRAFT],
        submitted=counts[Return.Status.SUBMITTED],
        returned=counts[Return.Status.RETURNED],
        approved=counts[Return.Status.APPROVED],
        overdue=not_received if today > period.deadline else 0,
    )


def returns_due_all(period: ReportingPeriod) -> QuerySet[Measure]:
    """Every measure the quarter should collect, each with ``period_returns`` holding its
    return for that quarter (empty when none is started)."""
    return (
        measures_due_in(period)
        .prefetch_related(
            Prefetch(
                "returns",
                queryset=Return.objects.filter(period=period).select_related("submitted_by"),
                to_attr="period_returns",
            )
        )
        .order_by("reporting_body__name", "priority__order", "title")
    )


def returns_due(body_ids, period: ReportingPeriod) -> QuerySet[Measure]:
    """The measures the given bodies report for the quarter, with ``period_returns``."""
    return returns_due_all(period).filter(reporting_body_id__in=body_ids)


def measure_detail(pk: int) -> QuerySet[Measure]:
    """One measure with its context and every return, newest quarter first."""
    return (
        Measure.objects.filter(pk=pk)
        .select_related("priority__plan", "strategy", "reporting_body")
        .prefetch_related(
            Prefetch(
                "returns",
                queryset=Return.objects.select_related(
                    "period", "submitted_by", "reviewed_by"
                ).order_by("-period__start_date"),
                to_attr="returns_newest_first",
            )
        )
    )


def period_list() -> QuerySet[ReportingPeriod]:
    """Every quarter with the number of its returns in each status."""
    return ReportingPeriod.objects.annotate(
        return_count=Count("returns"),
        approved_count=Count("returns", filter=Q(returns__status=Return.Status.APPROVED)),
        submitted_count=Count("returns", filter=Q(returns__status=Return.Status.SUBMITTED)),
    ).order_by("-start_date")
