"""Changes to plans and governance that carry rules: status changes, starting the next plan,
removing a draft, and the governance tree with its memberships.

Every function runs in one transaction, validates before it writes, and raises
``ValidationError`` with messages a manager can act on (keyed by field where there is one).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plans.models import GovernanceBody, Membership, Plan
from sscp.editing import ensure_unchanged_since, save_checked, unique_slug

S = Plan.Status

# Where a plan may go from each status: forward through the plan's life, back from consultation
# to draft for more work, and a closed plan may be reopened if it was closed by mistake.
PLAN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.CONSULTATION,),
    S.CONSULTATION: (S.DRAFT, S.APPROVED),
    S.APPROVED: (S.ACTIVE,),
    S.ACTIVE: (S.CLOSED,),
    S.CLOSED: (S.ACTIVE,),
}

RESERVED_BODY_SLUGS = frozenset({"new", "members"})


# --- plans --------------------------------------------------------------------------------------


def plan_slug_for(start_date: datetime.date, end_date: datetime.date) -> str:
    """A plan's slug is its years: 2025-28 for 1 April 2025 to 31 March 2028."""
    return f"{start_date.year}-{end_date.year % 100:02d}"


def plan_slug_on_save(plan: Plan, stored_dates: tuple | None) -> str:
    """The slug ``plan`` will have once saved: a new plan, or one whose dates change, is named
    by its years; otherwise it keeps its slug (and its address)."""
    if stored_dates is None or (plan.start_date, plan.end_date) != stored_dates:
        return plan_slug_for(plan.start_date, plan.end_date)
    return plan.slug


def plan_next_statuses(status: str) -> tuple[str, ...]:
    """The statuses a plan in ``status`` may move to."""
    return PLAN_TRANSITIONS.get(status, ())


def plan_rule_errors(
    *, plan: Plan, previous_status: str | None, today: datetime.date | None = None
) -> dict[str, str]:
    """What is wrong with ``plan`` as it is about to be saved, by field (empty when nothing).

    ``previous_status`` is the status stored before this change, None for a new plan.
    """
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if plan.start_date and (plan.start_date.month, plan.start_date.day) != (4, 1):
        errors["start_date"] = "A plan starts on 1 April, the first day of a financial year."
    if plan.end_date and (plan.end_date.month, plan.end_date.day) != (3, 31):
        errors["end_date"] = "A plan ends on 31 March, the last day of a financial year."
    if plan.start_date and plan.end_date and plan.end_date <= plan.start_date:
        errors["end_date"] = "The plan must end after it starts."
    elif Plan.objects.filter(slug=plan.slug).exclude(pk=plan.pk).exists():
        errors["start_date"] = f"There is already a plan for {plan.slug}."

    status = plan.status
    if previous_status and status != previous_status:
        allowed = plan_next_statuses(previous_status)
        if status not in allowed:
            names = " or ".join(f"“{S(s).label}”" for s in allowed) or "no other status"
            errors["status"] = (
                f"A plan that is “{S(previous_status).label}” can move to {names}, "
                f"not straight to “{S(status).label}”."
            )
    if status in Plan.APPROVED_STATUSES:
        if plan.approval_date is None:
            errors["approval_date"] = "An approved plan needs the date it was approved."
        elif plan.approval_date > today:
            errors["approval_date"] = "The approval date cannot be in the future."
        if not plan.decision_reference.strip():
            errors["decision_reference"] = (
                "An approved plan needs the reference of the decision that approved it."
            )
    if status == S.ACTIVE and "status" not in errors:
        other = Plan.objects.active().exclude(pk=plan.pk).first()
        if other is not None:
            errors["status"] = (
                f"Only one plan can be active at a time, and {other.name} is active. "
                "Close it first."
            )

    predecessor = plan.predecessor
    if predecessor is not None:
        if predecessor.pk == plan.pk:
            errors["predecessor"] = "A plan cannot build on itself."
        elif plan.start_date and predecessor.start_date >= plan.start_date:
            errors["predecessor"] = "A plan can only build on a plan that started before it."
        else:
            other = Plan.objects.filter(predecessor=predecessor).exclude(pk=plan.pk).first()
            if other is not None:
                errors["predecessor"] = f"{predecessor.name} is already followed by {other.name}."
    return errors


def _validate_and_save(plan: Plan, previous_status: str | None) -> Plan:
    return save_checked(plan, plan_rule_errors(plan=plan, previous_status=previous_status))


@transaction.atomic
def plan_create(*, plan: Plan) -> Plan:
    """Save a new plan, its slug taken from its years."""
    if plan.start_date and plan.end_date:
        plan.slug = plan_slug_on_save(plan, stored_dates=None)
    return _validate_and_save(plan, previous_status=None)


@transaction.atomic
def plan_update(*, plan: Plan, seen_change: int | None) -> Plan:
    """Save changes to a plan: refuses a stale edit, a status change that skips a step, an
    approved plan without approval date or decision reference, and a second active plan.
    Changing the years changes the slug (and so the plan's address)."""
    ensure_unchanged_since(plan, seen_change)
    stored = Plan.objects.get(pk=plan.pk)
    plan.slug = plan_slug_on_save(plan, stored_dates=(stored.start_date, stored.end_date))
    return _validate_and_save(plan, previous_status=stored.status)


