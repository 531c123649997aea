"""The search box: what was typed, and which kind and page of results to show."""

from django import forms

from search.kinds import BY_KEY, Kind
from search.selectors import MAX_LENGTH, Terms

MAX_PAGE = 10_000


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
    # Read leniently, as list pages read theirs: an unknown kind is every kind, a page that is
    # not a whole number from 1 is the first.
    kind = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def clean_q(self) -> Terms:
        terms = Terms(self.cleaned_data["q"])
        if not terms.words:
            raise forms.ValidationError(
                "Enter words to search for: letters or numbers, not only punctuation.",
                code="no_words",
            )
        return terms

    def clean_kind(self) -> Kind | None:
        return BY_KEY.get(self.cleaned_data["kind"])

    def clean_page(self) -> int:
        try:
            page = int(self.cleaned_data["page"])
        except ValueError:
            return 1
        return min(max(page, 1), MAX_PAGE)
