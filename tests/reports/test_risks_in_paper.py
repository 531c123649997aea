"""The paper's risk implications carry the plan's open risks from the register with their
scores as they stand when the paper is built; a published paper keeps them after the risk is
re-scored, on the page and in its Word file."""

import datetime

import pytest
from django.utils import timezone

from assurance import services as risk_services
from assurance.models import Risk
from reports import services
from sscp.editing import last_change_id
from tests.factories import GovernanceBodyFactory, RiskFactory
from tests.reports.test_stored import docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def corporate_risk(report_world):
    owner = GovernanceBodyFactory(name="SSCP Executive")
    RiskFactory(plan=report_world["plan"], reference="ORG9999", status=Risk.Status.CLOSED)
    return RiskFactory(
        plan=report_world["plan"],
        reference="ORG0009",
        title="Safeguarding children",
        owner_body=owner,
        likelihood=3,
        impact=5,
    )


def register_of(paper):
    (risk,) = [part for part in paper["implications"] if part["key"] == "risk"]
    return risk["register"]


def test_the_draft_paper_lists_the_plans_open_risks_with_their_scores(
    report_world, corporate_risk, client_for, manager
):
    report = report_world["report"]
    page = client_for(manager).get(report.get_absolute_url()).content.decode()
    assert "The plan's open risks in the partnership's risk register" in page
    assert "ORG0009" in page and "15 (high)" in page
    assert "ORG9999" not in page  # closed risks are not the paper's


def test_a_published_paper_keeps_the_scores_it_was_published_with(
    report_world, corporate_risk, client_for, scrutiny, manager
):
    report = report_world["report"]
    services.report_mark_not_received(
        report=report, measure=report_world["assessments"], user=manager, note="Next quarter."
    )
    report.refresh_from_db()
    published = services.report_publish(
        report=report, user=manager, expected_version=report.lock_version
    )
    assert [(r["reference"], r["score"], r["band"]) for r in register_of(published.snapshot)] == [
        ("ORG0009", 15, "High")
    ]
    risk_services.risk_review(
        risk=corporate_risk,
        likelihood=5,
        impact=5,
        reviewed_on=timezone.localdate(),
        next_review=timezone.localdate() + datetime.timedelta(days=30),
        note="Worse.",
        user=manager,
        seen_change=last_change_id(corporate_risk),
    )
    published.refresh_from_db()
    page = client_for(scrutiny).get(published.get_absolute_url()).content.decode()
    assert "15 (high)" in page and "25 (very high)" not in page
    word = docx_text(bytes(published.paper_docx))
    assert "15 (high)" in word and "ORG0009" in word
    assert (
        "The plan's open risks in the partnership's risk register (likelihood x impact, "
        "each 1 to 5)" in word
    )
