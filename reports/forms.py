"""Forms for writing, publishing and correcting progress reports. They read fields only; the
rules are the services' (``reports.services``), whose errors land beside the fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from measures.models import ReportingPeriod
from plans.models import Plan, ProgressReport, ReportSignOff
from reports.selectors import periods_for_new_report, plans_for_new_report
from reports.services import TEXT_FIELDS
from reports.word_template import MAX_BYTES, REQUIRED_STYLES, check_template
from sscp.editing import SHORT_TEXT_LENGTH, limited_text_formfield, text_field
from sscp.markdown import HINT

# The written sections that take the Markdown subset (``sscp.markdown``).
FORMATTED = (
    "summary",
    "issues_for_consideration",
    "background",
    "consultations_undertaken",
    "financial_implications",
    "legal_implications",
    "hr_implications",
    "risk_implications",
    "equalities_implications",
    "other_implications",
)
SIGN_OFF_PARTS = ("seen_by", "signed_on", "sent_on")


class ReportCreateForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), empty_label=None)
    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.none(),
        label="Quarter",
        empty_label=None,
        help_text="The quarter whose approved returns the report shows.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans_for_new_report()
        self.fields["plan"].label_from_instance = lambda plan: plan.name
        self.fields["period"].queryset = periods_for_new_report(timezone.localdate())


class ReportForm(forms.ModelForm):
    """The written parts of a report, in the order the committee's papers use."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = ProgressReport
        fields = list(TEXT_FIELDS)
        labels = {
            "contact": "Contact mailbox",
            "divisions": "Division and local member",
            "issues_for_consideration": "Issues for consideration and recommendations",
            "hr_implications": "HR implications",
            "risk_likelihood": "Risk likelihood (1 to 5)",
            "risk_impact": "Risk impact (1 to 5)",
            "equalities_implications": "Equalities implications (due regard)",
        }
        help_texts = {
            "lead_officer": "A role title, never a name: e.g. Assistant Director, Children's "
            "Services.",
            "author": "A role title, e.g. SSCP Business Manager.",
            "contact": "A shared mailbox, e.g. sscp@example.org, never a person's address.",
            "forward_plan_reference": "The council's forward plan reference, if it has one, "
            "e.g. FP/24/12/05.",
            "summary": HINT,
            "issues_for_consideration": "What the committee is asked to note, comment on or "
            "decide. " + HINT,
            "consultations_undertaken": "The consultations and the commitments to children "
            "and young people recorded for the plan follow this text in the paper. " + HINT,
            "risk_implications": "The principal risk and how it is managed. " + HINT,
            "risk_likelihood": "With the impact, gives the risk score (likelihood x impact).",
            "risk_impact": "1 is the lowest, 5 the highest.",
            "background_papers": "One paper a line. To link a paper, end its line with its web "
            "address (https://...).",
        }
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "background_papers": forms.Textarea(attrs={"rows": 4}),
        } | {name: forms.Textarea(attrs={"rows": 5}) for name in FORMATTED[1:]}
        formfield_callback = limited_text_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FORMATTED:
            self.fields[name].help_text = self.fields[name].help_text or HINT
        for name in ("risk_likelihood", "risk_impact"):
            self.fields[name].error_messages |= {
                "min_value": "Give a number from 1 to 5.",
                "max_value": "Give a number from 1 to 5.",
            }
        rows = {row.role: row for row in self.instance.sign_offs.all()}
        for role in ReportSignOff.Role.values:
            row = rows.get(role)
            # each role's fields sit in a fieldset whose legend is the role
            self.fields[f"sign_off_{role}_seen_by"] = forms.CharField(
                label="Seen by (role title)",
                max_length=200,
                required=False,
                initial=row.seen_by if row else "",
            )
            for part, words in (("signed_on", "Signed off on"), ("sent_on", "Sent on")):
                self.fields[f"sign_off_{role}_{part}"] = forms.DateField(
                    label=words,
                    required=False,
                    initial=getattr(row, part) if row else None,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                )

    def text_fields(self):
        return [self[name] for name in self.Meta.fields]

    def sign_off_fields(self):
        """Each sign-off role's label and its three fields, for the sign-off table."""
        return [
            (label, [self[f"sign_off_{role}_{part}"] for part in SIGN_OFF_PARTS])
            for role, label in ReportSignOff.Role.choices
        ]

    def clean(self):
        cleaned = super().clean()
        for role, _ in ReportSignOff.Role.choices:
            values = {part: cleaned.get(f"sign_off_{role}_{part}") for part in SIGN_OFF_PARTS}
            try:
                ReportSignOff(role=role, **values).clean()
            except ValidationError as error:
                for part, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(f"sign_off_{role}_{part}", message)
        return cleaned

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def sign_offs(self) -> list[dict]:
        """The sign-off table as written: a row for each role with anything in it."""
        rows = []
        for role, _ in ReportSignOff.Role.choices:
            values = {
                part: self.cleaned_data.get(f"sign_off_{role}_{part}") for part in SIGN_OFF_PARTS
            }
            if any(values.values()):
                rows.append({"role": role, **values})
        return rows


class NotReceivedForm(forms.Form):
    note = text_field(
        max_length=SHORT_TEXT_LENGTH,
        rows=2,
        required=False,
        label="Note for the committee (optional)",
        help_text="For example: the figure will be reported next quarter.",
    )


class PublishForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SupersedeForm(forms.Form):
    reason = text_field(
        max_length=SHORT_TEXT_LENGTH,
        rows=4,
        label="Why is a new version needed?",
        help_text="The new version shows this reason to the committee.",
    )


class WordTemplateForm(forms.Form):
    """A Word document to write papers into; ``content`` holds it once checked."""

    file = forms.FileField(
        label="Word template (.docx)",
        help_text=(
            f"A Word Document of at most {MAX_BYTES // (1024 * 1024)} MB, without macros, with "
            f"the styles {', '.join(REQUIRED_STYLES)}. Start from the current template."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content = check_template(upload)
        return upload
