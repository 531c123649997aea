"""Delivery that keeps pages quick: e-mail written during a request is sent after the commit in
a thread of its own, so a slow mail server never holds up the page; and the inbox reads the
same number of queries however many notifications there are."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measures.models import Return
from notifications.models import Delivery, Kind, Notification
from notifications.services import notify
from sscp.models import OutgoingEmail
from tests.factories import ManagerFactory, ReturnFactory
from tests.smtp import SmtpServer


@pytest.mark.django_db(transaction=True)
def test_a_page_never_waits_for_a_slow_mail_server(team, client_for, settings):
    server = SmtpServer(delay=3).start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.SSCP_SEND_EMAIL_IN_BACKGROUND = True
        ret = ReturnFactory(
            measure=team["measure"], period=team["period"], submitted=True, created_by=team["lead"]
        )
        started = time.monotonic()
        response = client_for(team["manager"]).post(
            reverse("measures:return_send_back", args=[ret.pk]),
            {"version": ret.version, "feedback": "Please recheck the figure."},
        )
        took = time.monotonic() - started
        assert response.status_code == 302
        assert took < 2, f"the page waited {took:.1f}s for the mail server"
        assert Return.objects.get().status == Return.Status.RETURNED
        deadline = time.monotonic() + 30
        sent = OutgoingEmail.objects.filter(sent_at__isnull=False)
        while sent.count() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        server.stop()
    delivered = sorted(message["To"] for message in server.inbox.messages)
    assert delivered == sorted([team["chair"].email, team["lead"].email])  # once each
    assert OutgoingEmail.objects.filter(sent_at__isnull=False).count() == 2


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    return len(context.captured_queries)


def _add(user, count: int, start: int) -> None:
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=Kind.RETURN_APPROVED,
            title=f"Return approved {n}",
            url="/",
            event_key=f"bulk:{n}",
            delivery=Delivery.IN_APP,
        )
        for n in range(start, start + count)
    )


@pytest.mark.django_db
def test_the_inbox_and_the_log_read_the_same_queries_at_two_sizes(team, client_for):
    client = client_for(team["chair"])
    _add(team["chair"], 5, 0)
    small = _inbox_queries(client)
    _add(team["chair"], 200, 5)
    assert _inbox_queries(client) == small
    manager = client_for(team["manager"])
    OutgoingEmail.objects.create(
        to="a@example.org", subject="s", body="b", next_attempt_at=timezone.now()
    )
    with CaptureQueriesContext(connection) as few:
        manager.get(reverse("notifications:email_log"))
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(to=f"p{n}@example.org", subject="s", body="b", next_attempt_at=timezone.now())
        for n in range(120)
    )
    with CaptureQueriesContext(connection) as many:
        manager.get(reverse("notifications:email_log"))
    assert len(few.captured_queries) == len(many.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("people", [2, 20])
def test_telling_many_people_writes_in_the_same_few_queries(people, django_assert_num_queries):
    """The already-told check, the preferences, one insert of the e-mails and one of the
    notifications, however many people are told."""
    recipients = [ManagerFactory() for _ in range(people)]
    with django_assert_num_queries(4):
        notify(
            kind=Kind.REPORT_PUBLISHED,
            recipients=recipients,
            title="Progress report published",
            url="/",
            event_key=f"many:{people}",
        )
    assert OutgoingEmail.objects.count() == people
    assert Notification.objects.filter(email__isnull=False).count() == people
