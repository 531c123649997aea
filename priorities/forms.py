"""Forms for priorities and strategies. They check each field; priorities.services checks the
rules across rows."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from plans.models import GovernanceBody
from priorities.models import Priority, Strategy
from sscp.editing import (
    SHORT_TEXT_LENGTH,
    ServiceModelForm,
    StaleEditFormMixin,
    limited_text_formfield,
    text_field,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PriorityChoices(forms.ModelMultipleChoiceField):
    """Priorities named with their plan, as they come from several plans."""

    def label_from_instance(self, obj) -> str:
        return obj.long_label


class PriorityForm(StaleEditFormMixin, ServiceModelForm):
    continues = PriorityChoices(
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Carries forward",
        help_text="The priorities of earlier plans this one continues, for the timeline across "
        "plans.",
    )

    class Meta:
        model = Priority
        fields = ["title", "description", "continues"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = limited_text_formfield

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["continues"].queryset = (
            Priority.objects.filter(plan__start_date__lt=plan.start_date)
            .select_related("plan")
            .order_by("-plan__start_date", "order")
        )


class PriorityRetireForm(StaleEditFormMixin, forms.Form):
    retired_on = forms.DateField(
        label="Retired on", widget=DATE, help_text="The date the priority came off the plan."
    )
    retired_reason = text_field(
        max_length=SHORT_TEXT_LENGTH,
        label="Why it is retired",
        help_text="Shown beside the retired priority on the Plan on a Page.",
    )

    def __init__(self, *args, instance: Priority, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.initial.setdefault("retired_on", timezone.localdate())


class StrategyForm(StaleEditFormMixin, ServiceModelForm):
    document_url = forms.URLField(
        label="Link to the strategy document", required=False, assume_scheme="https"
    )
    priorities = PriorityChoices(
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Priorities it stands under",
        help_text="The shelves this strategy stands on, in any plan.",
    )

    class Meta:
        model = Strategy
        fields = [
            "title",
            "summary",
            "owner_body",
            "lead_role",
            "governance_route",
            "status",
            "review_date",
            "document_url",
            "priorities",
        ]
        labels = {"owner_body": "Accountable body"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "review_date": DATE}
        formfield_callback = limited_text_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = Q(strategies=self.instance) if self.instance.pk else Q(pk__in=[])
        self.fields["priorities"].queryset = (
            Priority.objects.filter(Q(retired_on__isnull=True) | linked)
            .select_related("plan")
            .distinct()
            .order_by("-plan__start_date", "order")
        )
        bodies = Q(is_active=True)
        if self.instance.pk:
            bodies |= Q(pk=self.instance.owner_body_id)
        self.fields["owner_body"].queryset = GovernanceBody.objects.filter(bodies).order_by("name")
