"""Forms for the yearly report: start one for a year, write a section (with a priority's focus
for next year, or a table of figures), and say what a correction changes. Each form checks its
own fields; ``yearly.services`` checks the rest and refuses with a message."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from sscp.editing import (
    SHORT_TEXT_LENGTH,
    ServiceModelForm,
    StaleEditFormMixin,
    text_field,
)
from sscp.markdown import HINT
from yearly.models import YearlyReport, year_label
from yearly.sections import FIGURE_SECTIONS, PRIORITY_PREFIX, focus_key
from yearly.services import SECTION_TEXT_LENGTH

FIRST_YEAR = 2016
FIGURE_FORM_ROWS = 8
FIGURE_LABELS = {
    "training": ("Course or measure", "Number attended", "Confident afterwards (%)"),
    "cdop": ("Figure", "Number", "Percentage (if any)"),
}


def year_choices() -> list[tuple[int, str]]:
    today = timezone.localdate()
    latest = today.year if today.month >= 4 else today.year - 1
    return [(year, year_label(year)) for year in range(latest, FIRST_YEAR - 1, -1)]


class YearlyReportForm(ServiceModelForm):
    financial_year = forms.TypedChoiceField(
        coerce=int,
        choices=year_choices,
        label="Financial year",
        help_text="The report covers 1 April to 31 March.",
    )

    class Meta:
        model = YearlyReport
        fields = ["financial_year"]


class SectionForm(StaleEditFormMixin, forms.ModelForm):
    """One section's text; a priority's focus for next year; a figures section's rows."""

    class Meta:
        model = YearlyReport
        fields: list[str] = []

    def __init__(self, *args, key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.key = key
        report = self.instance
        is_figures = key in FIGURE_SECTIONS
        self.fields["text"] = text_field(
            max_length=SECTION_TEXT_LENGTH,
            rows=12,
            required=False,
            label="Introduction" if is_figures else "Text",
            help_text=HINT,
        )
        self.initial.setdefault("text", report.text_of(key))
        self.is_priority = key.startswith(PRIORITY_PREFIX)
        if self.is_priority:
            self.fields["focus"] = text_field(
                max_length=SECTION_TEXT_LENGTH,
                rows=6,
                required=False,
                label="Focus for next year",
                help_text=HINT,
            )
            self.initial.setdefault("focus", report.text_of(focus_key(key)))
        self.row_names = []
        if is_figures:
            labels = FIGURE_LABELS[key]
            rows = list((report.figures or {}).get(key, []))
            for index in range(max(FIGURE_FORM_ROWS, len(rows) + 2)):
                row = rows[index] if index < len(rows) else {}
                names = (f"row_{index}_label", f"row_{index}_number", f"row_{index}_percent")
                self.fields[names[0]] = forms.CharField(
                    max_length=SHORT_TEXT_LENGTH,
                    required=False,
                    label=f"{labels[0]}, row {index + 1}",
                )
                self.fields[names[1]] = forms.IntegerField(
                    min_value=0, required=False, label=f"{labels[1]}, row {index + 1}"
                )
                self.fields[names[2]] = forms.DecimalField(
                    min_value=0,
                    max_value=100,
                    decimal_places=1,
                    required=False,
                    label=f"{labels[2]}, row {index + 1}",
                )
                self.initial.setdefault(names[0], row.get("label", ""))
                self.initial.setdefault(names[1], row.get("number"))
                self.initial.setdefault(names[2], row.get("percent"))
                self.row_names.append(names)
        self.column_labels = FIGURE_LABELS.get(key, ())

    def figure_rows(self) -> list[dict]:
        return [
            {
                "label": self.cleaned_data.get(label) or "",
                "number": self.cleaned_data.get(number),
                "percent": self.cleaned_data.get(percent),
            }
            for label, number, percent in self.row_names
        ]

    def bound_rows(self):
        """The row fields, three at a time, for the table the template draws."""
        return [tuple(self[name] for name in names) for names in self.row_names]


class CorrectionForm(forms.Form):
    note = text_field(
        max_length=SHORT_TEXT_LENGTH,
        label="What the correction changes",
        help_text="Readers see this on the new version.",
    )
