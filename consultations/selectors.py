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
