"""Who may read and change strategies (priorities are edited with their plan: ``plans.rules``)."""

from plans.roles import roles_of
from plans.rules import can_view_plans


def can_view_strategy(user) -> bool:
    return can_view_plans(user)


def can_edit_strategy(user, strategy=None) -> bool:
    """Strategies are edited by business managers, like the plans they stand under."""
    return roles_of(user).is_manager
