"""Every e-mail the service sends goes through here: an outbox, so that nothing is lost and
nothing is sent twice.

``queue_email`` writes the message in the caller's transaction (a rolled-back change sends
nothing) and asks for it to be sent once that transaction commits, by one background thread
per process (``SSCP_SEND_EMAIL_IN_BACKGROUND``), so that no page waits on the mail server.
``send_due`` sends what is waiting: each message is claimed under a row lock (``skip_locked``,
so two workers never take the same one) and marked sent in the same transaction that claimed
it; a message whose mail server fails is tried again later, backing off from one minute to an
hour, up to ``MAX_ATTEMPTS`` times. ``manage.py send_queued_email`` runs ``send_due`` (once,
or every minute with ``--every``); ``make run`` starts it beside the web server.
"""

from __future__ import annotations

import datetime
import logging
import queue
import threading
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.utils import timezone

from sscp.models import OutgoingEmail

log = logging.getLogger("sscp.mail")

MAX_ATTEMPTS = 8


def site_url(path: str) -> str:
    """``path`` as a link that works from an e-mail: the site's address (``SITE_URL``) first."""
    return settings.SITE_URL.rstrip("/") + path


def queue_email(*, to: str, subject: str, body: str, html_body: str = "") -> OutgoingEmail:
    """Keep the message with the change it tells of; send it after the commit, in the
    background (``SSCP_SEND_EMAIL_IN_BACKGROUND``) so that the page does not wait for it."""
    [message] = queue_emails([{"to": to, "subject": subject, "body": body, "html_body": html_body}])
    return message


def queue_emails(messages: list[dict]) -> list[OutgoingEmail]:
    """``queue_email`` for several messages of one change (``to``, ``subject``, ``body``,
    ``html_body`` each): one insert and one send after the commit, however many there are."""
    now = timezone.now()
    created = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            to=message["to"],
            subject=message["subject"][:300],
            body=message["body"],
            html_body=message.get("html_body", ""),
            next_attempt_at=now,
        )
        for message in messages
    )
    if created:
        pks = [message.pk for message in created]
        transaction.on_commit(lambda: _send_soon(pks))
    return created


def _send_soon(pks: list[int]) -> None:
    if not settings.SSCP_SEND_EMAIL_IN_BACKGROUND:
        send_due(only=pks)
        return
    _waiting.put(pks)
    global _sender
    with _sender_lock:
        if _sender is None or not _sender.is_alive():
            _sender = threading.Thread(target=_send_waiting, name="sscp-mail", daemon=True)
            _sender.start()


# One thread per process sends what requests queue, one message after another, so that the
# messages of one change are not written back by two threads at once.
_waiting: queue.Queue[list[int]] = queue.Queue()
_sender: threading.Thread | None = None
_sender_lock = threading.Lock()


def _send_waiting() -> None:
    while True:
        pks = _waiting.get()
        try:
            send_due(only=pks)
        except Exception:  # noqa: BLE001 - the outbox worker tries again; log and go on
            log.exception("e-mail %s could not be sent in the background", pks)
        finally:
            connection.close()


def sender() -> str:
    """The partnership's name with the sending address: "Somerset ... <sscp@...>"."""
    return formataddr((settings.SSCP_PARTNERSHIP_NAME, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def _retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=min(60, 2 ** (attempts - 1)))


def send_due(*, only: list[int] | None = None) -> int:
    """Send the messages that are due (``only`` those, if given); how many went."""
    sent = 0
    while True:
        with transaction.atomic():
            due = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(
                sent_at__isnull=True,
                next_attempt_at__lte=timezone.now(),
                attempts__lt=MAX_ATTEMPTS,
            )
            if only is not None:
                due = due.filter(pk__in=only)
            message = due.order_by("next_attempt_at", "pk").first()
            if message is None:
                return sent
            message.attempts += 1
            try:
                email = EmailMultiAlternatives(
                    subject=message.subject,
                    body=message.body,
                    from_email=sender(),
                    to=[message.to],
                    connection=get_connection(fail_silently=False),
                )
                if message.html_body:
                    email.attach_alternative(message.html_body, "text/html")
                email.send()
            except Exception as error:  # the mail server refused or was unreachable
                message.last_error = f"{type(error).__name__}: {error}"[:500]
                message.next_attempt_at = timezone.now() + _retry_delay(message.attempts)
                message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                log.warning("e-mail %s to %s failed: %s", message.pk, message.to, error)
                if only is not None:
                    return sent
                continue
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["attempts", "sent_at", "last_error"])
            sent += 1
