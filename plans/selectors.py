"""Page-shaped reads for plans, governance and progress reports, each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from plans.models import GovernanceBody, Partner, Plan


def plan_list(*, draft_plans: bool) -> QuerySet[Plan]:
    """Every plan the reader sees (drafts only ``draft_plans``), newest first, with its
    predecessor and count of current priorities."""
    plans = Plan.objects.visible(drafts=draft_plans)
    return plans.select_related("predecessor").annotate(
        priority_count=Count("priorities", filter=Q(priorities__retired_on__isnull=True))
    )


def plan_detail(slug: str) -> QuerySet[Plan]:
    """One plan with its predecessor and successor (1 query); ``plan_on_a_page`` reads the
    rest, so a cached bookcase costs nothing more."""
    return Plan.objects.filter(slug=slug).select_related("predecessor", "successor")


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
