"""Who may read and change plans, governance bodies and their change history.

Each app's ``rules.py`` decides for its own objects, starting from the roles in
``plans.roles``; views, templates and services ask, never re-derive. The access matrix
(``tests/security/test_access_matrix.py``) holds every URL to these rules for every role.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plans.models import Plan
from plans.roles import roles_of

# --- reading ----------------------------------------------------------------------------------


def can_view_plans(user) -> bool:
    """Plans, Plan on a Page, strategies and the timeline: anyone with a role."""
    return roles_of(user).has_any_role


def can_view_draft_plans(user) -> bool:
    """A plan in draft is the business managers' work in progress: nobody else sees it, nor
    anything under it (priorities, measures, returns, consultations, reports)."""
    return roles_of(user).is_manager


def plan_hidden_from(user, plan: Plan) -> bool:
    """Whether the user may not even learn that the plan exists: a draft, to anyone but a
    business manager. Pages answer 404 for it and for everything under it, where a page the
    user's role does not allow answers 403."""
    return plan.is_draft and not can_view_draft_plans(user)


def can_view_plan(user, plan: Plan) -> bool:
    """One plan and everything under it: drafts for managers only, every other plan (in
    consultation, approved, active or closed) for anyone who reads plans."""
    return can_view_plans(user) and not plan_hidden_from(user, plan)


def visible_plans(user) -> QuerySet[Plan]:
    """The plans the user may see, filtered in the database (no query of its own)."""
    return Plan.objects.visible(drafts=can_view_draft_plans(user))


def can_view_body(user) -> bool:
    return can_view_plans(user)


def can_view_history(user) -> bool:
    """Who changed a plan, priority, strategy or measure, and how: anyone who reads plans."""
    return can_view_plans(user)


# --- changing ---------------------------------------------------------------------------------


def can_edit_plan(user, plan: Plan | None = None) -> bool:
    """Only business managers build and edit plans, their priorities and strategies."""
    return roles_of(user).is_manager


def can_manage_governance(user) -> bool:
    """Bodies and their members (chairs, data leads ...) are kept by business managers."""
    return roles_of(user).is_manager
