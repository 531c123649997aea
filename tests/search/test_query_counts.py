"""The search runs one query per kind however much matches (and a few for the session)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    CommitmentFactory,
    ConsultationFactory,
    FeedbackFactory,
    GovernanceBodyFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReturnFactory,
    StrategyFactory,
)

URL = reverse("search:results")


@pytest.fixture
def grow(db, chair_body, datalead_body):
    """``grow(n)``: n more matching rows of every kind, some hidden from some readers."""
    plan = PlanFactory(active=True)
    draft = PlanFactory()

    def add(times: int) -> None:
        for _ in range(times):
            for each in (plan, draft):
                priority = PriorityFactory(plan=each, title="Quokka priority")
                for body in (chair_body, datalead_body):
                    measure = MeasureFactory(
                        priority=priority, reporting_body=body, title="Quokka measure"
                    )
                    ReturnFactory(measure=measure, commentary="Quokka draft")
                    ReturnFactory(measure=measure, commentary="Quokka approved", approved=True)
                consultation = ConsultationFactory(plan=each, summary="Quokka consultation")
                feedback = FeedbackFactory(consultation=consultation, said="Quokka said")
                CommitmentFactory(consultation=consultation, feedback=feedback, promise="Quokka")
                ProgressReportFactory(plan=each, summary="Quokka draft paper")
                ProgressReportFactory(plan=each, summary="Quokka paper", published=True)
            StrategyFactory(summary="Quokka strategy", owner_body=chair_body)
            GovernanceBodyFactory(remit="Quokka remit")
            PlanFactory(title="Quokka plan")

    return add


def queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, {"q": "quokka", **params})
    assert response.status_code == 200
    assert response.context["groups"], "the search should find something"
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["manager", "scrutiny", "chair", "datalead"])
@pytest.mark.parametrize("params", [{}, {"kind": "returns"}, {"kind": "reports", "page": "1"}])
def test_search_runs_fixed_queries(grow, client_for, request, role, params):
    client = client_for(request.getfixturevalue(role))
    grow(1)
    small = queries(client, **params)
    grow(3)
    large = queries(client, **params)
    assert large == small, f"{small} queries with little data, {large} with more"
    assert small <= 15 if not params else small <= 6
