"""The demo's progress reports: the published Q2 2024-25 paper follows the scrutiny paper in
seeds/000 and is filled from the partnership's data by the publish service."""

import datetime

import pytest

from plans.models import ProgressReport
from reports.paper import build_paper
from reports.selectors import report_data


@pytest.fixture
def seeded(seeded_once, db):
    """The demo (seeded once for the module)."""
    return ProgressReport.objects.filter(plan__slug="2022-25").select_related("plan", "period")


def test_demo_holds_published_q1_and_q2_reports_and_a_q3_draft(seeded):
    by_quarter = {(r.period.financial_year, r.period.quarter): r for r in seeded}
    assert {key: r.status for key, r in by_quarter.items()} == {
        (2024, 1): "published",
        (2024, 2): "published",
        (2024, 3): "draft",
    }
    q2 = by_quarter[2024, 2]
    assert q2.published_at.date() == datetime.date(2024, 11, 20)
    assert q2.meeting_date == datetime.date(2024, 12, 4)
    assert q2.published_by.username == "manager"


def test_q2_paper_follows_the_scrutiny_paper_with_role_titles(seeded):
    paper = seeded.get(period__quarter=2).snapshot
    assert paper["title"] == (
        "Progress report on the Children and Young People's Plan 2022-25: Q2 2024-25"
    )
    assert paper["front"]["committee"] == "Scrutiny for Policies, Children and Families Committee"
    assert paper["front"]["lead_officer"] == "Assistant Director, Children's Services"
    assert paper["front"]["author"] == "SSCP Business Manager"
    assert paper["front"]["divisions"] == "All (county-wide implications)"
    text = paper["text"]
    assert "second quarter of 2024-25" in text["summary"]
    assert "Links to the County Plan" in text["summary"]
    assert text["issues"].startswith("The Scrutiny for Policies, Children and Families Committee")
    assert "29 September 2019" in text["background"]
    assert "Youth Forum" in text["consultations"]
    implications = {part["key"]: part for part in paper["implications"]}
    assert "three priorities" in implications["other"]["text"]
    assert implications["risk"]["score"] == 15  # likelihood 3 x impact 5, as in the cabinet paper
    assert "- **Exploitation:**" in text["summary"]  # Markdown kept as written
    assert paper["front"]["contact"].endswith("@example.org")
    sign_off = {row["role"]: row for row in paper["front"]["sign_off"]}
    assert sign_off["County Solicitor (legal)"]["date"] == "14 November 2024"
    assert sign_off["Cabinet Member"]["date"] == "Sent on 10 November 2024"
    assert paper["background_papers"][0]["url"].endswith(
        "Structure-Chart-Childrens-safeguarding-Arrangements-in-Somerset-Sept-2021.pdf"
    )


def test_q2_paper_is_filled_from_the_partnerships_data(seeded):
    report = seeded.get(period__quarter=2)
    paper = report.snapshot
    assert [p["title"] for p in paper["priorities"]] == [
        "Keeping children and young people safe",
        "Supporting physical, emotional health and resilience",
        "Enabling children and young people to learn and thrive",
    ]
    assert paper["overall"]["total"] == 16
    assert paper["previous_period"]["label"] == "Q1 2024-25"
    exceptions = {e["title"]: e for e in paper["exceptions"]}
    red = exceptions["Children at risk of exploitation with a multi-agency plan"]
    assert (red["value_text"], red["rag"]) == ("79%", "red")
    assert paper["consultations"][0]["children_reached"] == "2,500"
    assert paper["commitments"]
    # The snapshot is what the publish service builds from the same data.
    assert build_paper(report_data(report)) == paper
