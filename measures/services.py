"""Rules that change measures, quarters and returns: one function each, called by the views,
the bulk upload, the commands and the tests alike.

Every change to a return raises its ``version``; each function that changes a return takes the
version the person started from and refuses the change when the row has moved on since
(``StaleReturnError``, which says what changed), so nobody silently overwrites someone else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from measures import selectors
from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.templatetags.measure_format import in_unit
from sscp import roles
from sscp.editing import ensure_unchanged_since, save_checked

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EDITABLE_STATUSES = (Return.Status.DRAFT, Return.Status.RETURNED)
DEFAULT_DEADLINE_AFTER_QUARTER_END = datetime.timedelta(weeks=6)
# django-simple-history keeps a change reason of at most 100 characters: the full text (feedback,
# reopening reason, deadline reason) lives in a field of the row, which the history keeps too.
HISTORY_REASON_LENGTH = 100
# Fields whose change is bookkeeping rather than content: left out of "what changed".
_UNREPORTED_FIELDS = {"updated_at", "version", "created_at"}


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
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=raw).first()
        return user.get_username() if user else str(raw)
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


def _check_version(ret: Return | None, expected_version: int) -> None:
    current = ret.version if ret is not None else 0
    if expected_version == current:
        return
    if ret is None:  # pragma: no cover - a version for a return that does not exist
        raise ValidationError("This return no longer exists.", code="stale")
    last = ret.history.order_by("-history_date").select_related("history_user").first()
    changed_by = last.history_user.get_username() if last and last.history_user else "someone"
    raise StaleReturnError(
        f"{changed_by} changed this return after you opened it, so your changes were not "
        "saved. Check what changed below, then make your changes again.",
        changes=changes_since(ret, expected_version),
        changed_by=changed_by,
    )


def _lock(measure: Measure, period: ReportingPeriod) -> Return | None:
    return Return.objects.select_for_update().filter(measure=measure, period=period).first()


def _locked(ret: Return) -> Return:
    return Return.objects.select_for_update().select_related("measure", "period").get(pk=ret.pk)


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
    ret.version = ret.version + 1 if ret.pk else 1
    ret.full_clean()
    ret._history_user = user
    ret._change_reason = reason[:HISTORY_REASON_LENGTH]
    try:
        with transaction.atomic():
            ret.save()
    except IntegrityError as error:
        # Someone created the same measure's return for the quarter at the same moment.
        raise ValidationError(
            "Someone else started this return at the same moment, so your changes were not "
            "saved. Open the return again to see theirs.",
            code="stale",
        ) from error
    return ret


# --- entering a return ------------------------------------------------------------------------


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
    if not roles.can_submit_return(user, measure):
        raise PermissionDenied("You may not enter returns for this measure.")
    if not selectors.measures_due_in(period).filter(pk=measure.pk).exists():
        raise ValidationError(
            f"{measure} is not collected in {period}: it is inactive, retired or outside its "
            "plan's years.",
            code="not_due",
        )
    _refuse_closed(period, action)
    ret = _lock(measure, period)
    _check_version(ret, expected_version)
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
    return _save(ret, user=user, reason="Submitted for review")


# --- reviewing a return -----------------------------------------------------------------------


def _refuse_review(ret: Return, user: User, action: str) -> None:
    if not roles.roles_of(user).is_manager:
        raise PermissionDenied("Only the business manager reviews returns.")
    if ret.status != Return.Status.SUBMITTED:
        raise ValidationError(
            f"Only a submitted return can be {action}; this one is "
            f"{ret.get_status_display().lower()}.",
            code="not_submitted",
        )
    if ret.submitted_by_id == user.pk:
        raise ValidationError(
            "You submitted this return, so another business manager must review it: nobody "
            "reviews a return they submitted.",
            code="own_return",
        )
    if not roles.can_review_return(user, ret):  # pragma: no cover - the checks above cover it
        raise PermissionDenied


@transaction.atomic
def return_approve(*, ret: Return, user: User, expected_version: int) -> Return:
    """Approve a submitted return, which locks it. Nobody approves a return they submitted."""
    ret = _locked(ret)
    _check_version(ret, expected_version)
    _refuse_review(ret, user, "approved")
    ret.status = Return.Status.APPROVED
    ret.reviewed_by = user
    ret.reviewed_at = timezone.now()
    ret.feedback = ""
    return _save(ret, user=user, reason="Approved")


@transaction.atomic
def return_send_back(*, ret: Return, user: User, feedback: str, expected_version: int) -> Return:
    """Return a submitted return to its body for amendment, with the reviewer's feedback.
    The quarter must be open so that the body can amend it."""
    ret = _locked(ret)
    _check_version(ret, expected_version)
    _refuse_review(ret, user, "sent back")
    if not feedback.strip():
        raise ValidationError(
            {"feedback": "Say what needs to change, so the body knows what to amend."}
        )
    _refuse_closed(ret.period, "the body could not amend the return")
    ret.status = Return.Status.RETURNED
    ret.feedback = feedback.strip()
    ret.reviewed_by = user
    ret.reviewed_at = timezone.now()
    return _save(ret, user=user, reason="Returned for amendment")


@transaction.atomic
def return_reopen(*, ret: Return, user: User, reason: str, expected_version: int) -> Return:
    """Unlock an approved return and send it back to its body; the reason is kept in the
    return's history and shown to the body as feedback."""
    ret = _locked(ret)
    _check_version(ret, expected_version)
    if not roles.can_reopen_return(user, ret):
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
    return _save(ret, user=user, reason="Reopened after approval")


