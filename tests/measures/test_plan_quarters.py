"""A new plan starts with no quarters: the Quarters page offers the business manager to set up
all of them at once, all or none (issue 19, item 7)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures.models import ReportingPeriod
from measures.plan_quarters import quarters_of_plan
from measures.services import periods_create_for_plan
from tests.factories import ManagerFactory, PlanFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_plan():
    return PlanFactory(
        slug="2025-28",
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2028, 3, 31),
    )


def test_a_three_year_plan_runs_over_twelve_quarters(new_plan):
    quarters = quarters_of_plan(new_plan)
    assert len(quarters) == 12
    assert quarters[0] == (2025, 1) and quarters[-1] == (2027, 4)


def test_setting_up_a_plans_quarters_makes_the_missing_ones_closed(new_plan):
    ReportingPeriodFactory(financial_year=2025, quarter=1, is_open=True)
    manager = ManagerFactory()

    created = periods_create_for_plan(plan=new_plan, user=manager)

    assert len(created) == 11
    assert ReportingPeriod.objects.filter(financial_year__in=[2025, 2026, 2027]).count() == 12
    assert not any(p.is_open for p in created)
    q4 = ReportingPeriod.objects.get(financial_year=2027, quarter=4)
    assert q4.deadline == q4.end_date + datetime.timedelta(weeks=6)
    assert q4.history.first().history_user == manager
    with pytest.raises(ValidationError, match="already set up"):
        periods_create_for_plan(plan=new_plan, user=manager)


def test_the_quarters_page_offers_the_missing_quarters_and_sets_them_up(new_plan, client_as):
    client = client_as("manager")
    page = client.get(reverse("measures:period_list")).content.decode()
    assert reverse("measures:period_create") in page  # "Set up a quarter" is reachable
    url = reverse("measures:period_create_for_plan", kwargs={"slug": new_plan.slug})
    assert url in page and "12 quarters not set up" in page

    confirm = client.get(url).content.decode()
    assert "This sets up 12 quarters of" in confirm and "Q1 2025-26" in confirm
    answer = client.post(url, follow=True)
    assert "12 quarters of" in answer.content.decode()
    assert ReportingPeriod.objects.count() == 12
    page = client.get(reverse("measures:period_list")).content.decode()
    assert url not in page  # nothing left to offer
    refused = client.get(url).content.decode()
    assert "already set up" in refused
