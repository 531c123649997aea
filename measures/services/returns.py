"""Entering, submitting, reviewing and reopening returns.

Every change to a return raises its ``version``; each function that changes a return takes the
version the person started from and refuses the change when the row has moved on since
(``StaleReturnError``, which says what changed), so nobody silently overwrites someone else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import capfirst

from measures import notices, selectors
from measures.formatting import in_unit
from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.rules import (
    can_act_on_returns,
    can_reopen_return,
    can_review_return,
    can_submit_return,
    reviews_return,
    submitted_it_themselves,
)
from plans.roles import roles_of
from sscp.editing import SHORT_TEXT_LENGTH, TEXT_TOO_LONG, last_changed_by
from sscp.history import HISTORY_REASON_LENGTH
from sscp.people import person_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Fields whose change is bookkeeping rather than content: left out of "what changed".
_UNREPORTED_FIELDS = {"updated_at", "version", "created_at"}

# The foreign keys: each would be checked with a query of its own, and the database checks them.
_CHECKED_BY_THE_DATABASE = [f.name for f in Return._meta.concrete_fields if f.is_relation]


@dataclass(frozen=True)
class ReturnFigures:
    """What a reporter enters on the return form (or a row of an upload carries)."""

    value: Decimal | None = None
    not_available: bool = False
    not_available_reason: str = ""
    rag_override: str = ""  # empty: the RAG the value earns
    rag_override_reason: str = ""
    commentary: str = ""
    next_steps: str = ""


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


class StaleReturnError(ValidationError):
    """The return changed after the person opened it; ``changes`` says how, ``changed_by`` who."""

    def __init__(self, message: str, *, changes: list[Change], changed_by: str):
        super().__init__(message, code="stale")
        self.changes = changes
        self.changed_by = changed_by


# --- reading the state of a return -----------------------------------------------------------


def _display(ret: Return, field: str, raw) -> str:
    if raw in (None, ""):
        return "(empty)"
    model_field = Return._meta.get_field(field)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if field == "value":
        return in_unit(raw, ret.measure.unit)
    if field.endswith("_by"):
        return person_name(get_user_model().objects.filter(pk=raw).first())
    if isinstance(raw, datetime.datetime):
        return timezone.localtime(raw).strftime("%d %b %Y %H:%M")
    return str(raw)


def _label(field: str) -> str:
    return str(Return._meta.get_field(field).verbose_name).capitalize()


def changes_since(ret: Return, version: int) -> list[Change]:
    """What differs between ``version`` of the return (from its history) and the row now."""
    fields = [
        f.name
        for f in Return._meta.concrete_fields
        if f.name not in _UNREPORTED_FIELDS and not f.primary_key
    ]
    before = ret.history.filter(version=version).order_by("-history_date").first()
    changes = []
    for field in fields:
        attname = Return._meta.get_field(field).attname
        old = getattr(before, attname) if before is not None else None
        new = getattr(ret, attname)
        if old != new and field not in ("measure", "period"):
            changes.append(
                Change(_label(field), _display(ret, field, old), _display(ret, field, new))
            )
    return changes


def _refuse_stale(ret: Return | None, expected_version: int) -> None:
    current = ret.version if ret is not None else 0
    if expected_version == current:
        return
    if ret is None:  # pragma: no cover - a version for a return that does not exist
        raise ValidationError("This return no longer exists.", code="stale")
    changed_by = last_changed_by(ret)
    raise StaleReturnError(
        f"{capfirst(changed_by)} changed this return after you opened it, so your changes were not "
        "saved. Check what changed below, then make your changes again.",
        changes=changes_since(ret, expected_version),
        changed_by=changed_by,
    )


def _lock(measure: Measure, period: ReportingPeriod) -> tuple[Return | None, bool]:
    """The measure's return for the quarter, locked (None when not started), and whether the
    quarter collects the measure, asked in the same query when the return exists."""
    # The lock is on the return's row alone: no ordering (the default one joins the measure and
    # the quarter, and FOR UPDATE would lock the joined rows too, queueing every saver of the
    # quarter on its one row). The measure and quarter the caller read are reused.
    due = selectors.measures_due_in(period).filter(pk=OuterRef("measure_id"))
    try:
        ret = (
            Return.objects.select_for_update(of=("self",))
            .annotate(due=Exists(due))
            .order_by()
            .get(measure=measure, period=period)
        )
    except Return.DoesNotExist:
        return None, selectors.measures_due_in(period).filter(pk=measure.pk).exists()
    ret.measure, ret.period = measure, period
    return ret, ret.due


def _locked(ret: Return) -> Return:
    # Reads the measure and quarter in the same query but locks only the return's row.
    return (
        Return.objects.select_for_update(of=("self",))
        .select_related("measure", "period")
        .get(pk=ret.pk)
    )


def _refuse_closed(period: ReportingPeriod, action: str) -> None:
    if not period.is_open:
        raise ValidationError(
            f"{period} is closed, so {action}. The business manager can open the quarter again.",
            code="period_closed",
        )


def _refuse_uneditable(ret: Return) -> None:
    if ret.status == Return.Status.APPROVED:
        raise ValidationError(
            "This return has been approved and is locked. The business manager can reopen it, "
            "giving a reason.",
            code="locked",
        )
    if ret.status == Return.Status.SUBMITTED:
        raise ValidationError(
            "This return has been submitted and is awaiting review, so it cannot be changed "
            "unless the business manager sends it back for amendment.",
            code="awaiting_review",
        )


def _save(ret: Return, *, user: User, reason: str) -> Return:
    """Check the return's own rules and write it. Called inside the caller's transaction, which
    a failed write rolls back whole."""
    ret.version = ret.version + 1 if ret.pk else 1
    # The database already enforces the foreign keys, the one return per measure and quarter,
    # and the CHECK constraints; re-checking them here would cost a query each. The field
    # checks and ``Return.clean`` (the CHECK constraints' rules, in words) still run.
    ret.full_clean(
        exclude=_CHECKED_BY_THE_DATABASE, validate_unique=False, validate_constraints=False
    )
    ret._history_user = user
    ret._change_reason = reason[:HISTORY_REASON_LENGTH]
    try:
        ret.save()
    except IntegrityError as error:
        # Someone created the same measure's return for the quarter at the same moment. No
        # savepoint: the error leaves the caller's atomic block, which rolls everything back.
        raise ValidationError(
            "Someone else started this return at the same moment, so your changes were not "
            "saved. Open the return again to see theirs.",
            code="stale",
        ) from error
    return ret


# --- entering a return ------------------------------------------------------------------------

# The most each text of a return holds, whether typed into the form or uploaded in a file: a
# quarter's commentary is read in a committee paper, so a page of it at most.
RETURN_TEXT_LIMITS = {
    "not_available_reason": SHORT_TEXT_LENGTH,
    "rag_override_reason": SHORT_TEXT_LENGTH,
    "commentary": 5_000,
    "next_steps": 5_000,
}


def _apply_figures(ret: Return, figures: ReturnFigures, *, complete: bool) -> None:
    """Copy the figures onto the return, refusing what the measure's rules forbid. ``complete``
    asks for everything a submitted return needs."""
    measure = ret.measure
    errors: dict[str, str] = {}
    value = figures.value
    if figures.not_available:
        if value is not None:
            errors["value"] = "Leave the value empty when the figure is not available."
        if not figures.not_available_reason.strip():
            errors["not_available_reason"] = "Say why the figure is not available."
    elif value is None:
        if complete or ret.status != Return.Status.DRAFT:
            errors["value"] = "Enter the value, or tick “Not available” and say why."
    else:
        problem = measure.value_error(value)
        if problem:
            errors["value"] = problem

    calculated = measure.rag_for(None if figures.not_available else value)
    rag = figures.rag_override or calculated
    if rag not in Rag.values:
        errors["rag_override"] = "Choose green, amber, red or not rated."
        rag = calculated
    override_reason = figures.rag_override_reason.strip() if rag != calculated else ""
    if rag != calculated and not override_reason:
        errors["rag_override_reason"] = (
            f"Say why the RAG is {Rag(rag).label.lower()} rather than the calculated "
            f"{Rag(calculated).label.lower()}."
        )
    for name, limit in RETURN_TEXT_LIMITS.items():
        length = len(getattr(figures, name).strip())
        if length > limit:
            errors[name] = TEXT_TOO_LONG % {"limit_value": limit, "show_value": length}
    if complete and rag in (Rag.AMBER, Rag.RED) and not figures.commentary.strip():
        errors["commentary"] = (
            "Commentary is needed when the RAG is amber or red: say what lies behind the figure."
        )
    if errors:
        raise ValidationError(errors)

    ret.value = None if figures.not_available else value
    ret.not_available = figures.not_available
    ret.not_available_reason = figures.not_available_reason.strip() if figures.not_available else ""
    ret.calculated_rag = calculated
    ret.rag = rag
    ret.rag_override_reason = override_reason
    ret.commentary = figures.commentary.strip()
    ret.next_steps = figures.next_steps.strip()


def _open_for_entry(
    *, measure: Measure, period: ReportingPeriod, user: User, expected_version: int, action: str
) -> Return:
    if not can_submit_return(user, measure):
        raise PermissionDenied("You may not enter returns for this measure.")
    ret, due = _lock(measure, period)
    if not due:
        raise ValidationError(
            f"{measure} is not collected in {period}: it is inactive, retired, outside its "
            "plan's years, or added after the quarter's deadline.",
            code="not_due",
        )
    _refuse_closed(period, action)
    _refuse_stale(ret, expected_version)
    if ret is None:
        return Return(measure=measure, period=period, created_by=user)
    _refuse_uneditable(ret)
    return ret


@transaction.atomic
def return_save_draft(
    *,
    measure: Measure,
    period: ReportingPeriod,
    user: User,
    figures: ReturnFigures,
    expected_version: int,
) -> Return:
    """Save what has been entered so far without submitting it. The value is checked against
    the measure's unit; commentary may still be missing. Refused in a closed quarter, for a
    submitted or approved return, and when the return changed since ``expected_version``."""
    ret = _open_for_entry(
        measure=measure,
        period=period,
        user=user,
        expected_version=expected_version,
        action="returns can no longer be saved",
    )
    _apply_figures(ret, figures, complete=False)
    return _save(ret, user=user, reason="Draft saved")


@transaction.atomic
def return_submit(
    *,
    measure: Measure,
    period: ReportingPeriod,
    user: User,
    figures: ReturnFigures,
    expected_version: int,
) -> Return:
    """Save the figures and submit the return for review: it needs a value (or "not
    available" with a reason), a reason for any RAG override, and commentary when amber or
    red. Same refusals as ``return_save_draft``."""
    ret = _open_for_entry(
        measure=measure,
        period=period,
        user=user,
        expected_version=expected_version,
        action="returns can no longer be submitted",
    )
    _apply_figures(ret, figures, complete=True)
    ret.status = Return.Status.SUBMITTED
    ret.submitted_by = user
    ret.submitted_at = timezone.now()
    roles = roles_of(user)
    ret.entered_by_manager = (
        roles.is_manager and measure.reporting_body_id not in roles.reporting_body_ids
    )
    ret = _save(ret, user=user, reason="Submitted for review")
    notices.return_submitted(ret, by=user)
    return ret


# --- reviewing a return -----------------------------------------------------------------------


def _refuse_unreviewable(ret: Return, user: User, action: str) -> None:
    if not can_act_on_returns(user):
        raise PermissionDenied("Only the business manager reviews returns.")
    if not reviews_return(user, ret):
        raise PermissionDenied(
            "A chair or deputy chair confirms only the figures a business manager entered for "
            "their own body; the business manager reviews the rest."
        )
    if ret.status != Return.Status.SUBMITTED:
        raise ValidationError(
            f"Only a submitted return can be {action}; this one is "
            f"{ret.get_status_display().lower()}.",
            code="not_submitted",
        )
    if submitted_it_themselves(user, ret):
        raise ValidationError(
            f"You submitted this return, so {ret.awaiting_whom} must review it: nobody "
            "reviews a return they submitted.",
            code="own_return",
        )
    if not can_review_return(user, ret):  # pragma: no cover - the checks above cover it
        raise PermissionDenied


@transaction.atomic
def return_approve(*, ret: Return, user: User, expected_version: int) -> Return:
    """Approve a submitted return, which locks it. Nobody approves a return they submitted."""
    ret = _locked(ret)
    _refuse_stale(ret, expected_version)
    _refuse_unreviewable(ret, user, "approved")
    ret.status = Return.Status.APPROVED
    ret.reviewed_by = user
    ret.reviewed_at = timezone.now()
    ret.feedback = ""
    ret = _save(ret, user=user, reason="Approved")
    notices.return_approved(ret, by=user)
    return ret


@transaction.atomic
def return_send_back(*, ret: Return, user: User, feedback: str, expected_version: int) -> Return:
    """Return a submitted return to its body for amendment, with the reviewer's feedback.
    The quarter must be open so that the body can amend it."""
    ret = _locked(ret)
    _refuse_stale(ret, expected_version)
    _refuse_unreviewable(ret, user, "sent back")
    if not feedback.strip():
        raise ValidationError(
            {"feedback": "Say what needs to change, so the body knows what to amend."}
        )
    _refuse_closed(ret.period, "the body could not amend the return")
    ret.status = Return.Status.RETURNED
    ret.feedback = feedback.strip()
    ret.reviewed_by = user
    ret.reviewed_at = timezone.now()
    ret = _save(ret, user=user, reason="Sent back for amendment")
    notices.return_sent_back(ret, by=user)
    return ret


@transaction.atomic
def return_reopen(*, ret: Return, user: User, reason: str, expected_version: int) -> Return:
    """Unlock an approved return and send it back to its body; the reason is kept in the
    return's history and shown to the body as feedback."""
    ret = _locked(ret)
    _refuse_stale(ret, expected_version)
    if not can_reopen_return(user, ret):
        if ret.status != Return.Status.APPROVED:
            raise ValidationError(
                "Only an approved return can be reopened; this one is "
                f"{ret.get_status_display().lower()}.",
                code="not_approved",
            )
        raise PermissionDenied("Only the business manager reopens approved returns.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the approved return is being reopened."})
    _refuse_closed(ret.period, "the body could not amend the return")
    ret.status = Return.Status.RETURNED
    ret.feedback = reason.strip()
    ret.reviewed_by = user
    ret.reviewed_at = timezone.now()
    ret = _save(ret, user=user, reason="Reopened after approval")
    notices.return_reopened(ret, by=user)
    return ret
