"""What every progress report page shares: the report loaded after the role check, and its
breadcrumbs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from plans.models import ProgressReport
from plans.rules import plan_hidden_from
from reports import selectors
from reports.rules import (
    can_draft_reports,
    can_edit_report,
)
from reports.selectors import frozen_facts
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


def report_crumbs(report: ProgressReport | None, *tail: tuple[str, str | None]):
    crumbs = [("Progress reports", reverse("plans:report_list"))]
    if report is not None:
        crumbs.append((report_name(report), report.get_absolute_url() if tail else None))
    return [*crumbs, *tail]


def int_or_none(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def report_name(report: ProgressReport) -> str:
    """The report as its paper names it: a published one keeps the plan's name it was
    published under."""
    plan = frozen_facts(report)["plan_name"] or report.plan.name
    version = f", version {report.version}" if report.version > 1 else ""
    return f"{plan}, {report.period}{version}"


class ReportMixin(RoleRequiredMixin, BreadcrumbsMixin):
    """Loads ``self.report`` after the role check, then asks ``report_permission``. A report on
    a draft plan is not found (404) by whoever may not see the plan, as the plan is not; a
    draft report on a plan they see is refused (403) as before."""

    report_permission = None
    # Pages that always show the frozen paper read its snapshot with the row; the others
    # leave it (it can run to megabytes). A page serving a stored paper names it in ``stored``.
    with_snapshot = False
    stored: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if self.permission is not None and not type(self).permission(request.user):
            raise PermissionDenied
        self.report = get_object_or_404(
            selectors.report_page(
                kwargs["pk"], with_snapshot=self.with_snapshot, stored=self.stored
            )
        )
        if plan_hidden_from(request.user, self.report.plan):
            raise Http404
        if self.report_permission is not None and not type(self).report_permission(
            request.user, self.report
        ):
            raise PermissionDenied
        response = self.refuse_state(request)
        return response or super().dispatch(request, *args, **kwargs)

    def refuse_state(self, request):
        """A redirect with a message when the report's status rules the page out."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


class DraftOnlyMixin(ReportMixin):
    """Pages that change a draft: a manager arriving at a published one is sent to it."""

    permission = can_draft_reports

    def refuse_state(self, request):
        if can_edit_report(request.user, self.report):
            return None
        messages.info(
            request,
            "This report is published, and a published paper never changes. To correct it, "
            "start a new version.",
        )
        return redirect(self.report)
