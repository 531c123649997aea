"""Reading people: the list a business manager sees, one person's page, and the audit. Every
function here reads a fixed number of queries, however many people there are."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower, NullIf, Trim

from people.models import Invitation, PeopleEvent
from plans.models import Membership, PartnerLead
from plans.roles import GROUP_NAMES

User = get_user_model()

INVITED, ACTIVE, DEACTIVATED = "invited", "active", "deactivated"
STATES = [(ACTIVE, "Active"), (INVITED, "Invited"), (DEACTIVATED, "Deactivated")]


def _two_factor():
    return Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))


def people():
    """Everyone who has or had access, with their organisation, roles, memberships, the
    statutory partners they lead, state and whether two-factor sign-in is on: five queries in
    all, whatever the number of people."""
    invited = Exists(Invitation.objects.open().filter(user=OuterRef("pk")))
    return (
        User.objects.filter(is_superuser=False)
        .select_related("profile__partner")
        .prefetch_related(
            Prefetch("groups", queryset=Group.objects.filter(name__in=GROUP_NAMES)),
            Prefetch("memberships", queryset=Membership.objects.select_related("body")),
            Prefetch("partner_leads", queryset=PartnerLead.objects.select_related("partner")),
        )
        .annotate(
            full_name=Coalesce(
                NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value("")),
                "username",
                output_field=CharField(),
            ),
            sort_name=Lower(Coalesce(NullIf("last_name", Value("")), "username")),
            state=Case(
                When(is_active=True, then=Value(ACTIVE)),
                When(invited, then=Value(INVITED)),
                default=Value(DEACTIVATED),
                output_field=CharField(),
            ),
            two_factor=Case(
                When(_two_factor(), then=True), default=False, output_field=BooleanField()
            ),
        )
        .order_by("sort_name", "pk")
    )


def person(pk: int):
    return people().get(pk=pk)


def events(*, person=None):
    events = PeopleEvent.objects.select_related("actor", "person")
    if person is not None:
        events = events.filter(Q(person=person) | Q(actor=person))
    return events


def sign_in_history(user, *, limit: int = 20):
    return list(PeopleEvent.objects.filter(person=user, kind__in=PeopleEvent.SIGN_IN_KINDS)[:limit])
