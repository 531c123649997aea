"""The yearly report's Word and PDF downloads: real headings, lists, tables and charts with
alternative text in Word, every section heading in the PDF, a published report's files frozen,
who may download, and a fixed number of queries."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from measures.models import ReportingPeriod
from sscp.editing import last_change_id
from tests.factories import (
    GovernanceBodyFactory,
    MeasureFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    ReviewFactory,
)
from tests.yearly.conftest import complete
from yearly import services

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DESCR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _returns(plan, quarters=((1, 60), (4, 10))):
    measure = plan.priorities.get().measures.get()
    for quarter, value in quarters:
        start, end = ReportingPeriod.quarter_dates(2023, quarter)
        period = ReportingPeriodFactory(
            financial_year=2023, quarter=quarter, start_date=start, end_date=end
        )
        ReturnFactory(measure=measure, period=period, value=value, approved=True)
    return measure


def _bodies():
    board = GovernanceBodyFactory(name="Safeguarding Partnership Board", kind="board")
    GovernanceBodyFactory(name="Learning and Review Subgroup", parent=board)
    GovernanceBodyFactory(name="Training Subgroup", parent=board)


@pytest.fixture
def published(report, manager, partners, leads, plan):
    _returns(plan)
    _bodies()
    ReviewFactory(title="Rapid review of Child A", notified_on=datetime.date(2023, 5, 1),
                  due_on=datetime.date(2023, 5, 22))  # fmt: skip
    report = complete(report, manager)
    report = services.yearly_ready(report=report, user=manager, seen_change=last_change_id(report))
    for partner, lead in zip(partners, leads, strict=True):
        report.refresh_from_db()
        services.yearly_sign(
            report=report, partner=partner, user=lead, seen_change=last_change_id(report)
        )
    report.refresh_from_db()
    return services.yearly_publish(report=report, user=manager, seen_change=last_change_id(report))


def _docx(client, report):
    response = client.get(reverse("yearly:report_docx", kwargs={"pk": report.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return response, Document(io.BytesIO(response.content))


def _pdf_text(client, report, tmp_path):
    response = client.get(reverse("yearly:report_pdf", kwargs={"pk": report.pk}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    return response, subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _doc_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_word_file_has_a_heading_for_every_section_lists_tables_and_charts(
    published, client_for, scrutiny
):
    response, document = _docx(client_for(scrutiny), published)
    assert response["Content-Disposition"] == (
        'attachment; filename="sscp-yearly-report-2023-24.docx"'
    )
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [section["title"] for section in published.snapshot["sections"]]
    level_two = {p.text for p in document.paragraphs if p.style.name == "Heading 2"}
    assert {"Areas with little or no progress", "Focus for next year"} <= level_two
    listed = [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert "Safeguarding Partnership Board (board)" in listed
    assert "Training Subgroup (subgroup)" in listed
    tables = ["\n".join(c.text for c in t.rows[0].cells) for t in document.tables]
    assert any("Attended" in header for header in tables)  # training figures
    assert any(header.startswith("Measure\nTarget") for header in tables)  # the measures
    text = _doc_text(document)
    assert "1051" in text and "96%" in text
    assert "Rapid review of Child A" in text
    descriptions = [el.get("descr") for el in document.element.body.iter(DESCR)]
    assert any(d.startswith("Line chart of Early help assessments") for d in descriptions)
    assert any(d.startswith("Diagram of the partnership's governance") for d in descriptions)
    assert all(descriptions)


def test_a_draft_word_file_is_marked_draft(report, client_for, manager):
    response, document = _docx(client_for(manager), report)
    assert 'filename="sscp-yearly-report-2023-24-draft.docx"' in response["Content-Disposition"]
    assert document.paragraphs[0].text.startswith("DRAFT")
    assert "There are no approved quarterly returns" in _doc_text(document)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_pdf_has_every_section_heading(published, client_for, scrutiny, tmp_path):
    response, text = _pdf_text(client_for(scrutiny), published, tmp_path)
    assert response["Content-Disposition"] == (
        'attachment; filename="sscp-yearly-report-2023-24.pdf"'
    )
    flat = " ".join(text.split())
    for section in published.snapshot["sections"]:
        assert " ".join(section["title"].split()) in flat, section["title"]
    assert "Safeguarding Partnership Board" in flat
    assert "Edit" not in text.split()


def test_published_downloads_do_not_change_after_later_edits(
    published, client_for, scrutiny, plan, tmp_path
):
    client = client_for(scrutiny)
    before_docx = _doc_text(_docx(client, published)[1])
    before_pdf = _pdf_text(client, published, tmp_path)[1]
    ReviewFactory(title="A later rapid review", notified_on=datetime.date(2023, 6, 1),
                  due_on=datetime.date(2023, 6, 22))  # fmt: skip
    measure = plan.priorities.get().measures.get()
    measure.title = "Renamed measure"
    measure.save()
    measure.returns.update(value=99)
    after_docx = _doc_text(_docx(client, published)[1])
    assert after_docx == before_docx
    assert "A later rapid review" not in after_docx and "Renamed measure" not in after_docx
    assert _pdf_text(client, published, tmp_path)[1] == before_pdf


def _grow(plan, size):
    priority = PriorityFactory(plan=plan, order=1 + plan.priorities.count())
    for quarter in range(1, 5):
        start, end = ReportingPeriod.quarter_dates(2023, quarter)
        if not ReportingPeriod.objects.filter(financial_year=2023, quarter=quarter).exists():
            ReportingPeriodFactory(
                financial_year=2023, quarter=quarter, start_date=start, end_date=end
            )
    periods = list(ReportingPeriod.objects.filter(financial_year=2023))
    for n in range(size):
        measure = MeasureFactory(priority=priority, title=f"Measure {priority.order}-{n}")
        for period in periods:
            ReturnFactory(measure=measure, period=period, approved=True)
        GovernanceBodyFactory(name=f"Group {priority.order}-{n}")


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_draft_downloads_run_the_same_number_of_queries_at_two_sizes(
    report, client_for, manager, plan, kind
):
    client = client_for(manager)
    url = reverse(f"yearly:report_{kind}", kwargs={"pk": report.pk})
    _grow(plan, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(plan, 4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_who_may_download(report, client_for, manager, leads, scrutiny, no_role_user, kind):
    url = reverse(f"yearly:report_{kind}", kwargs={"pk": report.pk})
    assert client_for(manager).get(url).status_code == 200
    assert client_for(leads[0]).get(url).status_code == 404  # a draft: managers only
    assert client_for(scrutiny).get(url).status_code == 404
    assert client_for(no_role_user).get(url).status_code == 403
