"""The paper's "Learning and assurance" section: the reviews completed in the report's quarter
(a rapid review's timeliness and decision, a published LCSPR's or audit's learning themes, never
findings) and the review actions overdue when the paper is made, on the page, in Word and in the
PDF; frozen on publication, so later changes to reviews and actions reach only a new draft."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assurance.models import Review
from reports import services
from reports.paper import SECTION_NUMBER, empty_paper
from reports.selectors import paper_for
from reports.word import paper_docx
from tests.factories import (
    ActionFactory,
    GovernanceBodyFactory,
    LearningThemeFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.reports.test_pdf import pdf_text
from tests.reports.test_stored import docx_text

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
N = SECTION_NUMBER["learning"]


@pytest.fixture
def learning(report_world):
    """Q2 2024-25 runs from 1 July to 30 September 2024."""
    neglect, fathers = LearningThemeFactory(name="Neglect"), LearningThemeFactory(name="Fathers")
    rapid = ReviewFactory(
        title="Rapid review 2024/03",
        notified_on=datetime.date(2024, 7, 1),
        due_on=datetime.date(2024, 7, 22),
        completed_on=datetime.date(2024, 7, 19),
        decision=Review.Decision.NO_LCSPR,
        status=Review.Status.COMPLETE,
    )
    rapid.themes.add(neglect)
    lcspr = ReviewFactory(
        kind=Review.Kind.LCSPR,
        title="LCSPR Child T",
        notified_on=None,
        due_on=None,
        commissioned_on=datetime.date(2023, 11, 1),
        completed_on=datetime.date(2024, 8, 15),
        status=Review.Status.PUBLISHED,
        findings="A finding the paper never shows",
        summary="A summary the paper never shows",
    )
    lcspr.themes.add(neglect, fathers)
    audit = ReviewFactory(
        kind=Review.Kind.AUDIT,
        title="Neglect audit",
        notified_on=None,
        due_on=None,
        completed_on=datetime.date(2024, 9, 30),
        status=Review.Status.COMPLETE,  # not published: its themes stay out
    )
    audit.themes.add(fathers)
    ReviewFactory(
        title="Next quarter's review", notified_on=None, completed_on=datetime.date(2024, 10, 1)
    )
    ReviewFactory(title="Still under way", completed_on=None)
    body = GovernanceBodyFactory(name="Health Subgroup")
    late = ActionFactory(
        recommendation=RecommendationFactory(review=lcspr, number=1),
        owner_body=body,
        text="Refresh the neglect toolkit",
        due_on=TODAY - datetime.timedelta(days=12),
    )
    ActionFactory(text="Done late", due_on=TODAY - datetime.timedelta(days=12), status="complete")
    ActionFactory(text="Not yet due", due_on=TODAY + datetime.timedelta(days=2))
    return {"rapid": rapid, "lcspr": lcspr, "audit": audit, "late": late}


def section(report_world) -> dict:
    return paper_for(report_world["report"])["learning"]


def test_the_draft_paper_lists_the_quarters_reviews_and_overdue_actions(report_world, learning):
    found = section(report_world)
    assert [row["title"] for row in found["reviews"]] == [
        "Rapid review 2024/03",
        "LCSPR Child T",
        "Neglect audit",
    ]
    rapid, lcspr, audit = found["reviews"]
    assert rapid["timing"] == "14 working days (within 15 working days)"
    assert rapid["within_timescale"] is True
    assert rapid["decision"] == "Not progressing to an LCSPR"
    assert rapid["themes"] == []  # a rapid review's themes are not the committee's
    assert lcspr["themes"] == ["Fathers", "Neglect"] and lcspr["completed"] == "15 August 2024"
    assert lcspr["timing"] == "" and lcspr["decision"] == ""
    assert audit["themes"] == []  # not published yet
    [late] = found["overdue_actions"]
    assert late == {
        "body": "Health Subgroup",
        "action": "Refresh the neglect toolkit",
        "lead_role": "Head of early help",
        "review": "LCSPR Child T",
        "recommendation": 1,
        "due": late["due"],
        "days_overdue": 12,
        "overdue_text": "12 days",
    }


def test_the_page_shows_the_section_next_to_the_implications(
    report_world, learning, client_for, manager
):
    page = client_for(manager).get(report_world["report"].get_absolute_url()).content.decode()
    implications, section_at, papers = (
        page.index('<h2 id="implications">'),
        page.index(f'<h2 id="learning">{N}. Learning and assurance</h2>'),
        page.index('<h2 id="papers">'),
    )
    assert implications < section_at < papers
    assert f"{N}.1 Reviews completed in the quarter" in page
    assert f"{N}.2 Review actions overdue on" in page
    assert "14 working days (within 15 working days)" in page
    assert "Fathers, Neglect" in page and "12 days" in page
    for never in ("A finding the paper never shows", "A summary the paper never shows"):
        assert never not in page
    for elsewhere in ("Next quarter's review", "Still under way", "Done late", "Not yet due"):
        assert elsewhere not in page


def test_an_empty_quarter_says_so_on_the_page_and_in_word(report_world, client_for, manager):
    page = client_for(manager).get(report_world["report"].get_absolute_url()).content.decode()
    assert "No reviews were completed in the quarter." in page
    assert "No review actions were overdue." in page
    word = client_for(manager).get(
        reverse("plans:report_docx", kwargs={"pk": report_world["report"].pk})
    )
    text = docx_text(word.content)
    assert "No reviews were completed in the quarter." in text
    assert "No review actions were overdue." in text


def test_a_paper_published_before_the_section_says_it_did_not_report_it(report_world):
    paper = empty_paper(report_world["report"])
    assert paper["learning"] is None
    text = docx_text(paper_docx({**paper, "period": {"label": "Q2 2024-25", "dates": ""}}))
    assert f"{N}. Learning and assurance" in text
    assert "This version of the paper did not report on learning and assurance." in text


def publish(report_world):
    report, manager = report_world["report"], report_world["manager"]
    services.report_mark_not_received(
        report=report, measure=report_world["assessments"], user=manager, note="Next quarter."
    )
    report.refresh_from_db()
    return services.report_publish(
        report=report, user=manager, expected_version=report.lock_version
    )


def test_a_published_paper_keeps_the_section_after_reviews_and_actions_change(
    report_world, learning, client_for, scrutiny, manager
):
    published = publish(report_world)
    # later: the rapid review's completion moves out of the quarter, the overdue action is done
    rapid = learning["rapid"]
    rapid.completed_on = datetime.date(2024, 10, 2)
    rapid.save()
    late = learning["late"]
    late.status = "complete"
    late.save()

    client = client_for(scrutiny)
    published.refresh_from_db()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Rapid review 2024/03" in page and "Refresh the neglect toolkit" in page
    assert "No review actions were overdue." not in page
    word = docx_text(client.get(reverse("plans:report_docx", kwargs={"pk": published.pk})).content)
    assert f"{N}. Learning and assurance" in word
    assert "Rapid review 2024/03" in word and "Refresh the neglect toolkit" in word
    assert "14 working days (within 15 working days)" in word
    pdf = " ".join(
        pdf_text(
            client.get(reverse("plans:report_pdf", kwargs={"pk": published.pk})).content
        ).split()
    )
    assert f"{N}. Learning and assurance" in pdf
    learning_part = pdf[pdf.index(f"{N}. Learning and assurance") :]
    # table cells wrap in the PDF's columns: look for what fits on one line
    assert "19 July 2024" in learning_part and "14 working days" in learning_part
    assert "Refresh" in learning_part and "12 days" in learning_part

    # a new version, drafted now, reads the reviews and actions as they are
    correction = services.report_supersede(report=published, user=manager, reason="Late data")
    draft = client_for(manager).get(correction.get_absolute_url()).content.decode()
    assert "Rapid review 2024/03" not in draft and "LCSPR Child T" in draft
    assert "Refresh the neglect toolkit" not in draft
    assert "No review actions were overdue." in draft
