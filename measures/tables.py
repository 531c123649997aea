"""Tables of the measures app (django-tables2)."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from measures.formatting import in_unit
from measures.models import Rag, Return
from measures.selectors import NOT_STARTED
from sscp.people import named

# --- collection status and past returns -------------------------------------------------------

STATUS_LABELS = {NOT_STARTED: "Not started", **dict(Return.Status.choices)}
RECEIVED = (Return.Status.SUBMITTED, Return.Status.APPROVED)


def late_flag(row, period, today) -> str:
    """'overdue' when not received after the deadline, 'late' when submitted after it."""
    if row.return_status not in RECEIVED:
        return "overdue" if today > period.deadline else ""
    if row.submitted_at and row.submitted_at.date() > period.deadline:
        return "late"
    return ""


def when_and_who(moment, full_name: str | None) -> str:
    local = timezone.localtime(moment)
    return format_html("{}<br>{}", date_format(local, "j M Y"), named(full_name))


def rag_badge(rag: str | None) -> str:
    if not rag:
        return "—"
    return render_to_string("includes/_rag.html", {"rag": rag, "label": Rag(rag).label})


class CollectionTable(tables.Table):
    """One row per measure due in the quarter, from ``selectors.collection_status``."""

    title = tables.Column(verbose_name="Measure", order_by=("title",))
    reporting_body = tables.Column(verbose_name="Reporting body", accessor="reporting_body__name")
    priority = tables.Column(verbose_name="Priority", order_by=("priority__order",))
    return_status = tables.Column(verbose_name="Status")
    return_value = tables.Column(verbose_name="Value", order_by=("return_value",))
    return_rag = tables.Column(verbose_name="RAG")
    submitted_at = tables.Column(verbose_name="Submitted")
    reviewed_at = tables.Column(verbose_name="Reviewed")

    class Meta:
        attrs = {"class": "table table-sm align-middle collection-table"}
        order_by = ("reporting_body",)
        empty_text = "No measure matches these filters."
        orderable = True
        template_name = "django_tables2/bootstrap5.html"

    def __init__(self, *args, period, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.today = today

    def render_title(self, record, value):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)

    def render_priority(self, record):
        return f"{record.priority.order}. {record.priority.title}"

    def render_return_status(self, record, value):
        flag = late_flag(record, self.period, self.today)
        label = STATUS_LABELS.get(value, value)
        pill = format_html(
            '<span class="status-pill status-{}">{}</span>',
            value if not flag else "overdue",
            f"{label} · {flag}" if flag else label,
        )
        if record.return_id:
            return format_html(
                '{} <a href="{}" class="d-block small">Open<span class="visually-hidden"> the '
                "return for {}</span></a>",
                pill,
                reverse("measures:return_detail", kwargs={"pk": record.return_id}),
                record.title,
            )
        return pill

    def render_return_value(self, record, value):
        if record.return_not_available:
            return "Not available"
        return in_unit(value, record.unit)

    def render_return_rag(self, value):
        return rag_badge(value)

    def render_submitted_at(self, record, value):
        who = when_and_who(value, record.submitted_by_name)
        if record.return_status == Return.Status.SUBMITTED and record.entered_by_manager:
            return format_html(
                '{}<span class="d-block small">Entered for the body: waiting for its chair or '
                "deputy chair, or another business manager, to confirm</span>",
                who,
            )
        return who

    def render_reviewed_at(self, record, value):
        return when_and_who(value, record.reviewed_by_name)

    def export_rows(self):
        """Header and plain rows for CSV/XLSX, over every filtered row (not one page)."""
        headers = [
            "Measure ID",
            "Measure",
            "Reporting body",
            "Priority",
            "Unit",
            "Target",
            "Status",
            "Late",
            "Value",
            "Not available",
            "RAG",
            "Commentary",
            "Feedback",
            "Submitted at",
            "Submitted by",
            "Reviewed at",
            "Reviewed by",
        ]
        rows = (
            [
                row.pk,
                row.title,
                row.reporting_body.name,
                f"{row.priority.order}. {row.priority.title}",
                row.get_unit_display(),
                row.target,
                STATUS_LABELS.get(row.return_status, row.return_status),
                late_flag(row, self.period, self.today),
                row.return_value,
                row.return_not_available,
                Rag(row.return_rag).label if row.return_rag else "",
                row.return_commentary,
                row.return_feedback,
                row.submitted_at,
                named(row.submitted_by_name) if row.submitted_at else "",
                row.reviewed_at,
                named(row.reviewed_by_name) if row.reviewed_at else "",
            ]
            for row in self.data.data
        )
        return headers, rows


class PastReturnsTable(tables.Table):
    """A body's returns in closed quarters."""

    period = tables.Column(verbose_name="Quarter", order_by=("period__start_date",))
    measure = tables.Column(verbose_name="Measure", order_by=("measure__title",))
    body = tables.Column(verbose_name="Reporting body", accessor="measure__reporting_body__name")
    value = tables.Column(verbose_name="Value")
    rag = tables.Column(verbose_name="RAG")
    status = tables.Column(verbose_name="Status")

    class Meta:
        attrs = {"class": "table table-sm align-middle"}
        empty_text = "No returns from closed quarters yet."
        template_name = "django_tables2/bootstrap5.html"
        orderable = False

    def render_measure(self, record, value):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("measures:return_detail", kwargs={"pk": record.pk}),
            value,
        )

    def render_value(self, record, value):
        if record.not_available:
            return "Not available"
        return in_unit(value, record.measure.unit)

    def render_rag(self, record):
        return rag_badge(record.rag)

    def render_status(self, record, value):
        return format_html(
            '<span class="status-pill status-{}">{}</span>',
            record.status,
            record.get_status_display(),
        )


