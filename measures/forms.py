"""Forms of the measures app."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone

from measures.formatting import in_unit
from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.services import RETURN_TEXT_LIMITS, ReturnFigures, measure_save_refusals
from plans.models import GovernanceBody
from priorities.models import Priority, Strategy
from sscp.editing import (
    SHORT_TEXT_LENGTH,
    ServiceModelForm,
    StaleEditFormMixin,
    limited_text_formfield,
    text_field,
)

# --- returns: entry, review, quarters and upload ----------------------------------------------


class ReturnForm(forms.Form):
    """What a reporter enters for one measure in one quarter. The form only reads the fields;
    the rules (unit, reasons, commentary) are the services', whose errors land beside the
    fields they concern."""

    value = forms.DecimalField(required=False, max_digits=12, decimal_places=2)
    not_available = forms.BooleanField(
        required=False, label="The figure is not available this quarter"
    )
    not_available_reason = text_field(
        max_length=RETURN_TEXT_LIMITS["not_available_reason"],
        rows=2,
        required=False,
        label="Why is it not available?",
    )
    rag_override = forms.ChoiceField(
        required=False,
        label="RAG rating",
        choices=[("", "Use the calculated RAG")] + list(Rag.choices),
        help_text="Change it only with a reason.",
    )
    rag_override_reason = text_field(
        max_length=RETURN_TEXT_LIMITS["rag_override_reason"],
        rows=2,
        required=False,
        label="Why does the RAG differ from the calculated one?",
    )
    commentary = text_field(
        max_length=RETURN_TEXT_LIMITS["commentary"],
        rows=4,
        required=False,
        help_text="What lies behind the figure. Needed when the RAG is amber or red.",
    )
    next_steps = text_field(
        max_length=RETURN_TEXT_LIMITS["next_steps"], required=False, label="Next steps"
    )
    figure_is_right = forms.BooleanField(required=False, label="Yes, this figure is right")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    # A figure more than this many times the largest the measure has had (its baseline and
    # the quarters before) is asked about once before it is submitted: a slipped digit or a
    # count entered as a percentage is caught by the person who knows the figure.
    UNUSUAL_FACTOR = 10

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.unusual = bool(self.data.get("figure_is_right"))
        value = self.fields["value"]
        value.label = f"Value ({measure.get_unit_display().lower()})"
        if measure.unit == Measure.Unit.PERCENTAGE:
            value.help_text = "A percentage from 0 to 100, up to two decimal places."
            value.widget.attrs.update(min="0", max="100", step="0.01")
        elif measure.unit == Measure.Unit.COUNT:
            value.help_text = "A whole number, 0 or more."
            value.widget.attrs.update(min="0", step="1")
        elif measure.unit == Measure.Unit.SCORE:
            value.help_text = "Up to two decimal places."
            value.widget.attrs.update(step="0.01")
        else:
            value.help_text = "0 or more, up to two decimal places."
            value.widget.attrs.update(min="0", step="0.01")
        value.widget.attrs["inputmode"] = "decimal"

    def clean_value(self):
        """The measure's rules for its unit, checked here too so that a wrong value is listed
        with the form's other problems (the services check it again)."""
        value = self.cleaned_data.get("value")
        problem = self.measure.value_error(value) if value is not None else None
        if problem:
            raise forms.ValidationError(problem)
        return value

    def asks_if_unusual(self, earlier: Iterable[Decimal | None]) -> bool:
        """Whether the value is far outside the measure's history (``UNUSUAL_FACTOR`` times its
        largest earlier figure or baseline) and "Yes, this figure is right" is not ticked: if
        so, the question is put beside the value and the form shows the box to tick."""
        value = self.cleaned_data.get("value")
        if value is None or self.cleaned_data.get("not_available"):
            return False
        known = [abs(figure) for figure in earlier if figure is not None]
        if self.measure.baseline is not None:
            known.append(abs(self.measure.baseline))
        largest = max(known, default=Decimal(0))
        if not largest or abs(value) <= largest * self.UNUSUAL_FACTOR:
            return False
        self.unusual = True
        if self.cleaned_data.get("figure_is_right"):
            return False
        unit = self.measure.unit
        self.add_error(
            "value",
            f"Is this right? {in_unit(value, unit)} is more than {self.UNUSUAL_FACTOR} times the "
            f"largest figure this measure has had ({in_unit(largest, unit)}). Check it, then "
            "tick “Yes, this figure is right” below to submit it.",
        )
        return True

    @staticmethod
    def initial_for(ret: Return | None) -> dict:
        if ret is None:
            return {"version": 0}
        return {
            "value": ret.value,
            "not_available": ret.not_available,
            "not_available_reason": ret.not_available_reason,
            "rag_override": ret.rag if ret.is_rag_overridden else "",
            "rag_override_reason": ret.rag_override_reason,
            "commentary": ret.commentary,
            "next_steps": ret.next_steps,
            "version": ret.version,
        }

    def figures(self) -> ReturnFigures:
        data = self.cleaned_data
        return ReturnFigures(
            value=data.get("value"),
            not_available=bool(data.get("not_available")),
            not_available_reason=data.get("not_available_reason") or "",
            rag_override=data.get("rag_override") or "",
            rag_override_reason=data.get("rag_override_reason") or "",
            commentary=data.get("commentary") or "",
            next_steps=data.get("next_steps") or "",
        )


