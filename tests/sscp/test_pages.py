"""Every foundation page for every role: who gets in, who is refused, and what each sees; run
twice, with the page cache off (so tests can read the context) and on, as production runs."""

import pytest
from django.test import Client
from django.urls import reverse

from measures.models import ReportingPeriod
from plans.roles import GROUP_NAMES
from tests.factories import (
    CommitmentFactory,
    ConsultationFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    StrategyFactory,
    UserFactory,
)

ROLES = ["anonymous", "no_role", "manager", "scrutiny", "chair", "datalead"]


@pytest.fixture(autouse=True, params=["cache off", "cache on"])
def page_cache(request, settings):
    settings.SSCP_PAGE_CACHE = request.param == "cache on"
    return settings.SSCP_PAGE_CACHE


@pytest.fixture
def world(db, chair_body, datalead_body):
    """An active plan with one priority, a strategy, a measure for each reporter's body, the
    open quarter with one submitted return, a consultation, a draft and a published report."""
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, title="Keeping children and young people safe")
    strategy = StrategyFactory(
        title="Early Help Strategy", owner_body=chair_body, priorities=[priority]
    )
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024,
        quarter=4,
        start_date=start,
        end_date=end,
        is_open=True,
    )
    chair_measure = MeasureFactory(
        priority=priority, strategy=strategy, reporting_body=chair_body, title="Chair measure"
    )
    datalead_measure = MeasureFactory(
        priority=priority, reporting_body=datalead_body, title="Data lead measure"
    )
    ReturnFactory(measure=chair_measure, period=period, submitted=True)
    consultation = ConsultationFactory(plan=plan, title="Plan consultation 2021")
    CommitmentFactory(consultation=consultation, owner_body=chair_body)
    draft = ProgressReportFactory(plan=plan, period=period, summary="Draft summary text")
    published = ProgressReportFactory(
        plan=plan, period=period, version=2, published=True, summary="Published summary text"
    )
    return {
        "plan": plan,
        "strategy": strategy,
        "body": chair_body,
        "period": period,
        "chair_measure": chair_measure,
        "datalead_measure": datalead_measure,
        "consultation": consultation,
        "draft_report": draft,
        "published_report": published,
    }


EVERYONE_WITH_A_ROLE = {"manager", "scrutiny", "chair", "datalead"}
MANAGER_ONLY = {"manager"}

# url name -> (kwargs from the world, roles allowed). Everyone else: anonymous is sent to the
# login page, a signed-in user without the right role gets 403.
PAGES = {
    "home": (lambda w: {}, EVERYONE_WITH_A_ROLE | {"no_role"}),
    "password_change": (lambda w: {}, EVERYONE_WITH_A_ROLE | {"no_role"}),
    "plans:plan_list": (lambda w: {}, EVERYONE_WITH_A_ROLE),
    "plans:plan_detail": (lambda w: {"slug": w["plan"].slug}, EVERYONE_WITH_A_ROLE),
    "plans:governance": (lambda w: {}, EVERYONE_WITH_A_ROLE),
    "plans:body_detail": (lambda w: {"slug": w["body"].slug}, EVERYONE_WITH_A_ROLE),
    "plans:report_list": (lambda w: {}, EVERYONE_WITH_A_ROLE),
    "plans:report_detail": (lambda w: {"pk": w["published_report"].pk}, EVERYONE_WITH_A_ROLE),
    "priorities:strategy_list": (lambda w: {}, EVERYONE_WITH_A_ROLE),
    "priorities:strategy_detail": (lambda w: {"slug": w["strategy"].slug}, EVERYONE_WITH_A_ROLE),
    "consultations:consultation_list": (lambda w: {}, EVERYONE_WITH_A_ROLE),
    "consultations:consultation_detail": (
        lambda w: {"slug": w["consultation"].slug},
        EVERYONE_WITH_A_ROLE,
    ),
    "measures:period_list": (lambda w: {}, MANAGER_ONLY),
    "measures:period_detail": (lambda w: {"pk": w["period"].pk}, MANAGER_ONLY),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_by_role(world, client_as, name, role):
    kwargs_of, allowed = PAGES[name]
    url = reverse(name, kwargs=kwargs_of(world))
    response = client_as(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("no_role", 403),
        ("manager", 200),
        ("scrutiny", 200),
        ("chair", 200),
        ("datalead", 200),
    ],
)
def test_measure_page_for_everyone_with_a_role(world, client_as, role, expected):
    url = world["chair_measure"].get_absolute_url()
    assert client_as(role).get(url).status_code == expected


