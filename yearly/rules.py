"""Who may read, write, sign and publish yearly reports: one place, read by every view, the
navigation and the access matrix.

Business managers write the report and see every version, drafts included. The lead of each
statutory partner (``plans.PartnerLead``) reads reports ready for sign-off and signs for their
own partner. Everyone else with a role (scrutiny members, chairs, deputy chairs, data leads)
reads published and superseded reports only.
"""

from __future__ import annotations

from plans.roles import roles_of
from yearly.models import YearlyReport


def can_view_yearly_reports(user) -> bool:
    return roles_of(user).has_any_role


def readable_statuses(user) -> tuple[str, ...]:
    """The statuses of the reports ``user`` may open."""
    roles = roles_of(user)
    if roles.is_manager:
        return tuple(YearlyReport.Status.values)
    if roles.is_partner_lead:
        return (*YearlyReport.FROZEN, YearlyReport.Status.READY)
    if roles.has_any_role:
        return YearlyReport.FROZEN
    return ()


def yearly_report_hidden_from(user, report: YearlyReport) -> bool:
    """A report the reader may not open is answered as if it did not exist."""
    return report.status not in readable_statuses(user)


def can_edit_yearly_reports(user, report: YearlyReport | None = None) -> bool:
    if not roles_of(user).is_manager:
        return False
    return report is None or report.is_editable


def can_publish_yearly_report(user, report: YearlyReport) -> bool:
    return roles_of(user).is_manager and report.status == YearlyReport.Status.READY


def can_correct_yearly_report(user, report: YearlyReport) -> bool:
    return roles_of(user).is_manager and report.status == YearlyReport.Status.PUBLISHED


def can_sign_yearly_reports(user) -> bool:
    """Partner leads sign; which partner they may sign for is ``leads_partner``."""
    return roles_of(user).is_partner_lead


def leads_partner(user, partner) -> bool:
    return partner.pk in roles_of(user).lead_partner_ids
