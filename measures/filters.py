"""Filters of the measures app's lists (django-filter)."""

import django_filters
from django.db.models import Q

from measures.models import Rag, Return
from measures.selectors import NOT_STARTED

# --- a quarter's collection status ------------------------------------------------------------

OVERDUE = "overdue"
STATUS_CHOICES = [
    (NOT_STARTED, "Not started"),
    *Return.Status.choices,
    (OVERDUE, "Overdue (not received by the deadline)"),
]


class CollectionFilter(django_filters.FilterSet):
    """Filters the rows of ``selectors.collection_status``: by body, priority, status and RAG.
    ``bodies`` and ``priorities`` are ``(pk, label)`` choices (``selectors.collection_choices``)."""

    reporting_body = django_filters.ChoiceFilter(
        field_name="reporting_body", label="Reporting body", choices=[], empty_label="All"
    )
    priority = django_filters.ChoiceFilter(
        field_name="priority", label="Priority", choices=[], empty_label="All"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status", empty_label="All"
    )
    rag = django_filters.ChoiceFilter(
        label="RAG", choices=Rag.choices, field_name="return_rag", empty_label="All"
    )

    def __init__(self, *args, period, today, bodies, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.today = today
        self.filters["reporting_body"].extra["choices"] = bodies
        self.filters["priority"].extra["choices"] = priorities

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            if self.today <= self.period.deadline:
                return queryset.none()
            return queryset.exclude(
                Q(return_status=Return.Status.SUBMITTED) | Q(return_status=Return.Status.APPROVED)
            )
        return queryset.filter(return_status=value)


# --- the review queue -------------------------------------------------------------------------


class ReviewQueueFilter(django_filters.FilterSet):
    """Filters ``selectors.review_queue`` by quarter and reporting body."""

    period = django_filters.ModelChoiceFilter(
        field_name="period", label="Quarter", queryset=None, empty_label="All"
    )
    reporting_body = django_filters.ModelChoiceFilter(
        field_name="measure__reporting_body",
        label="Reporting body",
        queryset=None,
        empty_label="All",
    )

    def __init__(self, *args, periods, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["period"].queryset = periods
        self.filters["reporting_body"].queryset = bodies
