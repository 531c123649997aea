"""Consultation pages everyone with a role reads: the consultations, their commitments and
engagement groups, "You said, we did", what informed a priority, and the history of changes.

Views are thin: reads come from ``selectors``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from consultations import selectors
from consultations.filters import CommitmentFilter, ConsultationFilter, EngagementGroupFilter
from consultations.models import Consultation, EngagementGroup
from consultations.readability import PLAIN_READING_AGE, readability
from consultations.rules import (
    can_manage_consultations,
    can_view_consultations,
    consultation_hidden_from,
)
from consultations.tables import CommitmentTable, EngagementGroupTable
from plans.rules import can_view_draft_plans
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import PagedTableMixin, page_of, query_without


def consultations_crumb() -> tuple[str, str]:
    return ("Consultations", reverse("consultations:consultation_list"))


def groups_crumb() -> tuple[str, str]:
    return ("Engagement groups", reverse("consultations:group_list"))


class ReadMixin(RoleRequiredMixin, BreadcrumbsMixin):
    permission = can_view_consultations

    @property
    def draft_plans(self) -> bool:
        """Whether the reader sees what belongs to draft plans (business managers only)."""
        return can_view_draft_plans(self.request.user)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_manage", can_manage_consultations(self.request.user))
        return super().get_context_data(**kwargs)


# --- pages ------------------------------------------------------------------------------------


class ConsultationListView(ReadMixin, CachedPageMixin, FilterView):
    template_name = "consultations/consultation_list.html"
    context_object_name = "consultations"
    filterset_class = ConsultationFilter
    per_page = 25
    page_cache_params = (*ConsultationFilter.base_filters, "page", "per_page")
    page_cache_areas = (cache.PLANS, cache.CONSULTATIONS)
    page_cache_by_kind = True

    def get_queryset(self):
        return selectors.consultation_list(draft_plans=self.draft_plans)

    def get_context_data(self, **kwargs):
        kwargs["plans"] = selectors.plans_with_consultations(draft_plans=self.draft_plans)
        kwargs["page"] = page_of(self.request, self.object_list, per_page=self.per_page)
        kwargs["filter_query"] = query_without(self.request)
        return super().get_context_data(**kwargs)


class ConsultationDetailView(ReadMixin, CachedPageMixin, DetailView):
    object_hidden = consultation_hidden_from
    template_name = "consultations/consultation_detail.html"
    context_object_name = "consultation"
    page_cache_params = ()
    page_cache_areas = (cache.PLANS, cache.CONSULTATIONS)
    page_cache_by_kind = True

    def get_object(self, queryset=None):
        consultation = get_object_or_404(
            selectors.consultation_detail(self.kwargs["slug"], draft_plans=self.draft_plans)
        )
        return self.unless_hidden(consultation)

    def get_breadcrumbs(self):
        return [consultations_crumb(), (self.object.title, None)]


class CommitmentListView(ReadMixin, PagedTableMixin, FilterView):
    template_name = "consultations/commitment_list.html"
    table_class = CommitmentTable
    filterset_class = CommitmentFilter
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.commitment_list(draft_plans=self.draft_plans)

    def get_breadcrumbs(self):
        return [consultations_crumb(), ("Commitments", None)]


class GroupListView(ReadMixin, PagedTableMixin, FilterView):
    template_name = "consultations/group_list.html"
    table_class = EngagementGroupTable
    filterset_class = EngagementGroupFilter
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.group_list(draft_plans=self.draft_plans)

    def get_breadcrumbs(self):
        return [consultations_crumb(), ("Engagement groups", None)]


class GroupDetailView(ReadMixin, DetailView):
    template_name = "consultations/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.group_detail(self.kwargs["pk"], draft_plans=self.draft_plans)
        )

    def get_breadcrumbs(self):
        return [consultations_crumb(), groups_crumb(), (self.object.name, None)]


class YouSaidWeDidView(ReadMixin, TemplateView):
    """A plan's consultations told for a young reader: what was said, done and still open."""

    template_name = "consultations/you_said_we_did.html"

    @cached_property
    def page(self) -> selectors.YouSaidWeDid:
        return selectors.you_said_we_did(self.kwargs["slug"], draft_plans=self.draft_plans)

    def get_context_data(self, **kwargs):
        kwargs["page"] = self.page
        kwargs["plan"] = self.page.plan
        if can_manage_consultations(self.request.user):
            kwargs["reading_check"] = _reading_check(self.page)
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        return [consultations_crumb(), (f"You said, we did: {self.page.plan.slug}", None)]


def _reading_check(page: selectors.YouSaidWeDid) -> dict:
    """For the manager: how hard the page's words are to read, and which texts are hardest."""
    texts = []
    for story in page.stories:
        for item in story.items:
            texts.append((item.feedback.said, "feedback_edit", item.feedback.pk))
        for commitment in story.commitments:
            texts.append((commitment.promise, "commitment_edit", commitment.pk))
            texts.extend((u.text, "update_edit", u.pk) for u in commitment.updates.all())
    hard = []
    for text, url_name, pk in texts:
        score = readability(text)
        if not score.is_plain:
            url = reverse(f"consultations:{url_name}", kwargs={"pk": pk})
            hard.append({"text": text, "url": url, "age": score.reading_age})
    return {
        "whole": readability("\n".join(text for text, _, _ in texts)),
        "hard": hard,
        "target_age": PLAIN_READING_AGE,
    }


class PriorityFeedbackView(ReadMixin, TemplateView):
    """What children, young people and stakeholders said that informed one priority."""

    template_name = "consultations/priority_feedback.html"

    @cached_property
    def found(self) -> selectors.PriorityFeedback:
        return selectors.priority_feedback(self.kwargs["pk"], draft_plans=self.draft_plans)

    def get_context_data(self, **kwargs):
        kwargs["found"] = self.found
        kwargs["priority"] = self.found.priority
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        priority = self.found.priority
        return [
            ("Plans", reverse("plans:plan_list")),
            (priority.plan.slug, priority.plan.get_absolute_url()),
            (priority.title, priority.get_absolute_url()),
            ("What informed it", None),
        ]


# --- history of changes -----------------------------------------------------------------------


class ConsultationHistoryView(ObjectHistoryView):
    """Every change to a consultation and to its parts, those since deleted among them."""

    permission = can_view_consultations
    object_hidden = consultation_hidden_from
    queryset = Consultation.objects.select_related("plan")
    page_title = "Changes"
    note = (
        "Includes what we were told, the commitments, their updates and the documents, even "
        "those since deleted."
    )

    def parent_breadcrumbs(self):
        return [consultations_crumb()]

    def history_entries(self):
        return selectors.consultation_history(self.object)


class GroupHistoryView(ObjectHistoryView):
    permission = can_view_consultations
    model = EngagementGroup
    page_title = "Changes"

    def parent_breadcrumbs(self):
        return [consultations_crumb(), groups_crumb()]
