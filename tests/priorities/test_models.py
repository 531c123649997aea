import datetime

import pytest
from django.urls import reverse

from priorities.models import Priority, Strategy
from tests.factories import GovernanceBodyFactory, PlanFactory, PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


# --- Priority: constraints --------------------------------------------------------------------


def test_priority_order_is_unique_within_a_plan(violates):
    first = PriorityFactory(order=1)
    with violates("priority_order_unique_in_plan"):
        PriorityFactory(plan=first.plan, order=1)


def test_two_plans_can_each_have_a_first_priority():
    PriorityFactory(order=1)
    PriorityFactory(order=1)
    assert Priority.objects.filter(order=1).count() == 2


def test_priority_order_starts_at_one(violates):
    with violates("priority_order_positive"):
        PriorityFactory(order=0)


def test_retired_priority_needs_a_reason(violates):
    with violates("retired_priority_has_reason"):
        PriorityFactory(retired_on=datetime.date(2023, 3, 31), retired_reason="")


def test_retired_priority_with_a_reason_is_kept():
    priority = PriorityFactory(retired=True)
    assert priority.is_retired
    assert not PriorityFactory().is_retired


# --- Priority: display, URLs, queries ---------------------------------------------------------


def test_priority_str_is_order_and_title():
    assert str(PriorityFactory(order=2, title="Neglect")) == "2. Neglect"


def test_priority_url_is_its_shelf_on_the_plan_page():
    priority = PriorityFactory(plan=PlanFactory(slug="2022-25"))
    plan_url = reverse("plans:plan_detail", kwargs={"slug": "2022-25"})
    assert priority.get_absolute_url() == f"{plan_url}#priority-{priority.pk}"


def test_current_priorities_exclude_retired_ones():
    current = PriorityFactory()
    PriorityFactory(retired=True)
    assert list(Priority.objects.current()) == [current]


def test_for_plan_returns_that_plans_priorities_in_order():
    plan = PlanFactory()
    second = PriorityFactory(plan=plan, order=2)
    first = PriorityFactory(plan=plan, order=1)
    PriorityFactory()
    assert list(Priority.objects.for_plan(plan)) == [first, second]


def test_priority_continues_priorities_of_an_earlier_plan():
    earlier = PriorityFactory(plan=PlanFactory(closed=True))
    later = PriorityFactory(continues=[earlier])
    assert list(later.continues.all()) == [earlier]
    assert list(earlier.continued_by.all()) == [later]


# --- Strategy ---------------------------------------------------------------------------------


def test_strategy_str_and_url():
    strategy = StrategyFactory(title="Neglect Strategy", slug="neglect-strategy")
    assert str(strategy) == "Neglect Strategy"
    assert strategy.get_absolute_url() == reverse(
        "priorities:strategy_detail", kwargs={"slug": "neglect-strategy"}
    )
    assert "neglect-strategy" in strategy.get_absolute_url()


def test_current_strategies_exclude_retired_ones():
    published = StrategyFactory(title="A", status=Strategy.Status.PUBLISHED)
    developing = StrategyFactory(title="B", status=Strategy.Status.IN_DEVELOPMENT)
    reviewing = StrategyFactory(title="C", status=Strategy.Status.UNDER_REVIEW)
    StrategyFactory(title="D", status=Strategy.Status.RETIRED)
    assert list(Strategy.objects.current()) == [published, developing, reviewing]


def test_owned_by_returns_the_bodys_strategies():
    body = GovernanceBodyFactory()
    owned = StrategyFactory(owner_body=body)
    StrategyFactory()
    assert list(Strategy.objects.owned_by(body)) == [owned]


def test_one_strategy_can_stand_on_shelves_of_several_plans():
    first = PriorityFactory()
    second = PriorityFactory()
    strategy = StrategyFactory(priorities=[first, second])
    assert set(strategy.priorities.all()) == {first, second}
    assert list(second.strategies.all()) == [strategy]


# --- history ----------------------------------------------------------------------------------


def test_priority_history_records_who_changed_it(manager):
    priority = PriorityFactory(title="Early help")
    priority.title = "Early help and prevention"
    priority._history_user = manager
    priority.save()

    assert priority.history.count() == 2
    latest = priority.history.first()
    assert (latest.history_type, latest.history_user, latest.title) == (
        "~",
        manager,
        "Early help and prevention",
    )


def test_strategy_history_records_a_status_change(manager):
    strategy = StrategyFactory()
    strategy.status = Strategy.Status.UNDER_REVIEW
    strategy._history_user = manager
    strategy.save()

    latest = strategy.history.first()
    assert strategy.history.count() == 2
    assert latest.history_user == manager
    assert latest.status == Strategy.Status.UNDER_REVIEW
    assert latest.prev_record.status == Strategy.Status.PUBLISHED
