"""Forms of the risk register."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from assurance.filters import SCORES
from assurance.models import IMPACT_HELP, LIKELIHOOD_HELP, ONE_TO_FIVE, Risk
from plans.forms import DATE
from plans.models import GovernanceBody, Plan
from priorities.models import Priority
from sscp.editing import (
    SHORT_TEXT_LENGTH,
    ServiceModelForm,
    StaleEditFormMixin,
    limited_text_formfield,
    text_field,
)

NO_IDENTIFYING_DETAILS = "Never a child's or family's name or other identifying details."


class PriorityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.slug}: {obj}"


class RiskForm(StaleEditFormMixin, ServiceModelForm):
    """A risk's description, owner, controls and target; a new risk also its current scores,
    which later only a review changes."""

    priority = PriorityChoice(queryset=Priority.objects.none(), required=False)

    class Meta:
        model = Risk
        fields = [
            "plan",
            "priority",
            "reference",
            "title",
            "cause",
            "consequence",
            "owner_role",
            "owner_body",
            "likelihood",
            "impact",
            "target_likelihood",
            "target_impact",
            "existing_controls",
            "further_actions",
            "review_date",
            "status",
        ]
        widgets = {
            "review_date": DATE,
            "likelihood": forms.Select(choices=SCORES),
            "impact": forms.Select(choices=SCORES),
            "target_likelihood": forms.Select(choices=SCORES),
            "target_impact": forms.Select(choices=SCORES),
        }
        labels = {"owner_body": "Owning body"}
        help_texts = {
            "cause": NO_IDENTIFYING_DETAILS,
            "consequence": NO_IDENTIFYING_DETAILS,
            "existing_controls": "What is in place now. " + NO_IDENTIFYING_DETAILS,
            "further_actions": "What more is planned, by whom and when.",
        }
        formfield_callback = limited_text_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # a risk's current scores change only by a review, which keeps them for its trend
            del self.fields["likelihood"], self.fields["impact"]
        else:
            del self.fields["status"]
        self.fields["plan"].queryset = Plan.objects.order_by("-start_date")
        self.fields["priority"].queryset = (
            Priority.objects.filter(retired_on__isnull=True)
            .select_related("plan")
            .order_by("-plan__start_date", "order")
        )
        bodies = Q(is_active=True)
        if self.instance.pk:
            bodies |= Q(pk=self.instance.owner_body_id)
        self.fields["owner_body"].queryset = GovernanceBody.objects.filter(bodies).order_by("name")


class RiskReviewForm(forms.Form):
    likelihood = forms.TypedChoiceField(
        label="Likelihood now",
        choices=SCORES,
        coerce=int,
        help_text=LIKELIHOOD_HELP,
        error_messages={"invalid_choice": ONE_TO_FIVE},
    )
    impact = forms.TypedChoiceField(
        label="Impact now",
        choices=SCORES,
        coerce=int,
        help_text=IMPACT_HELP,
        error_messages={"invalid_choice": ONE_TO_FIVE},
    )
    reviewed_on = forms.DateField(label="Reviewed on", widget=DATE)
    next_review = forms.DateField(label="Next review by", widget=DATE)
    note = text_field(
        max_length=SHORT_TEXT_LENGTH,
        required=False,
        label="What the review found",
        help_text="Why the scores changed or stayed. " + NO_IDENTIFYING_DETAILS,
    )
    last_change = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, risk: Risk, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("likelihood", "impact"):
            self.initial.setdefault(name, getattr(risk, name))
        self.initial.setdefault("reviewed_on", timezone.localdate())
