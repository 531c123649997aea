"""Page-shaped reads for plans, governance and progress reports, each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from plans.models import GovernanceBody, Membership, Partner, Plan, ProgressReport
from priorities.models import Strategy
from priorities.selectors import shelf_priorities


def plan_list() -> QuerySet[Plan]:
    """Every plan, newest first, with its predecessor and count of current priorities."""
    return Plan.objects.select_related("predecessor").annotate(
        priority_count=Count("priorities", filter=Q(priorities__retired_on__isnull=True))
    )


def plan_detail(slug: str) -> QuerySet[Plan]:
    """One plan with predecessor, successor and its priorities as shelves (4 queries)."""
    return (
        Plan.objects.filter(slug=slug)
        .select_related("predecessor", "successor")
        .prefetch_related(Prefetch("priorities", queryset=shelf_priorities()))
    )


def partner_list() -> QuerySet[Partner]:
    """The partner organisations, statutory partners first."""
    return Partner.objects.order_by("-is_statutory", "name")


@dataclass
class BodyNode:
    body: GovernanceBody
    children: list["BodyNode"]


def governance_tree() -> list[BodyNode]:
    """The governance bodies as a forest, roots first, in one query."""
    bodies = list(GovernanceBody.objects.select_related("lead_partner").order_by("name"))
    nodes = {body.pk: BodyNode(body=body, children=[]) for body in bodies}
    roots = []
    for body in bodies:
        node = nodes[body.pk]
        parent = nodes.get(body.parent_id)
        (parent.children if parent else roots).append(node)
    kind_order = {kind: index for index, kind in enumerate(GovernanceBody.Kind.values)}
    roots.sort(key=lambda node: (kind_order[node.body.kind], node.body.name))
    return roots


def body_detail(slug: str) -> QuerySet[GovernanceBody]:
    """One body with its parent, sub-bodies, members, strategies owned and measures reported."""
    from measures.selectors import active_measures

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
                queryset=active_measures().order_by(
                    "-priority__plan__start_date", "priority__order", "title"
                ),
            ),
        )
    )


def reports_for(user, *, include_drafts: bool) -> QuerySet[ProgressReport]:
    """Progress reports a reader may open: published and superseded, plus drafts for managers."""
    # The snapshot can be large and lists never show it.
    reports = ProgressReport.objects.select_related("plan", "period").defer("snapshot")
    if not include_drafts:
        reports = reports.exclude(status=ProgressReport.Status.DRAFT)
    return reports.order_by("-period__start_date", "plan__slug", "-version")
