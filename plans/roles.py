"""Who a person is in the partnership: the roles every access rule starts from.

Roles come from two sources:

* Django groups: ``Business managers`` (run the plans, collections and reports) and
  ``Scrutiny members`` (read plans and published reports);
* memberships of governance bodies: a chair, deputy chair or data lead reports the measures
  their body owns. Either the chair, the deputy chair or a data lead may draft and submit a
  return; nobody approves a return they submitted;
* partner leadership (``PartnerLead``): the lead of a statutory partner signs the yearly report
  for it, and reads what everyone with a role reads.

The rules themselves (``can_<verb>_<object>``) live in each app's ``rules.py``, beside the
objects they decide on, and start from ``roles_of``; views, templates and services ask those
rules and never re-derive one. A user's roles are read once per request object and cached on
it, so asking many questions costs one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection

from plans.models import GovernanceBody, Membership, PartnerLead

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BUSINESS_MANAGERS = "Business managers"
SCRUTINY_MEMBERS = "Scrutiny members"
GROUP_NAMES = (BUSINESS_MANAGERS, SCRUTINY_MEMBERS)

_CACHE_ATTR = "_sscp_roles"


@dataclass(frozen=True)
class Roles:
    """What one user is: the groups they belong to and the bodies they report for."""

    is_manager: bool = False
    is_scrutiny: bool = False
    reporting_body_ids: frozenset[int] = field(default_factory=frozenset)
    chair_body_ids: frozenset[int] = field(default_factory=frozenset)
    lead_partner_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_reporter(self) -> bool:
        return bool(self.reporting_body_ids)

    @property
    def is_partner_lead(self) -> bool:
        return bool(self.lead_partner_ids)

    @property
    def has_any_role(self) -> bool:
        return self.is_manager or self.is_scrutiny or self.is_reporter or self.is_partner_lead


def roles_of(user: User | AnonymousUser | None) -> Roles:
    """The user's roles, read from the database once and cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = _role_rows(user.pk)
    group_names = {name for body_id, name in rows if body_id is None}
    reporting = [(body_id, role) for body_id, role in rows if body_id is not None and role]
    leading = frozenset(partner_id for partner_id, role in rows if role == "")
    roles = Roles(
        is_manager=BUSINESS_MANAGERS in group_names,
        is_scrutiny=SCRUTINY_MEMBERS in group_names,
        reporting_body_ids=frozenset(body_id for body_id, _ in reporting),
        chair_body_ids=frozenset(
            body_id
            for body_id, role in reporting
            if role in (Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR)
        ),
        lead_partner_ids=leading,
    )
    setattr(user, _CACHE_ATTR, roles)
    return roles


def _role_rows(user_id: int) -> list[tuple[int | None, str]]:
    """The user's groups as ``(None, group name)``, the active bodies they report for as
    ``(body id, role)`` and the partners they lead as ``(partner id, "")``, in one raw query:
    every signed-in request asks it, and the ORM took three times as long to build this union
    as the database to answer it."""
    group_link = get_user_model().groups.through._meta
    group, membership, body = Group._meta, Membership._meta, GovernanceBody._meta
    lead = PartnerLead._meta
    placeholders = ", ".join(["%s"] * len(Membership.REPORTING_ROLES))
    sql = (
        f"SELECT NULL, g.name FROM {group_link.db_table} ug "
        f"JOIN {group.db_table} g ON g.id = ug.group_id WHERE ug.user_id = %s "
        f"UNION ALL "
        f"SELECT m.body_id, m.role FROM {membership.db_table} m "
        f"JOIN {body.db_table} b ON b.id = m.body_id "
        f"WHERE m.user_id = %s AND b.is_active AND m.role IN ({placeholders}) "
        f"UNION ALL "
        f"SELECT pl.partner_id, '' FROM {lead.db_table} pl WHERE pl.user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [user_id, user_id, *(role.value for role in Membership.REPORTING_ROLES), user_id],
        )
        return cursor.fetchall()


def forget_roles(user: User) -> None:
    """Drop the cached roles after the user's groups or memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def audience_kind(user) -> tuple:
    """Whom a page that turns on no body's rules is for: a manager, a scrutiny member, a
    reporter (whichever bodies), or someone with none of these. The page cache keys such pages
    by it, so reporters of different bodies share them (``sscp.cache``)."""
    user_roles = roles_of(user)
    return (
        "kind",
        user_roles.is_manager,
        user_roles.is_scrutiny,
        user_roles.is_reporter,
        user_roles.is_partner_lead,
    )


def audience(user) -> tuple:
    """What a shared page may differ by between two users with the same roles: nothing, by
    rule. The page cache keys pages by it (``sscp.cache``)."""
    user_roles = roles_of(user)
    return (
        "manager" if user_roles.is_manager else "",
        "scrutiny" if user_roles.is_scrutiny else "",
        "r" + "-".join(str(pk) for pk in sorted(user_roles.reporting_body_ids)),
        "c" + "-".join(str(pk) for pk in sorted(user_roles.chair_body_ids)),
        "l" + "-".join(str(pk) for pk in sorted(user_roles.lead_partner_ids)),
    )
