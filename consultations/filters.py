"""Filters for the long lists: commitments, engagement groups and consultations."""

import django_filters
from django import forms

from consultations.models import Commitment, Consultation, EngagementGroup
from plans.models import GovernanceBody
from plans.rules import visible_plans

OPEN = "open"
OVERDUE = "overdue"


class PlanChoicesMixin:
    """The plans offered to filter by: those the reader may see (no draft for most)."""

    def plans(self):
        user = getattr(self.request, "user", None)
        return visible_plans(user).order_by("-start_date")


class ConsultationFilter(PlanChoicesMixin, django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        label="Plan",
        queryset=None,
        to_field_name="slug",
        empty_label="All plans",
    )

    class Meta:
        model = Consultation
        fields = ["plan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["plan"].queryset = self.plans()


class CommitmentFilter(PlanChoicesMixin, django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[
            (OPEN, "Still open (planned or in progress)"),
            (OVERDUE, "Overdue (open past its due date)"),
            *Commitment.Status.choices,
        ],
        method="filter_status",
        empty_label="Any status",
    )
    owner_body = django_filters.ModelChoiceFilter(
        label="Who is responsible", queryset=None, empty_label="Anyone"
    )
    plan = django_filters.ModelChoiceFilter(
        label="Plan",
        field_name="consultation__plan",
        queryset=None,
        to_field_name="slug",
        empty_label="All plans",
    )
    search = django_filters.CharFilter(
        label="Words in the promise", field_name="promise", lookup_expr="icontains"
    )

    class Meta:
        model = Commitment
        fields = ["status", "owner_body", "plan", "search"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner_body"].queryset = GovernanceBody.objects.filter(
            pk__in=Commitment.objects.values("owner_body_id")
        ).order_by("name")
        self.filters["plan"].queryset = self.plans()

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.open()
        if value == OVERDUE:
            return queryset.overdue()
        return queryset.filter(status=value)


class EngagementGroupFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="Who is in it", choices=EngagementGroup.Kind.choices, empty_label="Anyone"
    )
    search = django_filters.CharFilter(
        label="Name contains",
        field_name="name",
        lookup_expr="icontains",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = EngagementGroup
        fields = ["kind", "search"]
