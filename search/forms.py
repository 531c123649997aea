"""The search box: what was typed, and which kind and page of results to show."""

from django import forms

from search.kinds import BY_KEY
from search.selectors import MAX_LENGTH, Terms


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_LENGTH,
        error_messages={
            "required": "Enter the words to search for.",
            "max_length": f"Search for {MAX_LENGTH} characters or fewer "
            "(you entered %(show_value)d).",
        },
    )
    kind = forms.ChoiceField(
        required=False, choices=[("", "Everything"), *((k, v.label) for k, v in BY_KEY.items())]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def clean_q(self) -> Terms:
        terms = Terms(self.cleaned_data["q"])
        if not terms.words:
            raise forms.ValidationError(
                "Enter words to search for: letters or numbers, not only punctuation.",
                code="no_words",
            )
        return terms
