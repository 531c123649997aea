"""Single sign-on with a partner's OpenID Connect provider, end to end: the product talks to a
real provider on a local HTTP server (tests/people/oidc_provider.py) for discovery, keys and
tokens; only the browser's part (following the redirects) is done by the test client here, and
by Chromium in tests/e2e/test_single_sign_on.py."""

import datetime
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from people.models import Invitation, PeopleEvent, token_digest
from tests.factories import UserFactory
from tests.people.oidc_provider import Provider, provider_settings

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def provider(settings):
    running = Provider().start()
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(running)
    yield running
    running.stop()


def sign_in_through(provider, client=None, *, tamper_state=False):
    """Start single sign-on as the browser would, let the provider answer, and return the
    product's answer to the callback."""
    client = client or Client()
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "council"}))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.url}/authorize?")
    back = requests.get(start["Location"] + "&auto=1", allow_redirects=False, timeout=10)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    query = callback.query
    if tamper_state:
        query = query.replace("state=", "state=x")
    return client, client.get(f"{callback.path}?{query}")


def signed_in_user(client):
    response = client.get(reverse("home"))
    return response.context["user"] if response.status_code == 200 else None


def test_the_sign_in_page_offers_the_partner_only_when_configured(provider, settings):
    assert "Sign in with Somerset Council" in Client().get(reverse("login")).content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert "Sign in with" not in Client().get(reverse("login")).content.decode()


def test_an_invited_or_active_person_signs_in_and_is_linked(provider):
    person = UserFactory(email="Chair@Council.example")
    provider.sign_in_as("chair@council.example")
    client, answer = sign_in_through(provider)
    assert answer.status_code == 302 and answer["Location"] == reverse("home")
    assert signed_in_user(client) == person
    assert SocialAccount.objects.get(user=person).provider == "council"
    # the second time, the linked account is found again
    _, again = sign_in_through(provider)
    assert again.status_code == 302 and again["Location"] == reverse("home")
    assert SocialAccount.objects.filter(user=person).count() == 1


def test_an_invited_person_accepts_their_invitation_by_signing_in(provider, manager):
    person = UserFactory(email="new.chair@council.example", is_active=False)
    person.set_unusable_password()
    person.save()
    Invitation.objects.create(
        user=person,
        token_digest=token_digest("a-token"),
        sent_by=manager,
        expires_at=Invitation.expiry_from(timezone.now()),
    )
    provider.sign_in_as("new.chair@council.example")
    client, answer = sign_in_through(provider)
    assert answer.status_code == 302 and answer["Location"] == reverse("home")
    assert signed_in_user(client) == person
    invitation = person.invitations.get()
    assert invitation.accepted_at is not None
    assert PeopleEvent.objects.filter(
        kind=PeopleEvent.Kind.INVITATION_ACCEPTED, person=person, detail__contains="single sign-on"
    ).exists()


def test_an_invited_person_whose_invitation_expired_is_refused(provider, manager):
    person = UserFactory(email="late@council.example", is_active=False)
    Invitation.objects.create(
        user=person,
        token_digest=token_digest("a-token"),
        sent_by=manager,
        sent_at=timezone.now() - datetime.timedelta(days=8),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    provider.sign_in_as("late@council.example")
    client, answer = sign_in_through(provider)
    assert answer.status_code == 403
    assert signed_in_user(client) is None
    person.refresh_from_db()
    assert not person.is_active


def test_an_unknown_person_is_told_to_ask_and_gets_no_account(provider):
    provider.sign_in_as("stranger@council.example")
    users_before = User.objects.count()
    client, answer = sign_in_through(provider)
    assert answer.status_code == 403
    assert "Ask the partnership's business manager for access" in answer.content.decode()
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()
    assert signed_in_user(client) is None


def test_a_deactivated_person_is_refused(provider):
    UserFactory(email="left@council.example", is_active=False)
    provider.sign_in_as("left@council.example")
    client, answer = sign_in_through(provider)
    assert answer.status_code == 403
    assert "your access has been ended" in answer.content.decode()
    assert signed_in_user(client) is None


def test_an_unverified_address_is_refused(provider):
    UserFactory(email="chair@council.example")
    provider.sign_in_as("chair@council.example", verified=False)
    client, answer = sign_in_through(provider)
    assert answer.status_code == 403
    assert "did not confirm your e-mail address" in answer.content.decode()
    assert signed_in_user(client) is None


def test_an_address_outside_the_partners_domains_is_refused(provider):
    UserFactory(email="someone@elsewhere.example")
    provider.sign_in_as("someone@elsewhere.example")
    client, answer = sign_in_through(provider)
    assert answer.status_code == 403
    assert "is not an address of Somerset Council" in answer.content.decode()
    assert signed_in_user(client) is None


@pytest.mark.parametrize("spoil", ["audience", "expired", "signature"])
def test_a_token_for_another_audience_expired_or_badly_signed_is_refused(provider, spoil):
    UserFactory(email="chair@council.example")
    provider.sign_in_as("chair@council.example")
    provider.spoil = spoil
    client, answer = sign_in_through(provider)
    assert answer.status_code == 401
    assert "could not be checked" in answer.content.decode()
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_a_token_with_another_nonce_is_refused(provider):
    UserFactory(email="chair@council.example")
    provider.sign_in_as("chair@council.example")
    provider.spoil = "nonce"
    client, answer = sign_in_through(provider)
    assert answer.status_code == 403
    assert "could not be checked" in answer.content.decode()
    assert signed_in_user(client) is None


def test_a_callback_with_a_wrong_state_is_refused(provider):
    UserFactory(email="chair@council.example")
    provider.sign_in_as("chair@council.example")
    client, answer = sign_in_through(provider, tamper_state=True)
    assert answer.status_code == 401
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
