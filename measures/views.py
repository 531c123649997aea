from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from measures import selectors
from measures.models import ReportingPeriod, Return
from sscp import roles
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class MeasureDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_plans
    object_permission = roles.can_view_measure
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return selectors.measure_detail(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        returns = self.object.returns_newest_first
        shows_unapproved = roles.can_view_unapproved_returns(self.request.user, self.object)
        if not shows_unapproved:
            returns = [ret for ret in returns if ret.status == Return.Status.APPROVED]
        return super().get_context_data(
            returns=returns, shows_unapproved=shows_unapproved, **kwargs
        )

    def get_breadcrumbs(self):
        plan = self.object.priority.plan
        return [
            ("Plans", reverse("plans:plan_list")),
            (str(plan), plan.get_absolute_url()),
            (self.object.title, None),
        ]


class PeriodListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_collection
    template_name = "measures/period_list.html"
    context_object_name = "periods"

    def get_queryset(self):
        return selectors.period_list()


class PeriodDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    """The quarter's collection: every measure due with the state of its return."""

    permission = roles.can_view_collection
    template_name = "measures/period_detail.html"
    context_object_name = "period"
    model = ReportingPeriod

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        measures = selectors.returns_due_all(self.object)
        return super().get_context_data(
            summary=selectors.collection_summary(self.object, today),
            measures=measures,
            today=today,
            **kwargs,
        )
