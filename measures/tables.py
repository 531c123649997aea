"""Tables of the measures app (django-tables2): past returns and the review queue. A
quarter's collection status is drawn with a plain template (``measures.collection``)."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from measures.formatting import in_unit
from measures.models import Rag
from sscp.people import named

# --- past returns -----------------------------------------------------------------------------


def when_and_who(moment, full_name: str | None) -> str:
    local = timezone.localtime(moment)
    return format_html("{}<br>{}", date_format(local, "j M Y"), named(full_name))


def rag_badge(rag: str | None) -> str:
    if not rag:
        return "—"
    return render_to_string("includes/_rag.html", {"rag": rag, "label": Rag(rag).label})


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
