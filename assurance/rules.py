"""Who may read and change the risk register: one place, read by every view and the access
matrix. Everyone with a role reads the current register (scrutiny members included); business
managers keep it. A risk to a draft plan is hidden with its plan."""

from plans.roles import roles_of
from plans.rules import plan_hidden_from


def can_view_risks(user) -> bool:
    return roles_of(user).has_any_role


def can_edit_risks(user, risk=None) -> bool:
    return roles_of(user).is_manager


def risk_hidden_from(user, risk) -> bool:
    return plan_hidden_from(user, risk.plan)
