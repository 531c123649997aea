"""Page-shaped reads for consultations, each a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Max, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.text import Truncator

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from plans.models import Plan
    from priorities.models import Priority


def _priorities_with_plan():
    from priorities.models import Priority

    return Priority.objects.select_related("plan").order_by("-plan__start_date", "order")


def _commitments_with_updates():
    return Commitment.objects.select_related("owner_body").prefetch_related(
        Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-pk"))
    )


# --- consultations ----------------------------------------------------------------------------


def consultation_list() -> QuerySet[Consultation]:
    """Every consultation, newest first, with its plan and how much was heard and promised."""
    # Meta.ordering does not apply to a query with aggregates, so order it here.
    return (
        Consultation.objects.select_related("plan")
        .annotate(
            feedback_count=Count("feedback", distinct=True),
            commitment_count=Count("commitments", distinct=True),
        )
        .order_by("-start_date", "-pk")
    )


def plans_with_consultations() -> QuerySet[Plan]:
    """The plans that have at least one consultation, newest first (for "You said, we did")."""
    from plans.models import Plan

    return Plan.objects.filter(pk__in=Consultation.objects.values("plan_id")).order_by(
        "-start_date"
    )


def consultation_detail(slug: str) -> QuerySet[Consultation]:
    """One consultation with its groups, documents, feedback (with the priorities it informed)
    and commitments (with their owner, the item they answer and their updates): 7 queries."""
    return (
        Consultation.objects.filter(slug=slug)
        .select_related("plan")
        .prefetch_related(
            Prefetch("groups", queryset=EngagementGroup.objects.order_by("kind", "name")),
            "documents",
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related(
                    Prefetch("priorities", queryset=_priorities_with_plan())
                ),
            ),
            Prefetch(
                "commitments",
                queryset=_commitments_with_updates().select_related("feedback"),
            ),
        )
    )


# --- commitments ------------------------------------------------------------------------------


def commitment_list() -> QuerySet[Commitment]:
    """Every commitment with its consultation, plan, owner and the date of its latest update."""
    return (
        Commitment.objects.select_related("consultation__plan", "owner_body")
        .annotate(last_update=Max("updates__date"))
        .order_by("due_date", "pk")
    )


# --- engagement groups ------------------------------------------------------------------------


def group_list() -> QuerySet[EngagementGroup]:
    """Every engagement group with the number of consultations it took part in."""
    return EngagementGroup.objects.annotate(consultation_count=Count("consultations")).order_by(
        "name"
    )


def group_detail(pk: int) -> QuerySet[EngagementGroup]:
    """One group with the consultations it took part in, newest first (2 queries)."""
    return EngagementGroup.objects.filter(pk=pk).prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.select_related("plan").order_by("-start_date"),
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


def you_said_we_did(plan_slug: str) -> YouSaidWeDid:
    """A plan's consultations, oldest first, each item said with the promises answering it
    (7 queries)."""
    from plans.models import Plan

    plan = get_object_or_404(Plan, slug=plan_slug)
    consultations = (
        Consultation.objects.filter(plan=plan)
        .order_by("start_date", "pk")
        .prefetch_related(
            Prefetch("groups", queryset=EngagementGroup.objects.order_by("kind", "name")),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related(
                    Prefetch("priorities", queryset=_priorities_with_plan())
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


def priority_feedback(pk: int) -> PriorityFeedback:
    """The items that informed one priority, and those that informed the earlier priorities it
    carries forward, newest consultation first, each with its priorities and the promises that
    answer it (6 queries)."""
    from priorities.models import Priority

    priority = get_object_or_404(
        Priority.objects.select_related("plan").prefetch_related(
            Prefetch("continues", queryset=_priorities_with_plan())
        ),
        pk=pk,
    )
    earlier_ids = [earlier.pk for earlier in priority.continues.all()]
    links = Feedback.priorities.through.objects.filter(priority_id__in=[priority.pk, *earlier_ids])
    items = (
        Feedback.objects.filter(pk__in=links.values("feedback_id"))
        .select_related("consultation__plan")
        .order_by("-consultation__start_date", "consultation_id", "order")
        .prefetch_related(
            Prefetch("priorities", queryset=_priorities_with_plan()),
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


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One saved change: when, who, what kind of thing, which one, and what changed."""

    when: datetime.datetime
    who: User | None
    action: str
    kind: str
    label: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""  # why, when no person made it (the demo loader, a migration)


_ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}
_SKIPPED_FIELDS = {"id"}


def _shown(value: Any, model_field: models.Field | None = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list):
        labels = dict(Consultation.Method.choices)
        return ", ".join(str(labels.get(item, item)) for item in value)
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _record_label(record) -> str:
    """What a history record is about, in words: its title, name, or the start of its text."""
    if isinstance(record, CommitmentUpdate.history.model):
        label = f"{date_format(record.date, 'j F Y')}: {Truncator(record.text).words(12)}"
        if record.commitment is not None:
            label += f" (on “{Truncator(record.commitment.promise).words(8)}”)"
        return label
    for name in ("title", "name", "said", "promise"):
        if hasattr(record, name):
            return Truncator(getattr(record, name)).words(16)
    return str(record.instance)


def _linked_label(obj: models.Model) -> str:
    if obj._meta.label == "priorities.Priority":  # the plan is selected with it
        return f"{obj.plan.slug}: {obj}"
    return str(obj)


