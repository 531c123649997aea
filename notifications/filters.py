"""Filters of the inbox and of the managers' e-mail log."""

import django_filters
from django.db.models import Q

from notifications.models import Kind

UNREAD, READ = "unread", "read"
SENT, WAITING, FAILED = "sent", "waiting", "failed"


class InboxFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label="Show",
        choices=[(UNREAD, "Unread only"), (READ, "Read only")],
        method="filter_state",
        empty_label="Read and unread",
    )
    kind = django_filters.ChoiceFilter(label="Kind", choices=Kind.choices, empty_label="Any kind")

    def filter_state(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value == UNREAD)


class EmailLogFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label="To or subject", method="filter_search")
    state = django_filters.ChoiceFilter(
        label="State",
        choices=[
            (SENT, "Sent"),
            (WAITING, "Waiting to be sent"),
            (FAILED, "Failed at least once"),
        ],
        method="filter_state",
        empty_label="Any state",
    )

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(to__icontains=value) | Q(subject__icontains=value))

    def filter_state(self, queryset, name, value):
        if value == SENT:
            return queryset.filter(sent_at__isnull=False)
        if value == WAITING:
            return queryset.filter(sent_at__isnull=True)
        return queryset.exclude(last_error="")
