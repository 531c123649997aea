"""Learning, assurance and risk in a real browser, from end to end: the manager logs a rapid
review over the Christmas bank holidays, records its recommendation and an action for the
chair's body; the chair updates it with a file; the manager signs it off, re-scores a risk and
publishes the quarter's paper, whose learning and risk sections then stay as published."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from docx import Document

from assurance.models import Action, Review, Risk
from plans.models import ProgressReport
from tests.e2e.journeys import sign_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Rapid review RR-2024-09"
BODY = "Early Help Strategic Commissioning Board"
NEXT_REVIEW = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()


@pytest.fixture
def demo(seeded_demo):
    return {
        "q3": ProgressReport.objects.get(
            plan__slug="2022-25", period__financial_year=2024, period__quarter=3
        ),
        "risk": Risk.objects.get(reference="ORG0009"),
    }


def a_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_a_review_its_action_a_risk_and_the_paper_from_end_to_end(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    url = live_server.url

    # The manager logs a rapid review: notified on Monday 16 December 2024, so its fifteen
    # working days skip Christmas Day, Boxing Day and New Year's Day and end on 9 January 2025
    # (6 January if the bank holidays were counted as working days).
    sign_in(page, live_server, login, "manager")
    page.goto(f"{url}/assurance/reviews/new/")
    page.select_option("select[name=kind]", Review.Kind.RAPID)
    page.fill("input[name=title]", TITLE)
    page.select_option("select[name=lead_body]", label=BODY)
    page.fill("input[name=notified_on]", "2024-12-16")
    page.fill("input[name=completed_on]", "2024-12-20")
    page.select_option("select[name=decision]", index=1)
    page.fill("input[name=panel_told_on]", "2024-12-20")
    submit(page, "Add the review")
    main = page.inner_text("main")
    assert TITLE in page.inner_text("h1")
    review = Review.objects.get(title=TITLE)
    assert review.due_on == datetime.date(2025, 1, 9)
    assert "9 January 2025" in main or "09/01/2025" in main
    assert not review.is_late

    page.click("text=Add a recommendation")
    page.fill("textarea[name=text]", "Make sure early help assessments ask about fathers.")
    submit(page, "Add the recommendation")
    assert "Now add the actions" in page.inner_text(".messages")
    page.click("text=Add an action")
    page.fill("textarea[name=text]", "Add a question about fathers to the assessment form.")
    page.select_option("select[name=owner_body]", label=BODY)
    page.fill("input[name=lead_role]", "Head of Early Help")
    page.fill("input[name=due_on]", "2025-03-31")
    submit(page, "Add the action")
    assert f"added for {BODY}" in page.inner_text(".messages")
    action = Action.objects.get(recommendation__review=review)

    # The body's chair adds an update with a file as evidence and asks for sign-off.
    sign_in(page, live_server, login, "chair")
    page.goto(f"{url}/")
    assert "Add a question about fathers" in page.inner_text("main")  # their home page
    page.goto(f"{url}/assurance/actions/{action.pk}/update/")
    page.check(f"input[name=status][value={Action.Status.ON_TRACK}]")
    page.fill("textarea[name=text]", "The question is in the form from February.")
    page.set_input_files(
        "input[name=evidence_file]",
        {"name": "assessment-form.pdf", "mimeType": "application/pdf", "buffer": a_pdf()},
    )
    page.check("input[name=done]")
    submit(page, "Save the update")
    assert "asked to sign the action off" in page.inner_text(".messages")
    assert "assessment-form.pdf" in page.inner_text("main")
    violations = run_axe(page)
    assert not violations, axe_report(violations)

    # The manager signs it off.
    sign_in(page, live_server, login, "manager")
    page.goto(f"{url}/assurance/actions/{action.pk}/sign-off/")
    submit(page, "Sign it off as complete")
    assert "signed off as complete" in page.inner_text(".messages")
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE

    # ... re-scores the partnership's risk: 3 x 5 = 15 comes down to 2 x 5 = 10.
    risk = demo["risk"]
    assert risk.score == 15
    page.goto(f"{url}{risk.get_absolute_url()}review/")
    page.select_option("select[name=likelihood]", "2")
    page.fill("input[name=next_review]", NEXT_REVIEW)
    page.fill("textarea[name=note]", "Early help capacity has grown.")
    submit(page, "Record the review")
    assert page.url.endswith(risk.get_absolute_url()), page.inner_text("main")[:3000]
    trend = page.inner_text("section[aria-labelledby=trend-heading]")
    assert "Down 15 to 10" in trend
    page.screenshot(path=str(screenshots_dir / "learning-risk-trend.png"), full_page=True)

    # ... and publishes the quarter's paper (October to December 2024).
    q3 = demo["q3"]
    page.goto(f"{url}/plans/reports/{q3.pk}/publish/")
    submit(page, "Publish the report")
    assert "Published:" in page.inner_text(".messages")
    paper = page.inner_text("main")
    learning, risks = sections(paper)
    assert TITLE in learning and "within 15 working days" in learning.lower()
    assert "ORG0009" in risks and "10" in risks
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("section:has(#learning-reviews)").first.screenshot(
            path=str(screenshots_dir / f"learning-paper-{width}.png")
        )
    page.set_viewport_size({"width": 1280, "height": 800})

    # Later edits change the registers, not the published paper.
    page.goto(f"{url}{review.get_absolute_url()}edit/")
    page.fill("input[name=title]", "Rapid review renamed after publishing")
    submit(page, "Save the review")
    page.goto(f"{url}{risk.get_absolute_url()}review/")
    page.select_option("select[name=likelihood]", "5")
    page.fill("input[name=next_review]", NEXT_REVIEW)
    submit(page, "Record the review")
    page.goto(f"{url}/plans/reports/{q3.pk}/")
    assert sections(page.inner_text("main")) == (learning, risks)
    assert "renamed after publishing" not in page.inner_text("main")
    docx = page.request.get(f"{url}/plans/reports/{q3.pk}/download.docx")
    document = Document(io.BytesIO(docx.body()))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Learning and assurance" in text
    assert TITLE in text + tables and "renamed after publishing" not in text + tables


def sections(text: str) -> tuple[str, str]:
    """The paper's "Learning and assurance" and "Risk implications" sections, as read."""
    learning = re.search(r"Learning and assurance\n(.*?)(?=\n\d+\.? |\Z)", text, re.S)
    risks = re.search(r"Risk implications\n(.*?)(?=\n\d+\.\d* [A-Z]|\Z)", text, re.S)
    assert learning and risks, text[:3000]
    return learning.group(1), risks.group(1)
