"""Page-shaped reads for measures, quarters and returns, each a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, FilteredRelation, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat

from measures.models import Chase, Measure, Rag, ReportingPeriod, Return
from plans.models import GovernanceBody, plan_visibility
from priorities.models import Priority


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
    """Active measures of plans that cover the quarter, reported from a date on or before the
    quarter's deadline (``Measure.reporting_from``; empty: every quarter): the returns a
    quarter should collect. Collection status, My returns, the home page's counts, the
    reminders, the upload and the reports' "not received" all read it, so they agree."""
    return active_measures().filter(
        Q(reporting_from__isnull=True) | Q(reporting_from__lte=period.deadline),
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
    submitted_by_viewer: int = 0

    @property
    def received(self) -> int:
        return self.submitted + self.approved

    @property
    def to_review(self) -> int:
        """Submitted returns the viewer may review: all but those they submitted themselves."""
        return self.submitted - self.submitted_by_viewer


def collection_summary(
    period: ReportingPeriod, today: datetime.date, viewer=None
) -> CollectionSummary:
    """How far the quarter's collection has got, in one query; with ``viewer``, also how many
    of the submitted returns they submitted themselves (and so wait for someone else)."""
    counts = collection_status(period).aggregate(
        expected=Count("pk"),
        **{
            status: Count("pk", filter=Q(this_return__status=status))
            for status in Return.Status.values
        },
        mine=Count(
            "pk",
            filter=Q(
                this_return__status=Return.Status.SUBMITTED,
                this_return__submitted_by_id=viewer.pk if viewer is not None else None,
            ),
        ),
    )
    expected = counts["expected"]
    started = sum(counts[status] for status in Return.Status.values)
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
        submitted_by_viewer=counts["mine"],
    )


