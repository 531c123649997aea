"""Reminders about review actions: each active body owning open actions that fall due within a
number of days, or are overdue, is told once a day, listing them. Actions belong to reviews,
not plans, so no plan's status leaves one out; a body no longer active is not told."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils.text import Truncator

from assurance.models import Action
from notifications.models import Kind
from notifications.reminders import remind_owner_bodies


def actions_due(*, today: datetime.date, within_days: int) -> dict[int, list[Action]]:
    """Open actions of active bodies due by ``today + within_days`` (overdue ones included),
    with their recommendation's review, by owner body."""
    due = (
        Action.objects.open()
        .filter(
            due_on__lte=today + datetime.timedelta(days=within_days),
            owner_body__is_active=True,
        )
        .select_related("owner_body", "recommendation__review")
        .order_by("owner_body_id", "due_on", "pk")
    )
    by_body: dict[int, list[Action]] = defaultdict(list)
    for action in due:
        by_body[action.owner_body_id].append(action)
    return by_body


def _message(body_name: str, items: list[Action], today: datetime.date) -> tuple[str, str]:
    overdue = sum(1 for item in items if item.due_on < today)
    title = f"Review actions due: {len(items)}" + (f", {overdue} overdue" if overdue else "")
    lines = [f"{body_name} owns these actions from reviews and audits, and they are due:", ""]
    for item in items:
        when = "overdue, due" if item.due_on < today else "due"
        review = item.recommendation.review.title
        lines.append(
            f"- {Truncator(item.text).chars(200)} ({review}, recommendation "
            f"{item.recommendation.number}; {when} {item.due_on:%d %B %Y})"
        )
    lines += [
        "",
        "Please record progress on each action, or ask the business manager to sign it off if "
        "it is done.",
    ]
    return title, "\n".join(lines)


def send_action_reminders(
    *, today: datetime.date, within_days: int, dry_run: bool = False
) -> list[tuple[str, int, int]]:
    """Tell each owner body's chairs, deputy chairs and data leads; what was (or would be)
    sent: (body, actions, people). A second run the same day tells nobody again."""
    return remind_owner_bodies(
        actions_due(today=today, within_days=within_days),
        kind=Kind.ACTION_DUE,
        message=_message,
        list_url_name="assurance:action_tracker",
        event_prefix="actions",
        today=today,
        dry_run=dry_run,
    )
