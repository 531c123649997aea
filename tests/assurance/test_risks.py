"""The risk register: scores and bands, adding, editing and reviewing a risk (each review's
scores kept for its trend), bad input refused with nothing saved, the heat map, filters, who
sees what, and a constant number of queries whatever the register's size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assurance import selectors, services
from assurance.models import Risk, RiskReview, band_of
from sscp.editing import last_change_id
from tests.factories import GovernanceBodyFactory, PlanFactory, PriorityFactory, RiskFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, "Low"),
        (4, "Low"),
        (5, "Medium"),
        (9, "Medium"),
        (10, "High"),
        (15, "High"),
        (16, "Very high"),
        (25, "Very high"),
    ],
)
def test_bands_follow_the_thresholds_in_settings(score, band):
    assert band_of(score) == band


def test_bands_are_read_from_settings(settings):
    settings.SSCP_RISK_BANDS = [(1, "Acceptable"), (13, "Intolerable")]
    assert (band_of(12), band_of(13)) == ("Acceptable", "Intolerable")


def risk_form(body, plan, **overrides):
    data = {
        "plan": plan.pk,
        "priority": "",
        "reference": "ORG0009",
        "title": "Safeguarding children",
        "cause": "Improvement is not secured across the partnership.",
        "consequence": "Poorer outcomes and poor inspection findings.",
        "owner_role": "Director of Children's Services",
        "owner_body": body.pk,
        "likelihood": "3",
        "impact": "5",
        "target_likelihood": "2",
        "target_impact": "5",
        "existing_controls": "",
        "further_actions": "",
        "review_date": (TODAY + datetime.timedelta(days=90)).isoformat(),
    }
    return {**data, **overrides}


def test_the_manager_adds_a_risk_and_its_scores_become_its_first_review(manager, client_for):
    body, plan = GovernanceBodyFactory(), PlanFactory(active=True)
    response = client_for(manager).post(
        reverse("assurance:risk_create"), risk_form(body, plan), follow=True
    )
    risk = Risk.objects.get()
    assert (risk.score, risk.band, risk.target_score) == (15, "High", 10)
    assert [(r.likelihood, r.impact, r.reviewed_by) for r in risk.reviews.all()] == [
        (3, 5, manager)
    ]
    assert "has been added to the register, scored 15" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"likelihood": "6"}, "likelihood", "Choose a number from 1 to 5."),
        ({"impact": "0"}, "impact", "Choose a number from 1 to 5."),
        ({"target_impact": "9"}, "target_impact", "Choose a number from 1 to 5."),
        ({"owner_body": ""}, "owner_body", "This field is required."),
        ({"title": ""}, "title", "This field is required."),
        ({"cause": "x" * 10_001}, "cause", "at most 10000 characters"),
    ],
)
def test_bad_input_is_refused_with_nothing_saved(manager, client_for, overrides, field, message):
    body, plan = GovernanceBodyFactory(), PlanFactory(active=True)
    response = client_for(manager).post(
        reverse("assurance:risk_create"), risk_form(body, plan, **overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'href="#id_' + field in response.content.decode()
    assert not Risk.objects.exists() and not RiskReview.objects.exists()


def test_a_priority_of_another_plan_is_refused(manager, client_for):
    body, plan = GovernanceBodyFactory(), PlanFactory(active=True)
    other = PriorityFactory(plan=PlanFactory())
    response = client_for(manager).post(
        reverse("assurance:risk_create"), risk_form(body, plan, priority=other.pk)
    )
    assert "Choose a priority of the risk's plan" in " ".join(
        response.context["form"].errors["priority"]
    )
    assert not Risk.objects.exists()


def review(risk, user, **overrides):
    values = {
        "risk": risk,
        "likelihood": 2,
        "impact": 5,
        "reviewed_on": TODAY,
        "next_review": TODAY + datetime.timedelta(days=180),
        "note": "Audits show steadier practice.",
        "user": user,
        "seen_change": last_change_id(risk),
    }
    return services.risk_review(**{**values, **overrides})


def test_a_review_rescores_the_risk_and_keeps_each_score_for_its_trend(manager, client_for):
    risk = services.risk_create(
        risk=RiskFactory.build(owner_body=GovernanceBodyFactory(), plan=PlanFactory(active=True)),
        user=manager,
    )
    client = client_for(manager)
    response = client.post(
        reverse("assurance:risk_review", args=[risk.pk]),
        {
            "likelihood": "4",
            "impact": "5",
            "reviewed_on": TODAY.isoformat(),
            "next_review": (TODAY + datetime.timedelta(days=90)).isoformat(),
            "note": "Demand rising faster than capacity.",
            "last_change": last_change_id(risk),
        },
        follow=True,
    )
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.review_date) == (
        4,
        5,
        TODAY + datetime.timedelta(days=90),
    )
    assert [r.score for r in risk.reviews.order_by("pk")] == [15, 20]
    page = response.content.decode()
    assert "Review recorded: " in page and "is scored 20 (very high)" in page
    assert "Up 15 to 20" in page

    review(risk, manager, likelihood=3)
    detail = client.get(risk.get_absolute_url()).content.decode()
    assert "Down 20 to 15" in detail


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reviewed_on": TODAY + datetime.timedelta(days=1)}, "reviewed_on", "in the future"),
        ({"next_review": TODAY}, "next_review", "must come after this one"),
    ],
)
def test_a_review_with_bad_dates_changes_nothing(manager, overrides, field, message):
    risk = RiskFactory()
    with pytest.raises(Exception) as refused:
        review(risk, manager, **overrides)
    assert message in refused.value.message_dict[field][0]
    risk.refresh_from_db()
    assert (risk.likelihood, RiskReview.objects.count()) == (3, 0)


def test_a_review_out_of_range_is_refused_on_the_form(manager, client_for):
    risk = RiskFactory()
    response = client_for(manager).post(
        reverse("assurance:risk_review", args=[risk.pk]),
        {
            "likelihood": "7",
            "impact": "5",
            "reviewed_on": TODAY.isoformat(),
            "next_review": (TODAY + datetime.timedelta(days=9)).isoformat(),
            "last_change": "",
        },
    )
    assert response.context["form"].errors["likelihood"] == ["Choose a number from 1 to 5."]
    assert not RiskReview.objects.exists()


def test_a_closed_risk_is_not_reviewed(manager):
    risk = RiskFactory(status=Risk.Status.CLOSED)
    with pytest.raises(Exception) as refused:
        review(risk, manager)
    assert "This risk is closed" in str(refused.value)


def test_a_review_from_a_stale_page_is_refused(manager):
    risk = RiskFactory()
    seen = last_change_id(risk)
    review(risk, manager, seen_change=seen)
    with pytest.raises(Exception) as refused:
        review(risk, manager, seen_change=seen, likelihood=5)
    assert "was changed by" in str(refused.value)
    risk.refresh_from_db()
    assert (risk.likelihood, risk.reviews.count()) == (2, 1)


def test_editing_a_risk_never_changes_its_scores(manager):
    risk = RiskFactory()
    risk.title, risk.likelihood = "Safeguarding children and young people", 1
    services.risk_update(risk=risk, seen_change=last_change_id(risk))
    risk.refresh_from_db()
    assert (risk.title, risk.likelihood, risk.impact) == (
        "Safeguarding children and young people",
        3,
        5,
    )


def test_the_heat_map_counts_open_risks_by_cell():
    RiskFactory(likelihood=3, impact=5)
    RiskFactory(likelihood=3, impact=5)
    RiskFactory(likelihood=1, impact=2)
    RiskFactory(likelihood=5, impact=5, status=Risk.Status.CLOSED)
    grid = selectors.heat_map(Risk.objects.all())
    cells = {(c.likelihood, c.impact): c.count for row in grid for c in row}
    assert cells[3, 5] == 2 and cells[1, 2] == 1 and cells[5, 5] == 0
    assert sum(cells.values()) == 3 and len(cells) == 25
    assert [row[0].impact for row in grid] == [5, 4, 3, 2, 1]


def test_the_register_filters_by_band_and_overdue_review(client_as):
    high = RiskFactory(title="High one", likelihood=3, impact=5)
    RiskFactory(title="Low one", likelihood=1, impact=2)
    late = RiskFactory(
        title="Late one", likelihood=2, impact=3, review_date=TODAY - datetime.timedelta(days=1)
    )
    client = client_as("scrutiny")
    url = reverse("assurance:risk_list")
    by_band = client.get(url, {"band": "High"}).context["page"].object_list
    assert [r.pk for r in by_band] == [high.pk]
    overdue = client.get(url, {"status": "overdue"})
    assert [r.pk for r in overdue.context["page"].object_list] == [late.pk]
    assert "Review overdue" in overdue.content.decode()
    ordered = client.get(url, {"sort": "score"}).context["page"].object_list
    assert [r.title for r in ordered] == ["Low one", "Late one", "High one"]


def test_a_draft_plans_risks_are_hidden_from_all_but_managers(client_as):
    risk = RiskFactory(plan=PlanFactory())  # a draft plan
    for role in ("scrutiny", "chair"):
        client = client_as(role)
        assert client.get(risk.get_absolute_url()).status_code == 404
        assert not client.get(reverse("assurance:risk_list")).context["page"].object_list
    assert client_as("manager").get(risk.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["assurance:risk_list", "assurance:risk_detail"])
def test_pages_read_a_constant_number_of_queries(client_as, name):
    def queries(count):
        for n in range(count):
            risk = RiskFactory(likelihood=1 + n % 5, impact=1 + (n * 2) % 5)
            for _ in range(3):
                RiskReview.objects.create(risk=risk, reviewed_on=TODAY, likelihood=2, impact=2)
        risk = Risk.objects.order_by("pk").first()
        kwargs = {"pk": risk.pk} if name.endswith("detail") else {}
        client = client_as("scrutiny")
        client.get(reverse(name, kwargs=kwargs))  # the session and the roles, once
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
        return len(context.captured_queries)

    few = queries(2)
    Risk.objects.all().delete()
    assert queries(30) == few
