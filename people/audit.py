"""The people audit: every change to who may do what, and every sign-in, kept as a
``PeopleEvent`` with who did it, to whom, when and from which address.

The pages in ``people.views`` record their changes through ``record``; sign-ins, failures,
lockouts, password resets and changes, and two-factor changes are heard from the signals Django,
django-axes and django-allauth send, wherever they happen.
"""

from __future__ import annotations

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from people.models import PeopleEvent
from plans.models import Membership
from sscp.security import client_address

Kind = PeopleEvent.Kind


def record(kind, *, request=None, person=None, account: str = "", detail: str = "", actor=None):
    """Keep one event. ``actor`` defaults to whoever is signed in on ``request``."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    return PeopleEvent.objects.create(
        kind=kind,
        actor=actor,
        person=person,
        account=(account or (person.email if person is not None else ""))[:254],
        detail=detail[:500],
        address=client_address(request),
    )


def _account_typed(credentials: dict, request) -> str:
    typed = credentials.get("username") or credentials.get("email") or ""
    if not typed and request is not None and request.method == "POST":
        typed = request.POST.get("login", "")
    return str(typed).strip()[:254]


def _person_for(account: str):
    if not account:
        return None
    users = get_user_model().objects.filter(
        username__iexact=account
    ) | get_user_model().objects.filter(email__iexact=account)
    matches = list(users.distinct()[:2])
    return matches[0] if len(matches) == 1 else None


@receiver(user_logged_in, dispatch_uid="people.audit.signed_in")
def signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, request=request, person=user, actor=user)


@receiver(user_login_failed, dispatch_uid="people.audit.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    account = _account_typed(credentials, request)
    record(Kind.SIGN_IN_FAILED, request=request, person=_person_for(account), account=account)


@receiver(user_locked_out, dispatch_uid="people.audit.locked_out")
def locked_out(sender, request=None, username=None, **kwargs):
    account = str(username or "")[:254]
    record(
        Kind.LOCKED_OUT,
        request=request,
        person=_person_for(account),
        account=account,
        detail="Too many failed sign-ins: refused for a while.",
    )


@receiver(account_signals.password_reset, dispatch_uid="people.audit.password_reset")
def password_reset(sender, request, user, **kwargs):
    record(
        Kind.PASSWORD_RESET,
        request=request,
        person=user,
        actor=user,
        detail="Through a reset link sent by e-mail.",
    )


@receiver(account_signals.password_changed, dispatch_uid="people.audit.password_changed")
def password_changed(sender, request, user, **kwargs):
    record(Kind.PASSWORD_CHANGED, request=request, person=user, actor=user)


@receiver(mfa_signals.authenticator_added, dispatch_uid="people.audit.two_factor_on")
def two_factor_on(sender, request, user, authenticator, **kwargs):
    if authenticator.type == authenticator.Type.TOTP:
        record(Kind.TWO_FACTOR_ON, request=request, person=user, actor=user)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="people.audit.two_factor_off")
def two_factor_off(sender, request, user, authenticator, **kwargs):
    if authenticator.type == authenticator.Type.TOTP:
        record(Kind.TWO_FACTOR_OFF, request=request, person=user, actor=user)


def _current_request():
    """The request being answered (django-simple-history's middleware keeps it), if any."""
    return getattr(HistoricalRecords.context, "request", None)


@receiver(post_save, sender=Membership, dispatch_uid="people.audit.membership_saved")
def membership_saved(sender, instance, created, raw=False, **kwargs):
    """Memberships change from the people pages and from a body's page: heard here, once."""
    if raw:
        return
    record(
        Kind.MEMBERSHIP_ADDED if created else Kind.MEMBERSHIP_CHANGED,
        request=_current_request(),
        person=instance.user,
        detail=f"{instance.get_role_display()} of {instance.body}",
    )


@receiver(post_delete, sender=Membership, dispatch_uid="people.audit.membership_removed")
def membership_removed(sender, instance, **kwargs):
    record(
        Kind.MEMBERSHIP_REMOVED,
        request=_current_request(),
        person=instance.user,
        detail=f"{instance.get_role_display()} of {instance.body}",
    )
