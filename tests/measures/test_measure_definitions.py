"""Measure definitions edited by the business manager: each figure checked against its unit and
polarity, the strategy against the priority, and a measure with returns kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures import services
from measures.models import Measure
from sscp.editing import last_change_id
from tests.factories import (
    GovernanceBodyFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReturnFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(db):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan)
    body = GovernanceBodyFactory()
    strategy = StrategyFactory(owner_body=body, priorities=[priority])
    return {"priority": priority, "strategy": strategy, "body": body}


def new_measure(shelf, **changes):
    data = {
        "title": "Children seen within four weeks",
        "definition": "Share of referrals seen within four weeks.",
        "priority": shelf["priority"].pk,
        "strategy": shelf["strategy"].pk,
        "reporting_body": shelf["body"].pk,
        "unit": "percentage",
        "polarity": "higher",
        "baseline": "62",
        "target": "75",
        "tolerance": "8",
        "data_source": "Provider data",
        "active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_new(client, data):
    return client.post(reverse("measures:measure_create"), data)


def test_manager_adds_a_measure(manager, client_for, shelf):
    response = post_new(client_for(manager), new_measure(shelf))
    measure = Measure.objects.get(title="Children seen within four weeks")
    assert response["Location"] == measure.get_absolute_url()
    assert (measure.target, measure.tolerance) == (Decimal("75"), Decimal("8"))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target": "120"}, "target", "A percentage lies between 0 and 100."),
        ({"baseline": "-1"}, "baseline", "A percentage lies between 0 and 100."),
        ({"unit": "count", "target": "10.5"}, "target", "A count is a whole number."),
        ({"unit": "count", "baseline": "3.2"}, "baseline", "A count is a whole number."),
        ({"target": ""}, "target", "Give the target: higher is better for this measure."),
        (
            {"polarity": "lower", "target": ""},
            "target",
            "Give the target: lower is better for this measure.",
        ),
        (
            {"polarity": "none", "tolerance": "0"},
            "target",
            "A measure with no target (monitored only) cannot have a target: leave it empty, "
            "or choose whether higher or lower is better.",
        ),
        (
            {"polarity": "none", "target": ""},
            "tolerance",
            "A tolerance only applies to a measure with a target.",
        ),
        ({"tolerance": "-2"}, "tolerance", "The tolerance cannot be negative."),
    ],
)
def test_bad_figures_are_refused_beside_the_field(
    manager, client_for, shelf, changes, field, message
):
    response = post_new(client_for(manager), new_measure(shelf, **changes))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Measure.objects.exists()


def test_monitored_measure_without_target_is_accepted(manager, client_for, shelf):
    response = post_new(
        client_for(manager),
        new_measure(shelf, unit="count", polarity="none", target="", tolerance="", baseline="16"),
    )
    assert response.status_code == 302
    measure = Measure.objects.get()
    assert measure.target is None and measure.tolerance == 0


def test_strategy_must_stand_under_the_priority(manager, client_for, shelf):
    elsewhere = StrategyFactory(title="Unrelated Strategy")
    response = post_new(client_for(manager), new_measure(shelf, strategy=elsewhere.pk))
    (message,) = response.context["form"].errors["strategy"]
    assert message.startswith("Unrelated Strategy does not stand under")
    assert not Measure.objects.exists()


def test_form_starts_on_the_shelf_it_was_opened_from(manager, client_for, shelf):
    priority = shelf["priority"]
    response = client_for(manager).get(
        reverse("measures:measure_create") + f"?priority={priority.pk}"
    )
    assert response.context["form"].initial["priority"] == str(priority.pk)


def edit_data(measure, **changes):
    data = {
        "title": measure.title,
        "definition": measure.definition,
        "priority": measure.priority_id,
        "strategy": measure.strategy_id or "",
        "reporting_body": measure.reporting_body_id,
        "unit": measure.unit,
        "polarity": measure.polarity,
        "baseline": measure.baseline if measure.baseline is not None else "",
        "target": measure.target if measure.target is not None else "",
        "tolerance": measure.tolerance,
        "data_source": measure.data_source,
        "active": "on" if measure.active else "",
        "last_change": last_change_id(measure),
    }
    data.update(changes)
    return data


@pytest.fixture
def measure(shelf):
    return MeasureFactory(
        priority=shelf["priority"], strategy=shelf["strategy"], reporting_body=shelf["body"]
    )


def test_manager_changes_the_target(manager, client_for, measure):
    response = client_for(manager).post(
        reverse("measures:measure_edit", kwargs={"pk": measure.pk}),
        edit_data(measure, target="70"),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.target == Decimal("70")
    record = measure.history.latest()
    assert record.history_user == manager


def test_measure_with_returns_can_be_made_inactive(manager, client_for, measure):
    ReturnFactory(measure=measure, approved=True)
    client_for(manager).post(
        reverse("measures:measure_edit", kwargs={"pk": measure.pk}), edit_data(measure, active="")
    )
    measure.refresh_from_db()
    assert not measure.active


def test_stale_measure_edit_is_refused(manager, client_for, measure):
    opened = edit_data(measure)
    measure.target = Decimal("65")
    measure.save()
    response = client_for(manager).post(
        reverse("measures:measure_edit", kwargs={"pk": measure.pk}), {**opened, "target": "80"}
    )
    assert "was changed by" in response.context["form"].non_field_errors()[0]
    measure.refresh_from_db()
    assert measure.target == Decimal("65")


def test_measure_with_returns_cannot_be_deleted(manager, client_for, measure):
    ReturnFactory(measure=measure, submitted=True)
    client = client_for(manager)
    url = reverse("measures:measure_delete", kwargs={"pk": measure.pk})
    assert "Make it inactive instead" in client.get(url).content.decode()
    client.post(url)
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_delete_refusals_name_the_returns_and_the_service_raises_them(measure):
    assert services.measure_delete_refusals(measure) == []
    ReturnFactory(measure=measure, submitted=True)
    refusals = services.measure_delete_refusals(measure)
    assert refusals == [
        "1 return has been made for this measure, so it cannot be deleted. Make it inactive "
        "instead: it stops being collected and its returns stay on record."
    ]
    with pytest.raises(ValidationError) as refused:
        services.measure_delete(measure=measure)
    assert refused.value.messages == refusals
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_measure_without_returns_is_deleted_after_confirmation(manager, client_for, measure):
    client = client_for(manager)
    url = reverse("measures:measure_delete", kwargs={"pk": measure.pk})
    assert "Delete measure" in client.get(url).content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()
    response = client.post(url)
    assert response["Location"] == measure.priority.get_absolute_url()
    assert not Measure.objects.filter(pk=measure.pk).exists()
