"""Forms for writing, publishing and correcting progress reports. They read fields only; the
rules are the services' (``reports.services``), whose errors land beside the fields."""

from django import forms
from django.utils import timezone

from measures.models import ReportingPeriod
from plans.models import Plan, ProgressReport
from reports.selectors import periods_for_new_report, plans_for_new_report
from reports.services import TEXT_FIELDS
from reports.word_template import MAX_BYTES, REQUIRED_STYLES, check_template
from sscp.editing import SHORT_TEXT_LENGTH, limited_text_formfield, text_field


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
            "divisions": "Division and local member",
            "issues_for_consideration": "Issues for consideration and recommendations",
        }
        help_texts = {
            "lead_officer": "A role title, never a name: e.g. Assistant Director, Children's "
            "Services.",
            "author": "A role title, e.g. SSCP Business Manager.",
            "summary": "Leave a blank line between paragraphs.",
            "issues_for_consideration": "What the committee is asked to note, comment on or "
            "decide.",
            "consultations_undertaken": "The consultations and the commitments to children "
            "and young people recorded for the plan follow this text in the paper.",
            "background_papers": "One paper a line. To link a paper, end its line with its web "
            "address (https://...).",
        }
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "issues_for_consideration": forms.Textarea(attrs={"rows": 5}),
            "background": forms.Textarea(attrs={"rows": 5}),
            "consultations_undertaken": forms.Textarea(attrs={"rows": 5}),
            "implications": forms.Textarea(attrs={"rows": 5}),
            "background_papers": forms.Textarea(attrs={"rows": 4}),
        }
        formfield_callback = limited_text_formfield

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


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
