"""Starting the next plan: a change that spans plans, priorities, strategies and measures.

It runs in one transaction, validates before it writes, and raises ``ValidationError`` with
messages a manager can act on.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from measures.models import Measure
from plans.models import Plan
from plans.services import plan_slug_for, successor_dates, successor_title
from priorities.models import Priority, Strategy
from sscp.editing import save_checked

S = Plan.Status


def plan_start_next_refusals(plan: Plan) -> list[str]:
    """Why the next plan cannot be started from ``plan`` (empty when it can)."""
    successor = Plan.objects.filter(predecessor=plan).first()
    if successor is not None:
        return [f"{plan.name} is already followed by {successor.name}."]
    try:
        slug = plan_slug_for(*successor_dates(plan))
    except (OverflowError, ValueError):  # the next plan's dates would pass 31 December 9999
        return [f"No plan can follow {plan.name}: the next one would run past the year 9999."]
    if Plan.objects.filter(slug=slug).exists():
        return [f"There is already a plan for {slug}."]
    return []


@transaction.atomic
def plan_start_next(*, plan: Plan) -> Plan:
    """Start the plan that follows ``plan``: a draft with the following dates and the same
    vision, whose priorities are copies of ``plan``'s current priorities, each marked as
    carrying the old one forward, standing under the same (not retired) strategies and with
    copies of their active measures. No returns are copied. All or nothing."""
    refusals = plan_start_next_refusals(plan)
    if refusals:
        raise ValidationError(refusals)
    start, end = successor_dates(plan)
    reason = f"Started from {plan.slug}"
    successor = Plan(
        title=successor_title(plan, start, end),
        short_title=plan.short_title,
        slug=plan_slug_for(start, end),
        start_date=start,
        end_date=end,
        vision=plan.vision,
        status=S.DRAFT,
        predecessor=plan,
    )
    _save_with_reason(successor, reason)

    old_priorities = (
        plan.priorities.current().order_by("order").prefetch_related("strategies", "measures")
    )
    for order, old in enumerate(old_priorities, start=1):
        new = Priority(plan=successor, order=order, title=old.title, description=old.description)
        _save_with_reason(new, reason)
        new.continues.add(old)
        for strategy in old.strategies.all():
            if strategy.status != Strategy.Status.RETIRED:
                # From the strategy's side, so that the strategy's history records the link.
                strategy._change_reason = reason
                strategy.priorities.add(new)
        for measure in old.measures.all():
            if not measure.active:
                continue
            copy = Measure(
                priority=new,
                strategy_id=measure.strategy_id,
                reporting_body_id=measure.reporting_body_id,
                title=measure.title,
                definition=measure.definition,
                unit=measure.unit,
                polarity=measure.polarity,
                baseline=measure.baseline,
                target=measure.target,
                tolerance=measure.tolerance,
                data_source=measure.data_source,
                active=True,
            )
            _save_with_reason(copy, reason)
    return successor


def _save_with_reason(obj, reason: str) -> None:
    obj._change_reason = reason  # shown in the object's change history
    save_checked(obj, {})
