"""The daily reminder to the bodies that own things falling due (commitments to young people,
review actions): each body's chairs, deputy chairs and data leads are told once a day, in one
notification listing the body's items, linked to the list of its open ones."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils.http import urlencode

from notifications import recipients
from notifications.models import Kind
from notifications.services import notify
from sscp.mail import send_due


def remind_owner_bodies(
    by_body: dict[int, list],
    *,
    kind: Kind,
    message: Callable[[str, list, datetime.date], tuple[str, str]],
    list_url_name: str,
    event_prefix: str,
    today: datetime.date,
    dry_run: bool = False,
) -> list[tuple[str, int, int]]:
    """Tell the reporters of each body in ``by_body`` (its items, each with ``owner_body``) of
    its items, in the words ``message(body name, items, today)`` gives as (title, text); what
    was (or, with ``dry_run``, would be) sent: (body, items, people). A second run the same day
    tells nobody again (``event_prefix`` and the day name the event)."""
    people = recipients.reporters_by_body(by_body)
    sent = []
    for body_id, items in by_body.items():
        body_name = items[0].owner_body.name
        told = people.get(body_id, [])
        if not dry_run and told:
            title, text = message(body_name, items, today)
            query = urlencode({"owner_body": body_id, "status": "open"})
            notify(
                kind=kind,
                recipients=told,
                title=title,
                body=text,
                url=f"{reverse(list_url_name)}?{query}",
                event_key=f"{event_prefix}:{body_id}:{today:%Y-%m-%d}",
            )
        sent.append((body_name, len(items), len(told)))
    if not dry_run:
        send_due()
    return sent
