"""Changing who has access. Every change runs in one transaction, is kept in the people audit
(``people.audit``) and leaves nothing half-done when refused: a ``ValidationError`` says why,
in words a business manager can act on.

Two rules hold whatever the order of requests: nobody deactivates themselves, and the last
active business manager is never deactivated or stripped of the role (both checks lock the
active business managers' rows first, so two managers cannot remove each other at once).
"""

from __future__ import annotations

import secrets

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from people import audit
from people.models import Invitation, PeopleEvent, Profile, token_digest
from plans.models import GovernanceBody, Membership, Partner, PartnerLead
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS, forget_roles
from plans.services import membership_save
from sscp.editing import save_checked
from sscp.mail import queue_email, site_url
from sscp.people import person_name

User = get_user_model()
Kind = PeopleEvent.Kind

ROLE_GROUPS = {"manager": BUSINESS_MANAGERS, "scrutiny": SCRUTINY_MEMBERS}


# --- inviting ---------------------------------------------------------------------------------


def address_in_use(email: str) -> str:
    """Why ``email`` cannot be invited (empty when it can)."""
    existing = list(User.objects.filter(email__iexact=email)[:1])
    if not existing:
        return ""
    person = existing[0]
    if person.is_active:
        return f"{email} already has access ({person_name(person)})."
    if person.invitations.open().exists():
        return f"{email} has already been invited: resend or withdraw that invitation instead."
    return f"{email} belongs to a deactivated person: reactivate them from their page instead."


def _check_body(body: GovernanceBody | None) -> None:
    if body is not None and not body.is_active:
        raise ValidationError({"body": f"{body} is retired: choose a current body."})


@transaction.atomic
def invite(
    *,
    request,
    first_name: str,
    last_name: str,
    email: str,
    partner: Partner | None,
    roles: list[str],
    body: GovernanceBody | None = None,
    body_role: str = "",
    role_title: str = "",
) -> User:
    """Create the person (who cannot sign in until they accept) and e-mail them a link."""
    email = email.strip().lower()
    refusals = {}
    if reason := address_in_use(email):
        refusals["email"] = reason
    if not roles and body is None:
        refusals["roles"] = (
            "Give the person a role or a membership of a body: without one they could see nothing."
        )
    if body is not None and not body_role:
        refusals["body_role"] = "Choose the person's role in the body."
    if refusals:
        raise ValidationError(refusals)
    _check_body(body)
    person = User(
        username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    person.is_active = False
    person.set_unusable_password()
    person.save()
    Profile.objects.create(user=person, partner=partner)
    person.groups.set(Group.objects.filter(name__in=[ROLE_GROUPS[role] for role in roles]))
    if body is not None:
        membership_save(
            membership=Membership(user=person, body=body, role=body_role, role_title=role_title)
        )
    audit.record(Kind.INVITED, request=request, person=person, detail=_summary(person))
    _send_invitation(request, person)
    return person


def _summary(person) -> str:
    roles = list(person.groups.values_list("name", flat=True))
    memberships = [
        f"{m.get_role_display()} of {m.body}" for m in person.memberships.select_related("body")
    ]
    return "; ".join(roles + memberships) or "no role"


def _send_invitation(request, person) -> Invitation:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        user=person,
        token_digest=token_digest(token),
        sent_by=request.user,
        sent_at=now,
        expires_at=Invitation.expiry_from(now),
    )
    link = site_url(reverse("people:accept", kwargs={"token": token}))
    expires = date_format(timezone.localtime(invitation.expires_at), "j F Y")
    queue_email(
        to=person.email,
        subject="SSCP Plans: you have been invited",
        body="\n".join(
            [
                f"Dear {person_name(person)},",
                "",
                f"{person_name(request.user)}, business manager of the Safeguarding Children "
                "Partnership, has given you access to SSCP Plans, where the partnership keeps "
                "its Children and Young People's Plans and the quarterly returns on them.",
                "",
                "Open this link to set your password (or to sign in with your organisation's "
                f"account) and start. It works once, until {expires}:",
                "",
                link,
                "",
                "If you did not expect this, you can ignore it: nothing happens until the link "
                "is used. If the link has stopped working, ask the business manager to send a "
                "new one.",
            ]
        ),
    )
    return invitation


@transaction.atomic
def resend_invitation(*, request, person) -> Invitation:
    """Withdraw the open invitation (if any) and send a new link, valid for a full week."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_active:
        raise ValidationError(f"{person_name(person)} already has access.")
    if not person.invitations.exists():
        raise ValidationError(f"{person_name(person)} was never invited: reactivate them instead.")
    person.invitations.open().update(withdrawn_at=timezone.now())
    invitation = _send_invitation(request, person)
    audit.record(Kind.INVITATION_RESENT, request=request, person=person)
    return invitation


@transaction.atomic
def withdraw_invitation(*, request, person) -> None:
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.invitations.open().update(withdrawn_at=timezone.now()):
        raise ValidationError(f"{person_name(person)} has no invitation waiting to be withdrawn.")
    audit.record(Kind.INVITATION_WITHDRAWN, request=request, person=person)


def invitation_for(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("user").filter(token_digest=token_digest(token)).first()
    )


@transaction.atomic
def accept_invitation(*, request, invitation: Invitation, password: str | None) -> User:
    """Let the invited person in: with the password they chose, or (``password`` None) because
    their organisation's single sign-on vouched for their address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if reason := invitation.why_unusable(timezone.now()):
        raise ValidationError(f"This invitation has been {reason}.")
    person = invitation.user
    if password is not None:
        person.set_password(password)
    person.is_active = True
    person.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    how = "by setting a password" if password is not None else "through single sign-on"
    audit.record(
        Kind.INVITATION_ACCEPTED,
        request=request,
        person=person,
        actor=person,
        detail=f"Accepted {how}.",
    )
    return person


