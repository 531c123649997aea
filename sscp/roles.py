"""Who may do what: the one place access is decided.

Roles come from two sources:

* Django groups: ``Business managers`` (run the plans, collections and reports) and
  ``Scrutiny members`` (read plans and published reports);
* memberships of governance bodies: a chair, deputy chair or data lead reports the measures
  their body owns. Either the chair, the deputy chair or a data lead may draft and submit a
  return; nobody approves a return they submitted.

Views, templates and services ask the ``can_*`` functions here and never re-derive a rule.
A user's roles are read once per request object and cached on it, so asking many questions
costs one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import IntegerField, Value

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from measures.models import Measure, Return
    from plans.models import Plan, ProgressReport

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

    @property
    def is_reporter(self) -> bool:
        return bool(self.reporting_body_ids)

    @property
    def has_any_role(self) -> bool:
        return self.is_manager or self.is_scrutiny or self.is_reporter


def roles_of(user: User | AnonymousUser | None) -> Roles:
    """The user's roles, read from the database once and cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from plans.models import Membership

    # One query for both sources: the user's groups (rows without a body) and the bodies they
    # report for, with their role.
    groups = (
        user.groups.order_by()
        .annotate(body=Value(None, output_field=IntegerField()))
        .values_list("body", "name")
    )
    bodies = (
        Membership.objects.filter(user=user, body__is_active=True)
        .reporting_roles()
        .order_by()
        .values_list("body_id", "role")
    )
    rows = list(groups.union(bodies, all=True))
    group_names = {name for body_id, name in rows if body_id is None}
    reporting = [(body_id, role) for body_id, role in rows if body_id is not None]
    roles = Roles(
        is_manager=BUSINESS_MANAGERS in group_names,
        is_scrutiny=SCRUTINY_MEMBERS in group_names,
        reporting_body_ids=frozenset(body_id for body_id, _ in reporting),
        chair_body_ids=frozenset(
            body_id
            for body_id, role in reporting
            if role in (Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR)
        ),
    )
    setattr(user, _CACHE_ATTR, roles)
    return roles


def forget_roles(user: User) -> None:
    """Drop the cached roles after the user's groups or memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- plans, strategies, measures: reading -----------------------------------------------


def can_view_plans(user) -> bool:
    """Plans, Plan on a Page, strategies and the timeline: anyone with a role."""
    return roles_of(user).has_any_role


def can_view_strategy(user) -> bool:
    return can_view_plans(user)


def can_view_measure(user, measure: Measure) -> bool:
    """Anyone with a role reads a measure's page; what it shows depends on the next rule."""
    return can_view_plans(user)


def can_view_unapproved_returns(user, measure: Measure) -> bool:
    """Draft, submitted and returned figures are seen by managers and the reporting body only;
    everyone else sees approved returns, the figures the partnership stands behind."""
    roles = roles_of(user)
    return roles.is_manager or measure.reporting_body_id in roles.reporting_body_ids


def can_view_body(user) -> bool:
    return can_view_plans(user)


def can_view_consultations(user) -> bool:
    return can_view_plans(user)


# --- plans: editing -------------------------------------------------------------------


def can_edit_plan(user, plan: Plan | None = None) -> bool:
    """Only business managers build and edit plans, their priorities and strategies."""
    return roles_of(user).is_manager


def can_manage_governance(user) -> bool:
    return roles_of(user).is_manager


def can_manage_periods(user) -> bool:
    return roles_of(user).is_manager


def can_manage_consultations(user) -> bool:
    return roles_of(user).is_manager


# --- returns --------------------------------------------------------------------------


def can_view_collection(user) -> bool:
    """The collection status of a quarter across every body is the manager's view."""
    return roles_of(user).is_manager


def can_view_my_returns(user) -> bool:
    return roles_of(user).is_reporter


def can_submit_return(user, measure: Measure) -> bool:
    """A chair, deputy chair or data lead of the measure's reporting body, or a manager
    (who enters figures received by e-mail but may not then approve them)."""
    roles = roles_of(user)
    return roles.is_manager or measure.reporting_body_id in roles.reporting_body_ids


def can_view_return(user, ret: Return) -> bool:
    from measures.models import Return

    if ret.status == Return.Status.APPROVED:
        return can_view_plans(user)
    return can_view_unapproved_returns(user, ret.measure)


def can_review_return(user, ret: Return) -> bool:
    """Managers review submitted returns, but never one they submitted themselves."""
    from measures.models import Return

    return (
        roles_of(user).is_manager
        and ret.status == Return.Status.SUBMITTED
        and ret.submitted_by_id != user.pk
    )


# --- progress reports -----------------------------------------------------------------


def can_view_reports(user) -> bool:
    return roles_of(user).has_any_role


def can_view_report(user, report: ProgressReport) -> bool:
    """Managers see drafts too; everyone else with a role sees published papers only."""
    from plans.models import ProgressReport

    roles = roles_of(user)
    if roles.is_manager:
        return True
    return roles.has_any_role and report.status != ProgressReport.Status.DRAFT


def can_edit_report(user, report: ProgressReport | None = None) -> bool:
    from plans.models import ProgressReport

    if not roles_of(user).is_manager:
        return False
    return report is None or report.status == ProgressReport.Status.DRAFT


# --- returns: collection, review and upload (issue 4) -----------------------------------------


def can_reopen_return(user, ret: Return) -> bool:
    """Managers may unlock an approved return, giving a reason kept in its history."""
    from measures.models import Return

    return roles_of(user).is_manager and ret.status == Return.Status.APPROVED


def can_upload_returns(user) -> bool:
    """Bulk upload of figures received by e-mail is the manager's."""
    return roles_of(user).is_manager


# --- plans, strategies, measures: editing and change history -------------------------------


def can_edit_strategy(user, strategy=None) -> bool:
    """Strategies are edited by business managers, like the plans they stand under."""
    return roles_of(user).is_manager


def can_edit_measure(user, measure: Measure | None = None) -> bool:
    """Measure definitions (unit, polarity, target ...) are set by business managers."""
    return roles_of(user).is_manager


def can_view_history(user) -> bool:
    """Who changed a plan, priority, strategy or measure, and how: anyone who reads plans."""
    return can_view_plans(user)


# --- progress reports: drafting, publishing and new versions (issue 5) ------------------------


def can_draft_reports(user) -> bool:
    """Business managers start progress reports, write them and mark missing returns."""
    return roles_of(user).is_manager


def can_publish_report(user, report: ProgressReport) -> bool:
    from plans.models import ProgressReport

    return roles_of(user).is_manager and report.status == ProgressReport.Status.DRAFT


def can_supersede_report(user, report: ProgressReport) -> bool:
    """A published paper is corrected by a new version, never by changing it."""
    from plans.models import ProgressReport

    return roles_of(user).is_manager and report.status == ProgressReport.Status.PUBLISHED
