"""Chasing: the business manager reminds bodies, now, of their outstanding returns for a
quarter. Each reminder is a notification to the body's chairs, deputy chairs and data leads
(in the app, and by e-mail as each prefers) and a ``Chase`` row saying who sent it and when. A
body chased within the last hour, a body with nothing outstanding and a body with nobody to
receive it are left out, each with the reason."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from measures import selectors
from measures.models import Chase, ReportingPeriod
from measures.rules import can_manage_periods
from notifications import recipients
from notifications.models import Kind
from notifications.services import notify

AGAIN_AFTER = datetime.timedelta(hours=1)


@dataclass
class ChaseResult:
    chased: list[tuple[str, int]] = field(default_factory=list)  # (body, people)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (body, why)


def chase_message(period: ReportingPeriod, body_name: str, titles: list[str]) -> tuple[str, str]:
    """The reminder's title and text for one body: what the preview shows and what is sent."""
    today = timezone.localdate()
    late = today > period.deadline
    title = f"Reminder: {len(titles)} return{'s' if len(titles) != 1 else ''} for {period} " + (
        "overdue" if late else f"due by {period.deadline:%d %B %Y}"
    )
    lines = [
        f"The business manager is waiting for {body_name}'s returns for {period}"
        + (f", which were due on {period.deadline:%d %B %Y}:" if late else ":"),
        "",
        *[f"- {title}" for title in titles],
        "",
        "Please enter and submit them in My returns, or reply to the business manager if a "
        "figure is not available.",
    ]
    return title, "\n".join(lines)


@transaction.atomic
def chase_bodies(*, period: ReportingPeriod, body_ids: list[int], user) -> ChaseResult:
    if not can_manage_periods(user):
        raise PermissionDenied("Only the business manager chases returns.")
    # Locking the quarter makes two chases of it (a double click, two managers) take turns, so
    # the second sees the first's rows and leaves those bodies out.
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    now = timezone.now()
    outstanding = selectors.outstanding_by_body(period)
    recent = set(
        Chase.objects.filter(
            period=period, body_id__in=body_ids, sent_at__gte=now - AGAIN_AFTER
        ).values_list("body_id", flat=True)
    )
    people = recipients.reporters_by_body(body_ids)
    result = ChaseResult()
    for body_id in body_ids:
        if body_id not in outstanding:
            result.skipped.append((f"Body {body_id}", "it has no outstanding returns"))
            continue
        body = outstanding[body_id]
        if body_id in recent:
            result.skipped.append((body.name, "it was chased less than an hour ago"))
            continue
        if not people.get(body_id):
            result.skipped.append(
                (body.name, "nobody can receive it: it has no chair, deputy chair or data lead")
            )
            continue
        title, text = chase_message(period, body.name, body.titles)
        notify(
            kind=Kind.CHASE,
            recipients=people[body_id],
            title=title,
            body=text,
            url=reverse("measures:my_returns"),
            event_key=f"chase:{period.pk}:{body_id}:{now:%Y%m%d%H%M%S%f}",
        )
        Chase.objects.create(
            period=period,
            body_id=body_id,
            sent_by=user,
            sent_at=now,
            recipients=len(people[body_id]),
            outstanding=len(body.titles),
        )
        result.chased.append((body.name, len(people[body_id])))
    return result
