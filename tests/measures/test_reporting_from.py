"""A measure added after a quarter's deadline is not due (nor overdue) for that quarter: its
first quarter of reporting (``Measure.reporting_from``) is read by ``measures_due_in``, so the
collection status, My returns, the home page, the reminders, the return form and the reports'
"not received" agree."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from measures import reminders, selectors, services
from measures.models import Measure
from measures.services import ReturnFigures
from reports.selectors import report_data
from tests.factories import MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_measure(collection, chair_body):
    """A chair-body measure added the day after the open quarter's deadline."""
    period = collection["period"]
    return MeasureFactory(
        priority=collection["priority"],
        reporting_body=chair_body,
        title="Added after the deadline",
        reporting_from=period.deadline + datetime.timedelta(days=1),
    )


def test_measures_due_in_reads_the_first_quarter_of_reporting(collection, late_measure):
    period = collection["period"]
    due = set(selectors.measures_due_in(period))
    assert late_measure not in due
    assert collection["chair_measure"] in due  # reporting_from empty: every quarter
    Measure.objects.filter(pk=late_measure.pk).update(reporting_from=period.deadline)
    assert late_measure in set(selectors.measures_due_in(period))


def test_collection_status_leaves_it_out(collection, late_measure, manager, client_for):
    response = client_for(manager).get(collection["period"].get_absolute_url())
    titles = [row.title for row in response.context["rows"]]
    assert "Added after the deadline" not in titles
    assert response.context["summary"].expected == 2


def test_my_returns_leaves_it_out(collection, late_measure, chair, client_for):
    response = client_for(chair).get(reverse("measures:my_returns"))
    (quarter,) = response.context["quarters"]
    assert late_measure not in quarter["measures"]


def test_the_home_page_counts_leave_it_out(collection, late_measure, manager, client_for):
    response = client_for(manager).get(reverse("home"))
    assert response.context["summary"].expected == 2


def test_reminders_leave_it_out(collection, late_measure):
    period = collection["period"]
    items = reminders.items_due(today=period.deadline + datetime.timedelta(days=3), within_days=7)
    titles = {item.measure_title for body_items in items.values() for item in body_items}
    assert "Added after the deadline" not in titles
    assert collection["chair_measure"].title in titles


def test_reports_do_not_wait_for_it(collection, late_measure):
    report = ProgressReportFactory(plan=collection["plan"], period=collection["period"])
    data = report_data(report)
    assert late_measure not in data.measures
    assert late_measure not in data.unaccounted()


def test_no_return_can_be_entered_for_a_quarter_before_it(collection, late_measure, chair):
    with pytest.raises(ValidationError, match="added after the quarter's deadline"):
        services.return_save_draft(
            measure=late_measure,
            period=collection["period"],
            user=chair,
            figures=ReturnFigures(),
            expected_version=0,
        )


def test_a_new_measure_starts_from_today(manager, client_for):
    response = client_for(manager).get(reverse("measures:measure_create"))
    assert response.context["form"].initial["reporting_from"] == timezone.localdate()
