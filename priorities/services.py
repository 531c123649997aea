"""Changes to a plan's priorities (its shelves) and to strategies (its books).

Each function runs in one transaction and raises ``ValidationError`` with a clear message
rather than saving anything half-way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max

from priorities.models import Priority, Strategy
from sscp import cache
from sscp.editing import ensure_unchanged_since, save_checked, unique_slug

RESERVED_STRATEGY_SLUGS = frozenset({"new"})
# Orders are moved out of the way by this much while a plan's priorities are renumbered, so
# that the (plan, order) uniqueness holds at every step.
_RENUMBER_OFFSET = 1000


# --- priorities -----------------------------------------------------------------------------


def priority_continues_refusals(
    *, priority: Priority, continues: Iterable[Priority]
) -> dict[str, str]:
    """A priority can only carry forward priorities of plans that started before its plan."""
    later = [p for p in continues if p.plan.start_date >= priority.plan.start_date]
    if later:
        names = "; ".join(p.long_label for p in later)
        return {"continues": f"Only priorities of earlier plans can be carried forward: {names}."}
    return {}


def _save_priority(priority: Priority, continues: Iterable[Priority]) -> Priority:
    continues = list(continues)
    save_checked(priority, priority_continues_refusals(priority=priority, continues=continues))
    priority.continues.set(continues)
    return priority


@transaction.atomic
def priority_create(*, priority: Priority, continues: Iterable[Priority] = ()) -> Priority:
    """Add a priority to the end of its plan's shelves."""
    last = Priority.objects.filter(plan=priority.plan).aggregate(last=Max("order"))["last"]
    current_count = Priority.objects.filter(plan=priority.plan).current().count()
    priority.order = (last or 0) + 1
    _save_priority(priority, continues)
    if current_count + 1 < priority.order:
        # Retired priorities sit after the current ones: put the new one before them.
        _renumber(priority.plan)
        priority.refresh_from_db()
    return priority


@transaction.atomic
def priority_update(
    *, priority: Priority, continues: Iterable[Priority], seen_change: int | None
) -> Priority:
    """Change a priority's wording and what it carries forward; refuses a stale edit."""
    ensure_unchanged_since(priority, seen_change)
    return _save_priority(priority, continues)


def _renumber(plan, ordered: list[Priority] | None = None) -> None:
    """Number the plan's priorities 1, 2, 3 ...: ``ordered`` (current priorities in the wanted
    order; by default their present order) first, then the retired ones. Only priorities whose
    number changes get a history record."""
    all_priorities = list(Priority.objects.filter(plan=plan).order_by("order"))
    if ordered is None:
        ordered = [p for p in all_priorities if not p.is_retired]
    ordered_ids = {p.pk for p in ordered}
    wanted = [
        *(next(p for p in all_priorities if p.pk == o.pk) for o in ordered),
        *(p for p in all_priorities if p.pk not in ordered_ids),
    ]
    Priority.objects.filter(plan=plan).update(order=F("order") + _RENUMBER_OFFSET)
    cache.bump(cache.PLANS)  # update() sends no signals
    for position, priority in enumerate(wanted, start=1):
        if priority.order == position:
            Priority.objects.filter(pk=priority.pk).update(order=position)
        else:
            priority.order = position
            priority.save()


