"""The Word download: opened again with python-docx, it has the paper's sections, headings,
tables and RAG words, and whatever people typed stays plain text."""

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from plans.models import ProgressReport
from reports.paper import SECTIONS
from reports.selectors import paper_for
from reports.word import CONTENT_TYPE, paper_docx

pytestmark = pytest.mark.django_db


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def table_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_download_is_a_word_file_named_after_the_report(published, client_for, scrutiny):
    response = client_for(scrutiny).get(reverse("plans:report_docx", kwargs={"pk": published.pk}))
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="progress-report-2022-25-q2-2024-25-v1.docx"'
    )
    open_docx(response.content)  # opens


def test_docx_has_every_numbered_section_and_priority_heading(published):
    document = open_docx(paper_docx(published.snapshot))
    found = headings(document)
    assert found[0] == (
        "Progress report on the Children and Young People's Plan 2022-25: Q2 2024-25"
    )
    for number, (_, title) in enumerate(SECTIONS, start=1):
        assert f"{number}. {title}" in found
    assert "4.1 RAG ratings this quarter" in found
    assert "4.2 Priority 1: Keeping children and young people safe" in found
    assert "4.3 Priority 2: Supporting physical, emotional health" in found
    assert "5.1 Exploitation plans" in found
    assert "7.2 Commitments to children and young people" in found


def test_docx_tables_hold_the_figures_and_rag_words(published):
    rows = table_rows(open_docx(paper_docx(published.snapshot)))
    assert ["Committee", "Scrutiny for Policies, Children and Families Committee"] in rows
    assert ["Author", "SSCP Business Manager"] in rows
    assert ["■ Red", "1", "1", "No change"] in rows
    measures = {row[0]: row for row in rows if len(row) == 6}
    assert measures["Exploitation plans"][1:5] == [
        "40%",
        "60%",
        "■ Red",
        "Worse: down from 50%",
    ]
    assert measures["Early help plans"][3] == "● Green"
    assert measures["Health assessments"][1] == "Received, not yet approved"
    not_received = [row for row in rows if row and row[0] == "Health assessments" and len(row) == 4]
    assert not_received[0][2:] == ["Submitted, awaiting review", "Next quarter."]
    assert ["RAG", "■ Red"] in rows  # the exception's detail table
    assert ["Q2 2024-25", "40%", "■ Red"] in rows  # its trend


def test_docx_keeps_paragraphs_and_links_background_papers(published):
    document = open_docx(paper_docx(published.snapshot))
    texts = [p.text for p in document.paragraphs]
    assert "1.1\tFirst paragraph." in texts  # numbered within its section, as the seeds
    assert "1.2\tSecond paragraph,\nwith a line break." in texts
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://example.org/structure.pdf"]
    assert any(t.startswith("Document 2 – Plan on a Page") for t in texts)


def test_draft_docx_is_marked_draft(report_world, client_for, manager):
    report = report_world["report"]
    response = client_for(manager).get(reverse("plans:report_docx", kwargs={"pk": report.pk}))
    texts = [p.text for p in open_docx(response.content).paragraphs]
    assert texts[0].startswith("DRAFT – not published")
    assert response["Content-Disposition"].endswith('-v1-draft.docx"')


def test_typed_text_stays_text_in_the_docx(report_world, manager):
    report = report_world["report"]
    typed = (
        '=HYPERLINK("http://evil.example","x") <w:p><w:r><w:t>injected</w:t></w:r></w:p> '
        "{ DDEAUTO c:\\\\cmd.exe } \x01\x0b bell"
    )
    ProgressReport.objects.filter(pk=report.pk).update(
        summary=typed, background_papers="javascript:alert(1)"
    )
    report.refresh_from_db()
    content = paper_docx(paper_for(report), draft=True)
    document = open_docx(content)
    texts = [p.text for p in document.paragraphs]
    assert (
        '1.1\t=HYPERLINK("http://evil.example","x") <w:p><w:r><w:t>injected</w:t></w:r></w:p> '
        "{ DDEAUTO c:\\\\cmd.exe } \n bell"  # the vertical tab, Word's soft break, as a break
    ) in texts
    body = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "<w:t>injected</w:t>" not in body
    assert "w:fldSimple" not in body and "instrText" not in body
    assert not [r for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "Document 1 – javascript:alert(1)" in texts
