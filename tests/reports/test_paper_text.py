"""The paper's written parts: Markdown narratives numbered by section in HTML and Word, the
header and sign-off table, implications in their own parts, validation, and freezing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from measures.models import Return
from plans.models import ProgressReport, ReportSignOff
from reports import services
from reports.selectors import paper_for
from reports.stored import paper_html
from reports.word import paper_docx
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

SUMMARY = (
    "The plan moved on this quarter.\n\n"
    "- **Exploitation** is red;\n- mental health is *amber*.\n\n"
    "Next steps:\n\n1. agree a pathway;\n2. report back.\n\n"
    "See [the plan](https://example.org/plan)."
)


@pytest.fixture
def written(report_world):
    report, manager = report_world["report"], report_world["manager"]
    return services.report_update(
        report=report,
        user=manager,
        expected_version=report.lock_version,
        changes={
            "summary": SUMMARY,
            "contact": "sscp.business@example.org",
            "forward_plan_reference": "FP/24/06/02",
            "risk_implications": "The main risk is no improvement.",
            "risk_likelihood": 3,
            "risk_impact": 5,
            "other_implications": "Nothing else.",
        },
        sign_offs=[
            {
                "role": "legal",
                "seen_by": "County Solicitor",
                "signed_on": datetime.date(2024, 11, 1),
            },
            {
                "role": "cabinet_member",
                "seen_by": "Lead Member",
                "sent_on": datetime.date(2024, 11, 2),
            },
        ],
    )


def test_html_has_numbered_paragraphs_real_lists_and_no_typed_dashes(written):
    html = paper_html(paper_for(written), draft=True)
    assert '<span class="paper-number">1.1</span> The plan moved on this quarter.' in html
    assert '<span class="paper-number">1.2</span> Next steps:' in html
    assert "<ul>\n<li><strong>Exploitation</strong> is red;</li>" in html
    assert "<ol>\n<li>agree a pathway;</li>" in html
    assert "- <strong>" not in html and "\n- " not in html
    assert 'href="https://example.org/plan" rel="noopener noreferrer"' in html


def test_html_has_the_header_sign_off_and_implication_parts(written):
    html = paper_html(paper_for(written), draft=True)
    assert 'href="mailto:sscp.business@example.org"' in html
    assert "FP/24/06/02" in html
    assert (
        '<th scope="row">County Solicitor (legal)</th><td>County Solicitor</td>'
        "<td>1 November 2024</td>" in html
    )
    assert "<td>Sent on 2 November 2024</td>" in html
    assert "8.1 Financial implications" in html and "8.4 Risk implications" in html
    assert "<td>3</td><td>5</td><td>15</td>" in html


def test_word_has_real_lists_numbered_paragraphs_sign_off_and_implications(written):
    document = Document(io.BytesIO(paper_docx(paper_for(written), draft=True)))
    listed = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [p.text for p in listed] == [
        "Exploitation is red;",
        "mental health is amber.",
        "agree a pathway;",
        "report back.",
    ]
    assert listed[0].runs[0].bold and listed[1].runs[1].italic
    numbering = document.part.numbering_part.element
    formats = {
        num.get(qn("w:numId")): numbering.xpath(
            f'./w:abstractNum[@w:abstractNumId="{num.find(qn("w:abstractNumId")).get(qn("w:val"))}"]'
            '/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
        )[0]
        for num in numbering.findall(qn("w:num"))
    }
    list_formats = [formats[str(p._p.pPr.numPr.numId.val)] for p in listed]
    assert list_formats == ["bullet", "bullet", "decimal", "decimal"]
    texts = [p.text for p in document.paragraphs]
    assert "1.1\tThe plan moved on this quarter." in texts
    assert "1.3\tSee the plan." in texts
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "8.1 Financial implications" in headings and "8.4 Risk implications" in headings
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["County Solicitor (legal)", "County Solicitor", "1 November 2024"] in rows
    assert ["Cabinet Member", "Lead Member", "Sent on 2 November 2024"] in rows
    assert ["3", "5", "15"] in rows
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://example.org/plan" in links


def test_narrative_script_and_javascript_links_never_reach_the_paper(report_world):
    report, manager = report_world["report"], report_world["manager"]
    services.report_update(
        report=report,
        user=manager,
        expected_version=report.lock_version,
        changes={"summary": "<script>alert(1)</script> [x](javascript:alert(1)) <b>raw</b>"},
    )
    report.refresh_from_db()
    html = paper_html(paper_for(report), draft=True)
    assert "<script>alert" not in html and "javascript:" not in html.split("&lt;script")[0]
    assert 'href="javascript' not in html and "<b>raw</b>" not in html


def test_publish_freezes_narrative_sign_off_and_implications(
    written, report_world, client_for, scrutiny
):
    manager = report_world["manager"]
    services.report_mark_not_received(
        report=written, measure=report_world["assessments"], user=manager
    )
    written.refresh_from_db()
    published = services.report_publish(
        report=written, user=manager, expected_version=written.lock_version
    )
    published.refresh_from_db()
    html, docx = published.paper_html, bytes(published.paper_docx)
    ReportSignOff.objects.filter(report=published).update(seen_by="Changed")
    ProgressReport.objects.filter(pk=published.pk).update(
        summary="Changed", risk_likelihood=1, other_implications="Changed"
    )
    page = client_for(scrutiny).get(published.get_absolute_url()).content.decode()
    assert html in page and "Changed" not in page
    download = client_for(scrutiny).get(reverse("plans:report_docx", kwargs={"pk": published.pk}))
    assert download.content == docx
    assert published.snapshot["front"]["sign_off"][0]["seen_by"] == "County Solicitor"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("risk_likelihood", "6", "Give a number from 1 to 5."),
        ("sign_off_legal_signed_on", "FUTURE", "A sign-off date cannot be in the future."),
        ("forward_plan_reference", "F" * 31, "Ensure this value has at most 30 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    report_world, client_for, manager, field, value, message
):
    report = report_world["report"]
    if value == "FUTURE":
        value = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    url = reverse("plans:report_edit", kwargs={"pk": report.pk})
    form = {
        "lock_version": report.lock_version,
        "committee": report.committee,
        "summary": "New summary that must not be saved.",
        "sign_off_hr_seen_by": "HR Business Partner",
        field: value,
    }
    response = client_for(manager).post(url, form)
    assert response.status_code == 200
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.summary != "New summary that must not be saved."
    assert not ReportSignOff.objects.filter(report=report).exists()


def test_the_form_saves_the_sign_off_table(report_world, client_for, manager):
    report = report_world["report"]
    url = reverse("plans:report_edit", kwargs={"pk": report.pk})
    response = client_for(manager).post(
        url,
        {
            "lock_version": report.lock_version,
            "committee": report.committee,
            "sign_off_finance_seen_by": "Corporate Finance",
            "sign_off_finance_sent_on": "2024-10-01",
            "sign_off_finance_signed_on": "2024-10-03",
        },
    )
    assert response.status_code == 302
    row = ReportSignOff.objects.get(report=report)
    assert (row.role, row.sent_on, row.signed_on) == (
        "finance",
        datetime.date(2024, 10, 1),
        datetime.date(2024, 10, 3),
    )
    page = client_for(manager).get(url).content.decode()
    assert "You can format this text" in page


def test_returns_submitted_but_not_approved_are_not_called_not_received(report_world, chair_body):
    MeasureFactory(
        priority=report_world["priorities"][0], reporting_body=chair_body, title="Never sent"
    )
    paper = paper_for(report_world["report"])
    figures = {m["title"]: m["value_text"] for p in paper["priorities"] for m in p["measures"]}
    assert figures["Health assessments"] == "Received, not yet approved"  # it was submitted
    assert figures["Never sent"] == "Not received"
    html = paper_html(paper, draft=True)
    assert "6. Returns not yet approved" in html
    received, missing = html.split("<caption>Received but not yet approved</caption>")[1].split(
        "<caption>Not received</caption>"
    )
    assert "Health assessments" in received and "Never sent" not in received
    assert "Never sent" in missing and "Health assessments" not in missing
    document = Document(io.BytesIO(paper_docx(paper, draft=True)))
    assert "6. Returns not yet approved" in [p.text for p in document.paragraphs]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Never sent", chair_body.name, "No return started", ""] in rows
    captions = [p.text for p in document.paragraphs]
    assert captions.index("Received but not yet approved") < captions.index("Not received")


def test_a_measure_worse_but_on_target_is_named_not_hidden_by_the_exceptions_sentence(
    report_world,
):
    # Early help plans falls from 70% to 65% while still green: the table says "Worse"
    Return.objects.filter(measure=report_world["early_help"], period=report_world["q1"]).update(
        value=Decimal("70")
    )
    paper = paper_for(report_world["report"])
    assert [m["title"] for m in paper["worse_not_exceptions"]] == ["Early help plans"]
    html = paper_html(paper, draft=True)
    assert "Early help plans: Worse: down from 70% (rated green)" in html
    paper["exceptions"] = []  # with no exceptions the sentence still agrees with the table
    html = paper_html(paper, draft=True)
    assert "has deteriorated" not in html
    assert "Early help plans: Worse: down from 70% (rated green)" in html
    texts = [p.text for p in Document(io.BytesIO(paper_docx(paper, draft=True))).paragraphs]
    assert "Early help plans: Worse: down from 70% (rated green)" in texts


def test_commentary_from_the_bodies_shows_its_lists_in_html_and_word(report_world):
    Return.objects.filter(measure=report_world["exploitation"], period=report_world["q2"]).update(
        commentary="Two reasons:\n\n- **staff** shortages;\n- new referrals."
    )
    paper = paper_for(report_world["report"])
    html = paper_html(paper, draft=True)
    assert "<ul>\n<li><strong>staff</strong> shortages;</li>" in html
    assert "- <strong>staff" not in html and "- **staff" not in html
    document = Document(io.BytesIO(paper_docx(paper, draft=True)))
    cell_lists = [
        paragraph.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    ]
    assert "staff shortages;" in cell_lists and "new referrals." in cell_lists
