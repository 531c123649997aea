"""Forgotten passwords and changing one's e-mail address (django-allauth): the same answer
whether or not an address is known, a rate limit, a single-use link, and a new address that only
takes effect once confirmed from it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def ask_for_reset(client, email, capture):
    with capture(execute=True):
        return client.post(reverse("account_reset_password"), {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_the_sign_in_page_links_to_a_forgotten_password():
    page = Client().get(reverse("login")).content.decode()
    assert "Forgotten your password?" in page
    assert reverse("account_reset_password") in page


def test_known_and_unknown_addresses_get_the_same_answer(django_capture_on_commit_callbacks):
    UserFactory(email="known@example.org")
    known = ask_for_reset(Client(), "known@example.org", django_capture_on_commit_callbacks)
    unknown = ask_for_reset(Client(), "nobody@example.org", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    reset_mails = [m for m in mail.outbox if "known@example.org" in m.to]
    assert len(reset_mails) == 1
    assert link_in(reset_mails[0]).startswith("/accounts/password/reset/key/")


def test_the_reset_link_sets_a_new_password_once(django_capture_on_commit_callbacks):
    person = UserFactory(email="known@example.org")
    ask_for_reset(Client(), "known@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[-1])
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    weak = client.post(form_url, {"password1": "password", "password2": "password"})
    assert weak.status_code == 200 and "too common" in weak.content.decode()
    new_password = "a-long-new-passphrase-2026"
    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new_password)
    again = Client().get(link, follow=True)
    assert "password1" not in again.content.decode()  # the link is used up


def test_reset_requests_are_rate_limited(django_capture_on_commit_callbacks):
    UserFactory(email="known@example.org")
    client = Client()
    answers = [
        ask_for_reset(client, "known@example.org", django_capture_on_commit_callbacks).status_code
        for _ in range(7)
    ]
    assert 429 in answers
    assert len([m for m in mail.outbox if "known@example.org" in m.to]) <= 5


def test_a_new_address_takes_effect_only_once_confirmed(django_capture_on_commit_callbacks):
    person = UserFactory(email="old@example.org")
    EmailAddress.objects.create(user=person, email="old@example.org", primary=True, verified=True)
    client = Client()
    client.post(reverse("login"), {"login": person.username, "password": DEMO_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("account_email"), {"action_add": "", "email": "new@example.org"}
        )
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.email == "old@example.org"
    confirmation = [m for m in mail.outbox if "new@example.org" in m.to]
    assert len(confirmation) == 1
    link = link_in(confirmation[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    person.refresh_from_db()
    assert person.email == "new@example.org"
