"""A measure's page, and the editing and history of measures' definitions (unit, polarity,
target ...), which the business manager keeps."""

from django.urls import reverse
from django.views.generic import DetailView

from measures import charts, selectors, services
from measures.forms import MeasureForm
from measures.models import Measure, Return
from measures.rules import (
    can_edit_measure,
    can_submit_return,
    can_view_measure,
    can_view_unapproved_returns,
    measure_hidden_from,
)
from plans.roles import roles_of
from plans.rules import can_view_history, can_view_plans
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.editing import ConfirmView, ServiceCreateView, ServiceUpdateView
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class MeasureDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    permission = can_view_plans
    object_hidden = measure_hidden_from
    object_permission = can_view_measure
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"
    page_cache_params = ()

    def get_page_cache_areas(self):
        """Readers see approved figures only; whoever may see a return in progress (managers,
        the bodies that report) sees every return change."""
        shown = (cache.PLANS, cache.MEASURES, cache.FIGURES)
        user_roles = roles_of(self.request.user)
        return (*shown, cache.RETURNS) if user_roles.is_manager or user_roles.is_reporter else shown

    def get_queryset(self):
        return selectors.measure_detail(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        returns = self.object.returns_newest_first
        shows_unapproved = can_view_unapproved_returns(self.request.user, self.object)
        if not shows_unapproved:
            returns = [ret for ret in returns if ret.status == Return.Status.APPROVED]
        # The trend chart draws only the returns shown; the quarters open for entry are offered
        # only to whoever may enter this measure's return.
        can_enter = can_submit_return(self.request.user, self.object)
        return super().get_context_data(
            returns=returns,
            shows_unapproved=shows_unapproved,
            trend=charts.trend_chart(self.object, returns),
            entry_periods=list(selectors.open_periods()) if can_enter else [],
            can_view_details=shows_unapproved,
            can_edit_measure=can_edit_measure(self.request.user, self.object),
            **kwargs,
        )

    def get_breadcrumbs(self):
        plan = self.object.priority.plan
        return [
            ("Plans", reverse("plans:plan_list")),
            (str(plan), plan.get_absolute_url()),
            (self.object.title, None),
        ]


class MeasureObjectMixin:
    """Pages about one measure's definition, under its plan."""

    queryset = Measure.objects.select_related("priority__plan", "strategy", "reporting_body")
    context_object_name = "measure"

    def parent_breadcrumbs(self):
        plan = self.object.priority.plan
        return [("Plans", reverse("plans:plan_list")), (str(plan), plan.get_absolute_url())]


class MeasureCreateView(ServiceCreateView):
    """A new measure; ``?priority=`` and ``?strategy=`` choose where it starts."""

    permission = can_edit_measure
    form_class = MeasureForm
    page_title = "New measure"
    submit_label = "Create measure"
    success_message = "The measure “{object}” has been added."

    def get_initial(self):
        return {
            name: self.request.GET[name]
            for name in ("priority", "strategy")
            if self.request.GET.get(name, "").isdigit()
        }

    def perform(self, form):
        return services.measure_create(measure=form.instance)


class MeasureUpdateView(MeasureObjectMixin, ServiceUpdateView):
    permission = can_edit_measure
    object_permission = can_edit_measure
    form_class = MeasureForm
    intro = "Returns already made keep the RAG they were given when they were made."
    submit_label = "Save measure"
    success_message = "The measure “{object}” has been saved."

    def get_page_title(self):
        return f"Edit the measure “{self.object.title}”"

    def perform(self, form):
        return services.measure_update(measure=form.instance, seen_change=form.seen_change)


class MeasureDeleteView(MeasureObjectMixin, ConfirmView):
    """A measure no return has been made for can be deleted; others can be made inactive."""

    permission = can_edit_measure
    object_permission = can_edit_measure
    submit_label = "Delete measure"

    def get_page_title(self):
        return f"Delete the measure “{self.object.title}”"

    def get_context_data(self, **kwargs):
        refusals = services.measure_delete_refusals(self.object)
        if refusals:
            return super().get_context_data(
                refusal=" ".join(refusals),
                alternative_url=reverse("measures:measure_edit", kwargs={"pk": self.object.pk}),
                alternative_label="Edit it instead",
                **kwargs,
            )
        return super().get_context_data(
            consequences=[f"delete the measure “{self.object}”, which has no returns."],
            **kwargs,
        )

    def perform(self):
        measure = self.object
        services.measure_delete(measure=measure)
        return f"The measure “{measure}” has been deleted.", measure.priority.get_absolute_url()


class MeasureHistoryView(MeasureObjectMixin, ObjectHistoryView):
    permission = can_view_history
    object_hidden = measure_hidden_from
