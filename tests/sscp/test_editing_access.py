"""Every URL added for the Plan on a Page, timeline, editing and history, for every role:
anonymous people are sent to sign in, the allowed get the page, everyone else is refused (403),
and a refused POST changes nothing."""

import pytest
from django.urls import reverse

from plans.models import Plan
from tests.factories import (
    MeasureFactory,
    MembershipFactory,
    PlanFactory,
    PriorityFactory,
    StrategyFactory,
)

ROLES = ["anonymous", "no_role", "manager", "scrutiny", "chair", "datalead"]
READERS = {"manager", "scrutiny", "chair", "datalead"}
MANAGER = {"manager"}


@pytest.fixture
def world(db, chair_body):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, order=1)
    PriorityFactory(plan=plan, order=2)
    strategy = StrategyFactory(owner_body=chair_body, priorities=[priority])
    measure = MeasureFactory(priority=priority, strategy=strategy, reporting_body=chair_body)
    membership = MembershipFactory(body=chair_body)
    return {
        "plan": plan,
        "priority": priority,
        "strategy": strategy,
        "measure": measure,
        "body": chair_body,
        "membership": membership,
    }


PAGES = {
    # reading
    "plans:timeline": (lambda w: {}, READERS),
    "plans:plan_history": (lambda w: {"slug": w["plan"].slug}, READERS),
    "plans:body_history": (lambda w: {"slug": w["body"].slug}, READERS),
    "priorities:priority_history": (lambda w: {"pk": w["priority"].pk}, READERS),
    "priorities:strategy_history": (lambda w: {"slug": w["strategy"].slug}, READERS),
    "measures:measure_history": (lambda w: {"pk": w["measure"].pk}, READERS),
    # editing
    "plans:plan_create": (lambda w: {}, MANAGER),
    "plans:plan_edit": (lambda w: {"slug": w["plan"].slug}, MANAGER),
    "plans:plan_start_next": (lambda w: {"slug": w["plan"].slug}, MANAGER),
    "plans:plan_delete": (lambda w: {"slug": w["plan"].slug}, MANAGER),
    "plans:body_create": (lambda w: {}, MANAGER),
    "plans:body_edit": (lambda w: {"slug": w["body"].slug}, MANAGER),
    "plans:membership_create": (lambda w: {"slug": w["body"].slug}, MANAGER),
    "plans:membership_edit": (lambda w: {"pk": w["membership"].pk}, MANAGER),
    "plans:membership_delete": (lambda w: {"pk": w["membership"].pk}, MANAGER),
    "priorities:priority_create": (lambda w: {"plan_slug": w["plan"].slug}, MANAGER),
    "priorities:priority_edit": (lambda w: {"pk": w["priority"].pk}, MANAGER),
    "priorities:priority_retire": (lambda w: {"pk": w["priority"].pk}, MANAGER),
    "priorities:priority_delete": (lambda w: {"pk": w["priority"].pk}, MANAGER),
    "priorities:strategy_create": (lambda w: {}, MANAGER),
    "priorities:strategy_edit": (lambda w: {"slug": w["strategy"].slug}, MANAGER),
    "measures:measure_create": (lambda w: {}, MANAGER),
    "measures:measure_edit": (lambda w: {"pk": w["measure"].pk}, MANAGER),
    "measures:measure_delete": (lambda w: {"pk": w["measure"].pk}, MANAGER),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_new_page_access_by_role(world, client_as, name, role):
    kwargs_of, allowed = PAGES[name]
    response = client_as(role).get(reverse(name, kwargs=kwargs_of(world)))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1
    else:
        assert response.status_code == 403


POSTS = {
    "plans:plan_create": (lambda w: {}, {"title": "Sneaky plan"}),
    "plans:plan_edit": (lambda w: {"slug": w["plan"].slug}, {"title": "Changed"}),
    "plans:plan_start_next": (lambda w: {"slug": w["plan"].slug}, {}),
    "plans:plan_delete": (lambda w: {"slug": w["plan"].slug}, {}),
    "plans:body_create": (lambda w: {}, {"name": "Sneaky board", "kind": "board"}),
    "plans:body_edit": (lambda w: {"slug": w["body"].slug}, {"name": "Changed"}),
    "plans:membership_create": (lambda w: {"slug": w["body"].slug}, {"role": "chair"}),
    "plans:membership_edit": (lambda w: {"pk": w["membership"].pk}, {"role": "chair"}),
    "plans:membership_delete": (lambda w: {"pk": w["membership"].pk}, {}),
    "priorities:priority_create": (lambda w: {"plan_slug": w["plan"].slug}, {"title": "New"}),
    "priorities:priority_edit": (lambda w: {"pk": w["priority"].pk}, {"title": "Changed"}),
    "priorities:priority_move": (lambda w: {"pk": w["priority"].pk}, {"direction": "down"}),
    "priorities:priority_retire": (
        lambda w: {"pk": w["priority"].pk},
        {"retired_on": "2024-01-01", "retired_reason": "Because"},
    ),
    "priorities:priority_delete": (lambda w: {"pk": w["priority"].pk}, {}),
    "priorities:strategy_create": (lambda w: {}, {"title": "Sneaky strategy"}),
    "priorities:strategy_edit": (lambda w: {"slug": w["strategy"].slug}, {"title": "Changed"}),
    "measures:measure_create": (lambda w: {}, {"title": "Sneaky measure"}),
    "measures:measure_edit": (lambda w: {"pk": w["measure"].pk}, {"title": "Changed"}),
    "measures:measure_delete": (lambda w: {"pk": w["measure"].pk}, {}),
}


def _snapshot(world) -> list:
    """Counts of every history table the edits could write to: a refused POST adds none."""
    from measures.models import Measure
    from plans.models import GovernanceBody, Membership
    from priorities.models import Priority, Strategy

    return [
        model.history.count()
        for model in (Plan, Priority, Strategy, Measure, GovernanceBody, Membership)
    ]


@pytest.mark.parametrize("role", ["anonymous", "no_role", "scrutiny", "chair", "datalead"])
@pytest.mark.parametrize("name", sorted(POSTS))
def test_edit_urls_refuse_posts_from_everyone_but_the_manager(world, client_as, name, role):
    kwargs_of, data = POSTS[name]
    before = _snapshot(world)
    response = client_as(role).post(reverse(name, kwargs=kwargs_of(world)), data)
    assert response.status_code == (302 if role == "anonymous" else 403)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    assert _snapshot(world) == before


@pytest.mark.parametrize("role", ["scrutiny", "chair", "datalead"])
def test_readers_see_no_edit_controls(world, client_as, role):
    client = client_as(role)
    pages = [
        world["plan"].get_absolute_url(),
        world["strategy"].get_absolute_url(),
        world["measure"].get_absolute_url(),
        world["body"].get_absolute_url(),
        reverse("plans:plan_list"),
        reverse("priorities:strategy_list"),
        reverse("plans:governance"),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert "/edit/" not in page, url
        assert "/new/" not in page, url
        assert "Start the next plan" not in page, url
        assert "Move up" not in page and "Move down" not in page, url


def test_manager_sees_edit_controls(world, client_as):
    client = client_as("manager")
    plan_page = client.get(world["plan"].get_absolute_url()).content.decode()
    assert reverse("plans:plan_edit", kwargs={"slug": "2022-25"}) in plan_page
    assert reverse("priorities:priority_edit", kwargs={"pk": world["priority"].pk}) in plan_page
    assert "Start the next plan" in plan_page
    assert "Move down" in plan_page
    strategy_page = client.get(world["strategy"].get_absolute_url()).content.decode()
    assert reverse("priorities:strategy_edit", kwargs={"slug": world["strategy"].slug}) in (
        strategy_page
    )
    measure_page = client.get(world["measure"].get_absolute_url()).content.decode()
    assert reverse("measures:measure_edit", kwargs={"pk": world["measure"].pk}) in measure_page


def test_priority_move_is_post_only(world, client_as):
    url = reverse("priorities:priority_move", kwargs={"pk": world["priority"].pk})
    assert client_as("manager").get(url).status_code == 405
