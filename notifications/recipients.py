"""Who is told of what: the people of the partnership by their roles (``plans.roles``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from plans.models import Membership
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS

User = get_user_model()

CHAIRS = (Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR)


def _active() -> QuerySet:
    return User.objects.filter(is_active=True)


def business_managers() -> QuerySet:
    return _active().filter(groups__name=BUSINESS_MANAGERS)


def reporters_of(body_ids: Iterable[int]) -> QuerySet:
    """The chairs, deputy chairs and data leads of the bodies: who makes their returns."""
    return (
        _active()
        .filter(
            memberships__body_id__in=list(body_ids),
            memberships__body__is_active=True,
            memberships__role__in=Membership.REPORTING_ROLES,
        )
        .distinct()
    )


def reporters_by_body(body_ids: Iterable[int]) -> dict[int, list]:
    """The active chairs, deputy chairs and data leads of each body, by body id (one query)."""
    found: dict[int, list] = {}
    memberships = (
        Membership.objects.reporting_roles()
        .filter(body_id__in=list(body_ids), body__is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("body_id", "user_id")
    )
    for membership in memberships:
        people = found.setdefault(membership.body_id, [])
        if membership.user not in people:
            people.append(membership.user)
    return found


def chairs_of(body_ids: Iterable[int]) -> QuerySet:
    return (
        _active()
        .filter(
            memberships__body_id__in=list(body_ids),
            memberships__body__is_active=True,
            memberships__role__in=CHAIRS,
        )
        .distinct()
    )


def committee_readers() -> QuerySet:
    """Who reads a published progress report: scrutiny members, every body's chairs and deputy
    chairs (the partners' leads among them) and the business managers."""
    return (
        _active()
        .filter(
            Q(groups__name__in=[SCRUTINY_MEMBERS, BUSINESS_MANAGERS])
            | Q(memberships__role__in=CHAIRS, memberships__body__is_active=True)
        )
        .distinct()
    )
