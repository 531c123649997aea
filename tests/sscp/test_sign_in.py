"""Limits on guessing passwords (sscp.sign_in, sscp.security): a sign-in lockout that an
attacker cannot stretch or turn against the person, on the client's own address behind the load
balancer, a limit per address across usernames, and a limit on wrong current passwords on the
password change page, each logged to ``sscp.security``."""

import datetime
import logging
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from sscp.security import client_address
from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the load balancer, as the app server sees it
ATTACKER = "203.0.113.9"
PERSON = "198.51.100.7"
NEW_PASSWORD = "a-much-longer-passphrase-42"


@pytest.fixture
def behind_the_balancer(settings):
    settings.SSCP_TRUSTED_PROXIES = ["10.0.0.0/24"]


def sign_in(username: str, password: str, address: str, *, via: str = PROXY):
    """A sign-in from ``address`` through the proxy at ``via``, which adds X-Forwarded-For."""
    return Client(REMOTE_ADDR=via, HTTP_X_FORWARDED_FOR=address).post(
        reverse("login"), {"login": username, "password": password}
    )


def age_attempts(minutes: int) -> None:
    """Move every recorded failure ``minutes`` into the past."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes)
    )


# --- the client's address -----------------------------------------------------------------------


def request_from(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_address_is_the_connection(settings):
    settings.SSCP_TRUSTED_PROXIES = []
    assert client_address(request_from(PROXY, ATTACKER)) == PROXY


def test_behind_a_trusted_proxy_the_address_is_the_one_it_forwarded(behind_the_balancer):
    assert client_address(request_from(PROXY, PERSON)) == PERSON
    # What the client wrote into the header itself, left of the proxy's entry, is never read.
    assert client_address(request_from(PROXY, f"{ATTACKER}, {PERSON}")) == PERSON
    assert client_address(request_from(PROXY)) == PROXY  # no header: the proxy itself


def test_a_forwarded_header_from_anyone_else_is_ignored(behind_the_balancer):
    assert client_address(request_from(ATTACKER, PERSON)) == ATTACKER


def test_two_proxies_in_front(behind_the_balancer, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # DJANGO_PROXY_COUNT=2: a CDN, then the balancer
    assert client_address(request_from(PROXY, f"{ATTACKER}, {PERSON}, 192.0.2.1")) == PERSON


def test_the_security_log_names_the_forwarded_address(behind_the_balancer, caplog):
    UserFactory(username="target")
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        sign_in("target", "guess", ATTACKER)
    assert f"Failed sign-in for username 'target' from {ATTACKER}" in caplog.text


# --- the sign-in lockout ------------------------------------------------------------------------


def test_an_attackers_lockout_does_not_lock_the_person_out(behind_the_balancer):
    """The lock is on username and address: ten wrong guesses from the attacker's address lock
    that address out of the account, while the person signs in from their own."""
    UserFactory(username="target")
    for _ in range(10):
        sign_in("target", "guess", ATTACKER)
    assert sign_in("target", DEMO_PASSWORD, ATTACKER).status_code == 429
    assert sign_in("target", DEMO_PASSWORD, PERSON).status_code == 302


def test_a_forged_header_does_not_escape_the_lockout(settings):
    """Without trusted proxies every guess counts against the connection's own address,
    whatever X-Forwarded-For says."""
    settings.SSCP_TRUSTED_PROXIES = []
    UserFactory(username="target")
    for n in range(10):
        sign_in("target", "guess", f"192.0.2.{n}", via=ATTACKER)
    assert sign_in("target", DEMO_PASSWORD, PERSON, via=ATTACKER).status_code == 429


def test_attempts_during_a_lockout_do_not_extend_it(behind_the_balancer):
    UserFactory(username="target")
    for _ in range(10):
        sign_in("target", "guess", ATTACKER)
    age_attempts(minutes=4)
    assert sign_in("target", "guess", ATTACKER).status_code == 429  # refused, not counted
    age_attempts(minutes=2)  # six minutes after the tenth failure: the five-minute lock is over
    assert sign_in("target", DEMO_PASSWORD, ATTACKER).status_code == 302


def test_one_address_trying_many_usernames_is_refused(behind_the_balancer, settings, caplog):
    """Password spraying: one guess for each of many usernames never reaches ten for any one,
    but the address is refused once its failures across usernames reach the address limit;
    people elsewhere sign in as usual."""
    settings.SSCP_ADDRESS_FAILURE_LIMIT = 20
    UserFactory(username="reader")
    UserFactory(username="colleague")
    for n in range(19):
        sign_in(f"guess{n}", "Summer2025!", ATTACKER)
    assert sign_in("colleague", DEMO_PASSWORD, ATTACKER).status_code == 302  # below the limit
    sign_in("guess19", "Summer2025!", ATTACKER)
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        assert sign_in("reader", DEMO_PASSWORD, ATTACKER).status_code == 429
    assert f"Sign-in refused for username 'reader' from {ATTACKER}" in caplog.text
    assert sign_in("reader", DEMO_PASSWORD, PERSON).status_code == 302
    age_attempts(minutes=6)
    assert sign_in("reader", DEMO_PASSWORD, ATTACKER).status_code == 302


# --- the password change page ---------------------------------------------------------------


def change_password(client, old_password: str):
    return client.post(
        reverse("password_change"),
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )


def security_log(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "sscp.security"]


LIMIT = 5
COOLOFF = datetime.timedelta(minutes=15)


@pytest.fixture(autouse=True)
def password_change_limits(settings):
    settings.SSCP_PASSWORD_CHANGE_FAILURE_LIMIT = LIMIT
    settings.SSCP_PASSWORD_CHANGE_COOLOFF = COOLOFF


def test_wrong_current_passwords_pause_password_changes(manager, client_for, caplog):
    limit = LIMIT
    client = client_for(manager)
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        for _ in range(limit):
            response = change_password(client, "not-my-password")
            assert "Your old password was entered incorrectly" in response.content.decode()
        response = change_password(client, DEMO_PASSWORD)
    assert response.status_code == 200
    assert "Too many wrong current passwords" in response.content.decode()
    manager.refresh_from_db()
    assert manager.check_password(DEMO_PASSWORD)
    lines = security_log(caplog)
    wrong = [line for line in lines if line.startswith("Wrong current password")]
    assert len(wrong) == limit
    assert all(f"user '{manager.username}'" in line for line in wrong)
    assert any(
        line.startswith("Password change refused") and f"user '{manager.username}'" in line
        for line in lines
    )
    assert "not-my-password" not in caplog.text and DEMO_PASSWORD not in caplog.text


def test_the_pause_ends_after_the_cool_off_and_success_starts_the_count_again(manager, client_for):
    limit = LIMIT
    client = client_for(manager)
    for _ in range(limit):
        change_password(client, "not-my-password")
    later = timezone.now() + COOLOFF + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Too many" not in change_password(client, "still-wrong").content.decode()
        for _ in range(limit - 2):
            change_password(client, "not-my-password")
        assert change_password(client, DEMO_PASSWORD).status_code == 302
        for _ in range(limit - 1):
            response = change_password(client, "not-my-password")
    assert "Too many" not in response.content.decode()  # counted afresh after the change


def test_one_persons_pause_is_theirs_alone(manager, scrutiny, client_for):
    for _ in range(LIMIT):
        change_password(client_for(manager), "not-my-password")
    assert change_password(client_for(scrutiny), DEMO_PASSWORD).status_code == 302
