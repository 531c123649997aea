"""The e-mails notifications are carried in: a plain-text and an HTML version of each, from
the templates in ``templates/notifications/email/``. Text from people (commentary, feedback) is
shortened and, in the HTML version, escaped by the templates; links are this site's own paths,
never text someone typed."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from sscp.mail import site_url
from sscp.people import person_name

BODY_LIMIT = 2000  # characters of a notification's text in an e-mail; the app shows it all


def shorten(text: str, limit: int = BODY_LIMIT) -> str:
    return Truncator(text).chars(limit)


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


def _render(template: str, context: dict) -> tuple[str, str]:
    context = {
        **context,
        "partnership": settings.SSCP_PARTNERSHIP_NAME,
        "preferences_url": site_url(reverse("notifications:preferences")),
        "inbox_url": site_url(reverse("notifications:inbox")),
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    return text, html


def one(recipient, notification) -> Email:
    text, html = _render(
        "notification",
        {
            "name": person_name(recipient),
            "notification": notification,
            "body": shorten(notification.body),
            "link": site_url(notification.url),
        },
    )
    return Email(subject=f"SSCP Plans: {notification.title}"[:300], text=text, html=html)


def digest(recipient, notifications: list) -> Email:
    items = [
        {"notification": n, "body": shorten(n.body, 500), "link": site_url(n.url)}
        for n in notifications
    ]
    count = len(items)
    text, html = _render("digest", {"name": person_name(recipient), "items": items, "count": count})
    subject = f"SSCP Plans: {count} update{'s' if count != 1 else ''} for you"
    return Email(subject=subject, text=text, html=html)
