"""send_return_reminders: one e-mail per person listing all their items, once a day, logged;
through Django's test outbox and once through a real SMTP server on localhost."""

import datetime
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from measures.models import Measure, ReminderLog, ReportingPeriod, Return
from sscp.mail import send_due
from sscp.models import OutgoingEmail
from tests.factories import (
    GovernanceBodyFactory,
    MeasureFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    ReturnFactory,
    chair_of,
    data_lead_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def due():
    """Two open quarters of an active plan: one due in 3 days, one overdue; two bodies."""
    today = timezone.localdate()
    plan = PlanFactory(
        active=True,
        slug="now",
        start_date=datetime.date(today.year - 2, 4, 1),
        end_date=datetime.date(today.year + 2, 3, 31),
    )
    priority = PriorityFactory(plan=plan)
    soon = _period(today, days_to_deadline=3)
    late = _period(today, days_to_deadline=-10, back=2)
    body, other_body = GovernanceBodyFactory(), GovernanceBodyFactory()
    measures = {
        "a": MeasureFactory(priority=priority, reporting_body=body, title="Measure A"),
        "b": MeasureFactory(priority=priority, reporting_body=body, title="Measure B"),
        "c": MeasureFactory(priority=priority, reporting_body=other_body, title="Measure C"),
    }
    ReturnFactory(measure=measures["b"], period=soon, submitted=True)  # done: not listed
    ReturnFactory(measure=measures["a"], period=soon)  # a draft: listed
    chair = chair_of(body)
    lead = data_lead_of(body)
    both = data_lead_of(other_body)
    MembershipFactory(user=both, body=body, role="deputy_chair")
    MembershipFactory(body=body)  # a plain member: never reminded
    return {"soon": soon, "late": late, "chair": chair, "lead": lead, "both": both}


def _period(today, *, days_to_deadline, back=1):
    """An open quarter that has ended, with its deadline ``days_to_deadline`` from today."""
    end = today - datetime.timedelta(days=90 * back)
    fy = end.year if end.month >= 4 else end.year - 1
    quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3}.get(end.month, 4)
    start, end = ReportingPeriod.quarter_dates(fy, quarter)
    return ReportingPeriod.objects.create(
        financial_year=fy,
        quarter=quarter,
        start_date=start,
        end_date=end,
        deadline=max(
            today + datetime.timedelta(days=days_to_deadline), end + datetime.timedelta(days=1)
        ),
        is_open=True,
    )


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_return_reminders", *args, stdout=out)
    return out.getvalue()


def test_one_email_per_person_listing_all_their_items(due):
    run("--days", "7")
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {due["chair"].email, due["lead"].email, due["both"].email}
    chair_mail = by_person[due["chair"].email]
    # measure A (draft) in both quarters, measure B only in the overdue one; never C
    assert chair_mail.body.count("Measure A") == 2
    assert chair_mail.body.count("Measure B") == 1
    assert "Measure C" not in chair_mail.body
    assert chair_mail.subject == "SSCP Plans: Returns to submit: 3, 2 overdue"
    # someone in two bodies gets one e-mail with both bodies' items
    both_mail = by_person[due["both"].email]
    assert "Measure C" in both_mail.body and "Measure A" in both_mail.body
    assert "/measures/my-returns/" in both_mail.body


def test_second_run_the_same_day_sends_nothing_and_says_so(due):
    run()
    assert len(mail.outbox) == 3
    output = run()
    assert len(mail.outbox) == 3
    assert "0 reminders sent, 3 already sent today." in output
    logs = ReminderLog.objects.filter(sent_on=timezone.localdate())
    assert {log.email for log in logs} == {
        due["chair"].email,
        due["lead"].email,
        due["both"].email,
    }
    assert logs.get(email=due["chair"].email).items == 3
    assert logs.get(email=due["chair"].email).overdue == 2


def test_only_overdue_items_when_nothing_is_due_soon(due):
    run("--days", "1")
    chair_mail = next(m for m in mail.outbox if m.to == [due["chair"].email])
    assert str(due["soon"]) not in chair_mail.body and str(due["late"]) in chair_mail.body


def test_nothing_to_remind_about_once_everything_is_submitted(due):
    Return.objects.all().delete()
    for period in (due["soon"], due["late"]):
        for measure in Measure.objects.all():
            ReturnFactory(measure=measure, period=period, submitted=True)
    assert "0 reminders sent" in run()
    assert mail.outbox == []


def test_closed_quarters_are_not_reminded_about(due):
    ReportingPeriod.objects.update(is_open=False)
    run()
    assert mail.outbox == []


def test_dry_run_sends_and_logs_nothing(due):
    output = run("--dry-run")
    assert "Would e-mail" in output
    assert mail.outbox == [] and not ReminderLog.objects.exists()


def test_people_without_an_email_address_are_reported(due):
    type(due["lead"]).objects.filter(pk=due["lead"].pk).update(email="")
    output = run()
    assert f"No e-mail address for {due['lead'].username}" in output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf8", "replace")))
        return "250 Message accepted for delivery"


def test_reminders_go_through_a_real_smtp_server(due, settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        output = run()
    finally:
        controller.stop()
    assert "3 reminders sent" in output
    recipients = sorted(rcpt for rcpts, _ in inbox.messages for rcpt in rcpts)
    assert recipients == sorted([due["chair"].email, due["lead"].email, due["both"].email])
    chair_message = next(
        content for rcpts, content in inbox.messages if rcpts == [due["chair"].email]
    )
    assert "Subject: SSCP Plans: Returns to submit: 3, 2 overdue" in chair_message


def test_a_failed_send_is_kept_and_sent_once_when_the_server_is_back(due, settings):
    """The reminder is logged and its e-mail kept in the outbox; a second run the same day adds
    nothing, and the outbox delivers each e-mail once when the mail server answers again."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there yet
    settings.EMAIL_TIMEOUT = 2
    run()
    assert ReminderLog.objects.count() == 3
    waiting = OutgoingEmail.objects.filter(sent_at__isnull=True)
    assert waiting.count() == 3
    assert all(message.attempts == 1 and message.last_error for message in waiting)
    assert "3 already sent today" in run()
    assert OutgoingEmail.objects.count() == 3

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        OutgoingEmail.objects.update(next_attempt_at=timezone.now())
        assert send_due() == 3
        assert send_due() == 0
    finally:
        controller.stop()
    assert len(inbox.messages) == 3


def test_database_allows_one_reminder_per_person_per_day(violates):
    from tests.factories import ReminderLogFactory

    first = ReminderLogFactory()
    with violates("one_return_reminder_per_person_per_day"):
        ReminderLogFactory(recipient=first.recipient)
