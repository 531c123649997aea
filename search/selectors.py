"""The search itself: one query per kind, whatever the data holds.

Each query returns the kind's first rows and, on every row, how many rows matched in all (a
subquery the database runs once), so a kind's count costs no second query.

* PostgreSQL: full-text search with the English configuration (stems: "exploited" finds
  "exploitation"), the words as typed in a search engine (``websearch``: "quoted phrases",
  ``-word`` to leave out, ``or``), on the document stored on each row (``StoredDocument``),
  ranked with the title fields weighing more than the text, and the excerpt cut and marked by
  the database (``ts_headline``) for the rows shown only.
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
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import SafeString

from search.highlight import START, STOP, excerpt, highlight, marked
from search.kinds import KINDS, Kind

MAX_LENGTH = 200
MOST = 1000  # matches counted exactly; beyond, "more than 1,000"
PER_KIND = 5  # rows of each kind on the page of every kind
PER_PAGE = 20  # rows on the page of one kind
CONFIG = "english"  # as the stored documents are made
DOCUMENT_COLUMN = "search_document"


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
    total: int  # MOST + 1 for "more than MOST"
    hits: list[Hit]
    more_url: str = ""

    @property
    def more_than_most(self) -> bool:
        return self.total > MOST

    @property
    def count_label(self) -> str:
        return f"more than {MOST:,}" if self.more_than_most else f"{self.total:,}"

    @property
    def pages(self) -> int:
        """Pages of ``PER_PAGE`` on the page of one kind (at most ``MOST`` rows)."""
        return -(-min(self.total, MOST) // PER_PAGE)


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
        rows = list(_matching(each, each.rows(user), terms, start=(page - 1) * size, size=size))
        if rows:
            groups.append(Group(each, rows[0].search_total, [_hit(each, r, terms) for r in rows]))
    return groups


def _matching(kind: Kind, rows: QuerySet, terms: Terms, *, start: int, size: int) -> QuerySet:
    """The kind's readable rows that match, best first, from ``start``, ``size`` of them, each
    with ``search_total``. One statement: the rows shown are chosen in a subquery that reads
    only what the order needs, so the rest of each row (and its related rows, and the excerpt)
    is read for those rows only, and the count is a subquery the database runs once."""
    # The kind's own order, then the primary key, so that pages never overlap.
    order = (*(rows.query.order_by or rows.model._meta.ordering), "pk")
    if uses_full_text():
        query = SearchQuery(terms.text, config=CONFIG, search_type="websearch")
        document = StoredDocument()
        matched = rows.alias(search_document=document).filter(search_document=query)
        ranked = {"search_rank": SearchRank(document, query)}
        order = ("-search_rank", *order)
        shown = {
            "search_excerpt": SearchHeadline(
                _joined(kind.text_fields),
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
            )
        }
    else:
        matched, ranked, shown = rows, {}, {}
        for word in terms.words:
            matched = matched.filter(_any_field_contains(kind.fields, word))
    chosen = matched.annotate(**ranked).order_by(*order).values("pk")[start : start + size]
    return (
        rows.filter(pk__in=Subquery(chosen))
        .annotate(search_total=_count(matched), **ranked, **shown)
        .order_by(*order)
    )


def _count(matched: QuerySet) -> Case:
    """How many rows match, or ``MOST + 1`` when more than ``MOST`` do: the database stops
    reading once it has seen that many, where an exact count of a word found in most of 30,000
    returns would read them all a second time for a figure nobody pages through."""
    matched = matched.order_by()
    count = matched.annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values(
        "n"
    )
    return Case(
        When(Exists(matched[MOST : MOST + 1]), then=Value(MOST + 1)),
        default=Subquery(count),
        output_field=IntegerField(),
    )


class StoredDocument(Expression):
    """The row's stored full-text document (search/migrations/0001_full_text_documents.py), a
    column the models do not declare, named through the query's alias for the row's table so
    that it stays the row's own inside a subquery."""

    output_field = SearchVectorField()
    alias = None

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        column = connection.ops.quote_name(DOCUMENT_COLUMN)
        return f"{compiler.quote_name_unless_alias(self.alias)}.{column}", []


def _any_field_contains(fields: tuple[str, ...], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _joined(fields: tuple[str, ...]) -> Func:
    """The kind's text fields as one text, for the excerpt."""
    parts = []
    for field in fields:
        parts += [Coalesce(F(field), Value(""), output_field=TextField()), Value(" ")]
    if len(parts) == 2:
        return parts[0]
    return Concat(*parts[:-1], output_field=TextField())


def _hit(kind: Kind, row, terms: Terms) -> Hit:
    if hasattr(row, "search_excerpt"):
        cut = marked(row.search_excerpt)
    else:
        text = " ".join(getattr(row, field) or "" for field in kind.text_fields)
        cut = excerpt(text, terms.words)
    return Hit(title=highlight(kind.name(row), terms.words), url=kind.url(row), excerpt=cut)
