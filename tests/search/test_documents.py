"""The documents PostgreSQL stores for the search are made of the fields each kind searches."""

import importlib

from django.contrib.auth.models import AnonymousUser

from search import selectors
from search.kinds import KINDS

migration = importlib.import_module("search.migrations.0001_full_text_documents")


def test_each_kinds_stored_document_is_made_of_the_fields_it_searches():
    made_of = {
        kind.rows(AnonymousUser()).model._meta.db_table: (kind.title_fields, kind.text_fields)
        for kind in KINDS
    }
    assert made_of == migration.DOCUMENTS
    assert (selectors.CONFIG, selectors.DOCUMENT_COLUMN) == (migration.CONFIG, migration.COLUMN)


def test_the_document_weighs_titles_above_text():
    sql = migration.vector_sql(("title",), ("summary", "note"))
    assert sql == (
        "setweight(to_tsvector('english'::regconfig, coalesce(\"title\", '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(\"summary\", '') || ' ' || "
        "coalesce(\"note\", '')), 'B')"
    )
