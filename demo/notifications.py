"""The demo's inbox: what each demo account would have been told of the returns the demo holds
(returns waiting for review, returns sent back), kept in the app only (no e-mail), so a newcomer
sees a working inbox and "Waiting for you" on the home page."""

from __future__ import annotations

from measures import notices
from measures.models import Return
from notifications import recipients
from notifications.models import Delivery, Kind, Notification


def _ensure(user, kind: Kind, title: str, body: str, url: str, key: str) -> bool:
    _, created = Notification.objects.get_or_create(
        recipient=user,
        event_key=key,
        defaults={
            "kind": kind,
            "title": title,
            "body": body,
            "url": url,
            "delivery": Delivery.IN_APP,
        },
    )
    return created


def load_notifications(count) -> None:
    """Create the demo's notifications that are missing, calling ``count(Notification,
    created=...)`` for each (the loader's report)."""
    waiting = Return.objects.filter(
        status__in=[Return.Status.SUBMITTED, Return.Status.RETURNED]
    ).select_related("measure__reporting_body", "period", "submitted_by")
    managers = list(recipients.business_managers())
    by_body = recipients.reporters_by_body({ret.measure.reporting_body_id for ret in waiting})
    for ret in waiting:
        if ret.status == Return.Status.SUBMITTED:
            people = [m for m in managers if m.pk != ret.submitted_by_id]
            kind = Kind.RETURN_SUBMITTED
            body = f"{ret.measure.reporting_body} submitted its return for {ret.period}."
        else:
            people = by_body.get(ret.measure.reporting_body_id, [])
            kind = Kind.RETURN_SENT_BACK
            body = (
                f"The business manager sent the return back with this feedback:\n\n{ret.feedback}"
            )
        title, url = notices.return_title(kind, ret), notices.return_url(ret)
        key = f"demo:return:{ret.pk}:{ret.status}"
        for person in people:
            count(Notification, created=_ensure(person, kind, title, body, url, key))