class ReviewForm(forms.Form):
    """The version the reviewer saw, posted with approve, send back and reopen."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SendBackForm(ReviewForm):
    feedback = text_field(
        max_length=SHORT_TEXT_LENGTH,
        label="Feedback for the body",
        help_text="What needs to change before you can approve it.",
    )


class ReopenForm(ReviewForm):
    reason = text_field(
        max_length=SHORT_TEXT_LENGTH,
        label="Why reopen this approved return?",
        help_text="Kept in the return's history and shown to the body as feedback.",
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


class PeriodCreateForm(forms.Form):
    financial_year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        label="Financial year starting in",
        help_text="The calendar year the financial year starts in: 2025 for 2025-26.",
    )
    quarter = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (1, "Q1 (April to June)"),
            (2, "Q2 (July to September)"),
            (3, "Q3 (October to December)"),
            (4, "Q4 (January to March)"),
        ],
    )
    deadline = forms.DateField(
        required=False,
        widget=DateInput,
        help_text="Leave empty for six weeks after the quarter ends.",
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateField(widget=DateInput, label="New deadline")
    reason = text_field(
        max_length=SHORT_TEXT_LENGTH,
        rows=2,
        label="Why is the deadline moving?",
        help_text="Kept in the quarter's history.",
    )


class ReturnUploadForm(forms.Form):
    """A CSV or XLSX of figures for one open quarter."""

    SUBMIT = "submit"
    DRAFT = "draft"

    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.none(), label="Quarter", empty_label=None
    )
    file = forms.FileField(
        label="File (CSV or XLSX)",
        help_text="Columns: measure_id, value, not_available_reason, commentary, next_steps "
        "(rag and rag_override_reason optional). Download the template below.",
    )
    then = forms.ChoiceField(
        label="After import",
        choices=[
            (DRAFT, "Save as drafts for each body to check and submit"),
            (SUBMIT, "Submit them for review (another manager must approve them)"),
        ],
        initial=DRAFT,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = ReportingPeriod.objects.open().order_by("-start_date")


# --- measure definitions ----------------------------------------------------------------------


class PriorityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.long_label


class MeasureForm(StaleEditFormMixin, ServiceModelForm):
    """A measure's definition. Checks each figure against the unit and the polarity here, so
    that the message sits beside the field; measures.services checks them again on saving."""

    priority = PriorityChoice(queryset=Priority.objects.none())

    class Meta:
        model = Measure
        fields = [
            "title",
            "definition",
            "priority",
            "strategy",
            "reporting_body",
            "unit",
            "polarity",
            "baseline",
            "target",
            "tolerance",
            "data_source",
            "active",
            "reporting_from",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3}), "reporting_from": DateInput}
        formfield_callback = limited_text_formfield
        labels = {
            "active": "Active (collected every quarter)",
            "reporting_from": "Report from (first quarter of reporting)",
        }
        help_texts = {
            "priority": "The priority (shelf) of the plan the measure reports against.",
            "strategy": "The strategy the measure comes from; it must stand under the priority.",
            "reporting_body": "The body whose chair or data lead submits the quarterly return.",
            "baseline": "The figure before the plan started, in the measure's unit.",
            "target": "Required unless there is no target (monitored only).",
            "tolerance": "How far short of target is still amber rather than red, in the "
            "measure's unit.",
            "reporting_from": "Returns are due for every quarter whose deadline is on or after "
            "this date. A new measure starts from today, so it is not overdue for a quarter "
            "whose deadline has passed; clear it to collect every quarter of the plan.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = Q(retired_on__isnull=True)
        strategies = ~Q(status=Strategy.Status.RETIRED)
        bodies = Q(is_active=True)
        if self.instance.pk:
            current |= Q(pk=self.instance.priority_id)
            strategies |= Q(pk=self.instance.strategy_id)
            bodies |= Q(pk=self.instance.reporting_body_id)
        self.fields["priority"].queryset = (
            Priority.objects.filter(current)
            .select_related("plan")
            .order_by("-plan__start_date", "order")
        )
        self.fields["strategy"].queryset = Strategy.objects.filter(strategies).order_by("title")
        self.fields["strategy"].empty_label = "None"
        self.fields["reporting_body"].queryset = GovernanceBody.objects.filter(bodies).order_by(
            "name"
        )
        self.fields["tolerance"].required = False
        if not self.is_bound and self.instance.pk is None:
            # The first quarter whose deadline has not passed when the measure is added.
            self.initial.setdefault("reporting_from", timezone.localdate())
        if not self.is_bound:
            for name in ("baseline", "target", "tolerance"):
                value = getattr(self.instance, name)
                if value is not None:  # 45 rather than 45.00
                    self.initial[name] = f"{value.normalize():f}"

    def clean(self):
        cleaned = super().clean()
        candidate = Measure(
            **{
                name: cleaned.get(name)
                for name in ("unit", "polarity", "baseline", "target", "tolerance")
            },
            priority=cleaned.get("priority"),
            strategy=cleaned.get("strategy"),
        )
        for name, message in measure_save_refusals(candidate).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned
