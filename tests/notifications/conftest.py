"""A quarter being collected, with a business manager, the chair and data lead of the body that
reports the measure, and a scrutiny member; e-mail goes to a real SMTP server on localhost."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from measures import services
from measures.models import ReportingPeriod
from measures.services import ReturnFigures
from tests.factories import (
    GovernanceBodyFactory,
    ManagerFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ScrutinyFactory,
    chair_of,
    data_lead_of,
)


@pytest.fixture
def team(db):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, title="Keeping children safe")
    body = GovernanceBodyFactory(name="Early Help Subgroup")
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024,
        quarter=4,
        start_date=start,
        end_date=end,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        is_open=True,
    )
    return {
        "plan": plan,
        "body": body,
        "period": period,
        "measure": MeasureFactory(
            priority=priority, reporting_body=body, title="Early help plans closed"
        ),
        "manager": ManagerFactory(first_name="Morgan", last_name="Hughes"),
        "chair": chair_of(body),
        "lead": data_lead_of(body),
        "scrutiny": ScrutinyFactory(),
    }


@pytest.fixture
def submit(team):
    """``submit(user, **figures)``: the measure's return submitted through the service."""

    def submitted(user, version=0, **figures):
        figures = {"value": Decimal("58"), "commentary": "Steady.", **figures}
        return services.return_submit(
            measure=team["measure"],
            period=team["period"],
            user=user,
            figures=ReturnFigures(**figures),
            expected_version=version,
        )

    return submitted


def inbox_url() -> str:
    return reverse("notifications:inbox")
