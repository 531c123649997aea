"""Forms of the risk register and the reviews register."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from assurance.filters import SCORES
from assurance.models import (
    IMPACT_HELP,
    LIKELIHOOD_HELP,
    NO_IDENTIFYING_DETAILS,
    ONE_TO_FIVE,
    Action,
    LearningTheme,
    Recommendation,
    Review,
    Risk,
)
from plans.forms import DATE
from plans.models import GovernanceBody, Partner, Plan
from priorities.models import Priority
from sscp.editing import (
    SHORT_TEXT_LENGTH,
    ServiceModelForm,
    StaleEditFormMixin,
    limited_text_formfield,
    text_field,
)
from sscp.uploads import DOCX, MB, PDF, PNG, XLSX, check_upload, megabytes

# What may be attached to an action's update as evidence.
EVIDENCE_KINDS = (PDF, DOCX, XLSX, PNG)
EVIDENCE_MAX_BYTES = 10 * MB


def current_priorities():
    """The priorities still in force, newest plan first, with their plan (for the labels)."""
    return (
        Priority.objects.filter(retired_on__isnull=True)
        .select_related("plan")
        .order_by("-plan__start_date", "order")
    )


def active_bodies(*, and_pk: int | None = None):
    """The active bodies, and the one already chosen (``and_pk``) even if it has closed since."""
    return GovernanceBody.objects.filter(Q(is_active=True) | Q(pk=and_pk)).order_by("name")


class PriorityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.slug}: {obj}"


class PriorityChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return PriorityChoice.label_from_instance(self, obj)


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
        self.fields["priority"].queryset = current_priorities()
        self.fields["owner_body"].queryset = active_bodies(and_pk=self.instance.owner_body_id)


def score_choice(label: str, help_text: str) -> forms.TypedChoiceField:
    """A score from 1 to 5, refused in the register's words when outside them."""
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        help_text=help_text,
        error_messages={"invalid_choice": ONE_TO_FIVE},
    )


class RiskReviewForm(forms.Form):
    likelihood = score_choice("Likelihood now", LIKELIHOOD_HELP)
    impact = score_choice("Impact now", IMPACT_HELP)
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


REVIEW_FIELDSETS = [
    ("The review", ["kind", "title", "lead_body", "status", "summary", "themes", "priorities"]),
    (
        "Rapid review",
        ["notified_on", "completed_on", "decision", "panel_told_on"],
    ),
    (
        "LCSPR",
        ["commissioned_on", "author_role", "family_involvement", "published_on", "briefing_url"],
    ),
    ("Audit", ["scope", "partners", "other_agencies", "findings"]),
]


class ReviewForm(StaleEditFormMixin, ServiceModelForm):
    """A review or audit: what every review has, then the parts for a rapid review, an LCSPR
    and an audit (``REVIEW_FIELDSETS``: the page shows them in groups)."""

    LINKS = ("themes", "priorities", "partners")

    priorities = PriorityChoices(
        queryset=Priority.objects.none(),
        required=False,
        label="Plan priorities",
        widget=forms.CheckboxSelectMultiple,
    )
    briefing_url = forms.URLField(
        label="Learning briefing (link)", required=False, assume_scheme="https"
    )

    class Meta:
        model = Review
        fields = [name for _, names in REVIEW_FIELDSETS for name in names]
        widgets = {
            "notified_on": DATE,
            "completed_on": DATE,
            "panel_told_on": DATE,
            "commissioned_on": DATE,
            "published_on": DATE,
            "themes": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("summary", "family_involvement", "scope", "other_agencies", "findings")
            },
        }
        labels = {"summary": "Summary", "decision": "Decision"}
        help_texts = {
            "decision": "Rapid reviews: needed before the review is completed.",
            "summary": "What it looked at and found, in brief: scrutiny members read this "
            "once an LCSPR or audit is published. " + NO_IDENTIFYING_DETAILS,
        }
        formfield_callback = limited_text_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = LearningTheme.objects.all()
        self.fields["partners"].queryset = Partner.objects.all()
        self.fields["priorities"].queryset = current_priorities()
        self.fields["lead_body"].queryset = active_bodies(and_pk=self.instance.lead_body_id)

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in REVIEW_FIELDSETS]

    @property
    def links(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.LINKS}


# --- recommendations and actions --------------------------------------------------------------


class RecommendationForm(ServiceModelForm):
    class Meta:
        model = Recommendation
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = limited_text_formfield


class ActionForm(StaleEditFormMixin, ServiceModelForm):
    """An action's wording, owner, lead and due date. The owning body is one of the active
    bodies (the form refuses any other id); a new action starts "not started"."""

    class Meta:
        model = Action
        fields = ["text", "owner_body", "lead_role", "due_on", "status"]
        widgets = {"due_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"owner_body": "Owning body"}
        help_texts = {
            "lead_role": "A role title, never a name.",
            "status": "Superseded: replaced by another action. Complete: only by signing off.",
        }
        error_messages = {"owner_body": {"required": "Choose the body that owns the action."}}
        formfield_callback = limited_text_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = active_bodies(and_pk=self.instance.owner_body_id)
        if self.instance.pk:
            self.fields["status"].choices = [
                (value, label)
                for value, label in Action.Status.choices
                if value != Action.Status.COMPLETE or self.instance.status == value
            ]
        else:
            del self.fields["status"]


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status now",
        choices=[(s.value, s.label) for s in Action.PROGRESS],
        widget=forms.RadioSelect,
    )
    text = text_field(
        max_length=SHORT_TEXT_LENGTH,
        label="What has been done",
        help_text=NO_IDENTIFYING_DETAILS,
    )
    evidence_url = forms.URLField(
        label="Evidence (link, optional)",
        required=False,
        assume_scheme="https",
        help_text="A link to the evidence, e.g. a page or document on the partnership's site.",
    )
    evidence_file = forms.FileField(
        label="Evidence (file, optional)",
        required=False,
        widget=forms.FileInput(
            attrs={"accept": ",".join(f".{kind.extension}" for kind in EVIDENCE_KINDS)}
        ),
        help_text=(
            f"A PDF, Word (.docx), Excel (.xlsx) or PNG file of at most "
            f"{megabytes(EVIDENCE_MAX_BYTES)}, instead of or as well as a link."
        ),
        error_messages={"empty": "The file is empty. Choose the file again, or another one."},
    )
    done = forms.BooleanField(
        label="The action is done: ask the business manager to sign it off",
        required=False,
    )
    last_change = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_evidence_file(self):
        upload = self.cleaned_data["evidence_file"]
        if not upload:
            return None
        return check_upload(
            upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES, purpose="a document"
        )


class ActionSendBackForm(forms.Form):
    reason = text_field(
        max_length=SHORT_TEXT_LENGTH,
        label="Why it is sent back",
        help_text="What more the body needs to do or show. " + NO_IDENTIFYING_DETAILS,
    )
    last_change = forms.IntegerField(required=False, widget=forms.HiddenInput)
