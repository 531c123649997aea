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
from django.utils.text import capfirst

from plans.models import GovernanceBody, Membership, Plan
from sscp.editing import ensure_unchanged_since, save_checked, unique_slug
from sscp.people import person_name

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


def plan_save_refusals(
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
    return save_checked(plan, plan_save_refusals(plan=plan, previous_status=previous_status))


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


def successor_title(plan: Plan, start: datetime.date, end: datetime.date) -> str:
    new_slug = plan_slug_for(start, end)
    long_years = f"{plan.start_date.year}-{plan.end_date.year}"
    if long_years in plan.title:
        return plan.title.replace(long_years, f"{start.year}-{end.year}")
    if plan.slug in plan.title:
        return plan.title.replace(plan.slug, new_slug)
    return f"{plan.title} {new_slug}"


def plan_delete_refusals(plan: Plan) -> list[str]:
    """Why ``plan`` cannot be deleted (only a draft nothing depends on can be)."""
    refusals = []
    if plan.status != S.DRAFT:
        refusals.append(
            f"It is “{plan.get_status_display()}”: only a draft plan can be deleted. "
            "Close a plan instead."
        )
    successor = Plan.objects.filter(predecessor=plan).first()
    if successor is not None:
        refusals.append(f"{successor.name} builds on it.")
    if plan.priorities.filter(measures__returns__isnull=False).exists():
        refusals.append("Returns have been made against its measures.")
    if plan.reports.exists():
        refusals.append("Progress reports have been written on it.")
    if plan.consultations.exists():
        refusals.append("Consultations are recorded against it.")
    return refusals


@transaction.atomic
def plan_delete(*, plan: Plan) -> None:
    """Delete a draft plan that nothing depends on, with its priorities and measures."""
    refusals = plan_delete_refusals(plan)
    if refusals:
        raise ValidationError(["This plan cannot be deleted.", *refusals])
    for priority in plan.priorities.prefetch_related("strategies"):
        for strategy in priority.strategies.all():
            strategy.priorities.remove(priority)
        priority.measures.all().delete()  # no returns (refused above): measures protect them
    plan.delete()


# --- governance ---------------------------------------------------------------------------------


def body_save_refusals(body: GovernanceBody) -> dict[str, str]:
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
    return save_checked(body, body_save_refusals(body))


def membership_save_refusals(membership: Membership) -> dict[str, str]:
    clash = (
        Membership.objects.filter(user_id=membership.user_id, body_id=membership.body_id)
        .exclude(pk=membership.pk)
        .first()
    )
    if clash is not None:
        return {
            "user": f"{capfirst(person_name(clash.user))} is already "
            f"{clash.get_role_display().lower()} of {clash.body.name}: change that role instead."
        }
    return {}


@transaction.atomic
def membership_save(*, membership: Membership) -> Membership:
    """Give a person a role in a body, or change it: one role per person in each body."""
    return save_checked(membership, membership_save_refusals(membership))


@transaction.atomic
def membership_delete(*, membership: Membership) -> None:
    """Take a person's role in a body away (their history stays)."""
    membership.delete()
