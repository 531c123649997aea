"""Page-shaped reads for consultations, each a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from consultations.models import (
    OPEN_STATUSES,
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from plans.models import Plan, plan_visibility
from priorities.models import Priority
from sscp.history import HistoryEntry, HistorySource, combined_history


def _priorities_with_plan(*, draft_plans: bool):
    return (
        Priority.objects.filter(plan_visibility("plan", drafts=draft_plans))
        .select_related("plan")
        .order_by("-plan__start_date", "order")
    )


def _commitments_with_updates():
    return Commitment.objects.select_related("owner_body").prefetch_related(
        Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-pk"))
    )


# --- consultations ----------------------------------------------------------------------------


def consultation_list(*, draft_plans: bool) -> QuerySet[Consultation]:
    """Every consultation (for draft plans only ``draft_plans``), newest first, with its plan
    and how much was heard and promised."""
    # Meta.ordering does not apply to a query with aggregates, so order it here.
    return (
        Consultation.objects.filter(plan_visibility("plan", drafts=draft_plans))
        .select_related("plan")
        .annotate(
            feedback_count=Count("feedback", distinct=True),
            commitment_count=Count("commitments", distinct=True),
            overdue_count=Count(
                "commitments",
                filter=Q(
                    commitments__status__in=OPEN_STATUSES,
                    commitments__due_date__lt=timezone.localdate(),
                ),
                distinct=True,
            ),
        )
        .order_by("-start_date", "-pk")
    )


def plans_with_consultations(*, draft_plans: bool) -> QuerySet[Plan]:
    """The plans that have at least one consultation, newest first (for "You said, we did")."""
    return (
        Plan.objects.visible(drafts=draft_plans)
        .filter(pk__in=Consultation.objects.values("plan_id"))
        .order_by("-start_date")
    )


def consultation_detail(slug: str, *, draft_plans: bool) -> QuerySet[Consultation]:
    """One consultation with its groups, documents, feedback (with the priorities it informed)
    and commitments (with their owner, the item they answer and their updates): 7 queries.
    The priorities of draft plans are left out unless ``draft_plans``."""
    return (
        Consultation.objects.filter(slug=slug)
        .select_related("plan")
        .prefetch_related(
            Prefetch("groups", queryset=EngagementGroup.objects.order_by("kind", "name")),
            "documents",
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related(
                    Prefetch("priorities", queryset=_priorities_with_plan(draft_plans=draft_plans))
                ),
            ),
            Prefetch(
                "commitments",
                queryset=_commitments_with_updates().select_related("feedback"),
            ),
        )
    )


# --- commitments ------------------------------------------------------------------------------


def commitment_list(*, draft_plans: bool) -> QuerySet[Commitment]:
    """Every commitment (in consultations for draft plans only ``draft_plans``) with its
    consultation, plan, owner and the date of its latest update."""
    return (
        Commitment.objects.filter(plan_visibility("consultation__plan", drafts=draft_plans))
        .select_related("consultation__plan", "owner_body")
        .annotate(last_update=Max("updates__date"))
        .order_by("due_date", "pk")
    )


# --- engagement groups ------------------------------------------------------------------------


def group_list(*, draft_plans: bool) -> QuerySet[EngagementGroup]:
    """Every engagement group with the number of consultations it took part in (those for
    draft plans counted only ``draft_plans``)."""
    counted = plan_visibility("consultations__plan", drafts=draft_plans)
    return EngagementGroup.objects.annotate(
        consultation_count=Count("consultations", filter=counted)
    ).order_by("name")


def group_detail(pk: int, *, draft_plans: bool) -> QuerySet[EngagementGroup]:
    """One group with the consultations it took part in (for draft plans only
    ``draft_plans``), newest first (2 queries)."""
    return EngagementGroup.objects.filter(pk=pk).prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.filter(plan_visibility("plan", drafts=draft_plans))
            .select_related("plan")
            .order_by("-start_date"),
        )
    )


# --- "You said, we did" -----------------------------------------------------------------------


@dataclass
class SaidItem:
    """One thing young people said and the promises that answer it."""

    feedback: Feedback
    commitments: list[Commitment]


@dataclass
class ConsultationStory:
    consultation: Consultation
    items: list[SaidItem]
    other_commitments: list[Commitment]  # promises that answer no single item

    @property
    def commitments(self) -> list[Commitment]:
        return [c for item in self.items for c in item.commitments] + self.other_commitments


@dataclass
class YouSaidWeDid:
    plan: Plan
    stories: list[ConsultationStory]

    @property
    def commitments(self) -> list[Commitment]:
        return [c for story in self.stories for c in story.commitments]

    @property
    def open_commitments(self) -> list[Commitment]:
        still_open = [c for c in self.commitments if c.is_open]
        return sorted(still_open, key=lambda c: (c.due_date or datetime.date.max, c.pk))

    @property
    def counts(self) -> dict[str, int]:
        """How many promises are in each status, by status value."""
        counts = dict.fromkeys(Commitment.Status.values, 0)
        for commitment in self.commitments:
            counts[commitment.status] += 1
        return counts


def you_said_we_did(plan_slug: str, *, draft_plans: bool) -> YouSaidWeDid:
    """A plan's consultations, oldest first, each item said with the promises answering it
    (7 queries). A draft plan is not found (404) unless ``draft_plans``."""
    plan = get_object_or_404(Plan.objects.visible(drafts=draft_plans), slug=plan_slug)
    consultations = (
        Consultation.objects.filter(plan=plan)
        .order_by("start_date", "pk")
        .prefetch_related(
            Prefetch("groups", queryset=EngagementGroup.objects.order_by("kind", "name")),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related(
                    Prefetch("priorities", queryset=_priorities_with_plan(draft_plans=draft_plans))
                ),
            ),
            Prefetch("commitments", queryset=_commitments_with_updates()),
        )
    )
    stories = []
    for consultation in consultations:
        answering = defaultdict(list)
        for commitment in consultation.commitments.all():
            answering[commitment.feedback_id].append(commitment)
        items = [
            SaidItem(feedback=item, commitments=answering.pop(item.pk, []))
            for item in consultation.feedback.all()
        ]
        others = [c for commitments in answering.values() for c in commitments]
        others.sort(key=lambda c: (c.due_date or datetime.date.max, c.pk))
        stories.append(
            ConsultationStory(consultation=consultation, items=items, other_commitments=others)
        )
    return YouSaidWeDid(plan=plan, stories=stories)


# --- feedback by priority ---------------------------------------------------------------------


def priority_feedback_counts(plan: Plan | int) -> dict[int, int]:
    """For one plan: priority id -> number of feedback items that informed it (1 query).

    Priorities no item informed are missing; read with ``counts.get(priority.pk, 0)`` or the
    ``count_for`` template filter.
    """
    plan_id = plan if isinstance(plan, int) else plan.pk
    links = Feedback.priorities.through.objects.filter(priority__plan_id=plan_id)
    return dict(
        links.values("priority_id")
        .annotate(items=Count("feedback_id"))
        .values_list("priority_id", "items")
    )


@dataclass
class PriorityFeedback:
    priority: Priority
    feedback: list[Feedback]  # items that informed this priority
    earlier_feedback: list[Feedback]  # items that informed the priorities it carries forward


def priority_feedback(pk: int, *, draft_plans: bool) -> PriorityFeedback:
    """The items that informed one priority, and those that informed the earlier priorities it
    carries forward, newest consultation first, each with its priorities and the promises that
    answer it (6 queries). Unless ``draft_plans``, a draft plan's priority is not found (404)
    and items and priorities of draft plans are left out."""
    visible = _priorities_with_plan(draft_plans=draft_plans)
    priority = get_object_or_404(
        visible.prefetch_related(Prefetch("continues", queryset=visible)),
        pk=pk,
    )
    earlier_ids = [earlier.pk for earlier in priority.continues.all()]
    links = Feedback.priorities.through.objects.filter(priority_id__in=[priority.pk, *earlier_ids])
    items = (
        Feedback.objects.filter(
            plan_visibility("consultation__plan", drafts=draft_plans),
            pk__in=links.values("feedback_id"),
        )
        .select_related("consultation__plan")
        .order_by("-consultation__start_date", "consultation_id", "order")
        .prefetch_related(
            Prefetch("priorities", queryset=visible),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("owner_body", "consultation"),
            ),
        )
    )
    direct, earlier = [], []
    for item in items:
        linked = {p.pk for p in item.priorities.all()}
        (direct if priority.pk in linked else earlier).append(item)
    return PriorityFeedback(priority=priority, feedback=direct, earlier_feedback=earlier)


# --- history ----------------------------------------------------------------------------------


def _subject(kind: str, words: int = 16) -> Callable[[Any], str]:
    """Names a history record by its kind and its title, name or the start of its text."""

    def name(record) -> str:
        for attribute in ("title", "name", "said", "promise"):
            if hasattr(record, attribute):
                return f"{kind}: {Truncator(getattr(record, attribute)).words(words)}"
        return kind

    return name


def _update_subject(record) -> str:
    subject = (
        f"Update on a commitment: {date_format(record.date, 'j F Y')}: "
        f"{Truncator(record.text).words(12)}"
    )
    if record.commitment is not None:
        subject += f" (on “{Truncator(record.commitment.promise).words(8)}”)"
    return subject


def _method_labels(methods: list[str]) -> str:
    labels = dict(Consultation.Method.choices)
    return ", ".join(str(labels.get(method, method)) for method in methods)


def consultation_history(consultation: Consultation) -> list[HistoryEntry]:
    """Every saved change to a consultation and to its feedback, commitments, their updates and
    its documents (including deleted ones), newest first, each naming what it changed, in a
    fixed number of queries.

    A part's consultation, an update's commitment and author, and the order of items are left
    out: they never change once the part is added. The related objects named most are read
    with the records.
    """
    in_consultation = {"consultation_id": consultation.pk}
    commitment_ids = Commitment.history.filter(**in_consultation).values("id")
    return combined_history(
        [
            HistorySource(
                consultation.history.select_related("plan"),
                subject=_subject("Consultation"),
                show={"methods": _method_labels},
            ),
            HistorySource(
                Feedback.history.filter(**in_consultation),
                exclude=("consultation", "order"),
                subject=_subject("What we were told"),
            ),
            HistorySource(
                Commitment.history.filter(**in_consultation).select_related(
                    "feedback", "owner_body"
                ),
                exclude=("consultation",),
                subject=_subject("Commitment"),
            ),
            HistorySource(
                CommitmentUpdate.history.filter(commitment_id__in=commitment_ids).select_related(
                    "commitment"
                ),
                exclude=("commitment", "author"),
                subject=_update_subject,
            ),
            HistorySource(
                ConsultationDocument.history.filter(**in_consultation),
                exclude=("consultation", "order"),
                subject=_subject("Document or link"),
            ),
        ]
    )


# --- progress reports -------------------------------------------------------------------------


def consultations_for_report(plan: Plan, period) -> QuerySet[Consultation]:
    """The consultations a progress report on ``plan`` for the quarter ``period`` shows: the
    plan's own, and any other held during the plan's years, that began by the quarter's end;
    oldest first, with their groups (2 queries)."""
    return (
        Consultation.objects.filter(
            Q(plan=plan) | Q(end_date__gte=plan.start_date), start_date__lte=period.end_date
        )
        # the paper goes to the committee: never a draft plan's consultation
        .filter(plan_visibility("plan", drafts=False))
        .prefetch_related(Prefetch("groups", queryset=EngagementGroup.objects.order_by("name")))
        .order_by("start_date", "title")
    )


def commitments_for_report(plan: Plan, period) -> QuerySet[Commitment]:
    """The commitments to children and young people whose status a progress report gives:
    those made in consultations that reached children and young people (a children and young
    people's group, or a count of children reached) that began by the quarter's end, and that
    belong to the plan's own consultations, are still open, or fall due during or after the
    plan's years; with their owner, consultation and updates, newest first (2 queries)."""
    cyp_group = EngagementGroup.objects.filter(
        consultations=OuterRef("consultation"), kind=EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE
    )
    return (
        _commitments_with_updates()
        .select_related("consultation")
        .filter(consultation__start_date__lte=period.end_date)
        .filter(plan_visibility("consultation__plan", drafts=False))
        .filter(Q(consultation__children_reached__gt=0) | Exists(cyp_group))
        .filter(
            Q(consultation__plan=plan)
            | Q(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS])
            | Q(due_date__isnull=True)
            | Q(due_date__gte=plan.start_date)
        )
        .order_by("due_date", "pk")
    )
