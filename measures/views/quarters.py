"""Quarters: the list, each quarter's collection status (filtered, sorted, exported as CSV or
XLSX), and setting a quarter up, opening, closing and moving its deadline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, FormView, TemplateView

from measures import collection, exports, selectors, services
from measures.filters import CollectionFilter
from measures.forms import DeadlineForm, PeriodCreateForm
from measures.models import ReportingPeriod
from measures.plan_quarters import missing_quarters, plans_missing_quarters
from measures.rules import can_manage_periods, can_view_collection
from measures.views.mixins import LoadsAfterRoleCheck
from plans import selectors as plan_selectors
from plans.mixins import PlanObjectMixin
from plans.rules import plan_hidden_from
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.editing import ConfirmView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import page_of, query_without
from sscp.sorting import sorting


class PeriodListView(RoleRequiredMixin, CachedPageMixin, TemplateView):
    """The quarters, newest first, a page at a time: each page counts only its own quarters'
    returns, so it costs the same however many years of returns there are."""

    permission = can_view_collection
    template_name = "measures/period_list.html"
    per_page = 20
    page_cache_params = ("page", "per_page")
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.RETURNS)

    def get_context_data(self, **kwargs):
        page = page_of(self.request, selectors.period_list(), per_page=self.per_page)
        can_manage = can_manage_periods(self.request.user)
        return super().get_context_data(
            page=page,
            periods=page.object_list,
            filter_query=query_without(self.request),
            can_manage=can_manage,
            # plans whose quarters are not all set up, offered to the manager to set up at once
            plans_missing=(
                plans_missing_quarters(plan_selectors.plan_list(draft_plans=True))
                if can_manage
                else []
            ),
            **kwargs,
        )


class PeriodDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    """The quarter's collection status: every measure due with its return, filterable by body,
    priority, status and RAG, sortable, with totals, late flags and CSV/XLSX export."""

    permission = can_view_collection
    template_name = "measures/period_detail.html"
    context_object_name = "period"
    model = ReportingPeriod
    per_page = 50
    page_cache_params = (*CollectionFilter.base_filters, "sort", "page", "per_page", "export")
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.RETURNS)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.today = timezone.localdate()
        bodies, priorities = selectors.collection_choices(self.object)
        self.filter = CollectionFilter(
            request.GET or None,
            queryset=selectors.collection_status(self.object),
            period=self.object,
            today=self.today,
            bodies=bodies,
            priorities=priorities,
        )
        self.sorting = sorting(
            request, collection.COLUMNS, initial=collection.FIRST_SORT, then=collection.USUAL_ORDER
        )
        self.rows = self.filter.qs.order_by(*self.sorting.order_by)
        export = request.GET.get("export")
        if export in exports.CONTENT_TYPES:
            return exports.download(
                exports.dataset(
                    collection.EXPORT_HEADERS,
                    collection.export_rows(self.rows, self.object, self.today),
                ),
                file_format=export,
                filename=f"returns-{self.object.financial_year}-q{self.object.quarter}",
            )
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        page = page_of(self.request, self.rows, per_page=self.per_page)
        return super().get_context_data(
            summary=selectors.collection_summary(self.object, self.today),
            filter=self.filter,
            headings=self.sorting.headings,
            page=page,
            rows=collection.shown_rows(page.object_list, self.object, self.today),
            shown=page.paginator.count,
            today=self.today,
            history=selectors.period_history(self.object)[:20],
            filter_query=query_without(self.request, "export"),
            **kwargs,
        )


class PeriodCreateView(RoleRequiredMixin, BreadcrumbsMixin, FormView):
    permission = can_manage_periods
    template_name = "measures/period_form.html"
    form_class = PeriodCreateForm

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), ("Set up a quarter", None)]

    def form_valid(self, form):
        try:
            period = services.period_create(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{period} is set up. Open it when returns can start.")
        return redirect(period)


class PlanQuartersCreateView(PlanObjectMixin, ConfirmView):
    """Every quarter of a plan not yet set up, set up at once (a new plan has none)."""

    permission = can_manage_periods
    object_hidden = plan_hidden_from
    submit_label = "Set up the quarters"

    def get_page_title(self):
        return f"Set up the quarters of {self.object}"

    def get_cancel_url(self):
        return reverse("measures:period_list")

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), (self.get_page_title(), None)]

    def get_context_data(self, **kwargs):
        set_up = ReportingPeriod.objects.values_list("financial_year", "quarter")
        missing = missing_quarters(self.object, set_up)
        if not missing:
            return super().get_context_data(
                refusal=f"Every quarter of {self.object} is already set up.", **kwargs
            )
        labels = [ReportingPeriod(financial_year=y, quarter=q).label for y, q in missing]
        return super().get_context_data(
            consequences_intro=f"This sets up {len(missing)} quarter"
            f"{'' if len(missing) == 1 else 's'} of {self.object}:",
            consequences=[
                f"{', '.join(labels)};",
                "each closed until you open it, with returns due six weeks after it ends (you "
                "can move a deadline later).",
            ],
            submit_class="btn-primary",
            **kwargs,
        )

    def perform(self):
        created = services.periods_create_for_plan(plan=self.object, user=self.request.user)
        return (
            f"{len(created)} quarter{'' if len(created) == 1 else 's'} of {self.object} "
            f"{'is' if len(created) == 1 else 'are'} set up. Open each when returns can start.",
            reverse("measures:period_list"),
        )


class PeriodActionView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, TemplateView):
    """A confirmation page (GET) and the change (POST) for opening or closing a quarter."""

    permission = can_manage_periods
    template_name = "measures/period_confirm.html"
    action = ""  # "open" or "close"

    def load(self, request, *args, **kwargs):
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["pk"])
        return None

    def get_breadcrumbs(self):
        return [
            ("Quarters", reverse("measures:period_list")),
            (str(self.period), self.period.get_absolute_url()),
            (f"{self.action.capitalize()} {self.period}", None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, action=self.action, **kwargs)

    def post(self, request, *args, **kwargs):
        change = services.period_open if self.action == "open" else services.period_close
        try:
            change(period=self.period, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = "open for returns" if self.action == "open" else "closed"
            messages.success(request, f"{self.period} is now {done}.")
        return redirect(self.period)


class PeriodDeadlineView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, FormView):
    permission = can_manage_periods
    template_name = "measures/period_deadline.html"
    form_class = DeadlineForm

    def load(self, request, *args, **kwargs):
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["pk"])
        return None

    def get_initial(self):
        return {"deadline": self.period.deadline}

    def get_breadcrumbs(self):
        return [
            ("Quarters", reverse("measures:period_list")),
            (str(self.period), self.period.get_absolute_url()),
            ("Change the deadline", None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)

    def form_valid(self, form):
        try:
            period = services.period_change_deadline(
                period=self.period, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"The deadline for {period} is now {period.deadline:%d %B %Y}."
        )
        return redirect(period)
