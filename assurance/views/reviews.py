"""The reviews register: rapid reviews, LCSPRs and audits with their learning themes; the list,
a review's page and the forms that keep them (business managers)."""

from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from assurance import selectors, services
from assurance.filters import ReviewFilter
from assurance.forms import ReviewForm
from assurance.models import Review
from assurance.rules import (
    can_edit_reviews,
    can_view_reviews,
    review_hidden_from,
    tracked_body_ids,
    visible_reviews,
)
from sscp.editing import ServiceCreateView, ServiceUpdateView
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import page_of, query_without
from sscp.sorting import Column, sorting

COLUMNS = [
    Column("title", "Review", ("title",)),
    Column("kind", "Kind", ("kind",)),
    Column("lead", "Lead body", ("lead_body__name",)),
    Column("date", "Notified or commissioned", ("notified_on", "commissioned_on")),
    Column("status", "Status", ("status",)),
]
REGISTER = ("Reviews and audits", "assurance:review_list")


class ReviewListView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    """The reviews and audits the reader sees, filtered, sorted and in pages."""

    permission = can_view_reviews
    template_name = "assurance/review_list.html"
    per_page = 25

    def get_breadcrumbs(self):
        return [(REGISTER[0], None)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        register = selectors.review_register(visible_reviews(user))
        filtered = ReviewFilter(self.request.GET, queryset=register, request=self.request)
        order = sorting(self.request, COLUMNS, initial="-date", then=("title",))
        return super().get_context_data(
            filter=filtered,
            page=page_of(
                self.request, filtered.qs.order_by(*order.order_by), per_page=self.per_page
            ),
            headings=order.headings,
            filter_query=query_without(self.request),
            can_edit=can_edit_reviews(user),
            **kwargs,
        )


class ReviewObjectMixin:
    object_hidden = review_hidden_from
    context_object_name = "review"

    def get_queryset(self):
        return Review.objects.select_related("lead_body")

    def parent_breadcrumbs(self):
        return [(REGISTER[0], reverse(REGISTER[1]))]


class ReviewDetailView(ReviewObjectMixin, RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    """A review: its kind's facts (a rapid review's timetable and decision, an LCSPR's author
    and briefing, an audit's scope and agencies), its themes and linked priorities."""

    permission = can_view_reviews
    template_name = "assurance/review_detail.html"

    def get_queryset(self):
        return selectors.review_detail(self.kwargs["pk"])

    def get_breadcrumbs(self):
        return [*self.parent_breadcrumbs(), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_edit=can_edit_reviews(user), tracked_body_ids=tracked_body_ids(user), **kwargs
        )


class ReviewFormMixin:
    permission = can_edit_reviews
    form_class = ReviewForm
    template_name = "assurance/review_form.html"


class ReviewCreateView(ReviewFormMixin, ServiceCreateView):
    list_page = REGISTER
    page_title = "Add a review or audit"
    intro = (
        "Fill in the part for its kind. A rapid review's due date is worked out for you: 15 "
        "working days after the notification, leaving out weekends and bank holidays."
    )
    submit_label = "Add the review"
    success_message = "{object} has been added."

    def perform(self, form):
        return services.review_create(review=form.instance, links=form.links)


class ReviewUpdateView(ReviewFormMixin, ReviewObjectMixin, ServiceUpdateView):
    object_permission = can_edit_reviews
    submit_label = "Save the review"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object}"

    def perform(self, form):
        return services.review_update(
            review=form.instance, links=form.links, seen_change=form.seen_change
        )


class ReviewHistoryView(ReviewObjectMixin, ObjectHistoryView):
    permission = can_view_reviews
