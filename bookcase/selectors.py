"""Page-shaped reads that put plans, priorities, strategies, measures and consultations
together, each a fixed number of queries whatever the data size."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from measures.models import ReportingPeriod
from measures.selectors import (
    RagCounts,
    active_measures,
    approved_rag_counts,
    latest_closed_quarter,
    measures_with_approved_returns,
    periods_within,
    quarters_with_figures,
)
from plans.models import GovernanceBody, Membership, Plan, plan_visibility
from priorities.models import Priority, Strategy
from priorities.selectors import shelf_priorities

# --- Plan on a Page and the timeline across plans ----------------------------------------------


@dataclass
class Book:
    """A strategy on a shelf, with the RAG summary of its measures under that priority."""

    strategy: Strategy
    rag: RagCounts


@dataclass
class Shelf:
    """A priority and the strategies that deliver it. ``unshelved`` counts the priority's
    measures that do not come from one of those strategies."""

    priority: Priority
    books: list[Book]
    unshelved: RagCounts


@dataclass
class Bookcase:
    shelves: list[Shelf]
    retired: list[Priority]
    periods: list[ReportingPeriod]
    period: ReportingPeriod | None

    @property
    def totals(self) -> RagCounts:
        total = RagCounts()
        for shelf in self.shelves:
            total += shelf.unshelved
            for book in shelf.books:
                total += book.rag
        return total


def plan_quarters(
    plan: Plan, *, quarter: str | None, today: datetime.date
) -> tuple[list[ReportingPeriod], ReportingPeriod | None]:
    """The quarters within a plan's dates (newest first) and the one the Plan on a Page shows:
    ``quarter`` (a period pk) when it is one of them, else the latest with approved figures
    (``latest_closed_quarter``; two queries)."""
    periods = periods_within(plan.start_date, plan.end_date)
    chosen = next((p for p in periods if str(p.pk) == quarter), None)
    if chosen is not None:
        return periods, chosen
    with_figures = quarters_with_figures(plan.pk, periods) if periods else set()
    return periods, latest_closed_quarter(periods, today, with_figures)


def plan_on_a_page(plan: Plan, *, quarter: str | None, today: datetime.date) -> Bookcase:
    """The bookcase of a plan: one shelf per current priority in order, a book per strategy
    with the RAG of its measures' approved returns for the chosen quarter (see
    ``plan_quarters``). Five queries."""
    periods, period = plan_quarters(plan, quarter=quarter, today=today)
    priorities = list(shelf_priorities().filter(plan=plan))
    counts = approved_rag_counts(priority_ids=[p.pk for p in priorities], period=period)
    shelves = []
    for priority in priorities:
        if priority.is_retired:
            continue
        books = [
            Book(strategy=strategy, rag=counts.get((priority.pk, strategy.pk), RagCounts()))
            for strategy in priority.strategies.all()
        ]
        on_shelf = {book.strategy.pk for book in books}
        unshelved = RagCounts()
        for (priority_id, strategy_id), rag in counts.items():
            if priority_id == priority.pk and strategy_id not in on_shelf:
                unshelved += rag
        shelves.append(Shelf(priority=priority, books=books, unshelved=unshelved))
    return Bookcase(
        shelves=shelves,
        retired=[p for p in priorities if p.is_retired],
        periods=periods,
        period=period,
    )


@dataclass
class TimelinePlan:
    plan: Plan
    priorities: list[Priority]


@dataclass
class Theme:
    """A line of priorities carried forward from plan to plan: ``cells`` holds, for each plan
    on the timeline (oldest first), the priorities of that plan on the line."""

    name: str
    cells: list[list[Priority]]


@dataclass
class Timeline:
    plans: list[TimelinePlan]
    themes: list[Theme]


def timeline(*, draft_plans: bool) -> Timeline:
    """Every plan the reader sees (drafts only ``draft_plans``), oldest first, with its
    priorities, what each carries forward and what carries it forward; and the themes a reader
    can follow across plans (three queries)."""
    plans = list(
        Plan.objects.visible(drafts=draft_plans)
        .order_by("start_date")
        .prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.order_by("order").prefetch_related(
                    Prefetch("continues", queryset=Priority.objects.only("pk"))
                ),
            )
        )
    )
    by_pk: dict[int, Priority] = {}
    for plan in plans:
        for priority in plan.priorities.all():
            priority.plan = plan  # already fetched: no query per priority for its plan
            priority.earlier = []
            priority.later = []
            by_pk[priority.pk] = priority
    for priority in by_pk.values():
        for earlier in priority.continues.all():
            if earlier.pk in by_pk:
                priority.earlier.append(by_pk[earlier.pk])
                by_pk[earlier.pk].later.append(priority)

    column = {plan.pk: index for index, plan in enumerate(plans)}
    themes = []
    # A theme ends in a priority nothing later carries forward; it gathers every priority it
    # comes from. Newest plans first, so the themes read from today's priorities back.
    for plan in reversed(plans):
        for end in plan.priorities.all():
            if end.later:
                continue
            cells: list[list[Priority]] = [[] for _ in plans]
            stack, seen = [end], set()
            while stack:
                priority = stack.pop()
                if priority.pk in seen:
                    continue
                seen.add(priority.pk)
                cells[column[priority.plan_id]].append(priority)
                stack.extend(priority.earlier)
            for cell in cells:
                cell.sort(key=lambda p: p.order)
            themes.append(Theme(name=end.title, cells=cells))
    return Timeline(
        plans=[TimelinePlan(plan=plan, priorities=list(plan.priorities.all())) for plan in plans],
        themes=themes,
    )


# --- a strategy's and a body's pages -------------------------------------------------------------


def strategy_detail(slug: str, *, draft_plans: bool) -> QuerySet[Strategy]:
    """One strategy with its owner, the priorities it serves and its active measures; those
    under draft plans only ``draft_plans``."""
    return (
        Strategy.objects.filter(slug=slug)
        .select_related("owner_body__parent")
        .prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.filter(plan_visibility("plan", drafts=draft_plans))
                .select_related("plan")
                .order_by("-plan__start_date", "order"),
            ),
            Prefetch(
                "measures",
                queryset=measures_with_approved_returns().filter(
                    plan_visibility("priority__plan", drafts=draft_plans)
                ),
            ),
        )
    )


def body_detail(slug: str, *, draft_plans: bool) -> QuerySet[GovernanceBody]:
    """One body with its parent, sub-bodies, members, strategies owned and measures reported
    (those of draft plans only ``draft_plans``)."""
    return (
        GovernanceBody.objects.filter(slug=slug)
        .select_related("parent", "lead_partner")
        .prefetch_related(
            Prefetch("children", queryset=GovernanceBody.objects.order_by("name")),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("role", "role_title"),
            ),
            Prefetch("strategies", queryset=Strategy.objects.order_by("title")),
            Prefetch(
                "measures",
                queryset=active_measures()
                .filter(plan_visibility("priority__plan", drafts=draft_plans))
                .order_by("-priority__plan__start_date", "priority__order", "title"),
            ),
        )
    )
