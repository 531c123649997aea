"""Notifications: who is told of each hand-over, in the inbox and by e-mail (plain text and
HTML, through a real SMTP server on localhost), once per change, never to a deactivated person,
as each person prefers; text from people escaped and shortened; the inbox, the bell, the
preferences and the managers' e-mail log."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from measures import services
from measures.models import Return
from notifications import services as notification_services
from notifications.models import Delivery, Kind, Notification, Preference
from notifications.services import notify
from plans.models import Plan
from reports.notices import report_published
from sscp.mail import send_due
from sscp.models import OutgoingEmail
from tests.factories import ManagerFactory, ProgressReportFactory, chair_of

pytestmark = pytest.mark.django_db


def told(user, kind=None):
    found = Notification.objects.filter(recipient=user)
    return found.filter(kind=kind) if kind else found


def test_a_submitted_return_tells_the_managers_not_the_submitter(team, submit, smtp_server):
    second = ManagerFactory(email="second@example.org")
    ret = submit(team["lead"])
    for manager in (team["manager"], second):
        [notification] = told(manager, Kind.RETURN_SUBMITTED)
        assert notification.title == "Return to review: Early help plans closed, Q4 2024-25"
        assert notification.url == reverse("measures:return_detail", args=[ret.pk])
    assert not told(team["lead"]).exists()
    assert not told(team["chair"]).exists()  # the body submitted it: the managers review it
    assert send_due() == 2
    [message] = smtp_server.inbox.to(team["manager"].email)
    assert "Somerset Safeguarding Children Partnership" in message["From"]
    text = smtp_server.inbox.text(message)
    assert "Return to review: Early help plans closed" in text
    assert f"/measures/returns/{ret.pk}/" in text
    assert "/notifications/preferences/" in text
    html = smtp_server.inbox.html(message)
    assert '<html lang="en-GB">' in html and "<h1" in html
    assert ": open in SSCP Plans</a>" in html


def test_figures_a_manager_entered_tell_the_bodys_chair(team, submit):
    submit(team["manager"])
    assert told(team["chair"], Kind.RETURN_SUBMITTED).exists()
    assert not told(team["lead"], Kind.RETURN_SUBMITTED).exists()  # a data lead cannot confirm
    assert not told(team["manager"]).exists()


def test_sent_back_approved_and_reopened_tell_the_body(team, submit):
    ret = submit(team["lead"])
    ret = services.return_send_back(
        ret=ret, user=team["manager"], feedback="Q4 is 61.", expected_version=ret.version
    )
    for person in (team["chair"], team["lead"]):
        [notification] = told(person, Kind.RETURN_SENT_BACK)
        assert "Q4 is 61." in notification.body
    ret = submit(team["lead"], version=ret.version, value=61)
    ret = services.return_approve(ret=ret, user=team["manager"], expected_version=ret.version)
    assert told(team["chair"], Kind.RETURN_APPROVED).count() == 1
    services.return_reopen(
        ret=ret,
        user=team["manager"],
        reason="The figure was revised.",
        expected_version=ret.version,
    )
    assert told(team["lead"], Kind.RETURN_REOPENED).count() == 1
    assert not told(team["manager"]).exclude(kind=Kind.RETURN_SUBMITTED).exists()


def test_one_change_tells_each_person_once(team):
    for _ in range(2):  # a retried change, or the same form posted twice
        notify(
            kind=Kind.RETURN_APPROVED,
            recipients=[team["chair"]],
            title="Return approved",
            url="/",
            event_key="return:1:3:return_approved",
        )
    assert told(team["chair"]).count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_two_managers_approving_at_once_tell_the_body_once(team, submit):
    ret = submit(team["lead"])
    second = ManagerFactory()
    services.return_approve(ret=ret, user=team["manager"], expected_version=ret.version)
    with pytest.raises(services.StaleReturnError):
        services.return_approve(ret=ret, user=second, expected_version=ret.version)
    assert told(team["chair"], Kind.RETURN_APPROVED).count() == 1


def test_a_deactivated_person_is_told_nothing(team, submit):
    team["chair"].is_active = False
    team["chair"].save()
    ret = submit(team["lead"])
    services.return_send_back(
        ret=ret, user=team["manager"], feedback="Check it.", expected_version=ret.version
    )
    assert not told(team["chair"]).exists()
    assert told(team["lead"], Kind.RETURN_SENT_BACK).exists()


def test_people_text_is_escaped_and_shortened_in_both_versions(team, submit, smtp_server):
    ret = submit(team["lead"])
    hostile = "<script>alert(1)</script> javascript:alert(2) " + "x" * 100_000
    services.return_send_back(
        ret=ret, user=team["manager"], feedback=hostile, expected_version=ret.version
    )
    send_due()
    [message] = smtp_server.inbox.to(team["lead"].email)
    html = smtp_server.inbox.html(message)
    text = smtp_server.inbox.text(message)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert len(html) < 10_000 and len(text) < 5_000
    assert "…" in text
    assert len(told(team["lead"]).get().body) > 100_000  # the app keeps it whole


def test_a_digest_gathers_a_day_and_in_app_sends_nothing(team, submit, smtp_server):
    Preference.objects.create(
        user=team["manager"], kind=Kind.RETURN_SUBMITTED, delivery=Delivery.DIGEST
    )
    Preference.objects.create(user=team["chair"], kind=Kind.RETURN_SENT_BACK, delivery="in_app")
    ret = submit(team["lead"])
    ret = services.return_send_back(
        ret=ret, user=ManagerFactory(), feedback="Recheck.", expected_version=ret.version
    )
    submit(team["lead"], version=ret.version)
    send_due()
    assert smtp_server.inbox.to(team["manager"].email) == []
    assert smtp_server.inbox.to(team["chair"].email) == []
    assert notification_services.send_digests() == 1
    assert notification_services.send_digests() == 0
    send_due()
    [digest] = smtp_server.inbox.to(team["manager"].email)
    assert digest["Subject"] == "SSCP Plans: 2 updates for you"
    assert smtp_server.inbox.text(digest).count("Return to review") == 2
    assert "<h2" in smtp_server.inbox.html(digest)


def test_the_inbox_lists_opens_and_marks_read(team, submit, client_for):
    ret = submit(team["lead"])
    client = client_for(team["manager"])
    page = client.get(reverse("notifications:inbox"))
    assert "Return to review: Early help plans closed" in page.content.decode()
    assert page.context["unread_notifications"] == 1
    notification = told(team["manager"]).get()
    response = client.get(notification.get_absolute_url())
    assert response["Location"] == reverse("measures:return_detail", args=[ret.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    unread = client.get(reverse("notifications:inbox") + "?state=unread")
    assert list(unread.context["page"].object_list) == []
    # someone else's notification is not found, and not marked read
    other = chair_of(team["body"])
    assert client_for(other).get(notification.get_absolute_url()).status_code == 404


def test_mark_all_read_and_one(team, submit, client_for):
    ret = submit(team["lead"])
    services.return_send_back(
        ret=ret, user=team["manager"], feedback="Fix.", expected_version=ret.version
    )
    client = client_for(team["lead"])
    first = told(team["lead"]).get()
    client.post(reverse("notifications:mark_read"), {"pk": first.pk})
    first.refresh_from_db()
    assert first.read_at is not None
    response = client.post(reverse("notifications:mark_read"), follow=True)
    assert "Nothing was unread." in response.content.decode()
    bad = client.post(reverse("notifications:mark_read"), {"pk": "x"}, follow=True)
    assert "could not be found" in bad.content.decode()


def test_the_home_page_shows_what_waits(team, submit, client_for):
    submit(team["lead"])
    home = client_for(team["manager"]).get(reverse("home"))
    assert [n.kind for n in home.context["waiting"]] == [Kind.RETURN_SUBMITTED]
    assert "Waiting for you" in home.content.decode()


def test_preferences_save_and_refuse_what_they_do_not_know(team, client_for):
    client = client_for(team["chair"])
    choices = {kind.value: Delivery.IMMEDIATE for kind in Kind}
    response = client.post(
        reverse("notifications:preferences"),
        {**choices, "return_sent_back": "digest", "made_up_kind": "digest"},
        follow=True,
    )
    assert "preferences are saved" in response.content.decode()
    assert Preference.objects.get(user=team["chair"], kind="return_sent_back").delivery == "digest"
    assert not Preference.objects.filter(kind="made_up_kind").exists()
    before = Preference.objects.count()
    refused = client.post(
        reverse("notifications:preferences"), {**choices, "return_approved": "carrier pigeon"}
    )
    assert refused.status_code == 200
    assert "Nothing was saved" in refused.content.decode()
    assert Preference.objects.count() == before


def test_the_email_log_shows_failures(team, submit, client_for, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens
    settings.EMAIL_TIMEOUT = 1
    submit(team["lead"])
    send_due()
    page = client_for(team["manager"]).get(reverse("notifications:email_log") + "?state=failed")
    content = page.content.decode()
    assert "Return to review" in content and "ConnectionRefusedError" in content
    assert client_for(team["chair"]).get(reverse("notifications:email_log")).status_code == 403


def test_a_quarter_opened_and_a_moved_deadline_tell_the_bodys_reporters(team):
    period = team["period"]
    services.period_close(period=period, user=team["manager"])
    services.period_open(period=period, user=team["manager"])
    assert told(team["chair"], Kind.QUARTER_OPENED).count() == 1
    assert told(team["lead"], Kind.QUARTER_OPENED).count() == 1
    assert not told(team["scrutiny"]).exists()
    services.period_change_deadline(
        period=period,
        deadline=period.deadline + datetime.timedelta(days=7),
        reason="The board meets later.",
        user=team["manager"],
    )
    [moved] = told(team["lead"], Kind.DEADLINE_CHANGED)
    assert "The board meets later." in moved.body


def test_the_locmem_outbox_is_not_used_twice(team, submit):
    submit(team["lead"])
    send_due()
    send_due()
    assert len(mail.outbox) == 1
    assert Return.objects.get().status == Return.Status.SUBMITTED


def test_a_published_report_tells_the_committee(team):
    report = ProgressReportFactory(plan=team["plan"], period=team["period"], published=True)
    report_published(report, by=team["manager"])
    for person in (team["scrutiny"], team["chair"]):
        [notification] = told(person, Kind.REPORT_PUBLISHED)
        assert notification.url == report.get_absolute_url()
    assert not told(team["lead"]).exists()  # a data lead is not a committee reader
    assert not told(team["manager"]).exists()  # who published it


def test_each_reader_sees_their_own_count_on_a_cached_page(team, submit, client_for, settings):
    settings.SSCP_PAGE_CACHE = True
    submit(team["lead"])  # tells the one manager there is
    other = ManagerFactory()  # a second manager, told nothing: the same cached page
    url = team["plan"].get_absolute_url()
    first = client_for(team["manager"]).get(url).content.decode()
    second = client_for(other).get(url).content.decode()
    assert 'badge text-bg-light">1<' in first
    assert 'badge text-bg-light">0<' in second


def test_a_draft_plans_returns_tell_nobody_outside_the_managers(team, submit):
    team["plan"].status = Plan.Status.DRAFT
    team["plan"].approval_date = None
    team["plan"].save()
    ret = submit(team["manager"])
    assert not told(team["chair"]).exists()
    second = ManagerFactory()
    services.return_send_back(ret=ret, user=second, feedback="Wait.", expected_version=ret.version)
    assert not told(team["chair"]).exists() and not told(team["lead"]).exists()
    assert told(team["manager"], Kind.RETURN_SENT_BACK).exists()  # who submitted it


def test_the_inbox_pages_keep_its_filters(team, client_for):
    Notification.objects.bulk_create(
        Notification(
            recipient=team["chair"],
            kind=Kind.RETURN_APPROVED,
            title=f"Return approved {n}",
            url="/",
            event_key=f"page:{n}",
            delivery=Delivery.IN_APP,
        )
        for n in range(30)
    )
    page = client_for(team["chair"]).get(reverse("notifications:inbox") + "?state=unread&page=1")
    content = page.content.decode()
    assert "Page 1 of 2" in content
    assert 'href="?state=unread&amp;page=2">Next page' in content