@pytest.mark.parametrize(
    ("role", "sees_submitted"),
    [("manager", True), ("chair", True), ("datalead", False), ("scrutiny", False)],
)
def test_unapproved_figures_only_for_manager_and_reporting_body(
    world, client_as, role, sees_submitted
):
    approved = ReturnFactory(
        measure=world["chair_measure"], period=ReportingPeriodFactory(), approved=True
    )
    response = client_as(role).get(world["chair_measure"].get_absolute_url())
    shown = {ret.pk for ret in response.context["returns"]}
    submitted = world["chair_measure"].returns.get(status="submitted")
    assert approved.pk in shown
    assert (submitted.pk in shown) is sees_submitted
    page = response.content.decode()
    assert ("Showing approved returns only" in page) is not sees_submitted


@pytest.mark.parametrize(
    ("role", "expected"),
    [("manager", 200), ("scrutiny", 403), ("chair", 403), ("datalead", 403), ("no_role", 403)],
)
def test_draft_report_only_for_managers(world, client_as, role, expected):
    response = client_as(role).get(world["draft_report"].get_absolute_url())
    assert response.status_code == expected


def test_missing_objects_are_404(world, client_as):
    client = client_as("manager")
    assert client.get(reverse("plans:plan_detail", kwargs={"slug": "1999-02"})).status_code == 404
    assert client.get(reverse("measures:measure_detail", kwargs={"pk": 999999})).status_code == 404


def test_health_needs_no_login_and_reports_database(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


# --- what each role sees --------------------------------------------------------------------


def test_manager_home_shows_the_quarter_collection(world, client_as):
    page = client_as("manager").get(reverse("home")).content.decode()
    assert "Q4 2024-25 collection" in page
    # two measures due, one submitted: received 1 of 2, one awaiting review
    assert "1 of 2" in page
    assert "awaiting your review" in page
    assert reverse("measures:period_detail", kwargs={"pk": world["period"].pk}) in page


def test_chair_home_lists_only_their_bodys_measures(world, client_as):
    page = client_as("chair").get(reverse("home")).content.decode()
    assert "Chair measure" in page
    assert "Data lead measure" not in page
    assert "Submitted" in page
    assert "collection" not in page


def test_datalead_home_shows_unstarted_return(world, client_as):
    page = client_as("datalead").get(reverse("home")).content.decode()
    assert "Data lead measure" in page
    assert "Not started" in page
    assert "Chair measure" not in page


def test_scrutiny_home_lists_published_reports_not_drafts(world, client_as):
    page = client_as("scrutiny").get(reverse("home")).content.decode()
    assert world["published_report"].get_absolute_url() in page
    assert world["draft_report"].get_absolute_url() not in page
    assert "2022-25" in page


def test_report_list_hides_drafts_from_readers(world, client_as):
    reader = client_as("chair").get(reverse("plans:report_list")).content.decode()
    manager = client_as("manager").get(reverse("plans:report_list")).content.decode()
    assert world["draft_report"].get_absolute_url() not in reader
    assert world["published_report"].get_absolute_url() in reader
    assert world["draft_report"].get_absolute_url() in manager


def test_user_without_role_is_told_why_the_home_page_is_empty(world, client_as):
    page = client_as("no_role").get(reverse("home")).content.decode()
    assert "has no role in the partnership yet" in page
    assert reverse("plans:plan_list") not in page


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("manager", ["Plans", "Quarters", "Reports"], []),
        ("scrutiny", ["Plans", "Reports"], ["Quarters"]),
        ("chair", ["Plans", "Reports"], ["Quarters"]),
        ("no_role", [], ["Plans", "Quarters", "Reports"]),
    ],
)
def test_navigation_shows_each_role_only_what_it_may_use(world, client_as, role, shown, hidden):
    nav = client_as(role).get(reverse("home")).context["nav_items"]
    labels = {item["label"] for item in nav}
    assert set(shown) <= labels
    assert not set(hidden) & labels


