"""Forms for plans and governance. They check each field and show the services' rules beside
the fields they concern; the services check the rules again when saving."""

import copy

from django import forms
from django.contrib.auth import get_user_model

from plans.models import GovernanceBody, Membership, Plan
from plans.services import (
    body_save_refusals,
    membership_save_refusals,
    plan_next_statuses,
    plan_save_refusals,
    plan_slug_on_save,
)
from sscp.editing import (
    ServiceModelForm,
    StaleEditFormMixin,
    add_refusals,
    limited_text_formfield,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def candidate_of(form: forms.ModelForm):
    """A copy of the form's object with the cleaned values, for checking rules before saving."""
    candidate = copy.copy(form.instance)
    for name, value in form.cleaned_data.items():
        if name in form._meta.fields:
            setattr(candidate, name, value)
    return candidate


class PlanForm(StaleEditFormMixin, ServiceModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "short_title",
            "start_date",
            "end_date",
            "vision",
            "predecessor",
            "status",
            "approval_date",
            "approved_by",
            "decision_reference",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "approval_date": DATE,
            "vision": forms.Textarea(attrs={"rows": 4}),
        }
        formfield_callback = limited_text_formfield
        help_texts = {
            "start_date": "1 April of the plan's first financial year.",
            "end_date": "31 March of its last financial year. The plan's years (for example "
            "2025-28) are its name in addresses and lists.",
            "approval_date": "Needed once the plan is approved.",
            "decision_reference": "Needed once the plan is approved, for example FP/18/12/05.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status if self.instance.pk else None
        allowed = (current, *plan_next_statuses(current)) if current else Plan.Status.values
        self.fields["status"].choices = [
            (value, label + (" (current status)" if value == current else ""))
            for value, label in Plan.Status.choices
            if value in allowed
        ]
        self.fields["status"].help_text = (
            "A plan moves from draft to consultation, approval, active and closed, one step at "
            "a time. Only one plan can be active."
        )
        self.stored_status = current
        self.stored_dates = (
            (self.instance.start_date, self.instance.end_date) if self.instance.pk else None
        )
        predecessors = Plan.objects.order_by("-start_date")
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
        self.fields["predecessor"].queryset = predecessors
        self.fields["predecessor"].empty_label = "None"

    def clean(self):
        cleaned = super().clean()
        plan = candidate_of(self)
        if plan.start_date and plan.end_date:
            plan.slug = plan_slug_on_save(plan, self.stored_dates)
        add_refusals(self, plan_save_refusals(plan=plan, previous_status=self.stored_status))
        return cleaned


class BodyForm(StaleEditFormMixin, ServiceModelForm):
    class Meta:
        model = GovernanceBody
        fields = ["name", "kind", "parent", "lead_partner", "remit", "is_active"]
        widgets = {"remit": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = limited_text_formfield
        labels = {"is_active": "Active", "parent": "Reports to"}
        help_texts = {"is_active": "An inactive body keeps its history but reports nothing."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = GovernanceBody.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = "Nobody (top of the tree)"
        self.fields["lead_partner"].empty_label = "None"

    def clean(self):
        cleaned = super().clean()
        add_refusals(self, body_save_refusals(candidate_of(self)))
        return cleaned


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class MembershipForm(ServiceModelForm):
    """Give a person a role in a body."""

    user = PersonChoiceField(
        label="Person",
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username"),
    )

    class Meta:
        model = Membership
        fields = ["user", "role", "role_title"]
        help_texts = {
            "role": "Chairs, deputy chairs and data leads submit the body's quarterly returns.",
        }

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body

    def clean(self):
        cleaned = super().clean()
        add_refusals(self, membership_save_refusals(candidate_of(self)))
        return cleaned


class MembershipRoleForm(ServiceModelForm):
    """Change the role a person holds in a body."""

    class Meta:
        model = Membership
        fields = ["role", "role_title"]
