"""The quarters a plan runs over, and which of them are not set up yet: a new plan (2025-28,
say) starts with none, and the business manager sets all twelve up at once from the Quarters
page (``services.periods_create_for_plan``)."""

from __future__ import annotations

from collections.abc import Iterable

from measures.models import ReportingPeriod
from plans.models import Plan


def quarters_of_plan(plan: Plan) -> list[tuple[int, int]]:
    """(financial year, quarter) of every quarter that falls within the plan's dates, in order."""
    quarters = []
    for year in range(plan.start_date.year - 1, plan.end_date.year + 1):
        for quarter in (1, 2, 3, 4):
            start, end = ReportingPeriod.quarter_dates(year, quarter)
            if plan.start_date <= start and end <= plan.end_date:
                quarters.append((year, quarter))
    return quarters


def missing_quarters(plan: Plan, set_up: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the plan's quarters, those not in ``set_up`` (the quarters that exist)."""
    existing = set(set_up)
    return [q for q in quarters_of_plan(plan) if q not in existing]


def plans_missing_quarters(plans: Iterable[Plan]) -> list[tuple[Plan, int]]:
    """Each of ``plans`` with quarters not set up yet, and how many (one query)."""
    set_up = set(ReportingPeriod.objects.values_list("financial_year", "quarter"))
    found = [(plan, len(missing_quarters(plan, set_up))) for plan in plans]
    return [(plan, count) for plan, count in found if count]