@transaction.atomic
def priority_move(*, priority: Priority, direction: str) -> Priority:
    """Move a current priority one place ``"up"`` or ``"down"`` among its plan's shelves."""
    if direction not in ("up", "down"):
        raise ValidationError("A priority moves up or down.")
    if priority.is_retired:
        raise ValidationError("A retired priority has no place on the shelves to move.")
    current = list(Priority.objects.filter(plan_id=priority.plan_id).current().order_by("order"))
    index = next(i for i, p in enumerate(current) if p.pk == priority.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(current):
        raise ValidationError(
            f"“{priority.title}” is already the {'first' if direction == 'up' else 'last'} "
            "priority."
        )
    current[index], current[other] = current[other], current[index]
    _renumber(priority.plan, current)
    priority.refresh_from_db()
    return priority


@transaction.atomic
def priority_retire(
    *, priority: Priority, retired_on: datetime.date, reason: str, seen_change: int | None
) -> Priority:
    """Take a priority off the shelves, keeping it, its measures and their returns on record.
    The remaining priorities close up (1, 2, 3 ...) and retired ones follow them."""
    ensure_unchanged_since(priority, seen_change)
    if priority.is_retired:
        raise ValidationError("This priority is already retired.")
    if not reason.strip():
        raise ValidationError({"retired_reason": "Say why the priority is being retired."})
    if retired_on < priority.plan.start_date:
        raise ValidationError(
            {"retired_on": "A priority cannot be retired before its plan starts."}
        )
    priority.retired_on = retired_on
    priority.retired_reason = reason.strip()
    priority.full_clean()
    priority.save()
    _renumber(priority.plan)
    priority.refresh_from_db()
    return priority


def priority_delete_refusals(priority: Priority) -> list[str]:
    """Why ``priority`` cannot be deleted: returns against its measures, or consultation
    feedback that informed it. Such a priority can be retired instead."""
    refusals = []
    returns = priority.measures.aggregate(returns=Count("returns"))["returns"]
    if returns:
        refusals.append(
            f"{returns} return{'s have' if returns != 1 else ' has'} been made against its "
            "measures."
        )
    if priority.feedback.exists():
        refusals.append("Consultation feedback is recorded as informing it.")
    return refusals


@transaction.atomic
def priority_delete(*, priority: Priority) -> None:
    """Delete a priority nothing has been reported against, with its measures; the others
    close up. A priority with returns (or consultation feedback) can only be retired."""
    refusals = priority_delete_refusals(priority)
    if refusals:
        raise ValidationError(
            ["This priority cannot be deleted; it can be retired instead.", *refusals]
        )
    plan = priority.plan
    # Unlink from the owning side of each link, so that the other object's history says so.
    for strategy in priority.strategies.all():
        strategy.priorities.remove(priority)
    for later in priority.continued_by.all():
        later.continues.remove(priority)
    priority.measures.all().delete()
    priority.delete()
    _renumber(plan)


# --- strategies -----------------------------------------------------------------------------


def _save_strategy(strategy: Strategy, priorities: Iterable[Priority]) -> Strategy:
    save_checked(strategy, {})
    strategy.priorities.set(list(priorities))
    return strategy


@transaction.atomic
def strategy_create(*, strategy: Strategy, priorities: Iterable[Priority] = ()) -> Strategy:
    """Record a new strategy under the given priorities; its slug comes from its title."""
    strategy.slug = unique_slug(Strategy, strategy.title, reserved=RESERVED_STRATEGY_SLUGS)
    return _save_strategy(strategy, priorities)


@transaction.atomic
def strategy_update(
    *, strategy: Strategy, priorities: Iterable[Priority], seen_change: int | None
) -> Strategy:
    """Change a strategy and the priorities it stands under; refuses a stale edit. A
    priority whose measures come from this strategy stays linked while they do."""
    ensure_unchanged_since(strategy, seen_change)
    priorities = list(priorities)
    kept = {p.pk for p in priorities}
    dropped = (
        strategy.measures.exclude(priority_id__in=kept)
        .select_related("priority__plan")
        .order_by("priority__plan__start_date", "priority__order")
    )
    names = sorted({m.priority.long_label for m in dropped})
    if names:
        raise ValidationError(
            {
                "priorities": "Measures of this strategy are reported under "
                + "; ".join(names)
                + ", so it must stay under "
                + ("that priority" if len(names) == 1 else "those priorities")
                + " (move or delete the measures first)."
            }
        )
    return _save_strategy(strategy, priorities)
