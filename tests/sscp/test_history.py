"""The change history of plans, priorities, strategies and measures: who, when, which fields
changed from what to what; one reader and one page for all of them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Measure
from priorities.models import Priority
from sscp.editing import last_change_id
from sscp.history import HistorySource, change_history, combined_history
from tests.factories import (
    GovernanceBodyFactory,
    ManagerFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


def changes_of(entry) -> dict[str, tuple[str, str]]:
    return {change.label: (change.old, change.new) for change in entry.changes}


def test_plan_edit_shows_who_and_what_changed(client_for, scrutiny):
    manager = ManagerFactory(first_name="Morgan", last_name="Hughes")
    plan = PlanFactory(status="draft", vision="Old vision.")
    client_for(manager).post(
        reverse("plans:plan_edit", kwargs={"slug": plan.slug}),
        {
            "title": plan.title,
            "start_date": "2022-04-01",
            "end_date": "2025-03-31",
            "vision": "New vision.",
            "status": "consultation",
            "last_change": last_change_id(plan),
        },
    )
    response = client_for(scrutiny).get(reverse("plans:plan_history", kwargs={"slug": plan.slug}))
    latest, created = response.context["entries"]
    assert (latest.action, latest.who) == ("Changed", "Morgan Hughes")
    assert changes_of(latest) == {
        "Vision": ("Old vision.", "New vision."),
        "Status": ("Draft", "In consultation"),
    }
    assert created.action == "Created"
    page = response.content.decode()
    assert "Changed by Morgan Hughes" in page
    assert "Old vision." in page and "New vision." in page


def test_many_to_many_changes_of_one_save_are_one_entry():
    plan = PlanFactory(slug="2022-25")
    safe = PriorityFactory(plan=plan, title="Safe")
    healthy = PriorityFactory(plan=plan, title="Healthy")
    strategy = StrategyFactory(priorities=[safe])
    strategy._history_user = ManagerFactory()  # a later edit, by someone
    strategy.lead_role = "Director"
    strategy.save()
    strategy.priorities.set([healthy])  # a remove and an add: two more records
    latest = change_history(strategy)[0]
    assert changes_of(latest) == {
        "Lead role": ("Head of Early Help", "Director"),
        "Priorities": ("Safe (2022-25)", "Healthy (2022-25)"),
    }


def test_changes_by_different_people_stay_apart():
    measure = MeasureFactory(target=Decimal("60"))
    first, second = ManagerFactory(), ManagerFactory()
    for user, target in ((first, "65"), (second, "70")):
        measure._history_user = user
        measure.target = Decimal(target)
        measure.save()
    newest, older, _created = change_history(measure)
    assert changes_of(newest) == {"Target": ("65", "70")}
    assert changes_of(older) == {"Target": ("60", "65")}


def test_related_objects_are_named_not_numbered():
    measure = MeasureFactory()
    old_body = measure.reporting_body
    measure._history_user = ManagerFactory()
    measure.reporting_body = GovernanceBodyFactory(name="Health Safeguarding Partnership")
    measure.save()
    assert changes_of(change_history(measure)[0]) == {
        "Reporting body": (old_body.name, "Health Safeguarding Partnership")
    }


def test_creation_lists_the_values_it_started_with():
    priority = PriorityFactory(title="Heard", description="")
    (created,) = change_history(priority)
    fields = changes_of(created)
    assert created.action == "Created"
    assert fields["Title"] == ("—", "Heard")
    assert "Description" not in fields  # empty at creation, so not listed


def test_saving_without_changes_adds_no_entry():
    plan = PlanFactory()
    plan.save()
    assert len(change_history(plan)) == 1


def test_retiring_shows_the_date_in_words():
    priority = PriorityFactory()
    priority._history_user = ManagerFactory()
    priority.retired_on = datetime.date(2023, 6, 30)
    priority.retired_reason = "Merged"
    priority.save()
    assert changes_of(change_history(priority)[0])["Retired on"] == ("—", "30 June 2023")


@pytest.mark.parametrize(
    "url_of",
    [
        lambda m: reverse("measures:measure_history", kwargs={"pk": m.pk}),
        lambda m: reverse("priorities:priority_history", kwargs={"pk": m.priority_id}),
        lambda m: reverse("priorities:strategy_history", kwargs={"slug": m.strategy.slug}),
        lambda m: reverse("plans:plan_history", kwargs={"slug": m.priority.plan.slug}),
    ],
)
def test_history_pages_run_fixed_queries(client_for, manager, url_of):
    measure = MeasureFactory()
    client = client_for(manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url_of(measure)).status_code == 200
        return len(context.captured_queries)

    def change_everything(times: int) -> None:
        for n in range(times):
            user = ManagerFactory()
            for obj in (measure, measure.priority, measure.strategy, measure.priority.plan):
                obj._history_user = user
                obj.title = f"Title {n}"
                obj.save()
            measure.strategy.priorities.add(PriorityFactory(plan=measure.priority.plan))

    change_everything(1)
    few = count()
    change_everything(8)
    assert count() == few


# --- several objects on one page ----------------------------------------------------------------


def test_a_page_can_list_several_objects_changes_together_with_their_subjects():
    plan = PlanFactory(slug="2022-25")
    PriorityFactory(plan=plan, title="Safe")
    healthy = PriorityFactory(plan=plan, title="Healthy")
    healthy._history_user = ManagerFactory(first_name="Morgan", last_name="Hughes")
    healthy.delete()
    entries = combined_history(
        [HistorySource(Priority.history.filter(plan_id=plan.pk), subject=lambda r: r.title)]
    )
    assert [(e.action, e.subject) for e in entries] == [
        ("Deleted", "Healthy"),
        ("Created", "Healthy"),
        ("Created", "Safe"),
    ]
    assert entries[0].who == "Morgan Hughes"


def test_related_objects_read_with_the_records_are_not_looked_up_again(
    django_assert_num_queries,
):
    measure = MeasureFactory()
    old_body = measure.reporting_body
    measure._history_user = ManagerFactory()
    measure.reporting_body = GovernanceBodyFactory(name="Health Safeguarding Partnership")
    measure.save()
    records = Measure.history.filter(id=measure.pk).select_related(
        "priority__plan", "strategy", "reporting_body"
    )
    with django_assert_num_queries(1):
        changed, _created = combined_history([HistorySource(records)])
    assert changes_of(changed) == {
        "Reporting body": (old_body.name, "Health Safeguarding Partnership")
    }


def test_a_source_can_say_how_a_field_is_shown():
    strategy = StrategyFactory(lead_role="Head of Early Help")
    [created] = combined_history(
        [HistorySource(strategy.history.all(), show={"lead_role": str.upper})]
    )
    assert changes_of(created)["Lead role"] == ("—", "HEAD OF EARLY HELP")
