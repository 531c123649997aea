"""Starting the next plan: a draft successor with following dates, copied priorities that carry
the old ones forward, strategy links and active measures carried over, no returns; all or
nothing. And deleting a draft plan nothing depends on."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bookcase.services import plan_start_next
from measures.models import Measure, Return
from plans.models import Plan
from plans.services import plan_delete
from priorities.models import Priority, Strategy
from tests.factories import (
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReturnFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(chair_body):
    plan = PlanFactory(
        active=True,
        slug="2022-25",
        title="Children and Young People's Plan 2022-25",
        vision="Safe, healthy and happy.",
    )
    safe = PriorityFactory(plan=plan, order=1, title="Keeping children safe")
    healthy = PriorityFactory(plan=plan, order=2, title="Healthy lives")
    PriorityFactory(plan=plan, order=3, title="Retired idea", retired=True)
    early_help = StrategyFactory(title="Early Help", owner_body=chair_body, priorities=[safe])
    both = StrategyFactory(title="Neglect", owner_body=chair_body, priorities=[safe, healthy])
    StrategyFactory(title="Old", status=Strategy.Status.RETIRED, priorities=[healthy])
    kept = MeasureFactory(priority=safe, strategy=early_help, reporting_body=chair_body)
    ReturnFactory(measure=kept, approved=True)
    MeasureFactory(priority=healthy, strategy=both, reporting_body=chair_body, active=False)
    MeasureFactory(priority=healthy, strategy=both, reporting_body=chair_body, monitored=True)
    return plan


def test_successor_is_a_draft_with_the_following_dates(current):
    successor = plan_start_next(plan=current)
    assert successor.slug == "2025-28"
    assert successor.title == "Children and Young People's Plan 2025-28"
    assert (successor.start_date, successor.end_date) == (
        datetime.date(2025, 4, 1),
        datetime.date(2028, 3, 31),
    )
    assert successor.status == Plan.Status.DRAFT
    assert successor.predecessor == current
    assert successor.vision == "Safe, healthy and happy."


def test_current_priorities_are_copied_and_carry_the_old_ones_forward(current):
    successor = plan_start_next(plan=current)
    copies = list(successor.priorities.order_by("order"))
    assert [(p.order, p.title) for p in copies] == [
        (1, "Keeping children safe"),
        (2, "Healthy lives"),
    ]
    for copy in copies:
        (old,) = copy.continues.all()
        assert old.plan == current and old.title == copy.title


def test_strategy_links_are_carried_over_except_retired_strategies(current):
    successor = plan_start_next(plan=current)
    safe, healthy = successor.priorities.order_by("order")
    assert sorted(s.title for s in safe.strategies.all()) == ["Early Help", "Neglect"]
    assert [s.title for s in healthy.strategies.all()] == ["Neglect"]


def test_active_measures_are_carried_over_without_returns(current):
    successor = plan_start_next(plan=current)
    copied = Measure.objects.filter(priority__plan=successor)
    assert copied.count() == 2  # the inactive one stays behind
    assert not Return.objects.filter(measure__in=copied).exists()
    assert Return.objects.filter(measure__priority__plan=current).count() == 1


def test_the_old_plan_is_left_as_it_was(current):
    before = (current.priorities.count(), Measure.objects.filter(priority__plan=current).count())
    plan_start_next(plan=current)
    current.refresh_from_db()
    assert current.status == Plan.Status.ACTIVE
    after = (current.priorities.count(), Measure.objects.filter(priority__plan=current).count())
    assert after == before


def test_a_plan_that_already_has_a_successor_is_refused(current):
    plan_start_next(plan=current)
    with pytest.raises(ValidationError, match="already followed by"):
        plan_start_next(plan=current)
    assert Plan.objects.count() == 2


def test_nothing_is_kept_when_copying_fails_half_way(current):
    with (
        mock.patch("measures.models.Measure.full_clean", side_effect=ValidationError("boom")),
        pytest.raises(ValidationError),
    ):
        plan_start_next(plan=current)
    assert not Plan.objects.filter(slug="2025-28").exists()
    assert Priority.objects.filter(plan__slug="2025-28").count() == 0
    assert Priority.objects.count() == 3


def test_long_years_in_a_title_move_on_too():
    plan = PlanFactory(
        title="'Our Plan' 2019-2022",
        slug="2019-22",
        start_date=datetime.date(2019, 4, 1),
    )
    assert plan_start_next(plan=plan).title == "'Our Plan' 2022-2025"


# --- in the browser ---------------------------------------------------------------------------


def test_confirmation_page_says_what_will_happen(current, client_for, manager):
    page = client_for(manager).get(reverse("plans:plan_start_next", kwargs={"slug": "2022-25"}))
    text = page.content.decode()
    assert "draft plan for 2025-28" in text
    assert "1 April 2025 to 31 March 2028" in text
    assert "have 2 priorities" in text
    assert "carry over 2 active measures, with no returns" in text
    assert not Plan.objects.filter(slug="2025-28").exists()


def test_manager_starts_the_next_plan(current, client_for, manager):
    response = client_for(manager).post(
        reverse("plans:plan_start_next", kwargs={"slug": "2022-25"}), follow=True
    )
    assert response.redirect_chain[-1][0] == "/plans/2025-28/"
    assert "has been started as a draft" in response.content.decode()
    successor = Plan.objects.get(slug="2025-28")
    assert successor.history.get().history_user == manager
    assert successor.history.get().history_change_reason == "Started from 2022-25"


def test_starting_twice_is_refused_with_a_message(current, client_for, manager):
    client = client_for(manager)
    url = reverse("plans:plan_start_next", kwargs={"slug": "2022-25"})
    client.post(url)
    assert "already followed by" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "already followed by" in response.content.decode()
    assert Plan.objects.count() == 2


@pytest.mark.parametrize(
    ("slug", "start", "end"),
    [
        ("9998-99", datetime.date(9998, 4, 1), datetime.date(9999, 3, 31)),
        ("9997-99", datetime.date(9997, 1, 1), datetime.date(9999, 12, 31)),
    ],
)
def test_a_plan_too_late_to_be_followed_is_refused_with_a_message(
    client_for, manager, slug, start, end
):
    """The plan after 9998-99 would end in the year 10000, which no date can hold."""
    PlanFactory(slug=slug, start_date=start, end_date=end)
    client = client_for(manager)
    url = reverse("plans:plan_start_next", kwargs={"slug": slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "the next one would run past the year 9999" in page.content.decode()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "the next one would run past the year 9999" in response.content.decode()
    assert Plan.objects.count() == 1


# --- deleting a draft -------------------------------------------------------------------------


def test_draft_successor_can_be_deleted(current, client_for, manager):
    successor = plan_start_next(plan=current)
    response = client_for(manager).post(
        reverse("plans:plan_delete", kwargs={"slug": successor.slug})
    )
    assert response["Location"] == reverse("plans:plan_list")
    assert not Plan.objects.filter(slug="2025-28").exists()
    assert Strategy.objects.filter(title="Early Help").exists()
    assert current.priorities.count() == 3


def test_active_plan_cannot_be_deleted(current, client_for, manager):
    client = client_for(manager)
    url = reverse("plans:plan_delete", kwargs={"slug": "2022-25"})
    assert "only a draft plan can be deleted" in client.get(url).content.decode()
    client.post(url)
    assert Plan.objects.filter(slug="2022-25").exists()


def test_draft_with_reports_cannot_be_deleted(db):
    plan = PlanFactory()
    ProgressReportFactory(plan=plan)
    with pytest.raises(ValidationError, match="Progress reports"):
        plan_delete(plan=plan)
