"""A quarter being collected: an active plan, the open Q4 2024-25, one measure for the chair's
body and one for the data lead's, the chair's return submitted for it, and clients for every
role."""

import pytest

from measures.models import ReportingPeriod
from tests.factories import (
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
)


@pytest.fixture
def collection(db, chair_body, datalead_body):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, title="Keeping children and young people safe")
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024, quarter=4, start_date=start, end_date=end, is_open=True
    )
    previous = ReportingPeriodFactory(financial_year=2024, quarter=3, is_open=False)
    return {
        "plan": plan,
        "priority": priority,
        "period": period,
        "previous": previous,
        "chair_measure": MeasureFactory(
            priority=priority, reporting_body=chair_body, title="Early help plans closed"
        ),
        "datalead_measure": MeasureFactory(
            priority=priority, reporting_body=datalead_body, title="Exploitation plans in place"
        ),
    }


@pytest.fixture
def chair_submitted(collection, chair):
    """The chair's return for the open quarter, submitted by the chair."""
    return ReturnFactory(
        measure=collection["chair_measure"],
        period=collection["period"],
        submitted=True,
        created_by=chair,
    )