def test_plan_detail_shows_priorities_and_strategies(world, client_as):
    page = client_as("scrutiny").get(world["plan"].get_absolute_url()).content.decode()
    assert "Keeping children and young people safe" in page
    assert "Early Help Strategy" in page
    assert "Edit" not in page


def test_rag_is_shown_by_word_not_colour_alone(world, client_as):
    # 58% against a target of 60% with 5 points' tolerance is amber
    page = client_as("chair").get(world["chair_measure"].get_absolute_url()).content.decode()
    assert 'class="rag rag-amber"' in page
    assert '<span class="rag-shape" aria-hidden="true"></span>Amber</span>' in page


# --- sign in, sign out, password, lockout ----------------------------------------------------


def test_login_with_right_password_lands_on_home(db):
    UserFactory(username="reader")
    client = Client()
    response = client.post(
        reverse("login"), {"login": "reader", "password": "sscp-demo"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"].username == "reader"


def test_login_with_wrong_password_shows_error(db):
    UserFactory(username="reader")
    response = Client().post(reverse("login"), {"login": "reader", "password": "wrong"})
    assert response.status_code == 200
    assert "The username and/or password you specified are not correct" in response.content.decode()


def test_logout_asks_first_and_ends_the_session_on_post(manager, client_for):
    client = client_for(manager)
    page = client.get(reverse("logout"))
    assert page.status_code == 200
    assert "Are you sure you want to sign out?" in page.content.decode()
    assert client.get(reverse("home")).status_code == 200  # a GET alone signs nobody out
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_lockout_after_ten_failed_logins(db):
    UserFactory(username="target")
    client = Client()
    for _ in range(10):
        client.post(reverse("login"), {"login": "target", "password": "guess"})
    response = client.post(reverse("login"), {"login": "target", "password": "sscp-demo"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nine_failed_logins_do_not_lock(db):
    UserFactory(username="target")
    client = Client()
    for _ in range(9):
        client.post(reverse("login"), {"login": "target", "password": "guess"})
    response = client.post(reverse("login"), {"login": "target", "password": "sscp-demo"})
    assert response.status_code == 302


def test_password_change_keeps_this_session_and_ends_others(manager, client_for):
    here, elsewhere = client_for(manager), client_for(manager)
    response = here.post(
        reverse("password_change"),
        {
            "old_password": "sscp-demo",
            "new_password1": "a-much-longer-passphrase-42",
            "new_password2": "a-much-longer-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302


def test_password_change_refuses_mismatch(manager, client_for):
    response = client_for(manager).post(
        reverse("password_change"),
        {
            "old_password": "sscp-demo",
            "new_password1": "a-much-longer-passphrase-42",
            "new_password2": "something-else-entirely-43",
        },
    )
    assert response.status_code == 200
    assert "didn’t match" in response.content.decode()
    manager.refresh_from_db()
    assert manager.check_password("sscp-demo")


def test_role_groups_exist_after_migrating(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.filter(name__in=GROUP_NAMES).values_list("name", flat=True)) == set(
        GROUP_NAMES
    )


def test_navigation_marks_only_the_most_specific_section(world, client_as):
    response = client_as("manager").get(reverse("plans:governance"))
    current = [item["label"] for item in response.context["nav_items"] if item["current"]]
    assert current == ["Governance"]


def test_plan_on_a_page_shows_how_many_consultation_items_informed_each_priority(world, client_as):
    from tests.factories import FeedbackFactory

    priority = world["plan"].priorities.get()
    FeedbackFactory(consultation=world["consultation"], priorities=[priority])
    FeedbackFactory(consultation=world["consultation"], priorities=[priority])
    page = client_as("scrutiny").get(world["plan"].get_absolute_url()).content.decode()
    assert "Informed by 2 things we were told" in page
    assert reverse("consultations:priority_feedback", args=[priority.pk]) in page
    assert reverse("consultations:you_said_we_did", args=[world["plan"].slug]) in page
