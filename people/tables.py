"""The people page's table and its spreadsheet rows."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from people.selectors import STATES

STATE_LABELS = dict(STATES)


def roles_text(person) -> list[str]:
    """The person's roles, in words: groups first, then each body membership, then the
    statutory partners they lead."""
    return (
        [group.name.removesuffix("s") for group in person.groups.all()]
        + [
            f"{membership.get_role_display()} of {membership.body}"
            for membership in person.memberships.all()
        ]
        + [f"Lead of {lead.partner}" for lead in person.partner_leads.all()]
    )


class PeopleTable(tables.Table):
    full_name = tables.Column(verbose_name="Name", order_by=("sort_name", "pk"))
    email = tables.Column(verbose_name="E-mail")
    organisation = tables.Column(
        verbose_name="Organisation", accessor="profile__partner__name", default="—"
    )
    roles = tables.Column(verbose_name="Roles", accessor="pk", orderable=False)
    state = tables.Column(verbose_name="State")
    last_login = tables.DateTimeColumn(
        verbose_name="Last signed in", format="j M Y H:i", default="Never"
    )
    two_factor = tables.Column(verbose_name="Two-factor")

    class Meta:
        attrs = {"class": "table table-sm align-middle people-table"}
        empty_text = "Nobody matches these filters."
        orderable = True

    def render_full_name(self, record, value):
        return format_html(
            '<a href="{}">{}</a>', reverse("people:person", kwargs={"pk": record.pk}), value
        )

    def render_roles(self, record):
        lines = roles_text(record)
        if not lines:
            return "None"
        return format_html_join("", '<span class="d-block">{}</span>', ((line,) for line in lines))

    def render_state(self, value):
        return format_html(
            '<span class="status-pill status-{}">{}</span>', value, STATE_LABELS[value]
        )

    def render_two_factor(self, value):
        return "On" if value else "Off"

    def export_rows(self):
        headers = [
            "Name",
            "E-mail",
            "Organisation",
            "Roles",
            "State",
            "Last signed in",
            "Two-factor",
        ]
        rows = (
            [
                person.full_name,
                person.email,
                getattr(_partner(person), "name", ""),
                "; ".join(roles_text(person)),
                STATE_LABELS[person.state],
                person.last_login,
                person.two_factor,
            ]
            for person in self.data.data
        )
        return headers, rows


def _partner(person):
    profile = getattr(person, "profile", None)
    return profile.partner if profile is not None else None