def _m2m_accessors(history_model) -> list[tuple[models.Field, str, str, type[models.Model]]]:
    """For each many-to-many field: (field, reverse accessor on a history record, linked
    field on the m2m history row, the m2m history row model)."""
    found = []
    for m2m_field in history_model._history_m2m_fields:
        for relation in history_model._meta.related_objects:
            row_model = relation.related_model
            if not row_model.__name__.endswith(f"_{m2m_field.name}"):
                continue
            target = next(
                f.name
                for f in row_model._meta.fields
                if f.is_relation and f.related_model is m2m_field.related_model
            )
            found.append((m2m_field, relation.get_accessor_name(), target, row_model))
    return found


def _history_queryset(model: type[models.Model], **filters) -> QuerySet:
    history_model = model.history.model
    related = ["history_user"] + [
        f.name for f in history_model.tracked_fields if f.is_relation and f.name != "history_user"
    ]
    records = history_model.objects.filter(**filters).select_related(*related)
    for _field, accessor, target, row_model in _m2m_accessors(history_model):
        rows = row_model.objects.select_related(target)
        if target == "priority":
            rows = rows.select_related("priority__plan")
        records = records.prefetch_related(Prefetch(accessor, queryset=rows))
    return records.order_by("history_date", "history_id")


def _entries(model: type[models.Model], records, kind: str) -> list[HistoryEntry]:
    """History entries for ``records`` of one model: each compared with the one before it."""
    history_model = model.history.model
    tracked = [f for f in history_model.tracked_fields if f.name not in _SKIPPED_FIELDS]
    m2m = _m2m_accessors(history_model)

    def values(record) -> dict[str, str]:
        shown = {}
        for model_field in tracked:
            if model_field.is_relation:
                related = getattr(record, model_field.name, None)
                shown[model_field.name] = "—" if related is None else _linked_label(related)
            else:
                value = getattr(record, model_field.attname)
                shown[model_field.name] = _shown(value, model_field)
        for m2m_field, accessor, target, _row_model in m2m:
            linked = sorted(
                _linked_label(getattr(row, target))
                for row in getattr(record, accessor).all()
                if getattr(row, target) is not None
            )
            shown[m2m_field.name] = "; ".join(linked) or "—"
        return shown

    labels = {f.name: str(f.verbose_name).capitalize() for f in tracked}
    labels.update({f.name: str(f.verbose_name).capitalize() for f, *_ in m2m})
    entries, previous = [], {}
    for record in records:
        now = values(record)
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            changes = [
                Change(field=labels[name], old=before[name], new=now[name])
                for name in now
                if now[name] != before[name]
            ]
            if not changes:
                previous[record.id] = now
                continue
        previous[record.id] = now
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=_ACTIONS.get(record.history_type, record.history_type),
                kind=kind,
                label=_record_label(record),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def _newest_first(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def consultation_history(consultation: Consultation) -> list[HistoryEntry]:
    """Every saved change to a consultation and to its feedback, commitments, updates and
    documents (including deleted ones), newest first, in a fixed number of queries."""
    commitments = list(_history_queryset(Commitment, consultation_id=consultation.pk))
    commitment_ids = {record.id for record in commitments}
    entries = [
        *_entries(
            Consultation, _history_queryset(Consultation, id=consultation.pk), "Consultation"
        ),
        *_entries(
            Feedback,
            _history_queryset(Feedback, consultation_id=consultation.pk),
            "What we were told",
        ),
        *_entries(Commitment, commitments, "Commitment"),
        *_entries(
            CommitmentUpdate,
            _history_queryset(CommitmentUpdate, commitment_id__in=commitment_ids),
            "Update on a commitment",
        ),
        *_entries(
            ConsultationDocument,
            _history_queryset(ConsultationDocument, consultation_id=consultation.pk),
            "Document or link",
        ),
    ]
    return _newest_first(entries)


def group_history(group: EngagementGroup) -> list[HistoryEntry]:
    """Every saved change to one engagement group, newest first (1 query)."""
    return _newest_first(
        _entries(EngagementGroup, _history_queryset(EngagementGroup, id=group.pk), "Group")
    )


# --- progress reports (issue 5) ---------------------------------------------------------------


def consultations_for_report(plan: Plan, period) -> QuerySet[Consultation]:
    """The consultations a progress report on ``plan`` for the quarter ``period`` shows: the
    plan's own, and any other held during the plan's years, that began by the quarter's end;
    oldest first, with their groups (2 queries)."""
    from django.db.models import Q

    return (
        Consultation.objects.filter(
            Q(plan=plan) | Q(end_date__gte=plan.start_date), start_date__lte=period.end_date
        )
        .prefetch_related(Prefetch("groups", queryset=EngagementGroup.objects.order_by("name")))
        .order_by("start_date", "title")
    )


def commitments_for_report(plan: Plan, period) -> QuerySet[Commitment]:
    """The commitments to children and young people whose status a progress report gives:
    those made in consultations that reached children and young people (a children and young
    people's group, or a count of children reached) that began by the quarter's end, and that
    belong to the plan's own consultations, are still open, or fall due during or after the
    plan's years; with their owner, consultation and updates, newest first (2 queries)."""
    from django.db.models import Exists, OuterRef, Q

    cyp_group = EngagementGroup.objects.filter(
        consultations=OuterRef("consultation"), kind=EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE
    )
    return (
        _commitments_with_updates()
        .select_related("consultation")
        .filter(consultation__start_date__lte=period.end_date)
        .filter(Q(consultation__children_reached__gt=0) | Exists(cyp_group))
        .filter(
            Q(consultation__plan=plan)
            | Q(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS])
            | Q(due_date__isnull=True)
            | Q(due_date__gte=plan.start_date)
        )
        .order_by("due_date", "pk")
    )
