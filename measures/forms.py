"""Forms for measures."""

from django import forms
from django.db.models import Q

from measures.models import Measure
from measures.services import measure_definition_errors
from plans.models import GovernanceBody
from priorities.models import Priority, Strategy
from sscp.editing import ServiceModelForm, StaleEditFormMixin

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
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        labels = {"active": "Active (collected every quarter)"}
        help_texts = {
            "priority": "The priority (shelf) of the plan the measure reports against.",
            "strategy": "The strategy the measure comes from; it must stand under the priority.",
            "reporting_body": "The body whose chair or data lead submits the quarterly return.",
            "baseline": "The figure before the plan started, in the measure's unit.",
            "target": "Required unless there is no target (monitored only).",
            "tolerance": "How far short of target is still amber rather than red, in the "
            "measure's unit.",
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
        for name, message in measure_definition_errors(candidate).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned
