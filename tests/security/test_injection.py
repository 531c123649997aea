"""Injection: script payloads in every free-text field render as text on every page the access
matrix lets each role open, and in the downloads; spreadsheet cells that would run as a formula
are neutralised."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse

from tests.security.test_access_matrix import ROUTES

XSS_PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
)
ALL_PAYLOADS = "".join(XSS_PAYLOADS)
FORMULA_PAYLOADS = ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)")
APPS = ("plans", "priorities", "measures", "consultations")


def free_text_fields(model) -> list[models.Field]:
    """CharField and TextField a person types into: not choices, slugs or e-mail addresses, and
    not what the app writes itself (``editable=False``: a published paper's stored HTML, rendered
    by the template engine from escaped text; the next test poisons what it is built from)."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and f.editable
        and not f.choices
        and not isinstance(f, models.SlugField | models.EmailField)
        and not f.primary_key
    ]


def fill_every_free_text_field(payload_for) -> dict[str, list[str]]:
    """Writes ``payload_for(field, pk)`` into every free-text field of every row of the edited
    models (and people's names), through the ORM; returns the fields filled per model."""
    filled = {}
    targets = [m for m in apps.get_models() if m._meta.app_label in APPS]
    targets.append(get_user_model())
    for model in targets:
        if model.__name__.startswith("Historical"):
            continue
        fields = free_text_fields(model)
        if model is get_user_model():
            fields = [f for f in fields if f.name in ("first_name", "last_name")]
        for obj in model._default_manager.all():
            changed = {}
            for f in fields:
                value = payload_for(f, obj.pk)
                if value is not None:
                    changed[f.attname] = value
            if changed:
                model._default_manager.filter(pk=obj.pk).update(**changed)
                filled.setdefault(model._meta.label, sorted(changed))
    return filled


def xss_value(field, pk):
    """All three payloads when the column is wide enough, else the longest that fits."""
    for text in (f"{ALL_PAYLOADS} {pk}", *(f"{p} {pk}" for p in XSS_PAYLOADS)):
        if field.max_length is None or len(text) <= field.max_length:
            return text
    return None


@pytest.fixture
def poisoned(world):
    return fill_every_free_text_field(xss_value)


def readable_urls(role, world):
    for name, route in ROUTES.items():
        if role in route.get and route.status.get((role, "GET"), 200) == 200:
            yield reverse(name, kwargs=route.kwargs(world))


@pytest.mark.parametrize("role", ["manager", "chair", "datalead", "scrutiny"])
def test_payloads_render_as_text_on_every_page(world, poisoned, users, role):
    from django.test import Client

    client = Client()
    client.force_login(users[role])
    pages = 0
    problems = []
    for url in readable_urls(role, world):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if not response["Content-Type"].startswith(("text/html", "application/json")):
            continue
        body = response.content.decode()
        pages += 1
        problems += [f"{url}: {p!r}" for p in XSS_PAYLOADS if p in body]
    assert pages >= 10
    assert not problems, "unescaped payloads:\n" + "\n".join(problems)


def test_a_paper_published_from_poisoned_text_stores_and_shows_it_as_text(world, poisoned, users):
    """Every text a report and its plan's rows hold is poisoned, then the draft is published:
    the paper's HTML stored at publication, and the page that serves it, carry the payloads
    escaped."""
    from django.test import Client

    from reports.selectors import report_data
    from reports.services import report_mark_not_received, report_publish

    draft = world["draft_report"]
    draft.refresh_from_db()
    for measure, _ in report_data(draft).awaiting():
        report_mark_not_received(report=draft, measure=measure, user=users["manager"])
    draft.refresh_from_db()
    published = report_publish(
        report=draft, user=users["manager"], expected_version=draft.lock_version
    )
    published.refresh_from_db()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in published.paper_html
    assert not [p for p in XSS_PAYLOADS if p in published.paper_html]
    client = Client()
    client.force_login(users["scrutiny"])
    body = client.get(reverse("plans:report_detail", args=[published.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert not [p for p in XSS_PAYLOADS if p in body]


def test_payloads_are_shown_escaped_where_they_are_written(world, poisoned, users):
    from django.test import Client

    client = Client()
    client.force_login(users["manager"])
    body = client.get(reverse("plans:plan_detail", args=[world["plan"].slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.fixture
def users(manager, scrutiny, chair, datalead, no_role_user):
    return {"manager": manager, "scrutiny": scrutiny, "chair": chair, "datalead": datalead}


def formula_value(field, pk):
    text = FORMULA_PAYLOADS[pk % len(FORMULA_PAYLOADS)] + f" x{pk}"
    return text if field.max_length is None or len(text) <= field.max_length else None


def _cells_csv(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def _cells_xlsx(content: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


EXPORTS = [
    ("measures:period_detail", lambda w: [w["open_period"].pk], {"export": "{fmt}"}),
    ("measures:upload_template", lambda w: [w["open_period"].pk, "{fmt}"], {}),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("name", "args", "query"), EXPORTS)
def test_exports_neutralise_formulas_and_keep_script_as_text(world, users, name, args, query, fmt):
    from django.test import Client

    fill_every_free_text_field(formula_value)
    client = Client()
    client.force_login(users["manager"])
    url_args = [a.format(fmt=fmt) if isinstance(a, str) else a for a in args(world)]
    response = client.get(
        reverse(name, args=url_args), {k: v.format(fmt=fmt) for k, v in query.items()}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cells = (_cells_csv if fmt == "csv" else _cells_xlsx)(response.content)
    ours = [c for c in cells if any(c.lstrip("'").startswith(p) for p in FORMULA_PAYLOADS)]
    assert ours, "the export shows none of the poisoned fields"
    dangerous = [c for c in ours if c.startswith(("=", "+", "-", "@"))]
    assert not dangerous, dangerous


def test_word_download_keeps_payloads_as_text(world, poisoned, users):
    """The Word download of a published report carries every payload as text."""
    url = reverse("plans:report_docx", args=[world["published_report"].pk])
    client = Client()
    client.force_login(users["manager"])
    response = client.get(url)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    for payload in XSS_PAYLOADS:
        assert payload not in xml
