"""Changes to the risk register and the reviews register. Each runs in one transaction and
raises ``ValidationError`` with a clear message rather than saving anything half-way; an edit or
review made from a page opened before someone else's change is refused
(``ensure_unchanged_since``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assurance.models import (
    Action,
    ActionUpdate,
    Recommendation,
    Review,
    Risk,
    RiskReview,
    evidence_path,
)
from assurance.rules import sign_off_refusal
from assurance.workingdays import RAPID_REVIEW_WORKING_DAYS, add_working_days
from sscp.editing import ensure_unchanged_since, save_checked
from sscp.uploads import CheckedFile, kept_if_saved


def _rule_errors(risk: Risk) -> dict[str, str]:
    errors = {}
    if risk.priority_id and risk.priority.plan_id != risk.plan_id:
        errors["priority"] = "Choose a priority of the risk's plan, or none."
    return errors


@transaction.atomic
def risk_create(*, risk: Risk, user) -> Risk:
    """Add a risk to the register; its scores become its first review."""
    save_checked(risk, _rule_errors(risk))
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=timezone.localdate(),
        likelihood=risk.likelihood,
        impact=risk.impact,
        note="First assessment, when the risk was added to the register.",
        reviewed_by=user,
    )
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, seen_change: int | None) -> Risk:
    """Change what a risk says (not its current scores: a review changes those)."""
    ensure_unchanged_since(risk, seen_change)
    stored = Risk.objects.values("likelihood", "impact").get(pk=risk.pk)
    risk.likelihood, risk.impact = stored["likelihood"], stored["impact"]
    return save_checked(risk, _rule_errors(risk))


@transaction.atomic
def risk_review(
    *,
    risk: Risk,
    likelihood: int,
    impact: int,
    reviewed_on: datetime.date,
    next_review: datetime.date,
    note: str,
    user,
    seen_change: int | None,
) -> RiskReview:
    """Record a review of the risk: its scores now (kept for the trend) and when it is next
    reviewed."""
    ensure_unchanged_since(risk, seen_change)
    errors = {}
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = "A review cannot be dated in the future."
    if next_review <= reviewed_on:
        errors["next_review"] = "The next review must come after this one."
    if risk.status == Risk.Status.CLOSED:
        errors["__all__"] = "This risk is closed: reopen it (edit it) before reviewing it."
    review = RiskReview(
        risk=risk,
        reviewed_on=reviewed_on,
        likelihood=likelihood,
        impact=impact,
        note=note.strip(),
        reviewed_by=user,
    )
    if errors:
        raise ValidationError(errors)
    review.full_clean()
    review.save()
    risk.likelihood, risk.impact, risk.review_date = likelihood, impact, next_review
    risk._change_reason = f"Reviewed on {reviewed_on:%d/%m/%Y}: scored {likelihood} x {impact}"
    save_checked(risk, {})
    return review


# --- the reviews register ---------------------------------------------------------------------


def _review_errors(review: Review) -> dict[str, str]:
    errors = {}
    if review.is_rapid and not review.notified_on:
        errors["notified_on"] = "Give the date of the serious incident notification."
    finished = review.status in Review.DONE or review.completed_on
    if review.is_rapid and finished and not review.decision:
        errors["decision"] = (
            "Record the decision (progress to an LCSPR or not) before completing the rapid review."
        )
    if review.is_rapid and review.status in Review.DONE and not review.completed_on:
        errors["completed_on"] = "Give the date the rapid review was completed."
    if review.decision and not review.is_rapid:
        errors["decision"] = "Only a rapid review records a decision about an LCSPR."
    return errors


def _save_review(review: Review, links: dict) -> Review:
    review.due_on = (
        add_working_days(review.notified_on, RAPID_REVIEW_WORKING_DAYS)
        if review.is_rapid and review.notified_on
        else None
    )
    save_checked(review, _review_errors(review))
    for name, related in links.items():
        getattr(review, name).set(list(related))
    return review


@transaction.atomic
def review_create(*, review: Review, links: dict) -> Review:
    """Add a review; a rapid review's due date is 15 working days after its notification.
    ``links``: its ``themes``, ``priorities`` and ``partners``."""
    return _save_review(review, links)


@transaction.atomic
def review_update(*, review: Review, links: dict, seen_change: int | None) -> Review:
    """Change a review (refused when someone changed it since ``seen_change``); a completed
    rapid review must record its decision."""
    ensure_unchanged_since(review, seen_change)
    return _save_review(review, links)


# --- recommendations and actions --------------------------------------------------------------


@transaction.atomic
def recommendation_create(*, recommendation: Recommendation) -> Recommendation:
    """Add a recommendation to its review, numbered after the last one."""
    last = (
        Recommendation.objects.select_for_update()
        .filter(review=recommendation.review)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    recommendation.number = (last or 0) + 1
    return save_checked(recommendation, {})


def _action_errors(action: Action) -> dict[str, str]:
    if not action.owner_body_id:
        return {"owner_body": "Choose the body that owns the action."}
    return {}


@transaction.atomic
def action_create(*, action: Action) -> Action:
    """Add an action to a recommendation: it must have an owning body."""
    return save_checked(action, _action_errors(action))


@transaction.atomic
def action_edit(*, action: Action, seen_change: int | None) -> Action:
    """Change what an action says, who owns it and when it is due (a business manager)."""
    ensure_unchanged_since(action, seen_change)
    return save_checked(action, _action_errors(action))


def _note(
    action: Action,
    *,
    kind: str,
    text: str,
    user,
    evidence_url: str = "",
    **evidence_file,
) -> ActionUpdate:
    update = ActionUpdate(
        action=action,
        kind=kind,
        status=action.status,
        text=text.strip(),
        evidence_url=evidence_url,
        written_by=user,
        **evidence_file,
    )
    update.full_clean()
    update.save()
    return update


def action_update(
    *,
    action: Action,
    status: str,
    text: str,
    evidence_url: str,
    done: bool,
    user,
    seen_change: int | None,
    evidence_file: CheckedFile | None = None,
) -> ActionUpdate:
    """Record progress on an action: its status now, a link and/or a file (checked by
    ``sscp.uploads.check_upload``) as evidence and, when ``done``, ask a business manager to
    sign it off. Refused on a closed action and on one changed since ``seen_change``; a
    refused or failed update leaves no file in storage."""
    with kept_if_saved() as keep, transaction.atomic():
        ensure_unchanged_since(action, seen_change)
        action.refresh_from_db()
        if not action.is_open:
            raise ValidationError(
                f"This action is {action.get_status_display().lower()}: it takes no more updates."
            )
        if status not in Action.PROGRESS:
            raise ValidationError({"status": "Choose not started, on track or at risk."})
        action.status, action.awaiting_sign_off = status, done
        action._history_user = user
        save_checked(action, {})
        stored = {}
        if evidence_file is not None:
            stored = {
                "evidence_file": keep(
                    evidence_path(evidence_file.kind.extension), evidence_file.content
                ),
                "evidence_name": evidence_file.name,
                "evidence_size": evidence_file.size,
                "evidence_type": evidence_file.kind.extension,
            }
        return _note(
            action,
            kind=ActionUpdate.Kind.PROGRESS,
            text=text,
            user=user,
            evidence_url=evidence_url,
            **stored,
        )


@transaction.atomic
def action_sign_off(*, action: Action, user, seen_change: int | None) -> Action:
    """Close an action as complete. Refused when ``user`` wrote its last update, and when the
    action has changed since ``seen_change`` (the confirm page was opened before an update)."""
    ensure_unchanged_since(action, seen_change)
    action.refresh_from_db()
    last = action.updates.order_by("-written_at", "-pk").first()
    refusal = sign_off_refusal(user, action, last)
    if refusal:
        raise ValidationError(refusal)
    action.status, action.awaiting_sign_off = Action.Status.COMPLETE, False
    action.signed_off_by, action.signed_off_on = user, timezone.localdate()
    action._history_user = user
    save_checked(action, {})
    _note(action, kind=ActionUpdate.Kind.SIGNED_OFF, text="Signed off as complete.", user=user)
    return action


@transaction.atomic
def action_send_back(*, action: Action, reason: str, user, seen_change: int | None) -> Action:
    """Send an action back to its body with the reason; it stays open."""
    ensure_unchanged_since(action, seen_change)
    action.refresh_from_db()
    if not action.is_open:
        raise ValidationError("This action is closed: there is nothing to send back.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the action is sent back."})
    action.awaiting_sign_off = False
    action._history_user = user
    save_checked(action, {})
    _note(action, kind=ActionUpdate.Kind.SENT_BACK, text=reason, user=user)
    return action