def open_invitation_of(person) -> Invitation | None:
    """The person's invitation that may still be used, if any."""
    invitation = person.invitations.open().first()
    if invitation is None or invitation.why_unusable(timezone.now()):
        return None
    return invitation


# --- roles and memberships --------------------------------------------------------------------


def _lock_active_managers() -> list[int]:
    return list(
        User.objects.select_for_update()
        .filter(is_active=True, groups__name=BUSINESS_MANAGERS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _refuse_losing_last_manager(person, what: str) -> None:
    managers = _lock_active_managers()
    if managers == [person.pk]:
        raise ValidationError(
            f"{person_name(person)} is the only active business manager: {what} would leave "
            "nobody able to run the plans or the people page. Invite another business manager "
            "first."
        )


@transaction.atomic
def change_roles(*, request, person, roles: list[str], partner: Partner | None) -> User:
    person = User.objects.select_for_update().get(pk=person.pk)
    wanted = {ROLE_GROUPS[role] for role in roles}
    current = set(person.groups.values_list("name", flat=True)) & set(ROLE_GROUPS.values())
    if BUSINESS_MANAGERS in current - wanted and person.is_active:
        _refuse_losing_last_manager(person, "removing the business manager role")
    Profile.objects.update_or_create(user=person, defaults={"partner": partner})
    if wanted != current:
        person.groups.remove(*Group.objects.filter(name__in=current - wanted))
        person.groups.add(*Group.objects.filter(name__in=wanted - current))
    forget_roles(person)
    changes = [f"added {name}" for name in sorted(wanted - current)] + [
        f"removed {name}" for name in sorted(current - wanted)
    ]
    audit.record(
        Kind.ROLES_CHANGED,
        request=request,
        person=person,
        detail="; ".join(changes + [f"organisation: {partner or 'none'}"]),
    )
    return person


@transaction.atomic
def add_membership(*, request, person, body: GovernanceBody, role: str, role_title: str = ""):
    """Give the person a role in a body (``plans.services``: one role per body); the people
    audit records it from the save."""
    _check_body(body)
    return membership_save(
        membership=Membership(user=person, body=body, role=role, role_title=role_title)
    )


# --- ending and restoring access --------------------------------------------------------------


@transaction.atomic
def deactivate(*, request, person) -> User:
    """End the person's access at once: their sessions stop working on their next request
    (Django refuses an inactive user's session), and single sign-on refuses them too."""
    if person.pk == request.user.pk:
        raise ValidationError("You cannot deactivate yourself: ask another business manager.")
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise ValidationError(f"{person_name(person)} is already without access.")
    _refuse_losing_last_manager(person, "deactivating them")
    person.is_active = False
    person.save(update_fields=["is_active"])
    person.invitations.open().update(withdrawn_at=timezone.now())
    audit.record(Kind.DEACTIVATED, request=request, person=person)
    return person


@transaction.atomic
def reactivate(*, request, person) -> User:
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_active:
        raise ValidationError(f"{person_name(person)} already has access.")
    if not person.has_usable_password() and not person.socialaccount_set.exists():
        raise ValidationError(
            f"{person_name(person)} never set a password: send them an invitation instead."
        )
    person.is_active = True
    person.save(update_fields=["is_active"])
    audit.record(Kind.REACTIVATED, request=request, person=person)
    return person


@transaction.atomic
def reset_two_factor(*, request, person) -> None:
    """Remove the person's authenticator app and recovery codes (a lost phone): they set it up
    again at their next sign-in (business managers must)."""
    deleted, _ = Authenticator.objects.filter(user=person).delete()
    if not deleted:
        raise ValidationError(f"{person_name(person)} has not set up two-factor sign-in.")
    audit.record(Kind.TWO_FACTOR_RESET, request=request, person=person)


# --- partner leads ----------------------------------------------------------------------------


@transaction.atomic
def add_partner_lead(*, request, person, partner: Partner) -> PartnerLead:
    """Make the person a lead of a statutory partner: they sign the yearly report for it. Only
    the statutory partners sign, and a person leads a partner once."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if not partner.is_statutory:
        raise ValidationError(
            {
                "partner": f"{partner} is not a statutory partner: only the leads of the three "
                "statutory partners sign the yearly report."
            }
        )
    if PartnerLead.objects.filter(partner=partner, user=person).exists():
        raise ValidationError({"partner": f"{person_name(person)} is already a lead of {partner}."})
    lead = save_checked(PartnerLead(partner=partner, user=person), {})
    forget_roles(person)
    audit.record(
        Kind.ROLES_CHANGED, request=request, person=person, detail=f"made lead of {partner}"
    )
    return lead


@transaction.atomic
def remove_partner_lead(*, request, lead: PartnerLead) -> None:
    """Take a partner's leadership away: the person no longer signs the yearly report for it;
    the sign-offs they already made stay, with their name."""
    person, partner = lead.user, lead.partner
    if not PartnerLead.objects.select_for_update().filter(pk=lead.pk).exists():
        raise ValidationError(f"{person_name(person)} is no longer a lead of {partner}.")
    lead.delete()
    forget_roles(person)
    audit.record(
        Kind.ROLES_CHANGED, request=request, person=person, detail=f"no longer lead of {partner}"
    )
