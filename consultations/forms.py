"""Forms for the business manager. The rules live in ``consultations.services``: each form's
``clean`` asks the service's ``*_refusals`` function so that a reason shows beside its field.
Every form carries the change it was opened at (``sscp.editing.StaleEditFormMixin``), so that a
save over someone else's newer change is refused."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from consultations import services
from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from priorities.models import Priority
from sscp.editing import (
    ServiceModelForm,
    StaleEditFormMixin,
    add_refusals,
    limited_text_formfield,
    text_field,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# A group's name and a consultation's web address are unique. Their two forms are plain model
# forms, which check that themselves and say so beside the field in their own words; the other
# forms are ServiceModelForms, leaving the rules across rows to the service.


class EngagementGroupForm(StaleEditFormMixin, forms.ModelForm):
    class Meta:
        model = EngagementGroup
        formfield_callback = limited_text_formfield
        fields = ["name", "kind", "description"]
        labels = {"kind": "Who is in it"}
        help_texts = {"description": "Who the group is and how it works, in a sentence or two."}
        error_messages = {
            "name": {
                "required": "Give the group a name.",
                "unique": "There is already a group with this name.",
            },
            "kind": {"required": "Choose who is in the group."},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ConsultationForm(StaleEditFormMixin, forms.ModelForm):
    methods = forms.MultipleChoiceField(
        label="How we consulted",
        choices=Consultation.Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    groups = forms.ModelMultipleChoiceField(
        label="Groups we reached",
        queryset=EngagementGroup.objects.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Missing a group? Add it to the list of engagement groups first.",
    )

    class Meta:
        model = Consultation
        formfield_callback = limited_text_formfield
        fields = [
            "plan",
            "title",
            "slug",
            "start_date",
            "end_date",
            "methods",
            "groups",
            "children_reached",
            "professionals_reached",
            "summary",
        ]
        labels = {
            "plan": "The plan it shaped",
            "slug": "Web address",
            "children_reached": "Number of children and young people reached",
            "professionals_reached": "Number of professionals reached",
            "summary": "What happened",
        }
        help_texts = {
            "slug": "Letters, numbers and hyphens. Leave blank to make it from the title.",
            "children_reached": "Leave blank if it was not recorded.",
            "professionals_reached": "Leave blank if it was not recorded.",
            "summary": "Who took part, how, and what came of it.",
        }
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "plan": {"required": "Choose the plan the consultation shaped."},
            "title": {"required": "Give the consultation a title."},
            "start_date": {
                "required": "Give the date the consultation started.",
                "invalid": "Give the start date as a real date, for example 1 June 2021.",
            },
            "end_date": {
                "required": "Give the date the consultation ended.",
                "invalid": "Give the end date as a real date, for example 31 October 2021.",
            },
            "slug": {"unique": "Another consultation already has this web address."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = self.fields["plan"].queryset.order_by("-start_date")
        self.fields["slug"].required = False
        for name in ("children_reached", "professionals_reached"):
            self.fields[name].widget.attrs["min"] = 0
            # the service's message is clearer than the field's own "greater than or equal to 0"
            self.fields[name].validators = []
            self.fields[name].min_value = None

    def clean(self):
        cleaned = super().clean()
        add_refusals(
            self,
            services.consultation_save_refusals(
                start_date=cleaned.get("start_date"),
                end_date=cleaned.get("end_date"),
                children_reached=cleaned.get("children_reached"),
                professionals_reached=cleaned.get("professionals_reached"),
                slug=cleaned.get("slug") or "",
                methods=cleaned.get("methods") or [],
            ),
        )
        return cleaned


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.slug}: {obj.title}"


class FeedbackForm(StaleEditFormMixin, ServiceModelForm):
    priorities = PriorityChoiceField(
        label="Priorities it informed",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Feedback
        formfield_callback = limited_text_formfield
        fields = ["said", "priorities", "not_linked"]
        labels = {
            "said": "What we were told",
            "not_linked": "Not linked to a priority",
        }
        help_texts = {
            "said": "In plain words a young person would use: this shows on “You said, we did”.",
            "not_linked": "Tick if this deliberately informed none of the priorities.",
        }
        widgets = {"said": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"said": {"required": "Say what we were told."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = list(self.instance.priorities.all()) if self.instance.pk else []
        choices = Priority.objects.select_related("plan").order_by("-plan__start_date", "order")
        self.fields["priorities"].queryset = choices.filter(
            retired_on__isnull=True
        ) | choices.filter(pk__in=[p.pk for p in linked])

    def clean(self):
        cleaned = super().clean()
        if "priorities" in cleaned:
            add_refusals(
                self,
                services.feedback_save_refusals(
                    priorities=cleaned["priorities"],
                    not_linked=cleaned.get("not_linked", False),
                ),
            )
        return cleaned


class CommitmentForm(StaleEditFormMixin, ServiceModelForm):
    update_text = text_field(
        label="What was done",
        required=False,
        help_text=(
            "Adds a dated update. Needed when you mark the commitment done: say what was done, "
            "in plain words."
        ),
    )
    update_date = forms.DateField(
        label="Date of the update", required=False, widget=DateInput, initial=timezone.localdate
    )

    class Meta:
        model = Commitment
        formfield_callback = limited_text_formfield
        fields = ["promise", "feedback", "owner_body", "due_date", "status", "status_reason"]
        labels = {
            "promise": "What we promised",
            "feedback": "What it answers",
            "owner_body": "Who is responsible",
            "due_date": "Due by",
            "status_reason": "Why it was not done",
        }
        help_texts = {
            "promise": "In plain words a young person would use: this shows on “You said, we did”.",
            "feedback": "The thing we were told that this promise answers, if there is one.",
            "status_reason": "Needed when the status is “Not done”.",
        }
        widgets = {
            "promise": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput,
            "status": forms.RadioSelect,
            "status_reason": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "promise": {"required": "Say what the partnership promised."},
            "owner_body": {"required": "Choose the body responsible for keeping the promise."},
            "status": {"required": "Choose the status."},
        }

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["feedback"].queryset = Feedback.objects.filter(consultation=consultation)
        self.fields["feedback"].empty_label = "— none in particular —"
        self.fields["owner_body"].queryset = self.fields["owner_body"].queryset.filter(
            is_active=True
        ) | self.fields["owner_body"].queryset.filter(pk=self.instance.owner_body_id or 0)
        self.fields["owner_body"].queryset = self.fields["owner_body"].queryset.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned:
            saved = self.instance.pk is not None
            add_refusals(
                self,
                services.commitment_save_refusals(
                    consultation=self.consultation,
                    status=cleaned["status"],
                    status_reason=cleaned.get("status_reason", ""),
                    feedback=cleaned.get("feedback"),
                    previous_status=(
                        Commitment.objects.get(pk=self.instance.pk).status if saved else None
                    ),
                    has_updates=saved and self.instance.updates.exists(),
                    update_text=cleaned.get("update_text", ""),
                    update_date=cleaned.get("update_date"),
                ),
            )
        return cleaned


class CommitmentUpdateForm(StaleEditFormMixin, ServiceModelForm):
    class Meta:
        model = CommitmentUpdate
        formfield_callback = limited_text_formfield
        fields = ["date", "text"]
        labels = {"text": "What happened"}
        help_texts = {"text": "In plain words: this shows on “You said, we did”."}
        widgets = {"date": DateInput, "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "date": {"required": "Give the date of the update."},
            "text": {"required": "Say what happened."},
        }


class ConsultationDocumentForm(StaleEditFormMixin, ServiceModelForm):
    url = forms.URLField(
        label="Link (web address)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Leave blank if it is not online, and say in the note where it is.",
    )

    class Meta:
        model = ConsultationDocument
        formfield_callback = limited_text_formfield
        fields = ["title", "url", "note"]
        error_messages = {"title": {"required": "Give the document a title."}}
