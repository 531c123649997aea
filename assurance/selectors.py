"""Page-shaped reads of the risk register and the reviews register, each a fixed number of
queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from assurance.models import (
    Action,
    ActionUpdate,
    Recommendation,
    Review,
    Risk,
    RiskReview,
    Scored,
)
from plans.models import plan_visibility

SCALE = range(1, 6)


def risk_register(*, draft_plans: bool) -> QuerySet[Risk]:
    """Every risk the reader sees (draft plans' only ``draft_plans``), with its plan, priority
    and owner, its current score as ``current_score``; highest score first."""
    return (
        Risk.objects.filter(plan_visibility("plan", drafts=draft_plans))
        .select_related("plan", "priority", "owner_body")
        .with_score()
        .order_by("-current_score", "title", "pk")
    )


@dataclass(frozen=True)
class HeatCell(Scored):
    likelihood: int
    impact: int
    count: int


def heat_map(risks: QuerySet[Risk]) -> list[list[HeatCell]]:
    """The 5 x 5 grid of open risks by current likelihood (columns, 1 to 5) and impact (rows,
    5 at the top): one query whatever the register's size."""
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in risks.filter(status=Risk.Status.OPEN)
        .order_by()
        .values("likelihood", "impact")
        .annotate(n=Count("pk"))
    }
    return [
        [HeatCell(likelihood, impact, counts.get((likelihood, impact), 0)) for likelihood in SCALE]
        for impact in reversed(SCALE)
    ]


def open_risks_of(plan) -> QuerySet[Risk]:
    """The plan's open risks with their owners, highest score first (for its papers)."""
    return (
        Risk.objects.filter(plan=plan, status=Risk.Status.OPEN)
        .select_related("owner_body")
        .with_score()
        .order_by("-current_score", "reference", "pk")
    )


def risk_detail(pk: int) -> QuerySet[Risk]:
    """One risk with its plan, priority, owner and every review (oldest first, with who)."""
    return (
        Risk.objects.filter(pk=pk)
        .select_related("plan", "priority", "owner_body")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=RiskReview.objects.select_related("reviewed_by").order_by(
                    "reviewed_on", "pk"
                ),
            )
        )
    )


def review_register(visible: Q) -> QuerySet[Review]:
    """The reviews a reader sees (``visible``: ``rules.visible_reviews``), with their lead body
    and learning themes."""
    return (
        Review.objects.filter(visible)
        .select_related("lead_body")
        .prefetch_related("themes")
        .order_by("-notified_on", "-commissioned_on", "title", "pk")
    )


def review_detail(pk: int) -> QuerySet[Review]:
    """One review with its lead body, themes, plan priorities (with their plan) and partners."""
    return (
        Review.objects.filter(pk=pk)
        .select_related("lead_body")
        .prefetch_related(
            "themes",
            "partners",
            "priorities__plan",
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.order_by("number").prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=Action.objects.select_related("owner_body").order_by(
                            "due_on", "pk"
                        ),
                    )
                ),
            ),
        )
    )


def action_detail(pk: int) -> QuerySet[Action]:
    """One action with its recommendation, review, owner and every update (oldest first)."""
    return (
        Action.objects.filter(pk=pk)
        .select_related("recommendation__review", "owner_body", "signed_off_by")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.select_related("written_by").order_by(
                    "written_at", "pk"
                ),
            )
        )
    )


def action_tracker(visible: Q) -> QuerySet[Action]:
    """Every action a reader sees (``visible``: ``rules.visible_actions``) with its
    recommendation, review and owner; soonest due first."""
    return (
        Action.objects.filter(visible)
        .select_related("recommendation__review", "owner_body")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class OpenActions:
    """Some bodies' open actions, soonest due (so overdue) first: the first ``shown`` of them
    and how many there are in all."""

    actions: list[Action]
    count: int

    @property
    def more(self) -> bool:
        return self.count > len(self.actions)


def open_actions_of(body_ids, *, shown: int) -> OpenActions:
    """The open actions owned by the bodies ``body_ids``, with their recommendation, review and
    owner, soonest due first (overdue first): the first ``shown`` and the count (2 queries)."""
    actions = (
        Action.objects.open()
        .filter(owner_body_id__in=list(body_ids))
        .select_related("recommendation__review", "owner_body")
        .order_by("due_on", "pk")
    )
    return OpenActions(actions=list(actions[:shown]), count=actions.count())


def reviews_completed_between(start: datetime.date, end: datetime.date) -> list[Review]:
    """Reviews completed from ``start`` to ``end`` (both included), in the order they were
    completed, each with its learning themes' names as ``theme_names`` (for a progress report's
    quarter). One query: the themes are joined in, a row per review and theme, and gathered
    here."""
    rows = (
        Review.objects.filter(completed_on__gte=start, completed_on__lte=end)
        .annotate(theme_name=F("themes__name"))
        .order_by("completed_on", "title", "pk", "theme_name")
    )
    reviews: dict[int, Review] = {}
    for row in rows:
        review = reviews.setdefault(row.pk, row)
        if not hasattr(review, "theme_names"):
            review.theme_names = []
        if row.theme_name is not None:
            review.theme_names.append(row.theme_name)
    return list(reviews.values())


def overdue_actions(today: datetime.date) -> QuerySet[Action]:
    """Open actions past their due date on ``today``, with their owner and recommendation's
    review, longest overdue first."""
    return (
        Action.objects.overdue(today)
        .select_related("owner_body", "recommendation__review")
        .order_by("due_on", "owner_body__name", "pk")
    )
