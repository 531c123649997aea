"""Limits on guessing passwords: at sign-in, and on the password change page.

**Signing in** (django-axes; settings in ``config/settings/base.py``). Failures are counted for
each username *and* client address together (``sscp.security.client_address``: behind the load
balancer, the address it forwarded). Ten within five minutes lock that username at that address
for five minutes. Attempts made during a lockout are refused without being counted
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so nobody can keep an account
locked by trying again every few minutes, and the person whose username it is, signing in from
their own address, is never locked out by someone else's guesses. A second limit,
``SSCP_ADDRESS_FAILURE_LIMIT`` failures from one address across every username within the same
five minutes, refuses an address that tries a common password against many usernames. axes
compares every set of lockout parameters with one limit, so this second limit is added here,
read from the same failure records. A successful sign-in clears the failures of that username
at that address only, so a sprayer who knows one password cannot clear their address's count.

**Changing a password** asks for the current one, which someone at a computer left signed in
does not know. Wrong current passwords are counted per person in the database
(``PasswordChangeFailures``, shared by every app server); after
``SSCP_PASSWORD_CHANGE_FAILURE_LIMIT`` of them, each within ``SSCP_PASSWORD_CHANGE_COOLOFF`` of
the one before, the page refuses that person's changes until the cool-off has passed since the
last one counted (refused attempts are not counted). A successful change clears the count. Every
wrong password and every refusal is logged to ``sscp.security`` with the account and address,
never the password.
"""

from __future__ import annotations

import datetime

from allauth.account.signals import password_changed
from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format

from sscp.models import PasswordChangeFailures
from sscp.security import address_for_log, logger

# --- signing in ---------------------------------------------------------------------------------


def address_failures(request) -> int:
    """Failed sign-ins from the request's client address within the cool-off, any username."""
    total = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def username_tried(request, credentials=None) -> str | None:
    """The name a sign-in tried (``AXES_USERNAME_CALLABLE``): allauth passes the username or the
    e-mail address typed in its one ``login`` field, whichever it was; both count as the same
    field, lower-cased, so that changing case does not buy more guesses."""
    credentials = credentials or {}
    tried = credentials.get("username") or credentials.get("email") or request.POST.get("login")
    return tried.strip().lower() if tried else tried


class SignInAttempts(AxesDatabaseHandler):
    """axes' database handler (``AXES_HANDLER``), which also locks an address out once its
    failures across usernames reach ``SSCP_ADDRESS_FAILURE_LIMIT``."""

    def is_locked(self, request, credentials=None) -> bool:
        return (
            super().is_locked(request, credentials)
            or address_failures(request) >= settings.SSCP_ADDRESS_FAILURE_LIMIT
        )


# --- changing a password ------------------------------------------------------------------------


def password_change_paused_until(user) -> datetime.datetime | None:
    """When ``user`` may try to change their password again, or None when they may now."""
    failures = PasswordChangeFailures.objects.filter(user=user).first()
    if failures is None or failures.count < settings.SSCP_PASSWORD_CHANGE_FAILURE_LIMIT:
        return None
    until = failures.last_failed_at + settings.SSCP_PASSWORD_CHANGE_COOLOFF
    return until if until > timezone.now() else None


@transaction.atomic
def password_change_failed(user) -> int:
    """Count a wrong current password from ``user``; returns how many are counted now (a count
    whose last failure is older than the cool-off starts again)."""
    now = timezone.now()
    failures, _ = PasswordChangeFailures.objects.select_for_update().get_or_create(
        user=user, defaults={"last_failed_at": now}
    )
    if failures.last_failed_at < now - settings.SSCP_PASSWORD_CHANGE_COOLOFF:
        failures.count = 0
    failures.count += 1
    failures.last_failed_at = now
    failures.save()
    return failures.count


class LimitedPasswordChangeForm(PasswordChangeForm):
    """Django's password change form, refusing a person who has given too many wrong current
    passwords, without checking what they typed."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        who, where = self.user.get_username(), address_for_log(self.request)
        paused_until = password_change_paused_until(self.user)
        if paused_until is not None:
            logger.warning(
                "Password change refused for user %r from %s: too many wrong current passwords",
                who,
                where,
            )
            raise ValidationError(
                "Too many wrong current passwords: you can try again after %(time)s. If you "
                "have forgotten your password, ask the partnership business manager to reset it.",
                code="too_many_attempts",
                params={"time": date_format(timezone.localtime(paused_until), "H:i")},
            )
        try:
            return super().clean_old_password()
        except ValidationError:
            count = password_change_failed(self.user)
            logger.warning(
                "Wrong current password on password change for user %r from %s (%d of %d)",
                who,
                where,
                count,
                settings.SSCP_PASSWORD_CHANGE_FAILURE_LIMIT,
            )
            raise

    def save(self, commit=True):
        user = super().save(commit)
        PasswordChangeFailures.objects.filter(user=user).delete()
        return user


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = LimitedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        # The same signal allauth's own pages send, so the people audit hears of it.
        password_changed.send(sender=type(form.user), request=self.request, user=form.user)
        return response
