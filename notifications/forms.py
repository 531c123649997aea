"""The preferences form: one choice of delivery per kind of notification."""

from django import forms

from notifications.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """A field per kind, named by the kind; a posted kind this form does not know is ignored
    and a delivery it does not know is an error, so nothing unknown is ever saved."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=initial_choices.get(kind.value, Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
            )
