"""Page-shaped reads for plans, governance and progress reports, each a fixed number of queries."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from plans.models import GovernanceBody, Partner, Plan


def plan_list(*, draft_plans: bool) -> QuerySet[Plan]:
    """Every plan the reader sees (drafts only ``draft_plans``), newest first, with its
    predecessor and count of current priorities."""
    plans = Plan.objects.visible(drafts=draft_plans)
    return (
        plans.select_related("predecessor")
        .annotate(priority_count=Count("priorities", filter=Q(priorities__retired_on__isnull=True)))
        .order_by("-start_date", "pk")
    )


def plan_detail(slug: str) -> QuerySet[Plan]:
    """One plan with its predecessor and successor (1 query); ``plan_on_a_page`` reads the
    rest, so a cached bookcase costs nothing more."""
    return Plan.objects.filter(slug=slug).select_related("predecessor", "successor")


def partner_list() -> QuerySet[Partner]:
    """The partner organisations, statutory partners first."""
    return Partner.objects.order_by("-is_statutory", "name")


def governance_bodies() -> QuerySet[GovernanceBody]:
    """Every governance body in the partnership's order, from the top down: the Executive, the
    Business Group, then subgroups, boards, panels, forums and committees, each kind by name;
    each with the body it reports to and how many report to it, so a page of them reads
    without the rest of the tree."""
    rank = Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(GovernanceBody.Kind.values)),
        output_field=IntegerField(),
    )
    return (
        GovernanceBody.objects.select_related("parent")
        .annotate(reporting_count=Count("children"))
        .order_by(rank, "name", "pk")
    )
