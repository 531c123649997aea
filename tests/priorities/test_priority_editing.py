"""A plan's priorities in the browser: add, edit, reorder, retire, and delete only when nothing
has been reported against them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure
from priorities.models import Priority
from sscp.editing import last_change_id
from tests.factories import (
    FeedbackFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReturnFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    plan = PlanFactory(active=True, slug="2022-25")
    for order, title in enumerate(["Safe", "Healthy", "Thriving"], start=1):
        PriorityFactory(plan=plan, order=order, title=title)
    return plan


def titles(plan) -> list[tuple[int, str]]:
    return list(plan.priorities.order_by("order").values_list("order", "title"))


def test_new_priority_goes_on_the_last_shelf(manager, client_for, plan):
    earlier = PriorityFactory(
        plan=PlanFactory(slug="2019-22", start_date=datetime.date(2019, 4, 1))
    )
    response = client_for(manager).post(
        reverse("priorities:priority_create", kwargs={"plan_slug": plan.slug}),
        {"title": "Heard", "description": "Children's voices", "continues": [earlier.pk]},
    )
    assert response.status_code == 302
    new = plan.priorities.get(title="Heard")
    assert new.order == 4
    assert list(new.continues.all()) == [earlier]


def test_new_priority_goes_before_retired_ones(manager, client_for, plan):
    client = client_for(manager)
    safe = plan.priorities.get(title="Safe")
    client.post(
        reverse("priorities:priority_retire", kwargs={"pk": safe.pk}),
        {
            "retired_on": "2023-06-30",
            "retired_reason": "Merged",
            "last_change": last_change_id(safe),
        },
    )
    client.post(
        reverse("priorities:priority_create", kwargs={"plan_slug": plan.slug}), {"title": "Heard"}
    )
    assert titles(plan) == [(1, "Healthy"), (2, "Thriving"), (3, "Heard"), (4, "Safe")]


def test_priority_cannot_carry_forward_a_later_plans_priority(manager, client_for, plan):
    later = PriorityFactory(plan=PlanFactory(slug="2025-28", start_date=datetime.date(2025, 4, 1)))
    response = client_for(manager).post(
        reverse("priorities:priority_create", kwargs={"plan_slug": plan.slug}),
        {"title": "Heard", "continues": [later.pk]},
    )
    assert response.status_code == 200
    assert "continues" in response.context["form"].errors
    assert not plan.priorities.filter(title="Heard").exists()


def test_edit_priority_wording(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    response = client_for(manager).post(
        reverse("priorities:priority_edit", kwargs={"pk": priority.pk}),
        {
            "title": "Keeping children safe",
            "description": "",
            "last_change": last_change_id(priority),
        },
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.title == "Keeping children safe"


def test_edit_priority_needs_a_title(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    response = client_for(manager).post(
        reverse("priorities:priority_edit", kwargs={"pk": priority.pk}),
        {"title": "", "last_change": last_change_id(priority)},
    )
    assert response.context["form"].errors["title"] == ["This field is required."]


def test_stale_priority_edit_is_refused(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    seen = last_change_id(priority)
    priority.description = "Changed elsewhere"
    priority.save()
    response = client_for(manager).post(
        reverse("priorities:priority_edit", kwargs={"pk": priority.pk}),
        {"title": "Mine", "last_change": seen},
    )
    assert response.status_code == 200
    assert "was changed by" in response.context["form"].non_field_errors()[0]
    priority.refresh_from_db()
    assert priority.title == "Safe"


@pytest.mark.parametrize(
    ("who", "direction", "expected"),
    [
        ("Healthy", "up", ["Healthy", "Safe", "Thriving"]),
        ("Healthy", "down", ["Safe", "Thriving", "Healthy"]),
    ],
)
def test_priorities_are_reordered(manager, client_for, plan, who, direction, expected):
    priority = plan.priorities.get(title=who)
    response = client_for(manager).post(
        reverse("priorities:priority_move", kwargs={"pk": priority.pk}), {"direction": direction}
    )
    assert response.status_code == 302
    assert [title for _, title in titles(plan)] == expected
    assert [order for order, _ in titles(plan)] == [1, 2, 3]


def test_first_priority_cannot_move_up(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    response = client_for(manager).post(
        reverse("priorities:priority_move", kwargs={"pk": priority.pk}),
        {"direction": "up"},
        follow=True,
    )
    assert "already the first priority" in response.content.decode()
    assert titles(plan) == [(1, "Safe"), (2, "Healthy"), (3, "Thriving")]


def test_reordering_records_history_only_for_moved_priorities(manager, client_for, plan):
    thriving = plan.priorities.get(title="Thriving")
    before = thriving.history.count()
    client_for(manager).post(
        reverse("priorities:priority_move", kwargs={"pk": plan.priorities.get(title="Safe").pk}),
        {"direction": "down"},
    )
    assert thriving.history.count() == before


def test_retired_priority_leaves_the_shelves_and_keeps_its_returns(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    ret = ReturnFactory(measure=MeasureFactory(priority=priority), approved=True)
    response = client_for(manager).post(
        reverse("priorities:priority_retire", kwargs={"pk": priority.pk}),
        {
            "retired_on": "2023-06-30",
            "retired_reason": "Merged into Healthy",
            "last_change": last_change_id(priority),
        },
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.is_retired and priority.retired_reason == "Merged into Healthy"
    assert titles(plan) == [(1, "Healthy"), (2, "Thriving"), (3, "Safe")]
    ret.refresh_from_db()
    page = client_for(manager).get(plan.get_absolute_url())
    shelves = [shelf.priority.title for shelf in page.context["bookcase"].shelves]
    assert shelves == ["Healthy", "Thriving"]
    assert "Merged into Healthy" in page.content.decode()


def test_retiring_needs_a_reason(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    response = client_for(manager).post(
        reverse("priorities:priority_retire", kwargs={"pk": priority.pk}),
        {"retired_on": "2023-06-30", "retired_reason": "", "last_change": last_change_id(priority)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["retired_reason"] == ["This field is required."]
    priority.refresh_from_db()
    assert not priority.is_retired


def test_retire_page_asks_for_confirmation_and_changes_nothing(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    page = client_for(manager).get(
        reverse("priorities:priority_retire", kwargs={"pk": priority.pk})
    )
    assert "Retire priority" in page.content.decode()
    priority.refresh_from_db()
    assert not priority.is_retired


def test_priority_with_returns_cannot_be_deleted_only_retired(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    ReturnFactory(measure=MeasureFactory(priority=priority), submitted=True)
    client = client_for(manager)
    url = reverse("priorities:priority_delete", kwargs={"pk": priority.pk})
    page = client.get(url).content.decode()
    assert "cannot be deleted, but it can be retired" in page
    assert reverse("priorities:priority_retire", kwargs={"pk": priority.pk}) in page
    response = client.post(url, follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Priority.objects.filter(pk=priority.pk).exists()
    assert priority.measures.count() == 1


def test_priority_informed_by_consultation_cannot_be_deleted(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    FeedbackFactory(priorities=[priority])
    client_for(manager).post(reverse("priorities:priority_delete", kwargs={"pk": priority.pk}))
    assert Priority.objects.filter(pk=priority.pk).exists()


def test_priority_without_returns_is_deleted_with_its_measures(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    strategy = StrategyFactory(priorities=[priority])
    measure = MeasureFactory(priority=priority, strategy=strategy)
    response = client_for(manager).post(
        reverse("priorities:priority_delete", kwargs={"pk": priority.pk})
    )
    assert response["Location"] == plan.get_absolute_url()
    assert not Priority.objects.filter(pk=priority.pk).exists()
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert titles(plan) == [(1, "Healthy"), (2, "Thriving")]
    # the strategy stays, and its history says it left the priority
    assert strategy.priorities.count() == 0
    assert strategy.history.count() >= 2


def test_retire_form_suggests_today(manager, client_for, plan):
    priority = plan.priorities.get(title="Safe")
    response = client_for(manager).get(
        reverse("priorities:priority_retire", kwargs={"pk": priority.pk})
    )
    assert response.context["form"]["retired_on"].value() == timezone.localdate()
