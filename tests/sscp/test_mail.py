"""The outbox (``sscp.mail``): e-mail goes to a real SMTP server on localhost after the change it
tells of commits; nothing goes when that change is rolled back; a failed send is kept and tried
again later; and a message is never sent twice."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from sscp.mail import MAX_ATTEMPTS, queue_email, send_due
from sscp.models import OutgoingEmail
from tests.smtp import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_message_goes_after_the_commit(smtp_server):
    with transaction.atomic():
        queue_email(to="chair@example.org", subject="Hello", body="The quarter is open.")
        assert smtp_server.inbox.messages == []  # not before the commit
    [message] = smtp_server.inbox.to("chair@example.org")
    assert message["Subject"] == "Hello"
    assert "The quarter is open." in smtp_server.inbox.text(message)
    assert OutgoingEmail.objects.get().sent_at is not None


def test_a_rolled_back_change_sends_nothing(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="chair@example.org", subject="Hello", body="Never sent.")
        raise RuntimeError("the change failed")
    assert smtp_server.inbox.messages == []
    assert not OutgoingEmail.objects.exists()


def test_a_failed_send_is_kept_and_retried_once_the_server_is_back(settings, smtp_server):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    queue_email(to="lead@example.org", subject="Due", body="Your return is due.")
    message = OutgoingEmail.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at > timezone.now()

    settings.EMAIL_PORT = smtp_server.port
    assert send_due() == 0  # not due yet: it backs off
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_email")
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2
    assert len(smtp_server.inbox.to("lead@example.org")) == 1


def test_a_sent_message_is_never_sent_again(smtp_server):
    queue_email(to="chair@example.org", subject="Once", body="Only once.")
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(hours=1))
    assert send_due() == 0
    call_command("send_queued_email")
    assert len(smtp_server.inbox.to("chair@example.org")) == 1


def test_a_message_that_keeps_failing_stops_being_tried(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    queue_email(to="chair@example.org", subject="Stuck", body="The server is down.")
    for _ in range(MAX_ATTEMPTS + 2):
        OutgoingEmail.objects.update(next_attempt_at=timezone.now())
        send_due()
    assert OutgoingEmail.objects.get().attempts == MAX_ATTEMPTS
