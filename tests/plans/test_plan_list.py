"""The plans page lists plans as its caption says: newest first."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_plans_run_newest_first_whatever_order_they_were_made_in(manager, client_for):
    older = PlanFactory(active=True, start_date=datetime.date(2019, 4, 1))
    newest = PlanFactory(start_date=datetime.date(2025, 4, 1))
    middle = PlanFactory(closed=True, start_date=datetime.date(2022, 4, 1))

    response = client_for(manager).get(reverse("plans:plan_list"))

    assert [plan.pk for plan in response.context["plans"]] == [newest.pk, middle.pk, older.pk]
    page = response.content.decode()
    assert "Plans, newest first" in page
    assert (
        page.index(newest.get_absolute_url())
        < page.index(middle.get_absolute_url())
        < page.index(older.get_absolute_url())
    )
