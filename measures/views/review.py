"""The business manager's review queue: every submitted return waiting for them across open and
closed quarters, filtered by quarter and body, and approving the ones on target several at a
time (a confirmation page, then the approvals)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from measures import queue, services
from measures.filters import ReviewQueueFilter
from measures.models import ReportingPeriod
from measures.rules import can_review_returns
from measures.tables import ReviewQueueTable
from plans.models import GovernanceBody
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import MAXIMUM, paginate_table


def _ids(values) -> list[int]:
    """The return ids chosen on the queue (at most a page's worth), ignoring anything else."""
    ids = []
    for value in values:
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    return ids[:MAXIMUM]


def _versions(values) -> dict[int, int]:
    """``{return id: version}`` from the confirmation page's ``id:version`` values."""
    versions = {}
    for value in values:
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            versions.setdefault(int(pk), int(version))
    return dict(list(versions.items())[:MAXIMUM])


class ReviewQueueView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    """The submitted returns the manager may review, oldest quarter first, with each quarter's
    returns by status. Not page-cached: it leaves out the viewer's own submissions."""

    permission = can_review_returns
    template_name = "measures/review_queue.html"
    per_page = 50

    def get_breadcrumbs(self):
        return [("Review queue", None)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        # Every quarter (the quarter page links here with its own, waiting or not) and every
        # body that reports a measure.
        self.filter = ReviewQueueFilter(
            self.request.GET or None,
            queryset=queue.review_queue(user),
            periods=ReportingPeriod.objects.order_by("-start_date"),
            bodies=GovernanceBody.objects.filter(measures__isnull=False)
            .distinct()
            .order_by("name"),
        )
        table = ReviewQueueTable(self.filter.qs)
        paginate_table(self.request, table, per_page=self.per_page)
        return super().get_context_data(
            quarters=queue.review_queue_quarters(user),
            filter=self.filter,
            table=table,
            shown=table.paginator.count,
            **kwargs,
        )


class BulkApproveView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    """GET ``?returns=<id>&...``: the chosen returns, those that will be approved (on target and
    the viewer's to review) and those that will be skipped, with why. POST: approve them, each
    at the version shown here (``services.returns_approve_on_target``)."""

    permission = can_review_returns
    template_name = "measures/review_bulk_approve.html"

    def get_breadcrumbs(self):
        return [("Review queue", reverse("measures:review_queue")), ("Approve selected", None)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        chosen = queue.returns_for_bulk_approval(_ids(self.request.GET.getlist("returns")))
        to_approve, skipped = [], []
        for ret in chosen:
            refusals = services.return_bulk_approve_refusals(ret=ret, user=user)
            if refusals:
                skipped.append((ret, " ".join(refusals)))
            else:
                to_approve.append(ret)
        return super().get_context_data(to_approve=to_approve, skipped=skipped, **kwargs)

    def post(self, request, *args, **kwargs):
        versions = _versions(request.POST.getlist("approve"))
        if not versions:
            messages.info(request, "Nothing was approved: no returns were chosen.")
            return redirect("measures:review_queue")
        result = services.returns_approve_on_target(user=request.user, versions=versions)
        count = len(result.approved)
        messages.success(request, f"Approved {count} return{'s' if count != 1 else ''}.")
        if result.skipped:
            reasons = "; ".join(f"{label}: {why}" for label, why in result.skipped)
            messages.warning(request, f"Not approved ({len(result.skipped)}): {reasons}")
        return redirect("measures:review_queue")
