"""Fixtures for the progress report tests: a plan with two priorities, two quarters
of returns in every state a report meets, consultations, and a draft report on the later
quarter."""

from decimal import Decimal

import pytest

from consultations.models import EngagementGroup
from measures.models import Measure
from reports import services
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationFactory,
    EngagementGroupFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
)


def approved(measure: Measure, period, value: str, **extra):
    return ReturnFactory(
        measure=measure, period=period, value=Decimal(value), approved=True, **extra
    )


@pytest.fixture
def report_world(db, chair_body, datalead_body, manager):
    """The 2022-25 plan and Q1/Q2 2024-25. Every measure is a percentage, target 60, amber
    from 55. In Q2: "Early help plans" rose to green; "Exploitation plans" is red and falling;
    "Mental health waits" is amber and falling; "Health assessments" was only submitted."""
    plan = PlanFactory(active=True, slug="2022-25", title="Children and Young People's Plan")
    safe = PriorityFactory(plan=plan, order=1, title="Keeping children and young people safe")
    health = PriorityFactory(plan=plan, order=2, title="Supporting physical, emotional health")
    q1 = ReportingPeriodFactory(financial_year=2024, quarter=1)
    q2 = ReportingPeriodFactory(financial_year=2024, quarter=2)
    early_help = MeasureFactory(priority=safe, reporting_body=chair_body, title="Early help plans")
    exploitation = MeasureFactory(
        priority=safe, reporting_body=datalead_body, title="Exploitation plans"
    )
    waits = MeasureFactory(priority=health, reporting_body=chair_body, title="Mental health waits")
    assessments = MeasureFactory(
        priority=health, reporting_body=datalead_body, title="Health assessments"
    )
    approved(early_help, q1, "55")
    approved(early_help, q2, "65", commentary="Families say the plans helped.")
    approved(exploitation, q1, "50")
    approved(
        exploitation,
        q2,
        "40",
        commentary="Too many children have no multi-agency plan.",
        next_steps="Agree one multi-agency pathway.",
    )
    approved(waits, q1, "59")
    approved(waits, q2, "57", commentary="Waits are longer over the summer.")
    approved(assessments, q1, "70")
    ReturnFactory(measure=assessments, period=q2, value=Decimal("80"), submitted=True)

    youth_forum = EngagementGroupFactory(
        name="Somerset Youth Forum", kind=EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE
    )
    consultation = ConsultationFactory(
        plan=plan, title="Consultation on the plan", children_reached=2500, groups=[youth_forum]
    )
    commitment = CommitmentFactory(
        consultation=consultation,
        promise="Report back to the Youth Forum every year.",
        owner_body=chair_body,
    )
    CommitmentUpdateFactory(commitment=commitment, text="Progress shared with the forum.")
    report = ProgressReportFactory(
        plan=plan,
        period=q2,
        summary="Progress in the second quarter.",
        issues_for_consideration="The committee is asked to note progress.",
        background_papers="Structure chart https://example.org/structure.pdf\nPlan on a Page",
    )
    return {
        "plan": plan,
        "priorities": (safe, health),
        "q1": q1,
        "q2": q2,
        "early_help": early_help,
        "exploitation": exploitation,
        "waits": waits,
        "assessments": assessments,
        "consultation": consultation,
        "commitment": commitment,
        "report": report,
        "manager": manager,
    }


@pytest.fixture
def published(report_world):
    """The draft of ``report_world`` written, one return marked not received, and published."""
    manager = report_world["manager"]
    report = report_world["report"]
    services.report_update(
        report=report,
        user=manager,
        expected_version=report.lock_version,
        changes={
            "lead_officer": "Assistant Director, Children's Services",
            "author": "SSCP Business Manager",
            "summary": "First paragraph.\n\nSecond paragraph,\nwith a line break.",
        },
    )
    services.report_mark_not_received(
        report=report, measure=report_world["assessments"], user=manager, note="Next quarter."
    )
    report.refresh_from_db()
    return services.report_publish(
        report=report, user=manager, expected_version=report.lock_version
    )
