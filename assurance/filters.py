"""The filters of the risk register and the reviews register."""

import django_filters
from django.conf import settings
from django.utils import timezone

from assurance.models import Action, LearningTheme, Review, Risk
from plans.models import GovernanceBody
from plans.rules import visible_plans
from priorities.models import Priority

OVERDUE = "overdue"
SCORES = [(n, str(n)) for n in range(1, 6)]


def _bands() -> list[tuple[str, str]]:
    return [(name, name) for _, name in settings.SSCP_RISK_BANDS]


class RiskFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        label="Plan", queryset=None, to_field_name="slug", empty_label="All plans"
    )
    owner_body = django_filters.ModelChoiceFilter(
        label="Owning body", queryset=None, empty_label="Any body"
    )
    band = django_filters.ChoiceFilter(
        label="Band now", choices=_bands, method="filter_band", empty_label="Any band"
    )
    likelihood = django_filters.ChoiceFilter(
        label="Likelihood now", choices=SCORES, empty_label="Any likelihood"
    )
    impact = django_filters.ChoiceFilter(
        label="Impact now", choices=SCORES, empty_label="Any impact"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[*Risk.Status.choices, (OVERDUE, "Open, review overdue")],
        method="filter_status",
        empty_label="Any status",
    )

    class Meta:
        model = Risk
        fields = ["plan", "owner_body", "band", "likelihood", "impact", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["plan"].queryset = visible_plans(request.user).order_by("-start_date")
        self.filters["owner_body"].queryset = GovernanceBody.objects.filter(
            pk__in=Risk.objects.values("owner_body_id")
        ).order_by("name")

    def filter_band(self, queryset, name, value):
        bands = settings.SSCP_RISK_BANDS
        for index, (lowest, band) in enumerate(bands):
            if band == value:
                highest = bands[index + 1][0] - 1 if index + 1 < len(bands) else 25
                return queryset.with_score().filter(
                    current_score__gte=lowest, current_score__lte=highest
                )
        return queryset

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.filter(status=Risk.Status.OPEN, review_date__lt=timezone.localdate())
        return queryset.filter(status=value)


class ReviewFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Review.Kind.choices, empty_label="Any kind"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Review.Status.choices, empty_label="Any status"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Learning theme", field_name="themes", queryset=None, empty_label="Any theme"
    )
    lead_body = django_filters.ModelChoiceFilter(
        label="Lead body", queryset=None, empty_label="Any body"
    )

    class Meta:
        model = Review
        fields = ["kind", "status", "theme", "lead_body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["theme"].queryset = LearningTheme.objects.all()
        self.filters["lead_body"].queryset = GovernanceBody.objects.filter(
            pk__in=Review.objects.values("lead_body_id")
        ).order_by("name")


class ActionFilter(django_filters.FilterSet):
    owner_body = django_filters.ModelChoiceFilter(
        label="Owning body", queryset=None, empty_label="Any body"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Learning theme",
        field_name="recommendation__review__themes",
        queryset=None,
        empty_label="Any theme",
    )
    priority = django_filters.ModelChoiceFilter(
        label="Plan priority",
        field_name="recommendation__review__priorities",
        queryset=None,
        empty_label="Any priority",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("open", "Open"), *Action.Status.choices],
        method="filter_status",
        empty_label="Any status",
    )
    overdue = django_filters.ChoiceFilter(
        label="Due date",
        choices=[(OVERDUE, "Overdue only")],
        method="filter_overdue",
        empty_label="Any due date",
    )

    class Meta:
        model = Action
        fields = ["owner_body", "theme", "priority", "status", "overdue"]

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner_body"].queryset = bodies.order_by("name")
        self.filters["theme"].queryset = LearningTheme.objects.all()
        self.filters["priority"].queryset = Priority.objects.filter(
            pk__in=Review.priorities.through.objects.values("priority_id")
        ).order_by("plan__start_date", "order")

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        return queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue(timezone.localdate())
        return queryset
