"""Who may read and change plans, governance bodies and their change history.

Each app's ``rules.py`` decides for its own objects, starting from the roles in
``plans.roles``; views, templates and services ask, never re-derive. The access matrix
(``tests/security/test_access_matrix.py``) holds every URL to these rules for every role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plans.roles import roles_of

if TYPE_CHECKING:
    from plans.models import Plan


# --- reading ----------------------------------------------------------------------------------


def can_view_plans(user) -> bool:
    """Plans, Plan on a Page, strategies and the timeline: anyone with a role."""
    return roles_of(user).has_any_role


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
