"""Every page runs the same number of SQL queries however much data there is."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import ReportingPeriod
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationFactory,
    FeedbackFactory,
    GovernanceBodyFactory,
    MeasureFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    StrategyFactory,
)


@pytest.fixture
def partnership(db, chair_body, datalead_body):
    """A plan, the open quarter and a ``grow()`` that adds a slice of everything a page shows."""
    plan = PlanFactory(active=True, slug="2022-25")
    predecessor = PlanFactory(closed=True, slug="2019-22", start_date=plan.start_date.replace(2019))
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024, quarter=4, start_date=start, end_date=end, is_open=True
    )
    previous = ReportingPeriodFactory(financial_year=2024, quarter=3, is_open=False)
    strategy = StrategyFactory(owner_body=chair_body)
    consultation = ConsultationFactory(plan=plan)
    report = ProgressReportFactory(plan=plan, period=period, published=True)

    def grow(times: int) -> None:
        for _ in range(times):
            old = PriorityFactory(plan=predecessor)
            priority = PriorityFactory(plan=plan, continues=[old])
            strategy.priorities.add(priority)
            extra_strategy = StrategyFactory(owner_body=chair_body, priorities=[priority])
            for body in (chair_body, datalead_body):
                for owner in (strategy, extra_strategy):
                    measure = MeasureFactory(priority=priority, strategy=owner, reporting_body=body)
                    ReturnFactory(measure=measure, period=period, submitted=True)
                    ReturnFactory(measure=measure, period=previous, approved=True)
            child = GovernanceBodyFactory(parent=chair_body)
            MembershipFactory(body=chair_body)
            MembershipFactory(body=child)
            feedback = FeedbackFactory(consultation=consultation, priorities=[priority, old])
            commitment = CommitmentFactory(consultation=consultation, feedback=feedback)
            CommitmentUpdateFactory(commitment=commitment)
            ConsultationFactory(plan=plan)
            ProgressReportFactory(plan=plan, period=ReportingPeriodFactory(), published=True)

    return {
        "plan": plan,
        "period": period,
        "strategy": strategy,
        "body": chair_body,
        "consultation": consultation,
        "report": report,
        "grow": grow,
        "measure": lambda: strategy.measures.filter(reporting_body=chair_body).first(),
    }


PAGES = {
    "home": lambda p: reverse("home"),
    "plan list": lambda p: reverse("plans:plan_list"),
    "plan detail": lambda p: p["plan"].get_absolute_url(),
    "governance": lambda p: reverse("plans:governance"),
    "body detail": lambda p: p["body"].get_absolute_url(),
    "report list": lambda p: reverse("plans:report_list"),
    "report detail": lambda p: p["report"].get_absolute_url(),
    "strategy list": lambda p: reverse("priorities:strategy_list"),
    "strategy detail": lambda p: p["strategy"].get_absolute_url(),
    "measure detail": lambda p: p["measure"]().get_absolute_url(),
    "period list": lambda p: reverse("measures:period_list"),
    "period detail": lambda p: p["period"].get_absolute_url(),
    "consultation list": lambda p: reverse("consultations:consultation_list"),
    "consultation detail": lambda p: p["consultation"].get_absolute_url(),
}


def count_queries(client, url: str) -> int:
    """The queries of the page built afresh: nothing kept in the cache from an earlier request
    (a published paper's HTML is kept under the report's own key, whatever the data does)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["manager", "chair", "datalead", "scrutiny"])
def test_home_runs_fixed_queries_for_each_role(partnership, client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    partnership["grow"](1)
    small = count_queries(client, reverse("home"))
    partnership["grow"](6)
    assert count_queries(client, reverse("home")) == small


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_runs_fixed_queries(partnership, client_for, manager, page):
    client = client_for(manager)
    partnership["grow"](1)
    small = count_queries(client, PAGES[page](partnership))
    partnership["grow"](6)
    large = count_queries(client, PAGES[page](partnership))
    assert large == small, f"{page}: {small} queries with little data, {large} with more"
    assert small <= 15, f"{page} runs {small} queries"
