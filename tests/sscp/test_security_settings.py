"""The security headers and settings the foundation promises, asserted on real responses."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse


@pytest.fixture
def login_response(db):
    return Client().get(reverse("login"))


def test_content_security_policy_allows_only_own_origin(login_response):
    policy = login_response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy


def test_pages_refuse_framing_sniffing_and_leak_no_referrer(login_response):
    assert login_response["X-Frame-Options"] == "DENY"
    assert login_response["X-Content-Type-Options"] == "nosniff"
    assert login_response["Referrer-Policy"] == "same-origin"


def test_templates_carry_no_inline_script_or_style(manager, client_for):
    """Inline code would be blocked by the CSP, so a page that relied on it would break."""
    page = client_for(manager).get(reverse("home")).content.decode()
    assert "<script>" not in page
    assert " style=" not in page
    assert " onclick=" not in page


def load_production(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    sys.modules.pop("config.settings.production", None)
    return importlib.import_module("config.settings.production")


def test_production_needs_a_real_secret_key(monkeypatch):
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        load_production(monkeypatch, DJANGO_ALLOWED_HOSTS="sscp.example.org")


def test_production_needs_allowed_hosts(monkeypatch):
    monkeypatch.delenv("DJANGO_ALLOWED_HOSTS", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        load_production(monkeypatch, DJANGO_SECRET_KEY="x" * 60)


def test_production_cookies_are_secure_and_https_is_enforced(monkeypatch):
    production = load_production(
        monkeypatch, DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="sscp.example.org"
    )
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_passwords_are_hashed_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


# --- sessions, lockout and deploy checks ----------------------------------------------------


def test_logout_deletes_the_session_on_the_server(manager, client_for):
    """The old session cookie, replayed after signing out, no longer signs anyone in."""
    from django.conf import settings
    from django.contrib.sessions.models import Session

    client = client_for(manager)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=old_key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert replay.get(reverse("home")).status_code == 302


def test_sessions_expire_after_a_working_day_and_when_the_browser_closes():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_an_expired_session_signs_nobody_in(manager, client_for):
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for(manager)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(reverse("home")).status_code == 302


def test_lockout_counts_at_most_ten_failures_in_five_minutes():
    from django.conf import settings

    assert settings.AXES_FAILURE_LIMIT <= 10
    assert settings.AXES_COOLOFF_TIME * 60 <= 5  # hours -> minutes


def test_production_settings_pass_the_deploy_checks():
    """``check --deploy --fail-level WARNING`` on the production settings (``make check``)."""
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_ALLOWED_HOSTS": "sscp.example.org",
        "DJANGO_SECRET_KEY": "k" * 20 + "-not-a-real-secret-but-long-enough-" + "q" * 20,
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_lockouts_are_not_stretched_and_addresses_have_a_limit_of_their_own():
    from django.conf import settings

    assert settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is False
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT < settings.SSCP_ADDRESS_FAILURE_LIMIT <= 50
    assert settings.SSCP_TRUSTED_PROXIES == []  # X-Forwarded-For is read only when configured


def test_password_changes_pause_after_five_wrong_current_passwords():
    import datetime

    from django.conf import settings

    assert settings.SSCP_PASSWORD_CHANGE_FAILURE_LIMIT <= 5
    assert datetime.timedelta(minutes=15) <= settings.SSCP_PASSWORD_CHANGE_COOLOFF
