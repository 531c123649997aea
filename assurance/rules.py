"""Who may read and change the risk register: one place, read by every view and the access
matrix. Everyone with a role reads the current register (scrutiny members included); business
managers keep it. A risk to a draft plan is hidden with its plan.

Reviews and audits: see below."""

from django.db.models import Exists, OuterRef, Q

from assurance.models import Action, ActionUpdate, Review
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
# lead) see the reviews their body takes part in: as the lead body or an action's owner.
# Scrutiny members see published LCSPRs and audits, never a draft or a review under way.


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
        visible |= Q(lead_body_id__in=roles.reporting_body_ids) | Q(
            Exists(
                Action.objects.filter(
                    recommendation__review=OuterRef("pk"),
                    owner_body_id__in=roles.reporting_body_ids,
                )
            )
        )
    return visible


def review_hidden_from(user, review) -> bool:
    if roles_of(user).is_manager:
        return False
    return not Review.objects.filter(visible_reviews(user), pk=review.pk).exists()


# --- actions ------------------------------------------------------------------------------------
# Business managers add recommendations and actions, sign actions off and send them back; the
# owner body's chair, deputy chair and data lead read and update their body's actions (as they
# report its measures). Scrutiny members read no action.


def can_track_actions(user) -> bool:
    roles = roles_of(user)
    return roles.is_manager or roles.is_reporter


def can_edit_actions(user, action=None) -> bool:
    return roles_of(user).is_manager


def visible_actions(user) -> Q:
    """The actions ``user`` may read, as a filter on ``Action``."""
    roles = roles_of(user)
    if roles.is_manager:
        return Q()
    return Q(owner_body_id__in=roles.reporting_body_ids)


def tracked_body_ids(user) -> frozenset[int]:
    """The bodies whose actions ``user`` reads and updates (a business manager: see
    ``can_edit_actions``)."""
    return roles_of(user).reporting_body_ids


def can_view_actions_of(user, body) -> bool:
    """Whether ``user`` reads ``body``'s actions: a business manager, or the body's reporters."""
    roles = roles_of(user)
    return roles.is_manager or body.pk in roles.reporting_body_ids


def action_hidden_from(user, action) -> bool:
    roles = roles_of(user)
    return not roles.is_manager and action.owner_body_id not in roles.reporting_body_ids


def can_update_action(user, action) -> bool:
    """The owner body's reporters, or a business manager, while the action is open."""
    roles = roles_of(user)
    mine = roles.is_manager or action.owner_body_id in roles.reporting_body_ids
    return mine and action.is_open


def sign_off_refusal(user, action, last_update: ActionUpdate | None) -> str:
    """Why ``user`` may not sign ``action`` off ("" when they may)."""
    if not action.is_open:
        return "This action is already closed."
    if last_update is not None and last_update.written_by_id == user.pk:
        return (
            "You wrote the last update on this action, so another business manager must sign it "
            "off."
        )
    return ""
