"""The search results page. Not kept in the page cache: every reader asks their own question,
so an entry would seldom be read twice, and a search reads every area of data, so any change
anywhere would throw the entries away."""

from django.http import QueryDict
from django.views.generic import TemplateView

from search import selectors
from search.forms import SearchForm
from search.rules import can_search
from sscp.mixins import RoleRequiredMixin


class SearchView(RoleRequiredMixin, TemplateView):
    permission = can_search
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asked = "q" in self.request.GET
        form = SearchForm(self.request.GET if asked else None)
        context["form"] = form
        if not asked or not form.is_valid():
            return context
        terms = form.cleaned_data["q"]
        kind, page = form.cleaned_data["kind"], form.cleaned_data["page"]
        groups = selectors.search(self.request.user, terms, kind=kind, page=page)
        context.update(
            terms=terms,
            kind=kind,
            page=page,
            groups=groups,
            per_kind=selectors.PER_KIND,
            most=selectors.MOST,
            everything_url=self._query(q=terms.text),
            full_text=selectors.uses_full_text(),
        )
        for group in groups:
            group.more_url = self._query(q=terms.text, kind=group.kind.key)
        if kind and groups:
            last = groups[0].pages
            if page > 1:
                context["previous_url"] = self._query(q=terms.text, kind=kind.key, page=page - 1)
            if page < last:
                context["next_url"] = self._query(q=terms.text, kind=kind.key, page=page + 1)
            context["last_page"] = last
        return context

    def _query(self, **params) -> str:
        query = QueryDict(mutable=True)
        query.update({key: value for key, value in params.items() if value})
        return f"{self.request.path}?{query.urlencode()}"
