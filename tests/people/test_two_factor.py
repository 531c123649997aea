"""Two-factor sign-in (django-allauth MFA): business managers must turn it on; codes from an
authenticator app and recovery codes; a wrong, old or reused code is refused."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def code_for(secret: str, steps_back: int = 0) -> str:
    counter = int(time.time()) // 30 - steps_back
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(client: Client, user):
    return client.post(reverse("login"), {"login": user.username, "password": DEMO_PASSWORD})


@pytest.fixture
def with_app():
    """A person who has turned on two-factor sign-in, and the secret their app holds."""
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return user, secret


def test_a_manager_must_turn_it_on_at_first_sign_in(manager, settings):
    settings.SSCP_REQUIRE_MANAGER_TWO_FACTOR = True
    client = Client()
    assert sign_in(client, manager).status_code == 302
    response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=manager).exists()
    done = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("plans:plan_list")).status_code == 200


def test_the_demo_setting_lets_a_manager_in_with_a_banner(manager, settings):
    settings.SSCP_REQUIRE_MANAGER_TWO_FACTOR = False
    client = Client()
    sign_in(client, manager)
    page = client.get(reverse("plans:plan_list"))
    assert page.status_code == 200
    assert "A real partnership's site requires it" in page.content.decode()


def test_others_are_offered_it_but_not_made_to(chair, settings):
    settings.SSCP_REQUIRE_MANAGER_TWO_FACTOR = True
    client = Client()
    sign_in(client, chair)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_sign_in_asks_for_the_code_and_refuses_a_wrong_or_old_one(with_app):
    user, secret = with_app
    client = Client()
    answer = sign_in(client, user)
    assert answer.status_code == 302 and answer["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in yet
    for refused in ("123456", code_for(secret, steps_back=4)):
        page = client.post(reverse("mfa_authenticate"), {"code": refused})
        assert page.status_code == 200
        assert "Incorrect code" in page.content.decode()
    done = client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert done.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_code_cannot_be_used_twice(with_app):
    user, secret = with_app
    code = code_for(secret)
    first = Client()
    sign_in(first, user)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    second = Client()
    sign_in(second, user)
    replay = second.post(reverse("mfa_authenticate"), {"code": code})
    assert replay.status_code == 200
    assert second.get(reverse("home")).status_code == 302


def test_a_recovery_code_works_once(with_app):
    user, _ = with_app
    recovery = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    code = recovery.get_unused_codes()[0]
    first = Client()
    sign_in(first, user)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert first.get(reverse("home")).status_code == 200
    second = Client()
    sign_in(second, user)
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
    assert second.get(reverse("home")).status_code == 302


def test_lockout_still_applies_before_the_code(with_app):
    user, _ = with_app
    client = Client()
    for _ in range(10):
        client.post(reverse("login"), {"login": user.username, "password": "wrong-guess"})
    locked = sign_in(client, user)
    assert locked.status_code == 429
    assert client.get(reverse("mfa_authenticate")).status_code == 302
