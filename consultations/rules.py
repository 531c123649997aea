"""Who may read and record consultations, feedback and commitments to young people."""

from consultations.models import Consultation
from plans.roles import roles_of
from plans.rules import can_view_plans, plan_hidden_from


def can_view_consultations(user) -> bool:
    return can_view_plans(user)


def consultation_hidden_from(user, consultation: Consultation) -> bool:
    """A consultation for a draft plan is hidden (404) as the plan is."""
    return plan_hidden_from(user, consultation.plan)


def can_manage_consultations(user) -> bool:
    return roles_of(user).is_manager
