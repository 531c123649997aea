"""Who may read and change measures, quarters and returns.

A chair, deputy chair or data lead reports the measures their body owns; business managers run
the collection, enter figures received by e-mail and review returns, but never one they
submitted themselves. A return a business manager entered on a body's behalf is confirmed by
that body's chair or deputy chair, or by another business manager, so that a partnership with
one business manager can still approve it (README, "Quarterly returns").
"""

from __future__ import annotations

from django.db.models import Q

from measures.models import EDITABLE_STATUSES, Measure, Rag, Return
from plans.models import plan_visibility
from plans.roles import roles_of
from plans.rules import can_view_draft_plans, can_view_plans, plan_hidden_from

# --- measures ---------------------------------------------------------------------------------


def measure_hidden_from(user, measure: Measure) -> bool:
    """A measure of a draft plan is hidden (404) as its plan is: from all but managers."""
    return plan_hidden_from(user, measure.priority.plan)


def can_view_measure(user, measure: Measure) -> bool:
    """Anyone with a role reads a measure's page, unless it is hidden with its draft plan; what
    it shows depends on the next rule."""
    return can_view_plans(user) and not measure_hidden_from(user, measure)


def can_view_unapproved_returns(user, measure: Measure) -> bool:
    """Draft, submitted and returned figures are seen by managers and the reporting body only;
    everyone else sees approved returns, the figures the partnership stands behind."""
    roles = roles_of(user)
    return roles.is_manager or measure.reporting_body_id in roles.reporting_body_ids


def can_edit_measure(user, measure: Measure | None = None) -> bool:
    """Measure definitions (unit, polarity, target ...) are set by business managers."""
    return roles_of(user).is_manager


# --- quarters and the collection --------------------------------------------------------------


def can_manage_periods(user) -> bool:
    """Setting up, opening and closing quarters and moving deadlines run the collection, which
    is the business manager's."""
    return roles_of(user).is_manager


def can_view_collection(user) -> bool:
    """The collection status of a quarter across every body is the manager's view."""
    return roles_of(user).is_manager


def can_upload_returns(user) -> bool:
    """Bulk upload of figures received by e-mail is the manager's."""
    return roles_of(user).is_manager


# --- returns ----------------------------------------------------------------------------------


def can_view_my_returns(user) -> bool:
    """My returns is the page of whoever reports for a body."""
    return roles_of(user).is_reporter


def reporting_body_ids_of(user) -> frozenset[int]:
    """The bodies whose returns are the user's own to make, as chair, deputy chair or data lead:
    My returns lists theirs. A manager enters figures for any body, but none are theirs."""
    return roles_of(user).reporting_body_ids


def can_submit_return(user, measure: Measure) -> bool:
    """A chair, deputy chair or data lead of the measure's reporting body, or a manager
    (who enters figures received by e-mail but may not then approve them)."""
    roles = roles_of(user)
    return roles.is_manager or measure.reporting_body_id in roles.reporting_body_ids


def can_edit_return(user, ret: Return) -> bool:
    """Whoever may submit the return may change it while it is with its body (a draft, or sent
    back) and its quarter is open: a submitted return waits for review, an approved one is
    locked, and a closed quarter takes no more figures."""
    return (
        can_submit_return(user, ret.measure)
        and ret.status in EDITABLE_STATUSES
        and ret.period.is_open
    )


def return_hidden_from(user, ret: Return) -> bool:
    """A return of a draft plan's measure is hidden (404) as its measure is."""
    return measure_hidden_from(user, ret.measure)


def can_view_return(user, ret: Return) -> bool:
    """An approved return is the partnership's figure, read by anyone who reads the plans; until
    then it is seen as the measure's unapproved returns are."""
    if ret.status == Return.Status.APPROVED:
        return can_view_plans(user)
    return can_view_unapproved_returns(user, ret.measure)


def readable_returns(user) -> Q:
    """``can_view_return`` as a filter on returns, with the draft-plan rule beside it: an
    approved return for anyone who reads the plans, any other for managers and its reporting
    body only, and nothing of a draft plan's measures unless the user sees drafts. Search finds
    returns' commentary through it; a test holds it to ``can_view_return`` for every return."""
    if not can_view_plans(user):
        return Q(pk__in=[])
    roles = roles_of(user)
    shown = plan_visibility("measure__priority__plan", drafts=can_view_draft_plans(user))
    if roles.is_manager:
        return shown
    own_bodies = Q(measure__reporting_body_id__in=roles.reporting_body_ids)
    return shown & (Q(status=Return.Status.APPROVED) | own_bodies)


def can_review_returns(user) -> bool:
    """The review queue (approving returns and sending them back, one by one or several on
    target at once) is the business manager's; a chair or deputy chair confirms figures one by
    one on the return's page."""
    return roles_of(user).is_manager


def can_confirm_returns(user) -> bool:
    """A chair or deputy chair confirms the figures a business manager entered for their body."""
    return bool(roles_of(user).chair_body_ids)


def can_act_on_returns(user) -> bool:
    """Whoever may approve or send back some return: managers, chairs and deputy chairs."""
    return can_review_returns(user) or can_confirm_returns(user)


def reviews_return(user, ret: Return) -> bool:
    """Whether the return is the user's to review, whatever its state: every return is the
    business manager's; one a manager entered on a body's behalf is also its chair's and
    deputy chair's."""
    roles = roles_of(user)
    return roles.is_manager or (
        ret.entered_by_manager and ret.measure.reporting_body_id in roles.chair_body_ids
    )


def submitted_it_themselves(user, ret: Return) -> bool:
    """A reviewer who submitted the return cannot approve it: it waits for someone else, so
    that nobody approves figures they entered."""
    return (
        ret.status == Return.Status.SUBMITTED
        and ret.submitted_by_id == user.pk
        and reviews_return(user, ret)
    )


def can_review_return(user, ret: Return) -> bool:
    """A submitted return is approved or sent back by one of its reviewers who did not submit
    it."""
    return (
        ret.status == Return.Status.SUBMITTED
        and reviews_return(user, ret)
        and not submitted_it_themselves(user, ret)
    )


def reviewable_by(user) -> Q:
    """``can_review_return`` as a filter on returns, for the review queue and "approve and
    next": submitted, the user's to review (every return for a manager; for a chair or deputy
    chair, those a manager entered for their bodies) and not submitted by the user. A test
    holds the two to the same answer for every return."""
    roles = roles_of(user)
    if not roles.is_manager and not roles.chair_body_ids:
        return Q(pk__in=[])
    theirs = (
        Q()
        if roles.is_manager
        else Q(entered_by_manager=True, measure__reporting_body_id__in=roles.chair_body_ids)
    )
    return Q(status=Return.Status.SUBMITTED) & theirs & ~Q(submitted_by_id=user.pk)


def on_target(ret: Return) -> bool:
    """Whether a return may be approved in bulk: its figure earned green against the target,
    and nobody changed the RAG by hand. Anything else is worth a reviewer's look one by one."""
    return ret.rag == Rag.GREEN and not ret.is_rag_overridden


def can_reopen_return(user, ret: Return) -> bool:
    """Managers may unlock an approved return, giving a reason kept in its history."""
    return roles_of(user).is_manager and ret.status == Return.Status.APPROVED
