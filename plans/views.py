from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from plans import selectors
from plans.models import ProgressReport
from sscp import roles
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class PlanListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_plans
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return selectors.plan_list()


class PlanDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_plans
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.plan_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), (str(self.object), None)]


class GovernanceView(RoleRequiredMixin, TemplateView):
    permission = roles.can_view_body
    template_name = "plans/governance.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=selectors.partner_list(), tree=selectors.governance_tree(), **kwargs
        )


class BodyDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_body
    template_name = "plans/body_detail.html"
    context_object_name = "body"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.body_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [("Governance", reverse("plans:governance")), (self.object.name, None)]


class ReportListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_reports
    template_name = "plans/report_list.html"
    context_object_name = "reports"

    def get_queryset(self):
        include_drafts = roles.can_edit_report(self.request.user)
        return selectors.reports_for(self.request.user, include_drafts=include_drafts)


class ReportDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_reports
    object_permission = roles.can_view_report
    template_name = "plans/report_detail.html"
    context_object_name = "report"
    queryset = ProgressReport.objects.select_related("plan", "period", "published_by")

    def get_breadcrumbs(self):
        return [("Progress reports", reverse("plans:report_list")), (str(self.object), None)]
