"""Creating and editing plans in the browser: status changes one step at a time, approval needs
its date and decision reference, only one plan is active, and nothing is saved half-way."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Plan
from plans.services import plan_save_refusals, plan_update
from sscp.editing import last_change_id
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def form_data(plan: Plan, **changes) -> dict:
    data = {
        "title": plan.title,
        "short_title": plan.short_title,
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat(),
        "vision": plan.vision,
        "predecessor": plan.predecessor_id or "",
        "status": plan.status,
        "approval_date": plan.approval_date.isoformat() if plan.approval_date else "",
        "approved_by": plan.approved_by,
        "decision_reference": plan.decision_reference,
        "last_change": last_change_id(plan) or "",
    }
    data.update(changes)
    return data


def post_edit(client, plan, **changes):
    return client.post(
        reverse("plans:plan_edit", kwargs={"slug": plan.slug}), form_data(plan, **changes)
    )


@pytest.fixture
def draft(db):
    return PlanFactory(slug="2025-28", start_date=datetime.date(2025, 4, 1))


# --- the edit form --------------------------------------------------------------------------


def test_manager_edits_the_vision(manager, client_for, draft):
    response = post_edit(client_for(manager), draft, vision="A new vision.")
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.vision == "A new vision."


def test_edit_records_who_changed_it(manager, client_for, draft):
    post_edit(client_for(manager), draft, vision="A new vision.")
    assert draft.history.latest().history_user == manager


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("draft", "consultation"),
        ("consultation", "draft"),
        ("active", "closed"),
        ("closed", "active"),
    ],
)
def test_status_moves_one_step(manager, client_for, before, after):
    plan = PlanFactory(
        status=before,
        approval_date=datetime.date(2022, 3, 1) if before in ("active", "closed") else None,
        decision_reference="FP/22/01",
    )
    response = post_edit(client_for(manager), plan, status=after)
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    assert plan.status == after


def test_status_cannot_skip_consultation(manager, client_for, draft):
    response = post_edit(
        client_for(manager),
        draft,
        status="approved",
        approval_date="2025-03-01",
        decision_reference="FP/25/01",
    )
    assert response.status_code == 200
    # the form only offers the statuses the plan may move to
    assert "approved" in response.context["form"].errors["status"][0]
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.approval_date is None


def test_approval_needs_date_and_decision_reference(manager, client_for):
    plan = PlanFactory(status="consultation")
    response = post_edit(client_for(manager), plan, status="approved")
    errors = response.context["form"].errors
    assert errors["approval_date"] == ["An approved plan needs the date it was approved."]
    assert errors["decision_reference"] == [
        "An approved plan needs the reference of the decision that approved it."
    ]
    plan.refresh_from_db()
    assert plan.status == "consultation"


def test_approval_with_date_and_reference_is_saved(manager, client_for):
    plan = PlanFactory(status="consultation")
    response = post_edit(
        client_for(manager),
        plan,
        status="approved",
        approval_date="2022-03-23",
        decision_reference="FP/22/03/01",
        approved_by="SSCP Executive",
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.decision_reference) == ("approved", "FP/22/03/01")


def test_approval_date_cannot_be_in_the_future(manager, client_for):
    plan = PlanFactory(status="consultation")
    response = post_edit(
        client_for(manager),
        plan,
        status="approved",
        approval_date="2999-01-01",
        decision_reference="FP/99",
    )
    assert response.context["form"].errors["approval_date"] == [
        "The approval date cannot be in the future."
    ]


def test_second_active_plan_is_refused_with_a_message(manager, client_for):
    PlanFactory(active=True, slug="2022-25", title="Current plan")
    plan = PlanFactory(
        approved=True,
        slug="2025-28",
        start_date=datetime.date(2025, 4, 1),
        decision_reference="FP/25/02",
    )
    response = post_edit(client_for(manager), plan, status="active")
    assert response.status_code == 200
    (message,) = response.context["form"].errors["status"]
    assert "Only one plan can be active at a time" in message
    assert "Current plan 2022-25" in message
    assert Plan.objects.active().count() == 1
    plan.refresh_from_db()
    assert plan.status == "approved"


def test_dates_must_be_financial_years(manager, client_for, draft):
    response = post_edit(client_for(manager), draft, start_date="2025-01-01")
    assert response.context["form"].errors["start_date"] == [
        "A plan starts on 1 April, the first day of a financial year."
    ]


def test_changing_the_years_changes_the_slug(manager, client_for, draft):
    response = post_edit(client_for(manager), draft, start_date="2026-04-01", end_date="2029-03-31")
    draft.refresh_from_db()
    assert draft.slug == "2026-29"
    assert response["Location"] == "/plans/2026-29/"


def test_years_of_another_plan_are_refused(manager, client_for, draft):
    PlanFactory(slug="2026-29", start_date=datetime.date(2026, 4, 1))
    response = post_edit(client_for(manager), draft, start_date="2026-04-01", end_date="2029-03-31")
    assert response.context["form"].errors["start_date"] == ["There is already a plan for 2026-29."]


def test_errors_save_nothing_of_the_valid_fields(manager, client_for, draft):
    post_edit(client_for(manager), draft, vision="Changed", start_date="2025-05-01")
    draft.refresh_from_db()
    assert draft.vision != "Changed"


def test_stale_edit_is_refused_and_names_who_changed_it(manager, client_for, draft):
    client = client_for(manager)
    opened = form_data(draft)  # the form as this manager opened it
    draft.vision = "Changed in another tab."
    draft.save()
    response = client.post(
        reverse("plans:plan_edit", kwargs={"slug": draft.slug}), {**opened, "title": "Mine"}
    )
    assert response.status_code == 200
    (error,) = response.context["form"].non_field_errors()
    assert "was changed by" in error and "Nothing has been saved" in error
    draft.refresh_from_db()
    assert draft.title != "Mine"
    assert draft.vision == "Changed in another tab."


def test_stale_edit_is_refused_by_the_service_too(draft):
    seen = last_change_id(draft)
    draft.vision = "First"
    draft.save()
    draft.title = "Second"
    with pytest.raises(ValidationError) as error:
        plan_update(plan=draft, seen_change=seen)
    assert error.value.code == "stale"


def test_form_offers_only_the_statuses_the_plan_may_move_to(manager, client_for):
    plan = PlanFactory(status="consultation")
    response = client_for(manager).get(reverse("plans:plan_edit", kwargs={"slug": plan.slug}))
    offered = [value for value, _ in response.context["form"].fields["status"].choices]
    assert offered == ["draft", "consultation", "approved"]


# --- creating ---------------------------------------------------------------------------------


def test_manager_creates_a_plan_named_by_its_years(manager, client_for):
    response = client_for(manager).post(
        reverse("plans:plan_create"),
        {
            "title": "Children and Young People's Plan 2028-31",
            "start_date": "2028-04-01",
            "end_date": "2031-03-31",
            "status": "draft",
        },
    )
    plan = Plan.objects.get(slug="2028-31")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.history.get().history_user == manager


def test_new_plan_without_title_is_refused_beside_the_field(manager, client_for):
    response = client_for(manager).post(
        reverse("plans:plan_create"),
        {"start_date": "2028-04-01", "end_date": "2031-03-31", "status": "draft"},
    )
    assert response.context["form"].errors["title"] == ["This field is required."]
    assert "Nothing was saved: there is a problem" in response.content.decode()
    assert not Plan.objects.exists()


# --- the rules on their own -----------------------------------------------------------------


def test_plan_cannot_build_on_a_later_plan(draft):
    later = PlanFactory(slug="2028-31", start_date=datetime.date(2028, 4, 1))
    draft.predecessor = later
    assert "predecessor" in plan_save_refusals(plan=draft, previous_status="draft")


def test_a_plan_has_only_one_successor(draft):
    base = PlanFactory(slug="2019-22", start_date=datetime.date(2019, 4, 1))
    PlanFactory(slug="2022-25", predecessor=base)
    draft.predecessor = base
    errors = plan_save_refusals(plan=draft, previous_status="draft")
    assert "is already followed by" in errors["predecessor"]
