"""People: who has access (``Profile``), how they were asked in (``Invitation``), and every change
to who may do what (``PeopleEvent``, the people audit).

A person is a Django user. An invited person is a user who cannot sign in yet (``is_active``
false) with an open invitation; accepting it sets their password (or links their single
sign-on) and lets them in. A deactivated person is a user who cannot sign in and has no open
invitation; nobody is ever deleted, so their name stays on everything they did.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

INVITATION_DAYS = 7


class Profile(models.Model):
    """What the partnership knows of a person beyond their account: their organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    partner = models.ForeignKey(
        "plans.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="organisation",
    )

    def __str__(self):
        return f"Profile of {self.user}"


def token_digest(token: str) -> str:
    """Only a digest of an invitation's token is kept: the database never holds a usable link."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Sent, not yet accepted or withdrawn (it may have expired)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A single-use link, valid for ``INVITATION_DAYS`` days, that lets one person in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            # At most one open invitation per person: a resend replaces the one before.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="one_open_invitation_per_person",
            )
        ]

    def __str__(self):
        return f"Invitation for {self.user} sent {self.sent_at:%Y-%m-%d}"

    @staticmethod
    def expiry_from(moment: datetime.datetime) -> datetime.datetime:
        return moment + datetime.timedelta(days=INVITATION_DAYS)

    def why_unusable(self, now: datetime.datetime) -> str:
        """Empty when the link may be used; otherwise what happened to it, in plain words."""
        if self.accepted_at:
            return "used"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at <= now:
            return "expired"
        return ""


class PeopleEvent(models.Model):
    """One change to who may do what, or one sign-in event: who did it, to whom, when and from
    which address. Written only by ``people.audit``; never changed or deleted."""

    class Kind(models.TextChoices):
        INVITED = "invited", "Invitation sent"
        INVITATION_RESENT = "invitation_resent", "Invitation sent again"
        INVITATION_WITHDRAWN = "invitation_withdrawn", "Invitation withdrawn"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
        ROLES_CHANGED = "roles_changed", "Roles or organisation changed"
        MEMBERSHIP_ADDED = "membership_added", "Membership added"
        MEMBERSHIP_CHANGED = "membership_changed", "Membership changed"
        MEMBERSHIP_REMOVED = "membership_removed", "Membership removed"
        DEACTIVATED = "deactivated", "Deactivated"
        REACTIVATED = "reactivated", "Reactivated"
        TWO_FACTOR_ON = "two_factor_on", "Two-factor sign-in turned on"
        TWO_FACTOR_OFF = "two_factor_off", "Two-factor sign-in turned off"
        TWO_FACTOR_RESET = "two_factor_reset", "Two-factor sign-in reset"
        PASSWORD_RESET = "password_reset", "Password reset"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"

    SIGN_IN_KINDS = (Kind.SIGNED_IN, Kind.SIGN_IN_FAILED, Kind.LOCKED_OUT)

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it; empty when nobody was signed in (a failed sign-in, say).",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people_events",
        help_text="Whom it was done to; empty for a failed sign-in to an unknown account.",
    )
    account = models.CharField(
        max_length=254, blank=True, help_text="The e-mail or username it was about, as typed."
    )
    detail = models.CharField(max_length=500, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"], name="people_event_person_at")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.account} at {self.at:%Y-%m-%d %H:%M}"
