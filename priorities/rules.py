"""Who may read and change strategies (priorities are edited with their plan: ``plans.rules``)."""

from plans.roles import roles_of
from plans.rules import can_view_plans, plan_hidden_from
from priorities.models import Priority


def can_view_strategy(user) -> bool:
    return can_view_plans(user)


def priority_hidden_from(user, priority: Priority) -> bool:
    """A priority is seen with its plan: a draft plan's are hidden (404) from all but managers."""
    return plan_hidden_from(user, priority.plan)


def can_edit_strategy(user, strategy=None) -> bool:
    """Strategies are edited by business managers, like the plans they stand under."""
    return roles_of(user).is_manager
