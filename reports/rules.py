"""Who may read, draft, publish and correct progress reports to the scrutiny committee."""

from __future__ import annotations

from plans.models import ProgressReport
from plans.roles import roles_of


def can_view_reports(user) -> bool:
    return roles_of(user).has_any_role


def can_view_report(user, report: ProgressReport) -> bool:
    """Managers see drafts too; everyone else with a role sees published papers only."""
    roles = roles_of(user)
    if roles.is_manager:
        return True
    return roles.has_any_role and report.status != ProgressReport.Status.DRAFT


def can_draft_reports(user) -> bool:
    """Business managers start progress reports, write them and mark missing returns."""
    return roles_of(user).is_manager


def can_edit_report(user, report: ProgressReport | None = None) -> bool:
    if not roles_of(user).is_manager:
        return False
    return report is None or report.status == ProgressReport.Status.DRAFT


def can_publish_report(user, report: ProgressReport) -> bool:
    return roles_of(user).is_manager and report.status == ProgressReport.Status.DRAFT


def can_supersede_report(user, report: ProgressReport) -> bool:
    """A published paper is corrected by a new version, never by changing it."""
    return roles_of(user).is_manager and report.status == ProgressReport.Status.PUBLISHED


def can_manage_word_template(user) -> bool:
    """Only business managers see, download or replace the Word template papers are written
    into (``reports.word_template``)."""
    return roles_of(user).is_manager