# --- quarters ---------------------------------------------------------------------------------


def _save_period(period: ReportingPeriod, *, user: User, reason: str) -> ReportingPeriod:
    if not roles.can_manage_periods(user):
        raise PermissionDenied("Only the business manager manages quarters.")
    period.full_clean()
    period._history_user = user
    period._change_reason = reason[:HISTORY_REASON_LENGTH]
    period.save()
    return period


@transaction.atomic
def period_create(
    *,
    financial_year: int,
    quarter: int,
    user: User,
    deadline: datetime.date | None = None,
) -> ReportingPeriod:
    """Set up a quarter of a financial year, closed until it is opened; the deadline defaults
    to six weeks after the quarter ends."""
    try:
        start, end = ReportingPeriod.quarter_dates(financial_year, quarter)
    except ValueError as error:
        raise ValidationError({"quarter": str(error)}) from error
    period = ReportingPeriod(
        financial_year=financial_year,
        quarter=quarter,
        start_date=start,
        end_date=end,
        deadline=deadline or end + DEFAULT_DEADLINE_AFTER_QUARTER_END,
        is_open=False,
    )
    if ReportingPeriod.objects.filter(financial_year=financial_year, quarter=quarter).exists():
        raise ValidationError(
            {"quarter": f"{period.label} has already been set up."}, code="duplicate"
        )
    _check_deadline(period, period.deadline)
    return _save_period(period, user=user, reason="Quarter set up")


def _check_deadline(period: ReportingPeriod, deadline: datetime.date) -> None:
    if deadline <= period.end_date:
        raise ValidationError(
            {
                "deadline": f"The deadline must fall after the quarter ends "
                f"({period.end_date:%d %B %Y})."
            }
        )


def _locked_period(period: ReportingPeriod) -> ReportingPeriod:
    return ReportingPeriod.objects.select_for_update().get(pk=period.pk)


@transaction.atomic
def period_open(*, period: ReportingPeriod, user: User) -> ReportingPeriod:
    """Open a quarter for returns: its bodies may enter, save and submit them."""
    period = _locked_period(period)
    if period.is_open:
        raise ValidationError(f"{period} is already open.", code="already_open")
    period.is_open = True
    return _save_period(period, user=user, reason="Opened for returns")


@transaction.atomic
def period_close(*, period: ReportingPeriod, user: User) -> ReportingPeriod:
    """Close a quarter: nothing more can be saved or submitted in it; reviewing goes on."""
    period = _locked_period(period)
    if not period.is_open:
        raise ValidationError(f"{period} is already closed.", code="already_closed")
    period.is_open = False
    return _save_period(period, user=user, reason="Closed for returns")


