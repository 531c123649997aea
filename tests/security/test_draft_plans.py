"""Draft plans stay private: a plan in draft, and everything under it (priorities, measures,
returns, consultations, progress reports), is seen by business managers only. Anyone else with
a role is answered 404 for its pages, as if it did not exist, and finds it in no list, export,
dropdown or home page. A plan in consultation is seen by everyone with a role and marked as
such; approved, active and closed plans are as they were.

The world (``tests/security/conftest.py``) holds an active plan; ``drafts`` adds a draft plan
that covers the open quarter, with one of everything under it."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import selectors as consultation_selectors
from measures.reminders import items_due
from plans.models import Plan
from plans.roles import audience
from plans.rules import can_view_plan, plan_hidden_from, visible_plans
from tests.factories import (
    CommitmentFactory,
    ConsultationFactory,
    FeedbackFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReturnFactory,
)

READERS = ("scrutiny", "chair", "datalead")
DRAFT_NAME = "Secret Draft Plan"
DRAFT_PRIORITY = "A priority still being drafted"
DRAFT_MEASURE = "A measure still being drafted"
DRAFT_CONSULTATION = "Draft plan listening events"
DRAFT_PROMISE = "We will keep the draft promise"


@pytest.fixture
def drafts(world):
    """A draft plan, 2024-27, that covers the world's quarters, with a priority served by the
    world's strategy, a measure the chair's body reports (an approved and a submitted return),
    a consultation with feedback and a commitment, and a published report; and a piece of the
    world's own consultation's feedback that informed the draft priority."""
    plan = PlanFactory(
        slug="2024-27",
        title=DRAFT_NAME,
        start_date=datetime.date(2024, 4, 1),
        predecessor=world["plan"],
    )
    priority = PriorityFactory(plan=plan, title=DRAFT_PRIORITY)
    world["strategy"].priorities.add(priority)
    measure = MeasureFactory(
        priority=priority,
        strategy=world["strategy"],
        reporting_body=world["chair_body"],
        title=DRAFT_MEASURE,
    )
    approved = ReturnFactory(measure=measure, period=world["closed_period"], approved=True)
    ReturnFactory(measure=measure, period=world["open_period"], submitted=True)
    consultation = ConsultationFactory(plan=plan, title=DRAFT_CONSULTATION, groups=[world["group"]])
    feedback = FeedbackFactory(consultation=consultation, priorities=[priority])
    CommitmentFactory(
        consultation=consultation,
        feedback=feedback,
        promise=DRAFT_PROMISE,
        owner_body=world["datalead_body"],
    )
    FeedbackFactory(consultation=world["consultation"], priorities=[priority])
    report = ProgressReportFactory(plan=plan, period=world["closed_period"], published=True)
    return {
        "plan": plan,
        "priority": priority,
        "measure": measure,
        "approved_return": approved,
        "consultation": consultation,
        "report": report,
    }


def detail_urls(world, drafts) -> dict[str, str]:
    plan, measure = drafts["plan"], drafts["measure"]
    return {
        "plan": reverse("plans:plan_detail", args=[plan.slug]),
        "plan history": reverse("plans:plan_history", args=[plan.slug]),
        "priority history": reverse("priorities:priority_history", args=[drafts["priority"].pk]),
        "measure": reverse("measures:measure_detail", args=[measure.pk]),
        "measure history": reverse("measures:measure_history", args=[measure.pk]),
        "return": reverse("measures:return_detail", args=[drafts["approved_return"].pk]),
        "return form": reverse(
            "measures:return_edit",
            kwargs={"measure_pk": measure.pk, "period_pk": world["open_period"].pk},
        ),
        "rag preview": reverse("measures:rag_preview", args=[measure.pk]) + "?value=3",
        "consultation": drafts["consultation"].get_absolute_url(),
        "consultation history": reverse(
            "consultations:consultation_history", args=[drafts["consultation"].slug]
        ),
        "you said we did": reverse("consultations:you_said_we_did", args=[plan.slug]),
        "priority feedback": reverse(
            "consultations:priority_feedback", args=[drafts["priority"].pk]
        ),
        "report": reverse("plans:report_detail", args=[drafts["report"].pk]),
        "report compare": reverse("plans:report_compare", args=[drafts["report"].pk]),
        "report docx": reverse("plans:report_docx", args=[drafts["report"].pk]),
    }


LIST_PAGES = (
    "home",
    "plans:plan_list",
    "plans:timeline",
    "plans:report_list",
    "priorities:strategy_list",
    "consultations:consultation_list",
    "consultations:commitment_list",
)
SECRETS = (DRAFT_NAME, "2024-27", DRAFT_PRIORITY, DRAFT_MEASURE, DRAFT_CONSULTATION, DRAFT_PROMISE)


def leaked(page: str) -> list[str]:
    return [secret for secret in SECRETS if secret in page]


# --- the rule -------------------------------------------------------------------------------


def test_only_managers_see_a_draft_plan(world, drafts, manager, scrutiny, chair, datalead):
    draft = drafts["plan"]
    assert can_view_plan(manager, draft) and not plan_hidden_from(manager, draft)
    for user in (scrutiny, chair, datalead):
        assert plan_hidden_from(user, draft) and not can_view_plan(user, draft)
        assert can_view_plan(user, world["plan"])
        assert list(visible_plans(user)) == [world["plan"]]
    assert set(visible_plans(manager)) == {world["plan"], draft}


# --- pages of the draft and of everything under it: 404 ----------------------------------


@pytest.mark.parametrize("role", READERS)
def test_every_page_of_a_draft_plan_is_not_found_by_readers(world, drafts, client_as, role):
    client = client_as(role)
    answers = {
        name: client.get(url).status_code for name, url in detail_urls(world, drafts).items()
    }
    assert answers == dict.fromkeys(answers, 404)


def test_the_manager_opens_every_page_of_a_draft_plan(world, drafts, client_as):
    client = client_as("manager")
    answers = {
        name: client.get(url).status_code for name, url in detail_urls(world, drafts).items()
    }
    # the return form sends the manager on to the submitted return's page
    assert answers == dict.fromkeys(answers, 200) | {"return form": 302}


def test_a_role_check_still_answers_403_before_a_draft_is_looked_for(world, drafts, client_as):
    """No role at all: refused as for any plan, so the answer says nothing of the draft."""
    client = client_as("no_role")
    for url in (
        reverse("plans:plan_detail", args=[drafts["plan"].slug]),
        reverse("plans:plan_detail", args=[world["plan"].slug]),
    ):
        assert client.get(url).status_code == 403


def test_a_reader_cannot_tell_a_draft_from_a_plan_that_does_not_exist(world, drafts, client_as):
    client = client_as("scrutiny")
    draft = client.get(reverse("plans:plan_detail", args=[drafts["plan"].slug]))
    missing = client.get(reverse("plans:plan_detail", args=["2099-02"]))
    assert draft.status_code == missing.status_code == 404


# --- lists, dropdowns, exports and the home page: absent -----------------------------------


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_draft_plan_is_in_no_list_a_reader_sees(world, drafts, client_as, role, name):
    response = client_as(role).get(reverse(name))
    assert response.status_code == 200
    assert leaked(response.content.decode()) == []


@pytest.mark.parametrize("name", ["home", "plans:plan_list", "plans:timeline"])
def test_the_manager_sees_the_draft_in_the_lists(world, drafts, client_as, name):
    assert DRAFT_NAME in client_as("manager").get(reverse(name)).content.decode()


@pytest.mark.parametrize("role", READERS)
def test_pages_of_visible_things_leave_out_what_belongs_to_the_draft(
    world, drafts, client_as, role
):
    client = client_as(role)
    urls = [
        world["plan"].get_absolute_url(),  # its successor is the draft
        world["strategy"].get_absolute_url(),  # serves the draft's priority
        reverse("plans:body_detail", args=[world["chair_body"].slug]),  # reports its measure
        world["consultation"].get_absolute_url(),  # feedback informed the draft's priority
        reverse("consultations:group_detail", args=[world["group"].pk]),
        reverse("consultations:group_list"),
        reverse("priorities:strategy_history", args=[world["strategy"].slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert leaked(response.content.decode()) == [], url


def test_the_manager_sees_what_belongs_to_the_draft_on_those_pages(world, drafts, client_as):
    client = client_as("manager")
    assert "Followed by" in client.get(world["plan"].get_absolute_url()).content.decode()
    assert DRAFT_PRIORITY in client.get(world["strategy"].get_absolute_url()).content.decode()
    body = reverse("plans:body_detail", args=[world["chair_body"].slug])
    assert DRAFT_MEASURE in client.get(body).content.decode()
    history = reverse("priorities:strategy_history", args=[world["strategy"].slug])
    assert DRAFT_PRIORITY in client.get(history).content.decode()


def test_strategy_counts_leave_out_the_draft(world, drafts, client_as):
    def counts(role):
        page = client_as(role).get(reverse("priorities:strategy_list"))
        strategy = next(s for s in page.context["page"] if s.pk == world["strategy"].pk)
        return strategy.priority_count, strategy.measure_count

    assert counts("scrutiny") == (1, 1)
    assert counts("manager") == (2, 2)


@pytest.mark.parametrize("role", ["chair"])
def test_my_returns_leave_out_the_draft_plans_measures(world, drafts, client_as, role):
    page = client_as(role).get(reverse("measures:my_returns")).content.decode()
    assert "Chair measure" in page
    assert DRAFT_MEASURE not in page


def test_filter_dropdowns_offer_no_draft_plan(world, drafts, client_as):
    for name in ("consultations:consultation_list", "consultations:commitment_list"):
        reader = client_as("scrutiny").get(reverse(name)).context["filter"]
        manager = client_as("manager").get(reverse(name)).context["filter"]
        assert drafts["plan"] not in reader.form.fields["plan"].queryset
        assert drafts["plan"] in manager.form.fields["plan"].queryset


def test_filtering_by_a_draft_plans_slug_shows_nothing_of_it(world, drafts, client_as):
    url = reverse("consultations:consultation_list")
    page = client_as("scrutiny").get(url, {"plan": drafts["plan"].slug}).content.decode()
    assert DRAFT_CONSULTATION not in page


@pytest.mark.parametrize("role", READERS)
def test_the_collection_status_and_its_exports_stay_the_managers(world, drafts, client_as, role):
    url = reverse("measures:period_detail", args=[world["open_period"].pk])
    for query in ({}, {"export": "csv"}, {"export": "xlsx"}):
        assert client_as(role).get(url, query).status_code == 403


def test_the_managers_export_lists_the_draft_plans_measure(world, drafts, client_as):
    url = reverse("measures:period_detail", args=[world["open_period"].pk])
    response = client_as("manager").get(url, {"export": "csv"})
    assert DRAFT_MEASURE in response.content.decode()


def test_reminders_never_name_a_draft_plans_measure(world, drafts):
    MeasureFactory(
        priority=drafts["priority"], reporting_body=world["chair_body"], title="Draft, not started"
    )
    items = items_due(today=world["open_period"].deadline, within_days=7)
    titles = [item.measure_title for body_items in items.values() for item in body_items]
    assert "Data lead measure" in titles
    assert "Draft, not started" not in titles
    assert DRAFT_MEASURE not in titles


def test_a_progress_report_never_shows_a_draft_plans_consultation(world, drafts):
    period = world["closed_period"]
    shown = consultation_selectors.consultations_for_report(world["plan"], period)
    promised = consultation_selectors.commitments_for_report(world["plan"], period)
    assert drafts["consultation"] not in shown
    assert not [c for c in promised if c.promise == DRAFT_PROMISE]


# --- the page cache ---------------------------------------------------------------------------


def test_managers_and_readers_never_share_a_cached_page(manager, scrutiny, chair):
    assert audience(manager) != audience(scrutiny)
    assert audience(manager) != audience(chair)


@pytest.mark.parametrize(
    "name", ["plans:plan_list", "plans:timeline", "priorities:strategy_list", "home"]
)
def test_a_managers_cached_list_is_never_served_to_a_reader(
    world, drafts, client_as, settings, name
):
    settings.SSCP_PAGE_CACHE = True
    cache.clear()
    url = reverse(name)
    assert DRAFT_NAME in client_as("manager").get(url).content.decode() or name in (
        "priorities:strategy_list"
    )
    for role in READERS:
        first = client_as(role).get(url)
        again = client_as(role).get(url)
        assert leaked(first.content.decode()) == [] and leaked(again.content.decode()) == []
    cache.clear()


# --- plans in consultation, approved, active and closed -------------------------------------


@pytest.fixture
def in_consultation(world):
    return PlanFactory(
        slug="2025-28",
        title="Proposed Plan",
        start_date=datetime.date(2025, 4, 1),
        status=Plan.Status.CONSULTATION,
    )


@pytest.mark.parametrize("role", ["manager", *READERS])
def test_a_plan_in_consultation_is_seen_and_marked(world, in_consultation, client_as, role):
    client = client_as(role)
    page = client.get(in_consultation.get_absolute_url())
    assert page.status_code == 200
    assert "In consultation." in page.content.decode()  # the banner
    listed = client.get(reverse("plans:plan_list")).content.decode()
    assert "Proposed Plan" in listed
    assert 'status-pill status-consultation">In consultation' in listed


def test_a_consultation_for_a_plan_in_consultation_is_marked(world, in_consultation, client_as):
    ConsultationFactory(plan=in_consultation, title="Have your say on the proposed plan")
    page = client_as("scrutiny").get(reverse("consultations:consultation_list"))
    assert "Have your say on the proposed plan" in page.content.decode()
    assert "status-consultation" in page.content.decode()


@pytest.mark.parametrize("status", ["approved", "closed"])
@pytest.mark.parametrize("role", READERS)
def test_approved_and_closed_plans_are_read_as_before(world, client_as, role, status):
    plan = PlanFactory(slug="2019-22", start_date=datetime.date(2019, 4, 1), **{status: True})
    client = client_as(role)
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert client.get(reverse("plans:plan_history", args=[plan.slug])).status_code == 200
    assert plan.get_absolute_url() in client.get(reverse("plans:plan_list")).content.decode()
    page = client.get(world["plan"].get_absolute_url()).content.decode()
    assert "In consultation." not in page and "Only business managers" not in page


@pytest.mark.parametrize(
    "name",
    [
        "plans:plan_list",
        "plans:timeline",
        "priorities:strategy_list",
        "consultations:consultation_list",
        "plans:report_list",
    ],
)
def test_hiding_drafts_costs_no_query(world, drafts, client_as, name):
    """Drafts are filtered in the database: a reader's page runs as many queries as the
    manager's (roles are read once per request either way)."""

    def queries(role):
        client = client_as(role)
        client.get(reverse(name))  # the session and roles warmed once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    assert queries("scrutiny") == queries("manager")
