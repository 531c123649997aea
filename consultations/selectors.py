"""Page-shaped reads for consultations."""

from django.db.models import Count, Prefetch, QuerySet

from consultations.models import Commitment, Consultation, Feedback


def consultation_list() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("plan").annotate(
        feedback_count=Count("feedback", distinct=True),
        commitment_count=Count("commitments", distinct=True),
    )


def consultation_detail(slug: str) -> QuerySet[Consultation]:
    """One consultation with its groups, feedback (and priorities) and commitments (and updates)."""
    from priorities.models import Priority

    return (
        Consultation.objects.filter(slug=slug)
        .select_related("plan")
        .prefetch_related(
            "groups",
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related(
                    Prefetch("priorities", queryset=Priority.objects.select_related("plan"))
                ),
            ),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("owner_body").prefetch_related(
                    "updates"
                ),
            ),
        )
    )


# --- progress reports (issue 5) ---------------------------------------------------------------


def consultations_for_report(plan, period) -> QuerySet[Consultation]:
    """The consultations a progress report on ``plan`` for the quarter ``period`` shows: the
    plan's own, and any other held during the plan's years, that began by the quarter's end;
    oldest first, with their groups (2 queries)."""
    from django.db.models import Q

    from consultations.models import EngagementGroup

    return (
        Consultation.objects.filter(
            Q(plan=plan) | Q(end_date__gte=plan.start_date), start_date__lte=period.end_date
        )
        .prefetch_related(Prefetch("groups", queryset=EngagementGroup.objects.order_by("name")))
        .order_by("start_date", "title")
    )


def commitments_for_report(plan, period) -> QuerySet[Commitment]:
    """The commitments to children and young people whose status a progress report gives:
    those made in consultations that reached children and young people (a children and young
    people's group, or a count of children reached) that began by the quarter's end, and that
    belong to the plan's own consultations, are still open, or fall due during or after the
    plan's years; with their owner, consultation and updates, newest first (2 queries)."""
    from django.db.models import Exists, OuterRef, Q

    from consultations.models import CommitmentUpdate, EngagementGroup

    cyp_group = EngagementGroup.objects.filter(
        consultations=OuterRef("consultation"), kind=EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE
    )
    return (
        Commitment.objects.filter(consultation__start_date__lte=period.end_date)
        .filter(Q(consultation__children_reached__gt=0) | Exists(cyp_group))
        .filter(
            Q(consultation__plan=plan)
            | Q(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS])
            | Q(due_date__isnull=True)
            | Q(due_date__gte=plan.start_date)
        )
        .select_related("owner_body", "consultation")
        .prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-pk"))
        )
        .order_by("due_date", "pk")
    )
