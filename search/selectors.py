"""The search itself: one query per kind, whatever the data holds.

Each query returns the kind's first rows and, on every row, how many rows matched in all
(``COUNT(*) OVER ()``), so a kind's count costs no second query.

* PostgreSQL: full-text search with the English configuration (stems: "exploited" finds
  "exploitation"), the words as typed in a search engine (``websearch``: "quoted phrases",
  ``-word`` to leave out, ``or``), ranked with the title fields weighing more than the text, and
  the excerpt cut and marked by the database (``ts_headline``) for the rows shown only.
* SQLite (development and half of CI): every word must appear in one of the kind's fields,
  anywhere and whatever the case; rows in the kind's own order; excerpt marked in Python.

Either way a row appears only if its app's rules let the reader see it (``search.kinds``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import SafeString

from search.highlight import START, STOP, excerpt, highlight, marked
from search.kinds import KINDS, Kind

MAX_LENGTH = 200
PER_KIND = 5  # rows of each kind on the page of every kind
PER_PAGE = 20  # rows on the page of one kind
CONFIG = "english"


@dataclass(frozen=True)
class Terms:
    """What was typed (``text``) and its words, in lower case, each once."""

    text: str

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(re.findall(r"\w+", self.text.lower())))


@dataclass(frozen=True)
class Hit:
    title: SafeString
    url: str
    excerpt: SafeString


@dataclass
class Group:
    """One kind's matches: how many in all, the rows shown, and the address of the rest."""

    kind: Kind
    total: int
    hits: list[Hit]
    more_url: str = ""


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def search(user, terms: Terms, *, kind: Kind | None = None, page: int = 1) -> list[Group]:
    """The kinds the user may read with their matching rows: each with its count and its first
    ``PER_KIND`` rows, best first; or, given ``kind``, that kind's ``page`` of ``PER_PAGE``.
    Kinds without a match are left out. One query per kind."""
    kinds = [kind] if kind else KINDS
    size = PER_PAGE if kind else PER_KIND
    groups = []
    for each in kinds:
        if not each.allowed(user):
            continue
        start = (page - 1) * size
        rows = list(_matching(each, each.rows(user), terms)[start : start + size])
        if rows:
            groups.append(Group(each, rows[0].search_total, [_hit(each, r, terms) for r in rows]))
    return groups


def _matching(kind: Kind, rows: QuerySet, terms: Terms) -> QuerySet:
    # The kind's own order, then the primary key, so that pages never overlap.
    order = (*(rows.query.order_by or rows.model._meta.ordering), "pk")
    rows = rows.annotate(search_total=Window(Count("*")))
    if uses_full_text():
        return _full_text(kind, rows, terms).order_by("-search_rank", *order)
    for word in terms.words:
        rows = rows.filter(_any_field_contains(kind.fields, word))
    return rows.order_by(*order)


def _any_field_contains(fields: tuple[str, ...], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _full_text(kind: Kind, rows: QuerySet, terms: Terms) -> QuerySet:
    query = SearchQuery(terms.text, config=CONFIG, search_type="websearch")
    vector = SearchVector(*kind.text_fields, config=CONFIG, weight="B")
    if kind.title_fields:
        vector = SearchVector(*kind.title_fields, config=CONFIG, weight="A") + vector
    text = _joined(kind.text_fields)
    return (
        rows.annotate(search_document=vector)
        .filter(search_document=query)
        .annotate(
            search_rank=SearchRank(vector, query),
            search_excerpt=SearchHeadline(
                text,
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                short_word=3,
                highlight_all=False,
            ),
        )
    )


def _joined(fields: tuple[str, ...]):
    if len(fields) == 1:
        return Coalesce(F(fields[0]), Value(""))
    parts = []
    for field in fields:
        parts += [Coalesce(F(field), Value("")), Value(" ")]
    return Concat(*parts[:-1])


def _hit(kind: Kind, row, terms: Terms) -> Hit:
    if hasattr(row, "search_excerpt"):
        cut = marked(row.search_excerpt)
    else:
        text = " ".join(getattr(row, field) or "" for field in kind.text_fields)
        cut = excerpt(text, terms.words)
    return Hit(title=highlight(kind.name(row), terms.words), url=kind.url(row), excerpt=cut)
