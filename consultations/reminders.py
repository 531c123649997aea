"""Reminders about the commitments made to children and young people: each body responsible
for commitments still open (planned or in progress) that fall due within a number of days, or
are overdue, is told once a day, listing them. Commitments of draft plans are left out: their
bodies cannot read them yet."""

from __future__ import annotations

import datetime
from collections import defaultdict

from consultations.models import Commitment
from notifications.models import Kind
from notifications.reminders import remind_owner_bodies
from plans.models import plan_visibility

OPEN = (Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS)


def commitments_due(*, today: datetime.date, within_days: int) -> dict[int, list[Commitment]]:
    """Open commitments due by ``today + within_days`` (overdue ones included), by owner body."""
    due = (
        Commitment.objects.filter(
            plan_visibility("consultation__plan", drafts=False),
            status__in=OPEN,
            due_date__lte=today + datetime.timedelta(days=within_days),
            owner_body__is_active=True,
        )
        .select_related("owner_body")
        .order_by("owner_body_id", "due_date", "pk")
    )
    by_body: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in due:
        by_body[commitment.owner_body_id].append(commitment)
    return by_body


def _message(body_name: str, items: list[Commitment], today: datetime.date) -> tuple[str, str]:
    overdue = sum(1 for item in items if item.due_date < today)
    title = f"Commitments to young people due: {len(items)}" + (
        f", {overdue} overdue" if overdue else ""
    )
    lines = [f"{body_name} promised children and young people these, and they are due:", ""]
    for item in items:
        when = "overdue" if item.due_date < today else "due"
        lines.append(f"- {item.promise} ({when} {item.due_date:%d %B %Y})")
    lines += [
        "",
        "Please record what was done (or why it could not be) on each commitment: young people "
        'read the answer on the "You said, we did" page.',
    ]
    return title, "\n".join(lines)


def send_commitment_reminders(
    *, today: datetime.date, within_days: int, dry_run: bool = False
) -> list[tuple[str, int, int]]:
    """Tell each responsible body's chairs, deputy chairs and data leads; what was (or would
    be) sent: (body, commitments, people). A second run the same day tells nobody again."""
    return remind_owner_bodies(
        commitments_due(today=today, within_days=within_days),
        kind=Kind.COMMITMENT,
        message=_message,
        list_url_name="consultations:commitment_list",
        event_prefix="commitments",
        today=today,
        dry_run=dry_run,
    )
