"""Reminders about returns: one per person, listing everything due from their bodies within a
number of days and everything overdue; at most one per person per day. Each is a notification
(``notifications``: in the app, and by e-mail as the person prefers, through the outbox that
retries a failed send) and is logged in ``ReminderLog``."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse

from measures import selectors
from measures.models import EDITABLE_STATUSES, ReminderLog, ReportingPeriod
from notifications.models import Kind
from notifications.services import notify
from plans.models import Membership, plan_visibility
from sscp.mail import send_due, site_url

logger = logging.getLogger("sscp.reminders")


@dataclass(frozen=True)
class ReminderItem:
    period: ReportingPeriod
    measure_title: str
    body_name: str
    state: str
    url: str
    overdue: bool


@dataclass
class ReminderRun:
    sent: list[tuple[str, int]] = field(default_factory=list)  # (e-mail, items)
    already_sent: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)


def items_due(*, today: datetime.date, within_days: int) -> dict[int, list[ReminderItem]]:
    """Returns still to be submitted in open quarters whose deadline is within ``within_days``
    of ``today`` or has passed, keyed by reporting body id."""
    horizon = today + datetime.timedelta(days=within_days)
    by_body: dict[int, list[ReminderItem]] = defaultdict(list)
    for period in selectors.open_periods().filter(deadline__lte=horizon):
        # reminders go to the bodies, who never see a draft plan's measures
        due = selectors.returns_due_all(period).filter(
            plan_visibility("priority__plan", drafts=False)
        )
        for measure in due:
            ret = measure.period_returns[0] if measure.period_returns else None
            if ret is not None and ret.status not in EDITABLE_STATUSES:
                continue
            state = "not started" if ret is None else ret.get_status_display().lower()
            path = reverse(
                "measures:return_edit", kwargs={"measure_pk": measure.pk, "period_pk": period.pk}
            )
            by_body[measure.reporting_body_id].append(
                ReminderItem(
                    period=period,
                    measure_title=measure.title,
                    body_name=measure.reporting_body.name,
                    state=state,
                    url=site_url(path),
                    overdue=period.deadline < today,
                )
            )
    return by_body


def _reminder_for(items: list[ReminderItem], today: datetime.date) -> tuple[str, str]:
    """The reminder's title and text."""
    overdue = sum(1 for item in items if item.overdue)
    title = f"Returns to submit: {len(items)}" + (f", {overdue} overdue" if overdue else "")
    lines = ["These quarterly returns from your bodies still need to be submitted:"]
    periods = sorted({item.period for item in items}, key=lambda p: p.deadline)
    for period in periods:
        days = (period.deadline - today).days
        when = (
            f"{-days} day{'s' if days != -1 else ''} overdue"
            if days < 0
            else "due today"
            if days == 0
            else f"{days} day{'s' if days != 1 else ''} left"
        )
        lines += ["", f"{period} (due {period.deadline:%d %B %Y}, {when}):"]
        for item in items:
            if item.period == period:
                lines.append(f"- {item.measure_title} ({item.body_name}): {item.state}")
                lines.append(f"  {item.url}")
    lines += [
        "",
        "You receive this because you are a chair, deputy chair or data lead of the body.",
    ]
    return title, "\n".join(lines)


def send_return_reminders(
    *, today: datetime.date, within_days: int, dry_run: bool = False
) -> ReminderRun:
    """E-mail each chair, deputy chair and data lead once, listing every return of their
    bodies due within ``within_days`` or overdue. Whoever already had a reminder ``today`` is
    skipped, so running it twice in a day sends nothing new; each e-mail sent is logged."""
    by_body = items_due(today=today, within_days=within_days)
    run = ReminderRun()
    if not by_body:
        return run
    per_user: dict[int, list[ReminderItem]] = defaultdict(list)
    users = {}
    memberships = (
        Membership.objects.reporting_roles()
        .filter(body_id__in=by_body, body__is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__username", "body__name")
    )
    for membership in memberships:
        users[membership.user_id] = membership.user
        per_user[membership.user_id].extend(by_body[membership.body_id])
    already = set(
        ReminderLog.objects.filter(sent_on=today, recipient_id__in=users).values_list(
            "recipient_id", flat=True
        )
    )
    for user_id, items in per_user.items():
        user = users[user_id]
        if not user.email:
            run.without_email.append(user.get_username())
            continue
        if user_id in already:
            run.already_sent.append(user.email)
            continue
        if dry_run:
            run.sent.append((user.email, len(items)))
            continue
        title, text = _reminder_for(items, today)
        with transaction.atomic():
            _, created = ReminderLog.objects.get_or_create(
                recipient=user,
                sent_on=today,
                defaults={
                    "email": user.email,
                    "items": len(items),
                    "overdue": sum(1 for item in items if item.overdue),
                },
            )
            if not created:  # another run got there first
                run.already_sent.append(user.email)
                continue
            notify(
                kind=Kind.DEADLINE,
                recipients=[user],
                title=title,
                body=text,
                url=reverse("measures:my_returns"),
                event_key=f"reminder:{today:%Y-%m-%d}",
            )
        logger.info("Return reminder for %s listing %d returns", user.email, len(items))
        run.sent.append((user.email, len(items)))
    if not dry_run:
        send_due()  # a command may wait on the mail server; what fails is retried later
    return run
