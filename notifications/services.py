"""Telling people: ``notify`` writes the notifications of one change, in the transaction of that
change, and queues the e-mail of those who want it straight away (``sscp.mail`` sends it after
the commit and retries it); ``send_digests`` sends the daily digests; marking read and saving
preferences are the reader's own."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from notifications import emails
from notifications.models import DEFAULT_DELIVERY, Delivery, Kind, Notification, Preference
from sscp.mail import queue_email, queue_emails


def notify(
    *,
    kind: Kind,
    recipients: Iterable,
    title: str,
    body: str = "",
    url: str,
    event_key: str,
    exclude: Iterable = (),
) -> list[Notification]:
    """Tell ``recipients`` (but not ``exclude``, typically whoever made the change, nor anyone
    deactivated) of one change, named by ``event_key``: whoever was already told of that event
    is not told again. Call it inside the change's transaction."""
    excluded = {getattr(user, "pk", user) for user in exclude}
    people = {user.pk: user for user in recipients if user.is_active and user.pk not in excluded}
    if not people:
        return []
    already = set(
        Notification.objects.filter(event_key=event_key, recipient_id__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    chosen = dict(
        Preference.objects.filter(user_id__in=people, kind=kind).values_list("user_id", "delivery")
    )
    created = [
        Notification(
            recipient=user,
            kind=kind,
            title=title[:200],
            body=body,
            url=url,
            event_key=event_key[:200],
            delivery=chosen.get(pk, DEFAULT_DELIVERY[kind]),
        )
        for pk, user in people.items()
        if pk not in already
    ]
    by_email = [n for n in created if n.delivery == Delivery.IMMEDIATE and n.recipient.email]
    messages = [emails.one(n.recipient, n) for n in by_email]
    queued = queue_emails(
        [
            {"to": n.recipient.email, "subject": m.subject, "body": m.text, "html_body": m.html}
            for n, m in zip(by_email, messages, strict=True)
        ]
    )
    for notification, message in zip(by_email, queued, strict=True):
        notification.email = message
    Notification.objects.bulk_create(created)
    return created


# --- the reader's own -------------------------------------------------------------------------


def mark_read(*, user, pks: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (``pks`` only, or all); how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=list(pks))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def save_preferences(*, user, choices: dict[str, str]) -> None:
    """Keep how the person wants each kind (``choices``: kind → delivery); unknown kinds and
    deliveries are refused by the form before this."""
    for kind, delivery in choices.items():
        Preference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"delivery": Delivery(delivery)}
        )


def preferences_of(user) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.value: chosen.get(kind.value, DEFAULT_DELIVERY[kind]) for kind in Kind}


# --- daily digests ----------------------------------------------------------------------------


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """One e-mail to each active person with digest notifications not yet e-mailed, listing
    them; how many e-mails were queued. Each person's digest is written in a transaction that
    claims their notifications, so a second run sends nothing again."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(
            delivery=Delivery.DIGEST,
            email__isnull=True,
            recipient__is_active=True,
            created_at__lte=now,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_person[notification.recipient_id].append(notification)
    sent = 0
    for items in by_person.values():
        with transaction.atomic():
            claimed = list(
                Notification.objects.select_for_update()
                .filter(pk__in=[n.pk for n in items], email__isnull=True)
                .order_by("created_at", "pk")
            )
            if not claimed:
                continue
            person = items[0].recipient
            email = emails.digest(person, claimed)
            message = queue_email(
                to=person.email, subject=email.subject, body=email.text, html_body=email.html
            )
            Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(email=message)
            sent += 1
    return sent
