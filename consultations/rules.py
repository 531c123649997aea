"""Who may read and record consultations, feedback and commitments to young people."""

from plans.roles import roles_of
from plans.rules import can_view_plans


def can_view_consultations(user) -> bool:
    return can_view_plans(user)


def can_manage_consultations(user) -> bool:
    return roles_of(user).is_manager
