"""The Plan on a Page, strategy page and timeline run the same number of SQL queries with the
demo data and with ten times as many strategies and measures; the numbers are pinned."""

import io
import itertools
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure, ReportingPeriod, Return
from plans.models import GovernanceBody, Plan
from priorities.models import Strategy
from tests.factories import MeasureFactory, StrategyFactory

# Session, user, the user's groups and memberships (roles), the unread count in the header,
# then the page's own reads. The Plan on a Page built (12), and served whole from the page cache
# (session, user, roles, the data versions and the unread count: 5).
PLAN_ON_A_PAGE_QUERIES = 12
PLAN_ON_A_PAGE_CACHED_QUERIES = 5
STRATEGY_PAGE_QUERIES = 8
TIMELINE_QUERIES = 7


@pytest.fixture
def demo(db):
    call_command("seed_demo", with_demo_users=True, stdout=io.StringIO())


def grow_tenfold() -> None:
    """Nine more strategies for every one on the 2022-25 shelves and nine more measures for
    every measure, each with returns for three quarters; the Early Help Strategy gets nine more
    measures for each of its own."""
    from django.contrib.auth import get_user_model

    plan = Plan.objects.get(slug="2022-25")
    priorities = list(plan.priorities.current().order_by("order"))
    bodies = itertools.cycle(GovernanceBody.objects.subgroups().order_by("name"))
    reporter = get_user_model().objects.get(username="chair")
    reviewer = get_user_model().objects.get(username="manager")
    periods = list(ReportingPeriod.objects.filter(financial_year=2024).order_by("quarter"))
    strategies = Strategy.objects.filter(priorities__plan=plan).distinct().count()
    measures = Measure.objects.filter(priority__plan=plan).count()
    early_help = Strategy.objects.get(slug="early-help-strategy")
    early_help_measures = early_help.measures.count()

    new_strategies = [
        StrategyFactory(owner_body=next(bodies), priorities=[priorities[i % len(priorities)]])
        for i in range(9 * strategies)
    ]
    early_help_shelf = early_help.priorities.filter(plan=plan).first()
    new_books = itertools.cycle([(s, s.priorities.get()) for s in new_strategies])
    slots = [(early_help, early_help_shelf)] * (9 * early_help_measures)
    slots += [next(new_books) for _ in range(9 * measures - len(slots))]
    for index, (strategy, priority) in enumerate(slots):
        measure = MeasureFactory(priority=priority, strategy=strategy, reporting_body=next(bodies))
        for period in periods:
            approved = not period.is_open
            Return.objects.create(
                measure=measure,
                period=period,
                value=Decimal(50 + index % 20),
                calculated_rag=measure.rag_for(Decimal(50 + index % 20)),
                rag=measure.rag_for(Decimal(50 + index % 20)),
                commentary="Figures for the growth test.",
                status=Return.Status.APPROVED if approved else Return.Status.SUBMITTED,
                created_by=reporter,
                submitted_by=reporter,
                submitted_at=timezone.now(),
                reviewed_by=reviewer if approved else None,
                reviewed_at=timezone.now() if approved else None,
            )
    assert Strategy.objects.filter(priorities__plan=plan).distinct().count() == 10 * strategies
    assert Measure.objects.filter(priority__plan=plan).count() == 10 * measures
    assert early_help.measures.count() == 10 * early_help_measures


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


PAGES = {
    "Plan on a Page": (
        lambda: reverse("plans:plan_detail", kwargs={"slug": "2022-25"}),
        PLAN_ON_A_PAGE_QUERIES,
    ),
    "Plan on a Page, another quarter": (
        lambda: (
            reverse("plans:plan_detail", kwargs={"slug": "2022-25"})
            + f"?quarter={ReportingPeriod.objects.get(financial_year=2024, quarter=1).pk}"
        ),
        PLAN_ON_A_PAGE_QUERIES - 1,  # a chosen quarter: no need to find the latest with figures
    ),
    "strategy page": (
        lambda: reverse("priorities:strategy_detail", kwargs={"slug": "early-help-strategy"}),
        STRATEGY_PAGE_QUERIES,
    ),
    "timeline": (lambda: reverse("plans:timeline"), TIMELINE_QUERIES),
}


@pytest.mark.parametrize("username", ["manager", "scrutiny", "chair"])
def test_pages_run_the_same_queries_with_ten_times_the_data(
    demo, client_for, django_user_model, username
):
    client = client_for(django_user_model.objects.get(username=username))
    with_demo = {page: count_queries(client, url_of()) for page, (url_of, _) in PAGES.items()}
    grow_tenfold()
    with_ten_times = {page: count_queries(client, url_of()) for page, (url_of, _) in PAGES.items()}
    pinned = {page: number for page, (_, number) in PAGES.items()}
    assert with_demo == with_ten_times == pinned, (
        f"queries with the demo data {with_demo}, with ten times as many strategies and "
        f"measures {with_ten_times}, pinned {pinned}"
    )


def test_cached_plan_on_a_page_runs_the_same_few_queries_with_ten_times_the_data(
    demo, client_for, django_user_model, settings
):
    settings.SSCP_PAGE_CACHE = True
    client = client_for(django_user_model.objects.get(username="scrutiny"))
    url = reverse("plans:plan_detail", kwargs={"slug": "2022-25"})

    def repeat_request_queries():
        count_queries(client, url)  # builds and caches the page
        return count_queries(client, url)

    with_demo = repeat_request_queries()
    grow_tenfold()
    assert with_demo == repeat_request_queries() == PLAN_ON_A_PAGE_CACHED_QUERIES
