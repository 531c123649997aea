"""Setting up quarters, opening and closing them for returns, and moving their deadlines."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from measures import notices
from measures.models import ReportingPeriod
from measures.plan_quarters import missing_quarters
from measures.rules import can_manage_periods
from sscp.history import HISTORY_REASON_LENGTH

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from plans.models import Plan

DEFAULT_DEADLINE_AFTER_QUARTER_END = datetime.timedelta(weeks=6)


def _save_period(period: ReportingPeriod, *, user: User, reason: str) -> ReportingPeriod:
    if not can_manage_periods(user):
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
    _refuse_early_deadline(period, period.deadline)
    return _save_period(period, user=user, reason="Quarter set up")


@transaction.atomic
def periods_create_for_plan(*, plan: Plan, user: User) -> list[ReportingPeriod]:
    """Set up, closed, every quarter within the plan's dates that is not set up yet (twelve for
    a new three-year plan), each with the usual deadline; all or none."""
    set_up = ReportingPeriod.objects.values_list("financial_year", "quarter")
    missing = missing_quarters(plan, set_up)
    if not missing:
        raise ValidationError(f"Every quarter of {plan} is already set up.", code="nothing_to_do")
    return [period_create(financial_year=year, quarter=q, user=user) for year, q in missing]


def _refuse_early_deadline(period: ReportingPeriod, deadline: datetime.date) -> None:
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
    period = _save_period(period, user=user, reason="Opened for returns")
    notices.quarter_opened(period, by=user)
    return period


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
    _refuse_early_deadline(period, deadline)
    if deadline == period.deadline:
        raise ValidationError({"deadline": "That is already the deadline."})
    before = period.deadline
    period.deadline = deadline
    period.deadline_reason = reason.strip()
    period = _save_period(
        period, user=user, reason=f"Deadline moved from {before:%d %b %Y} to {deadline:%d %b %Y}"
    )
    notices.deadline_changed(period, by=user, before=before)
    return period
