"""Page-shaped reads for priorities and strategies."""

from django.db.models import Count, Prefetch, Q, QuerySet

from plans.models import plan_visibility
from priorities.models import Priority, Strategy


def shelf_priorities() -> QuerySet[Priority]:
    """Priorities in shelf order with their strategies (and owners), the priorities they
    carry forward, and the number of active measures: for prefetching under a plan."""
    return (
        Priority.objects.annotate(
            measure_count=Count("measures", filter=Q(measures__active=True), distinct=True)
        )
        .prefetch_related(
            Prefetch(
                "strategies",
                queryset=Strategy.objects.select_related("owner_body").order_by("title"),
            ),
            Prefetch("continues", queryset=Priority.objects.select_related("plan")),
        )
        .order_by("order")
    )


def strategy_list(*, draft_plans: bool) -> QuerySet[Strategy]:
    """Every strategy with its owner and the number of priorities and active measures (those
    of draft plans counted only ``draft_plans``), by title."""
    strategies = Strategy.objects.select_related("owner_body").order_by("title", "pk")
    return strategies.annotate(
        priority_count=Count(
            "priorities",
            filter=plan_visibility("priorities__plan", drafts=draft_plans),
            distinct=True,
        ),
        measure_count=Count(
            "measures",
            filter=Q(measures__active=True)
            & plan_visibility("measures__priority__plan", drafts=draft_plans),
            distinct=True,
        ),
    )
