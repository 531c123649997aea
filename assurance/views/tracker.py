"""The action tracker: every action a reader may see across the reviews (a business manager all
of them, a body's reporters their body's), filtered, sorted, in pages, and as a CSV or XLSX
download of the same filtered list (``measures.exports``: no cell runs as a formula)."""

from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView, View

from assurance import selectors
from assurance.filters import ActionFilter
from assurance.rules import can_track_actions, visible_actions
from measures.exports import CONTENT_TYPES, dataset, download
from plans.models import GovernanceBody
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import page_of, query_without
from sscp.sorting import Column, sorting

COLUMNS = [
    Column("action", "Action", ("text",)),
    Column("review", "Review", ("recommendation__review__title", "recommendation__number")),
    Column("owner", "Owner", ("owner_body__name", "lead_role")),
    Column("due", "Due by", ("due_on",)),
    Column("status", "Status", ("status",)),
]
EXPORT_HEADERS = [
    "Review",
    "Recommendation",
    "Action",
    "Owning body",
    "Lead (role)",
    "Due by",
    "Status",
    "Overdue",
    "Awaiting sign-off",
]


class TrackerMixin(RoleRequiredMixin):
    permission = can_track_actions

    def filtered(self):
        """The actions this reader sees, filtered by the address's query and sorted."""
        user = self.request.user
        actions = selectors.action_tracker(visible_actions(user))
        bodies = GovernanceBody.objects.filter(pk__in=actions.order_by().values("owner_body_id"))
        self.filter = ActionFilter(
            self.request.GET, queryset=actions, request=self.request, bodies=bodies
        )
        self.order = sorting(self.request, COLUMNS, initial="due", then=("recommendation__number",))
        return self.filter.qs.order_by(*self.order.order_by)


class ActionTrackerView(TrackerMixin, BreadcrumbsMixin, TemplateView):
    template_name = "assurance/action_tracker.html"
    per_page = 25

    def get_breadcrumbs(self):
        return [("Action tracker", None)]

    def get_context_data(self, **kwargs):
        actions = self.filtered()
        return super().get_context_data(
            filter=self.filter,
            page=page_of(self.request, actions, per_page=self.per_page),
            headings=self.order.headings,
            filter_query=query_without(self.request),
            **kwargs,
        )


class ActionExportView(TrackerMixin, View):
    def get(self, request, file_format):
        if file_format not in CONTENT_TYPES:
            raise Http404("No such format.")
        today = timezone.localdate()
        rows = (
            (
                action.recommendation.review.title,
                action.recommendation.number,
                action.text,
                action.owner_body.name,
                action.lead_role,
                action.due_on,
                action.get_status_display(),
                action.is_open and action.due_on < today,
                action.awaiting_sign_off,
            )
            for action in self.filtered()
        )
        data = dataset(EXPORT_HEADERS, rows)
        return download(data, file_format=file_format, filename=f"actions-{today:%Y-%m-%d}")