@transaction.atomic
def period_change_deadline(
    *, period: ReportingPeriod, deadline: datetime.date, reason: str, user: User
) -> ReportingPeriod:
    """Move a quarter's deadline; the reason is kept in the quarter's history."""
    period = _locked_period(period)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the deadline is changing."})
    _check_deadline(period, deadline)
    if deadline == period.deadline:
        raise ValidationError({"deadline": "That is already the deadline."})
    before = period.deadline
    period.deadline = deadline
    period.deadline_reason = reason.strip()
    return _save_period(
        period, user=user, reason=f"Deadline moved from {before:%d %b %Y} to {deadline:%d %b %Y}"
    )


# --- measure definitions ----------------------------------------------------------------------

_FIGURES = ("baseline", "target", "tolerance")


def measure_definition_errors(measure: Measure) -> dict[str, str]:
    """What is wrong with a measure's definition, by field (empty when nothing): a percentage
    lies between 0 and 100, a count is a whole number, a target matches the polarity, and the
    strategy stands under the measure's priority."""
    errors: dict[str, str] = {}
    values = {name: getattr(measure, name) for name in _FIGURES}
    if measure.unit == Measure.Unit.PERCENTAGE:
        for name in ("baseline", "target"):
            value = values[name]
            if value is not None and not Decimal(0) <= value <= Decimal(100):
                errors[name] = "A percentage lies between 0 and 100."
        if values["tolerance"] is not None and values["tolerance"] > 100:
            errors["tolerance"] = "A tolerance on a percentage is at most 100 points."
    if measure.unit == Measure.Unit.COUNT:
        for name, value in values.items():
            if value is not None and value != value.to_integral_value():
                errors[name] = "A count is a whole number."
    if values["tolerance"] is not None and values["tolerance"] < 0:
        errors["tolerance"] = "The tolerance cannot be negative."

    if measure.polarity == Measure.Polarity.NONE:
        if values["target"] is not None:
            errors["target"] = (
                "A measure with no target (monitored only) cannot have a target: leave it "
                "empty, or choose whether higher or lower is better."
            )
        if values["tolerance"]:
            errors["tolerance"] = "A tolerance only applies to a measure with a target."
    elif measure.polarity and values["target"] is None:
        better = "higher" if measure.polarity == Measure.Polarity.HIGHER else "lower"
        errors["target"] = f"Give the target: {better} is better for this measure."

    strategy = measure.strategy
    priority = measure.priority if measure.priority_id else None
    if (
        strategy is not None
        and priority is not None
        and not strategy.priorities.filter(pk=priority.pk).exists()
    ):
        errors["strategy"] = (
            f"{strategy.title} does not stand under “{priority.long_label}”. Choose another "
            "strategy, or add the priority to the strategy first."
        )
    return errors


def _save_measure(measure: Measure) -> Measure:
    if measure.tolerance is None:
        measure.tolerance = Decimal(0)
    return save_checked(measure, measure_definition_errors(measure))


@transaction.atomic
def measure_create(*, measure: Measure) -> Measure:
    """Add a measure to a priority (and a strategy under it)."""
    return _save_measure(measure)


@transaction.atomic
def measure_update(*, measure: Measure, seen_change: int | None) -> Measure:
    """Change a measure's definition; refuses a stale edit. Returns already made keep the
    RAG they were given."""
    ensure_unchanged_since(measure, seen_change)
    return _save_measure(measure)


def measure_delete_refusal(measure: Measure) -> str | None:
    returns = measure.returns.count()
    if returns:
        return (
            f"{returns} return{'s have' if returns != 1 else ' has'} been made for this "
            "measure, so it cannot be deleted. Make it inactive instead: it stops being "
            "collected and its returns stay on record."
        )
    return None


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    """Delete a measure no return has been made for."""
    refusal = measure_delete_refusal(measure)
    if refusal:
        raise ValidationError(refusal)
    measure.delete()