def returns_to_confirm(user, chair_body_ids) -> QuerySet[Return]:
    """Returns a business manager entered on behalf of the bodies the user chairs (or deputy
    chairs), waiting for them to confirm: the chair's part of approval (``measures.rules``)."""
    return (
        Return.objects.filter(
            status=Return.Status.SUBMITTED,
            entered_by_manager=True,
            measure__reporting_body_id__in=chair_body_ids,
        )
        .exclude(submitted_by=user)
        .select_related("measure__reporting_body", "period", "submitted_by")
        .order_by("-period__start_date", "measure__reporting_body__name", "measure__title")
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


def returns_due(body_ids, period: ReportingPeriod, *, draft_plans: bool) -> QuerySet[Measure]:
    """The measures the given bodies report for the quarter, with ``period_returns``; those of
    draft plans only ``draft_plans``."""
    return returns_due_all(period).filter(
        plan_visibility("priority__plan", drafts=draft_plans), reporting_body_id__in=body_ids
    )


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
    return ReportingPeriod.objects.with_return_counts(
        return_count=None,
        approved_count=Return.Status.APPROVED,
        submitted_count=Return.Status.SUBMITTED,
    ).order_by("-start_date")


# --- collection status, My returns, the return form and its review ----------------------------

NOT_STARTED = "not_started"


def _full_name(user: str) -> Concat:
    """The full name of the user at the path ``user``, as ``User.get_full_name`` gives it
    (before stripping): pages name people, never by their login name (``sscp.people``)."""
    return Concat(F(f"{user}__first_name"), Value(" "), F(f"{user}__last_name"))


def collection_status(period: ReportingPeriod) -> QuerySet[Measure]:
    """Every measure the quarter collects, one row each, with its return for the quarter
    flattened into ``return_*`` annotations (``return_status`` is ``not_started`` when there
    is none), so that filtering, sorting, counting and exporting all happen in one query."""
    return (
        measures_due_in(period)
        .annotate(
            this_return=FilteredRelation("returns", condition=Q(returns__period=period)),
        )
        .annotate(
            return_id=F("this_return__id"),
            return_status=Coalesce(F("this_return__status"), Value(NOT_STARTED)),
            return_value=F("this_return__value"),
            return_not_available=Coalesce(F("this_return__not_available"), Value(False)),
            return_rag=F("this_return__rag"),
            return_commentary=F("this_return__commentary"),
            return_feedback=F("this_return__feedback"),
            submitted_at=F("this_return__submitted_at"),
            submitted_by_name=_full_name("this_return__submitted_by"),
            entered_by_manager=Coalesce(F("this_return__entered_by_manager"), Value(False)),
            reviewed_at=F("this_return__reviewed_at"),
            reviewed_by_name=_full_name("this_return__reviewed_by"),
        )
        .order_by("reporting_body__name", "priority__order", "title")
    )


def collection_choices(period: ReportingPeriod) -> tuple[list[tuple], list[tuple]]:
    """The reporting bodies and the priorities of the measures the quarter collects, as
    ``(pk, label)`` choices for collection status's filters, by name and by order (2 queries)."""
    due = measures_due_in(period)
    bodies = (
        GovernanceBody.objects.filter(pk__in=due.values("reporting_body_id"))
        .order_by("name")
        .values_list("pk", "name")
    )
    priorities = (
        Priority.objects.filter(pk__in=due.values("priority_id"))
        .order_by("order", "plan__start_date", "pk")
        .values_list("pk", "order", "title")
    )
    return list(bodies), [(pk, f"{order}. {title}") for pk, order, title in priorities]


@dataclass
class Outstanding:
    """One body's returns still to come for a quarter: not started, in draft or sent back."""

    name: str
    titles: list[str]
    last_chased: datetime.datetime | None = None
    last_chased_by: str = ""


def outstanding_by_body(period: ReportingPeriod) -> dict[int, Outstanding]:
    """The bodies with returns still to come for the quarter, by body id, with the measures'
    titles and when each body was last chased (two queries)."""
    rows = (
        collection_status(period)
        .filter(plan_visibility("priority__plan", drafts=False))
        .exclude(return_status__in=[Return.Status.SUBMITTED, Return.Status.APPROVED])
        .values_list("reporting_body_id", "reporting_body__name", "title")
    )
    found: dict[int, Outstanding] = {}
    for body_id, name, title in rows:
        found.setdefault(body_id, Outstanding(name=name, titles=[])).titles.append(title)
    chases = (
        Chase.objects.filter(period=period, body_id__in=found)
        .annotate(by=_full_name("sent_by"))
        .order_by("body_id", "-sent_at")
        .values_list("body_id", "sent_at", "by")
    )
    for body_id, sent_at, by in chases:
        if found[body_id].last_chased is None:
            found[body_id].last_chased = sent_at
            found[body_id].last_chased_by = by
    return found


def chases_of(period: ReportingPeriod, *, limit: int = 20):
    """The quarter's latest reminders sent by the business manager, newest first."""
    return Chase.objects.filter(period=period).select_related("body", "sent_by")[:limit]


def period_history(period: ReportingPeriod):
    """The quarter's changes (set up, opened, closed, deadline moved), newest first."""
    return period.history.select_related("history_user").order_by("-history_date")


def open_periods() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.open().order_by("-start_date")


def my_past_returns(body_ids, *, draft_plans: bool) -> QuerySet[Return]:
    """The bodies' returns in closed quarters, newest quarter first; those of draft plans only
    ``draft_plans``."""
    return (
        Return.objects.filter(
            plan_visibility("measure__priority__plan", drafts=draft_plans),
            measure__reporting_body_id__in=body_ids,
            period__is_open=False,
        )
        .select_related("measure__reporting_body", "period", "submitted_by", "reviewed_by")
        .order_by("-period__start_date", "measure__reporting_body__name", "measure__title")
    )


def return_for_entry(measure_pk: int, period_pk: int):
    """The measure (with its context), the quarter, its return if started, and the measure's
    returns of the four quarters before, for the return form: four queries. The earlier
    returns are left unread until the page is drawn, so a save that redirects skips them."""
    measure = (
        Measure.objects.select_related("priority__plan", "strategy", "reporting_body")
        .filter(pk=measure_pk)
        .first()
    )
    period = ReportingPeriod.objects.filter(pk=period_pk).first()
    if measure is None or period is None:
        return None
    ret = (
        Return.objects.select_related("submitted_by", "reviewed_by")
        .filter(measure=measure, period=period)
        .first()
    )
    previous = (
        Return.objects.filter(measure=measure, period__start_date__lt=period.start_date)
        .select_related("period")
        .order_by("-period__start_date")[:4]
    )
    return measure, period, ret, previous


def return_detail(pk: int) -> QuerySet[Return]:
    """One return with its measure, quarter and the people at each step."""
    return Return.objects.filter(pk=pk).select_related(
        "measure__reporting_body",
        "measure__priority__plan",
        "period",
        "created_by",
        "submitted_by",
        "reviewed_by",
    )


def return_history(ret: Return):
    """Every saved state of the return, newest first, with who saved it."""
    return ret.history.select_related("history_user").order_by("-history_date")


# --- RAG summaries for the Plan on a Page, latest figures for the strategy page -----------------


def periods_within(start: datetime.date, end: datetime.date) -> list[ReportingPeriod]:
    """The quarters that fall within a plan's dates, newest first (one query)."""
    return list(
        ReportingPeriod.objects.filter(start_date__gte=start, end_date__lte=end).order_by(
            "-start_date"
        )
    )


def quarters_with_figures(plan_id: int, periods: list[ReportingPeriod]) -> set[int]:
    """Of ``periods``, those with an approved return of the plan's measures (one query)."""
    approved = Return.objects.filter(
        status=Return.Status.APPROVED, measure__priority__plan_id=plan_id, period__in=periods
    )
    return set(approved.order_by().values_list("period_id", flat=True).distinct())


def latest_closed_quarter(
    periods: list[ReportingPeriod], today: datetime.date, with_figures: set[int] = frozenset()
) -> ReportingPeriod | None:
    """Of ``periods`` (newest first), the latest started quarter with approved figures (pks in
    ``with_figures``), else the latest ended and closed, else the latest started, else None."""
    for period in periods:
        if period.pk in with_figures and period.start_date <= today:
            return period
    for period in periods:
        if not period.is_open and period.end_date < today:
            return period
    return next((period for period in periods if period.start_date <= today), None)


@dataclass(frozen=True)
class RagCounts:
    """How many measures earned each RAG in their approved return for a quarter, and how many
    have no approved return for it."""

    green: int = 0
    amber: int = 0
    red: int = 0
    not_rated: int = 0
    not_returned: int = 0

    @property
    def measures(self) -> int:
        return self.green + self.amber + self.red + self.not_rated + self.not_returned

    def __add__(self, other: "RagCounts") -> "RagCounts":
        return RagCounts(
            green=self.green + other.green,
            amber=self.amber + other.amber,
            red=self.red + other.red,
            not_rated=self.not_rated + other.not_rated,
            not_returned=self.not_returned + other.not_returned,
        )


def approved_rag_counts(
    *, priority_ids, period: ReportingPeriod | None
) -> dict[tuple[int, int | None], RagCounts]:
    """RAG counts of the active measures of the given priorities for ``period``, keyed by
    (priority id, strategy id), counting approved returns only (one query).

    Only approved figures count, for every reader: the summary is the partnership's agreed
    position, the same for a scrutiny member as for the business manager.
    """
    measures = Measure.objects.active().filter(priority_id__in=priority_ids)
    if period is None:
        rows = measures.values("priority_id", "strategy_id").annotate(total=Count("pk"))
        return {
            (row["priority_id"], row["strategy_id"]): RagCounts(not_returned=row["total"])
            for row in rows.order_by()
        }
    rows = (
        measures.annotate(
            approved=FilteredRelation(
                "returns",
                condition=Q(returns__period=period, returns__status=Return.Status.APPROVED),
            )
        )
        .values("priority_id", "strategy_id")
        .annotate(
            total=Count("pk"),
            **{rag: Count("approved", filter=Q(approved__rag=rag)) for rag in Rag.values},
        )
        .order_by()
    )
    counts = {}
    for row in rows:
        rated = sum(row[rag] for rag in Rag.values)
        counts[(row["priority_id"], row["strategy_id"])] = RagCounts(
            green=row[Rag.GREEN],
            amber=row[Rag.AMBER],
            red=row[Rag.RED],
            not_rated=row[Rag.NOT_RATED],
            not_returned=row["total"] - rated,
        )
    return counts


@dataclass(frozen=True)
class LatestFigure:
    """A measure's latest approved return and the approved return of the quarter before."""

    measure: Measure
    latest: Return | None
    previous: Return | None
    previous_label: str

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None:
            return None
        if self.latest.value is None or self.previous.value is None:
            return None
        return self.latest.value - self.previous.value

    @property
    def direction(self) -> str | None:
        """ "up", "down" or "same" against the quarter before; None when either is missing."""
        change = self.change
        if change is None:
            return None
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def verdict(self) -> str | None:
        """ "better" or "worse" by the measure's polarity; None when no target or no change."""
        direction = self.direction
        if direction in (None, "same") or self.measure.polarity == Measure.Polarity.NONE:
            return None
        higher_better = self.measure.polarity == Measure.Polarity.HIGHER
        return "better" if (direction == "up") == higher_better else "worse"


def _quarter_before(period: ReportingPeriod) -> tuple[int, int]:
    if period.quarter == 1:
        return period.financial_year - 1, 4
    return period.financial_year, period.quarter - 1


def latest_figure(measure: Measure) -> LatestFigure:
    """The latest figure of a measure from its prefetched ``approved_returns`` (see
    ``measures_with_approved_returns``), with the trend against the quarter before it."""
    returns = measure.approved_returns
    latest = returns[0] if returns else None
    previous, label = None, ""
    if latest is not None:
        year, quarter = _quarter_before(latest.period)
        label = f"Q{quarter} {year}-{(year + 1) % 100:02d}"
        previous = next(
            (
                ret
                for ret in returns[1:]
                if (ret.period.financial_year, ret.period.quarter) == (year, quarter)
            ),
            None,
        )
    return LatestFigure(measure=measure, latest=latest, previous=previous, previous_label=label)
