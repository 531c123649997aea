"""Reading notifications: the header's unread count, the inbox, the home page's "waiting for
you" and the managers' log of e-mail sent. Each reads a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications.models import ACTION_KINDS, Notification
from sscp.models import OutgoingEmail


def unread_count(user) -> int:
    """The number in the header's bell (one query)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def waiting_for(user, *, limit: int = 5) -> list[Notification]:
    """Unread notifications that ask the person to act, newest first: the home page's list."""
    return list(
        Notification.objects.filter(
            recipient=user, read_at__isnull=True, kind__in=ACTION_KINDS
        ).order_by("-created_at", "-pk")[:limit]
    )


def email_log() -> QuerySet[OutgoingEmail]:
    """Every e-mail the service has written, newest first, with its state."""
    return OutgoingEmail.objects.order_by("-created_at", "-pk")