def successor_dates(plan: Plan) -> tuple[datetime.date, datetime.date]:
    """The dates of the plan after ``plan``: from the day after it ends, for as many years."""
    years = max(plan.end_date.year - plan.start_date.year, 1)
    start = plan.end_date + datetime.timedelta(days=1)
    return start, start.replace(year=start.year + years) - datetime.timedelta(days=1)


def _successor_title(plan: Plan, start: datetime.date, end: datetime.date) -> str:
    new_slug = plan_slug_for(start, end)
    long_years = f"{plan.start_date.year}-{plan.end_date.year}"
    if long_years in plan.title:
        return plan.title.replace(long_years, f"{start.year}-{end.year}")
    if plan.slug in plan.title:
        return plan.title.replace(plan.slug, new_slug)
    return f"{plan.title} {new_slug}"


def plan_start_next_refusal(plan: Plan) -> str | None:
    """Why the next plan cannot be started from ``plan``, or None when it can."""
    successor = Plan.objects.filter(predecessor=plan).first()
    if successor is not None:
        return f"{plan.name} is already followed by {successor.name}."
    slug = plan_slug_for(*successor_dates(plan))
    if Plan.objects.filter(slug=slug).exists():
        return f"There is already a plan for {slug}."
    return None


@transaction.atomic
def plan_start_next(*, plan: Plan) -> Plan:
    """Start the plan that follows ``plan``: a draft with the following dates and the same
    vision, whose priorities are copies of ``plan``'s current priorities, each marked as
    carrying the old one forward, standing under the same (not retired) strategies and with
    copies of their active measures. No returns are copied. All or nothing."""
    from measures.models import Measure
    from priorities.models import Priority, Strategy

    refusal = plan_start_next_refusal(plan)
    if refusal:
        raise ValidationError(refusal)
    start, end = successor_dates(plan)
    reason = f"Started from {plan.slug}"
    successor = Plan(
        title=_successor_title(plan, start, end),
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


def plan_delete_blockers(plan: Plan) -> list[str]:
    """Why ``plan`` cannot be deleted (only a draft nothing depends on can be)."""
    from measures.models import Return

    blockers = []
    if plan.status != S.DRAFT:
        blockers.append(
            f"It is “{plan.get_status_display()}”: only a draft plan can be deleted. "
            "Close a plan instead."
        )
    successor = Plan.objects.filter(predecessor=plan).first()
    if successor is not None:
        blockers.append(f"{successor.name} builds on it.")
    if Return.objects.filter(measure__priority__plan=plan).exists():
        blockers.append("Returns have been made against its measures.")
    if plan.reports.exists():
        blockers.append("Progress reports have been written on it.")
    if plan.consultations.exists():
        blockers.append("Consultations are recorded against it.")
    return blockers


@transaction.atomic
def plan_delete(*, plan: Plan) -> None:
    """Delete a draft plan that nothing depends on, with its priorities and measures."""
    from measures.models import Measure

    blockers = plan_delete_blockers(plan)
    if blockers:
        raise ValidationError(["This plan cannot be deleted.", *blockers])
    for priority in plan.priorities.prefetch_related("strategies"):
        for strategy in priority.strategies.all():
            strategy.priorities.remove(priority)
    Measure.objects.filter(priority__plan=plan).delete()
    plan.delete()


# --- governance ---------------------------------------------------------------------------------


def body_rule_errors(body: GovernanceBody) -> dict[str, str]:
    """A body cannot report to itself or to a body that reports to it."""
    parent = body.parent
    if parent is None or body.pk is None:
        return {}
    parents = dict(GovernanceBody.objects.values_list("pk", "parent_id"))
    seen = set()
    current = parent.pk
    while current is not None and current not in seen:
        if current == body.pk:
            if parent.pk == body.pk:
                return {"parent": "A body cannot report to itself."}
            return {
                "parent": f"{parent.name} reports (directly or through others) to "
                f"{body.name}, so it cannot also be its parent."
            }
        seen.add(current)
        current = parents.get(current)
    return {}


@transaction.atomic
def body_save(*, body: GovernanceBody, seen_change: int | None = None) -> GovernanceBody:
    """Create or change a governance body; a new body's slug comes from its name."""
    if body.pk is not None:
        ensure_unchanged_since(body, seen_change)
    else:
        body.slug = unique_slug(GovernanceBody, body.name, reserved=RESERVED_BODY_SLUGS)
    return save_checked(body, body_rule_errors(body))


def membership_rule_errors(membership: Membership) -> dict[str, str]:
    clash = (
        Membership.objects.filter(user_id=membership.user_id, body_id=membership.body_id)
        .exclude(pk=membership.pk)
        .first()
    )
    if clash is not None:
        return {
            "user": f"{_person(clash.user)} is already {clash.get_role_display().lower()} of "
            f"{clash.body.name}: change that role instead."
        }
    return {}


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def membership_save(*, membership: Membership) -> Membership:
    """Give a person a role in a body, or change it: one role per person in each body."""
    return save_checked(membership, membership_rule_errors(membership))


@transaction.atomic
def membership_delete(*, membership: Membership) -> None:
    """Take a person's role in a body away (their history stays)."""
    membership.delete()
