"""Who may read and change the risk register: one place, read by every view and the access
matrix. Everyone with a role reads the current register (scrutiny members included); business
managers keep it. A risk to a draft plan is hidden with its plan.

Reviews and audits: see below."""

from django.db.models import Q

from assurance.models import Review
from plans.roles import roles_of
from plans.rules import plan_hidden_from


def can_view_risks(user) -> bool:
    return roles_of(user).has_any_role


def can_edit_risks(user, risk=None) -> bool:
    return roles_of(user).is_manager


def risk_hidden_from(user, risk) -> bool:
    return plan_hidden_from(user, risk.plan)


# --- the reviews register ---------------------------------------------------------------------
# Business managers see and keep every review. A body's reporters (chair, deputy chair, data
# lead) see the reviews their body takes part in: as the lead body. Scrutiny members see
# published LCSPRs and audits, never a draft or a review still under way.


def can_view_reviews(user) -> bool:
    return roles_of(user).has_any_role


def can_edit_reviews(user, review=None) -> bool:
    return roles_of(user).is_manager


def visible_reviews(user) -> Q:
    """The reviews ``user`` may read, as a filter on ``Review``."""
    roles = roles_of(user)
    if roles.is_manager:
        return Q()
    visible = Q(pk__in=[])
    if roles.is_scrutiny:
        visible |= Q(status=Review.Status.PUBLISHED, kind__in=Review.SUMMARY_KINDS)
    if roles.reporting_body_ids:
        visible |= Q(lead_body_id__in=roles.reporting_body_ids)
    return visible


def review_hidden_from(user, review) -> bool:
    if roles_of(user).is_manager:
        return False
    return not Review.objects.filter(visible_reviews(user), pk=review.pk).exists()
