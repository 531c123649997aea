"""The risk register: the list with its heat map, a risk with its trend, and the forms that keep
it (business managers)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, FormView, TemplateView

from assurance import selectors, services
from assurance.filters import RiskFilter
from assurance.forms import RiskForm, RiskReviewForm
from assurance.models import Risk
from assurance.rules import can_edit_risks, can_view_risks, risk_hidden_from
from plans.rules import can_view_draft_plans
from sscp.editing import (
    FormPageMixin,
    ObjectPageMixin,
    ServiceCreateView,
    ServiceUpdateView,
    add_service_errors,
    last_change_id,
)
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import page_of, query_without
from sscp.sorting import Column, sorting

COLUMNS = [
    Column("reference", "Reference", ("reference",)),
    Column("title", "Risk", ("title",)),
    Column("owner", "Owner", ("owner_body__name", "owner_role")),
    Column("score", "Score now", ("current_score",)),
    Column("target", "Target", ()),
    Column("review", "Next review", ("review_date",)),
    Column("status", "Status", ("status",)),
]


class RiskListView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    """The register: a heat map of the open risks that match the filters, then the risks."""

    permission = can_view_risks
    template_name = "assurance/risk_list.html"
    per_page = 25

    def get_breadcrumbs(self):
        return [("Risk register", None)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        register = selectors.risk_register(draft_plans=can_view_draft_plans(user))
        filtered = RiskFilter(self.request.GET, queryset=register, request=self.request)
        risks = filtered.qs
        order = sorting(self.request, COLUMNS, initial="-score", then=("title",))
        return super().get_context_data(
            filter=filtered,
            heat_map=selectors.heat_map(risks),
            page=page_of(self.request, risks.order_by(*order.order_by), per_page=self.per_page),
            headings=order.headings,
            filter_query=query_without(self.request),
            can_edit=can_edit_risks(user),
            bands=settings.SSCP_RISK_BANDS,
            **kwargs,
        )


class RiskObjectMixin:
    object_hidden = risk_hidden_from
    context_object_name = "risk"

    def get_queryset(self):
        return Risk.objects.select_related("plan", "priority", "owner_body")

    def parent_breadcrumbs(self):
        return [("Risk register", reverse("assurance:risk_list"))]


class RiskDetailView(RiskObjectMixin, RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    """A risk: what it is, its score now and its target, and every review's scores."""

    permission = can_view_risks
    template_name = "assurance/risk_detail.html"

    def get_queryset(self):
        return selectors.risk_detail(self.kwargs["pk"])

    def get_breadcrumbs(self):
        return [*self.parent_breadcrumbs(), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        reviews = list(self.object.reviews.all())
        trend = [
            (review, reviews[index - 1].score if index else None)
            for index, review in enumerate(reviews)
        ]
        return super().get_context_data(
            trend=list(reversed(trend)),
            can_edit=can_edit_risks(self.request.user),
            **kwargs,
        )


class RiskCreateView(ServiceCreateView):
    permission = can_edit_risks
    form_class = RiskForm
    list_page = ("Risk register", "assurance:risk_list")
    page_title = "Add a risk"
    intro = "Score the risk as it stands now; later reviews re-score it and keep each score."
    submit_label = "Add the risk"
    success_message = "{object} has been added to the register, scored {object.score}."

    def perform(self, form):
        return services.risk_create(risk=form.instance, user=self.request.user)


class RiskUpdateView(RiskObjectMixin, ServiceUpdateView):
    permission = can_edit_risks
    object_permission = can_edit_risks
    form_class = RiskForm
    submit_label = "Save the risk"
    intro = "To change its likelihood or impact now, review the risk instead."
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object}"

    def perform(self, form):
        return services.risk_update(risk=form.instance, seen_change=form.seen_change)


class RiskReviewView(RiskObjectMixin, RoleRequiredMixin, ObjectPageMixin, FormPageMixin, FormView):
    """Review a risk: score it again; the scores are kept for its trend."""

    permission = can_edit_risks
    form_class = RiskReviewForm
    submit_label = "Record the review"
    intro = "Score the risk as it stands today. Each review's scores are kept."

    def dispatch(self, request, *args, **kwargs):
        if not can_edit_risks(request.user):
            raise PermissionDenied
        self.object = self.unless_hidden(get_object_or_404(self.get_queryset(), pk=kwargs["pk"]))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Review {self.object}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "risk": self.object}

    def get_initial(self):
        return {"last_change": last_change_id(self.object)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            review = services.risk_review(
                risk=self.object,
                likelihood=data["likelihood"],
                impact=data["impact"],
                reviewed_on=data["reviewed_on"],
                next_review=data["next_review"],
                note=data["note"],
                user=self.request.user,
                seen_change=data["last_change"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Review recorded: {self.object} is scored {review.score} ({review.band.lower()}).",
        )
        return redirect(self.object.get_absolute_url())


class RiskHistoryView(RiskObjectMixin, ObjectHistoryView):
    permission = can_view_risks
