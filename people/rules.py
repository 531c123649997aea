"""Who may see and change who has access: business managers only. A person's own account page
is everyone's who is signed in."""

from __future__ import annotations

from plans.roles import roles_of


def can_manage_people(user) -> bool:
    """The people page, invitations, roles, memberships, deactivation and the people audit."""
    return roles_of(user).is_manager


def can_view_own_account(user) -> bool:
    return user.is_authenticated
