"""PostgreSQL only: a stored full-text document on each table the search reads.

Each table gets ``search_document``, a tsvector column PostgreSQL computes itself from the
searched columns (``GENERATED ALWAYS AS ... STORED``: kept right by every insert and update,
``bulk_create`` included, with nothing in Python), with a GIN index. The search ranks and
filters on it, so it never parses thousands of texts per request. Django's models do not know
the column (SQLite has no tsvector, and the search on SQLite does not need it), so no model
state changes and ``makemigrations`` stays clean. On SQLite this migration does nothing.

``DOCUMENTS`` must name the fields ``search.kinds`` searches (a test holds them together). A
later migration that changes the type or length of one of these columns must drop the column
first and add it again (PostgreSQL refuses to alter a column a generated one reads).
"""

from django.db import migrations

CONFIG = "english"
COLUMN = "search_document"

# table: (title columns, weighing more in the ranking; text columns)
DOCUMENTS = {
    "plans_plan": (("title", "short_title", "slug"), ("vision",)),
    "priorities_priority": (("title",), ("description",)),
    "priorities_strategy": (("title",), ("summary", "lead_role", "governance_route")),
    "measures_measure": (("title",), ("definition", "data_source")),
    "plans_governancebody": (("name",), ("remit",)),
    "consultations_consultation": (("title",), ("summary",)),
    "consultations_feedback": ((), ("said",)),
    "consultations_commitment": ((), ("promise", "status_reason")),
    "plans_progressreport": (
        (),
        (
            "summary",
            "issues_for_consideration",
            "background",
            "consultations_undertaken",
            "financial_implications",
            "legal_implications",
            "hr_implications",
            "risk_implications",
            "equalities_implications",
            "other_implications",
        ),
    ),
    "measures_return": ((), ("commentary", "next_steps")),
}


def vector_sql(titles: tuple[str, ...], texts: tuple[str, ...]) -> str:
    """The document: the title columns weighted A, the text columns B."""
    parts = []
    for columns, weight in ((titles, "A"), (texts, "B")):
        if columns:
            joined = " || ' ' || ".join(f"coalesce(\"{column}\", '')" for column in columns)
            parts.append(f"setweight(to_tsvector('{CONFIG}'::regconfig, {joined}), '{weight}')")
    return " || ".join(parts)


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (titles, texts) in DOCUMENTS.items():
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN "{COLUMN}" tsvector '
            f"GENERATED ALWAYS AS ({vector_sql(titles, texts)}) STORED"
        )
        schema_editor.execute(f'CREATE INDEX "{table}_search" ON "{table}" USING gin ("{COLUMN}")')


def remove_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in DOCUMENTS:
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{COLUMN}"')


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_report_header_sign_off_implications"),
        ("priorities", "0001_initial"),
        ("measures", "0008_return_status_sent_back"),
        ("consultations", "0002_documents_and_constraint_messages"),
    ]

    operations = [migrations.RunPython(add_documents, remove_documents, elidable=False)]