# --- the review queue -------------------------------------------------------------------------


class ReviewQueueTable(tables.Table):
    """The submitted returns waiting for the viewer, from ``selectors.review_queue``, each with a
    labelled checkbox for "Approve selected"."""

    select = tables.Column(verbose_name="Select", empty_values=(), orderable=False)
    period = tables.Column(
        verbose_name="Quarter", order_by=("period__start_date", "measure__reporting_body__name")
    )
    body = tables.Column(
        verbose_name="Reporting body",
        accessor="measure__reporting_body__name",
        order_by=("measure__reporting_body__name", "measure__priority__order", "measure__title"),
    )
    measure = tables.Column(verbose_name="Measure", order_by=("measure__title", "pk"))
    value = tables.Column(verbose_name="Value", orderable=False)
    rag = tables.Column(verbose_name="RAG", orderable=False)
    submitted_at = tables.Column(verbose_name="Submitted")

    class Meta:
        attrs = {"class": "table table-sm align-middle"}
        empty_text = "Nothing is waiting for your review."
        template_name = "django_tables2/bootstrap5.html"

    def render_select(self, record):
        return format_html(
            '<input type="checkbox" class="form-check-input" name="returns" value="{}" '
            'id="select-return-{}"><label class="visually-hidden" for="select-return-{}">'
            "Select {} for {}</label>",
            record.pk,
            record.pk,
            record.pk,
            record.measure.title,
            record.period,
        )

    def render_measure(self, record, value):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("measures:return_detail", kwargs={"pk": record.pk}),
            value,
        )

    def render_value(self, record, value):
        if record.not_available:
            return "Not available"
        return in_unit(value, record.measure.unit)

    def render_rag(self, record):
        badge = rag_badge(record.rag)
        if record.is_rag_overridden:
            return format_html('{}<span class="d-block small">changed by hand</span>', badge)
        return badge

    def render_submitted_at(self, record, value):
        return when_and_who(value, record.submitted_by.get_full_name())
