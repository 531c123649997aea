"""Page-shaped reads for the review queue: the submitted returns a reviewer may approve or send
back, in one stable order, the return after the one just reviewed, and the quarters' counts by
status. Each is a fixed number of queries. Kept beside ``selectors`` (whose reads it uses) so
that neither module grows past what one reads at a sitting."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from measures import selectors
from measures.models import ReportingPeriod, Return
from measures.rules import reviewable_by

# Oldest quarter first, then as a quarter's collection status lists its measures.
REVIEW_ORDER = (
    "period__start_date",
    "measure__reporting_body__name",
    "measure__priority__order",
    "measure__title",
    "pk",
)


def review_queue(user) -> QuerySet[Return]:
    """The submitted returns the user may review (``rules.reviewable_by``), across open and
    closed quarters, in the queue's stable order, with what a row of the queue shows."""
    return (
        Return.objects.filter(reviewable_by(user))
        .select_related("measure__reporting_body", "measure__priority", "period", "submitted_by")
        .order_by(*REVIEW_ORDER)
    )


@dataclass(frozen=True)
class NextInQueue:
    """The return after one just reviewed in the viewer's queue, and how many are left."""

    pk: int | None
    label: str
    left: int


def review_queue_after(user, ret: Return) -> NextInQueue:
    """The return that follows ``ret`` in the user's review queue (wrapping round to the start
    for any skipped earlier), in one query whatever the queue's length. ``ret`` needs its
    measure, body, priority and quarter read."""
    key = (
        ret.period.start_date,
        ret.measure.reporting_body.name,
        ret.measure.priority.order,
        ret.measure.title,
        ret.pk,
    )
    rows = [
        row
        for row in review_queue(user).values_list(
            *REVIEW_ORDER, "period__financial_year", "period__quarter"
        )
        if row[4] != ret.pk
    ]
    following = [row for row in rows if row[:5] > key] or rows
    if not following:
        return NextInQueue(pk=None, label="", left=0)
    row = following[0]
    quarter = ReportingPeriod(financial_year=row[5], quarter=row[6])
    return NextInQueue(pk=row[4], label=f"{row[3]} for {quarter}", left=len(rows))


@dataclass(frozen=True)
class QueueQuarter:
    """A quarter's returns by status, and how many of the submitted ones wait for the viewer."""

    period: ReportingPeriod
    yours: int

    @property
    def waiting_for_others(self) -> int:
        return self.period.submitted_count - self.yours


def review_queue_quarters(user) -> list[QueueQuarter]:
    """Every open quarter and every quarter with returns awaiting review, newest first, with
    its returns by status and how many wait for ``user``: two queries."""
    periods = (
        selectors.period_list()
        .with_return_counts(draft_count=Return.Status.DRAFT, returned_count=Return.Status.RETURNED)
        .filter(Q(is_open=True) | Q(submitted_count__gt=0))
    )
    yours = dict(
        review_queue(user)
        .values("period_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("period_id", "n")
    )
    return [QueueQuarter(period=period, yours=yours.get(period.pk, 0)) for period in periods]


def returns_for_bulk_approval(pks) -> QuerySet[Return]:
    """The chosen returns, in the queue's order, with what the confirmation page shows."""
    return (
        Return.objects.filter(pk__in=pks)
        .select_related("measure__reporting_body", "measure__priority", "period", "submitted_by")
        .order_by(*REVIEW_ORDER)
    )
