"""Sortable tables for the long lists (django-tables2), drawn by includes/_table.html."""

import django_tables2 as tables
from django.utils.html import format_html

from consultations.models import Commitment, EngagementGroup

TEMPLATE = "consultations/includes/_table.html"
OVERDUE_FLAG = format_html(' <strong class="{}">{}</strong>', "text-overdue", "Overdue")


class CommitmentTable(tables.Table):
    caption = "Commitments"
    promise = tables.Column(verbose_name="What we promised", linkify=True)
    consultation = tables.Column(
        verbose_name="Consultation", linkify=True, order_by=("consultation__start_date",)
    )
    owner_body = tables.Column(verbose_name="Who is responsible", order_by=("owner_body__name",))
    due_date = tables.DateColumn(
        verbose_name="Due by", format="j M Y", attrs={"td": {"class": "text-nowrap"}}
    )
    status = tables.Column(verbose_name="Status")
    last_update = tables.DateColumn(
        verbose_name="Latest update", format="j M Y", attrs={"td": {"class": "text-nowrap"}}
    )

    class Meta:
        model = Commitment
        fields = ["promise", "consultation", "owner_body", "due_date", "status", "last_update"]
        template_name = TEMPLATE
        order_by = ("due_date",)
        empty_text = "No commitments match these filters."
        attrs = {"class": "table align-middle"}

    def render_status(self, record, value):
        return format_html(
            '<span class="status-pill status-{}">{}</span>{}',
            record.status,
            value,
            OVERDUE_FLAG if record.is_overdue else "",
        )

    def render_owner_body(self, value):
        return value.name


class EngagementGroupTable(tables.Table):
    caption = "Engagement groups"
    name = tables.Column(verbose_name="Group", linkify=True)
    kind = tables.Column(verbose_name="Who is in it")
    consultation_count = tables.Column(verbose_name="Consultations")

    class Meta:
        model = EngagementGroup
        fields = ["name", "kind", "consultation_count"]
        template_name = TEMPLATE
        order_by = ("name",)
        empty_text = "No groups match these filters."
        attrs = {"class": "table align-middle"}
