"""Sessions end after SSCP_IDLE_MINUTES without a request (sscp/idle.py)."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from sscp.idle import LAST_SEEN
from tests.factories import DEMO_PASSWORD, ManagerFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in_client(user) -> Client:
    client = Client()
    answer = client.post(reverse("login"), {"login": user.username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302
    return client


def seen_minutes_ago(client: Client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time() - minutes * 60)
    session.save()


def test_signing_in_stamps_the_session():
    client = signed_in_client(UserFactory())
    assert abs(client.session[LAST_SEEN] - time.time()) < 5


def test_a_request_within_the_idle_period_keeps_the_session(settings):
    settings.SSCP_IDLE_MINUTES = 30
    client = signed_in_client(UserFactory())
    seen_minutes_ago(client, 29)
    assert client.get(reverse("home")).status_code == 200
    assert abs(client.session[LAST_SEEN] - time.time()) < 5  # the request counts as use


def test_a_request_after_the_idle_period_signs_out_and_says_why(settings):
    settings.SSCP_IDLE_MINUTES = 30
    client = signed_in_client(UserFactory())
    seen_minutes_ago(client, 31)
    answer = client.get(reverse("plans:plan_list"))
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('login')}?next={reverse('plans:plan_list')}"
    page = client.get(answer["Location"]).content.decode()
    assert "You were signed out because you had not used SSCP Plans for 30 minutes" in page
    assert client.get(reverse("home")).status_code == 302  # the session is gone


def test_the_session_is_written_at_most_once_a_minute():
    client = signed_in_client(UserFactory())
    seen_minutes_ago(client, 0.5)
    stamp = client.session[LAST_SEEN]
    client.get(reverse("home"))
    assert client.session[LAST_SEEN] == stamp


def test_pages_carry_the_warning_with_the_idle_period(settings):
    settings.SSCP_IDLE_MINUTES = 20
    client = signed_in_client(UserFactory())
    page = client.get(reverse("home")).content.decode()
    assert 'data-idle-seconds="1200"' in page
    assert "You will be signed out in two minutes" in page
    assert f'data-session-url="{reverse("session_status")}"' in page


def test_the_session_check_counts_as_use_and_says_who_is_signed_in(
    settings, django_assert_num_queries
):
    settings.SSCP_IDLE_MINUTES = 30
    client = signed_in_client(ManagerFactory())
    seen_minutes_ago(client, 29)
    # session, person, roles, data versions; and the session's new stamp is saved
    answer = client.get(reverse("session_status"))
    assert answer.status_code == 200
    assert answer["Cache-Control"].startswith("max-age=0")
    data = answer.json()
    assert data["signed_in"] is True and data["idle_seconds"] == 1800
    assert data["roles"] == {"manager": True, "scrutiny": False, "reporter": False}
    assert abs(client.session[LAST_SEEN] - time.time()) < 5
    with django_assert_num_queries(4):  # session, person, roles, data versions
        assert client.get(reverse("session_status")).status_code == 200


def test_the_session_check_after_the_idle_period_signs_out(settings):
    settings.SSCP_IDLE_MINUTES = 30
    client = signed_in_client(ManagerFactory())
    seen_minutes_ago(client, 31)
    assert client.get(reverse("session_status")).status_code == 302
