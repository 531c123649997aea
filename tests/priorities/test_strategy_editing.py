"""Strategies: the page from a book (latest figure, target, RAG, trend, commentary) and editing
by the business manager."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from priorities.models import Strategy
from sscp.editing import last_change_id
from tests.factories import (
    GovernanceBodyFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


def quarter(year, number, **kwargs):
    return ReportingPeriodFactory(financial_year=year, quarter=number, **kwargs)


@pytest.fixture
def strategy(chair_body):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, title="Keeping children safe")
    return StrategyFactory(
        title="Early Help Strategy",
        owner_body=chair_body,
        lead_role="Head of Early Help",
        governance_route="Reports to the Executive",
        review_date=datetime.date(2025, 9, 30),
        priorities=[priority],
    )


def figure_for(client, strategy, title):
    response = client.get(strategy.get_absolute_url())
    assert response.status_code == 200
    return next(f for f in response.context["figures"] if f.measure.title == title), response


# --- the strategy page ------------------------------------------------------------------------


def test_strategy_page_shows_owner_lead_route_and_priorities(strategy, client_for, scrutiny):
    page = client_for(scrutiny).get(strategy.get_absolute_url()).content.decode()
    for text in (
        strategy.owner_body.name,
        "Head of Early Help",
        "Reports to the Executive",
        "30 September 2025",
        "Keeping children safe",
    ):
        assert text in page


def test_latest_approved_figure_with_trend_against_the_quarter_before(
    strategy, client_for, scrutiny
):
    measure = MeasureFactory(
        title="Plans closed with needs met", priority=strategy.priorities.get(), strategy=strategy
    )
    q2, q3, q4 = quarter(2024, 2), quarter(2024, 3), quarter(2024, 4)
    ReturnFactory(measure=measure, period=q2, value=Decimal("50"), approved=True)
    ReturnFactory(
        measure=measure,
        period=q3,
        value=Decimal("57"),
        approved=True,
        commentary="Better after the new guidance.",
    )
    ReturnFactory(measure=measure, period=q4, value=Decimal("20"), submitted=True)
    figure, response = figure_for(client_for(scrutiny), strategy, "Plans closed with needs met")
    assert figure.latest.period == q3  # the submitted Q4 figure is not approved yet
    assert figure.previous.period == q2
    assert (figure.direction, figure.verdict) == ("up", "better")
    page = response.content.decode()
    assert "Up from 50% in Q2 2024-25 (better)" in page
    assert "Better after the new guidance." in page
    assert '<span class="rag-shape" aria-hidden="true"></span>Amber' in page
    assert "60%" in page  # the target


def test_trend_follows_polarity(strategy, client_for, scrutiny):
    measure = MeasureFactory(
        title="Days to assessment",
        priority=strategy.priorities.get(),
        strategy=strategy,
        lower_is_better=True,
    )
    ReturnFactory(measure=measure, period=quarter(2024, 1), value=Decimal("25"), approved=True)
    ReturnFactory(measure=measure, period=quarter(2024, 2), value=Decimal("22"), approved=True)
    figure, _ = figure_for(client_for(scrutiny), strategy, "Days to assessment")
    assert (figure.direction, figure.verdict) == ("down", "better")


def test_no_trend_without_the_previous_quarter(strategy, client_for, scrutiny):
    measure = MeasureFactory(
        title="Gap measure", priority=strategy.priorities.get(), strategy=strategy
    )
    ReturnFactory(measure=measure, period=quarter(2023, 4), value=Decimal("50"), approved=True)
    ReturnFactory(measure=measure, period=quarter(2024, 2), value=Decimal("55"), approved=True)
    figure, response = figure_for(client_for(scrutiny), strategy, "Gap measure")
    assert figure.previous is None and figure.direction is None
    assert "No approved figure for Q1 2024-25 to compare with" in response.content.decode()


def test_year_boundary_compares_q1_with_the_last_q4(strategy, client_for, scrutiny):
    measure = MeasureFactory(
        title="Boundary", priority=strategy.priorities.get(), strategy=strategy
    )
    ReturnFactory(measure=measure, period=quarter(2023, 4), value=Decimal("50"), approved=True)
    ReturnFactory(measure=measure, period=quarter(2024, 1), value=Decimal("50"), approved=True)
    figure, _ = figure_for(client_for(scrutiny), strategy, "Boundary")
    assert figure.previous.period.label == "Q4 2023-24"
    assert figure.direction == "same" and figure.verdict is None


# --- editing ------------------------------------------------------------------------------------


def strategy_data(strategy, **changes):
    data = {
        "title": strategy.title,
        "summary": strategy.summary,
        "owner_body": strategy.owner_body_id,
        "lead_role": strategy.lead_role,
        "governance_route": strategy.governance_route,
        "status": strategy.status,
        "review_date": strategy.review_date.isoformat() if strategy.review_date else "",
        "document_url": strategy.document_url,
        "priorities": [p.pk for p in strategy.priorities.all()],
        "last_change": last_change_id(strategy),
    }
    data.update(changes)
    return data


def test_manager_creates_a_strategy_under_priorities(manager, client_for, strategy):
    priority = strategy.priorities.get()
    body = GovernanceBodyFactory(name="Neglect Subgroup")
    response = client_for(manager).post(
        reverse("priorities:strategy_create"),
        {
            "title": "Neglect Strategy",
            "owner_body": body.pk,
            "lead_role": "Head of Quality Assurance",
            "status": "published",
            "priorities": [priority.pk],
        },
    )
    created = Strategy.objects.get(title="Neglect Strategy")
    assert response["Location"] == created.get_absolute_url()
    assert created.slug == "neglect-strategy"
    assert list(created.priorities.all()) == [priority]


def test_strategy_needs_owner_and_lead(manager, client_for):
    response = client_for(manager).post(
        reverse("priorities:strategy_create"), {"title": "Orphan", "status": "published"}
    )
    errors = response.context["form"].errors
    assert "owner_body" in errors and "lead_role" in errors
    assert not Strategy.objects.filter(title="Orphan").exists()


def test_manager_moves_a_strategy_to_another_priority(manager, client_for, strategy):
    other = PriorityFactory(plan=strategy.priorities.get().plan, title="Healthy")
    response = client_for(manager).post(
        strategy.get_absolute_url() + "edit/",
        strategy_data(strategy, priorities=[other.pk], lead_role="Director"),
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert list(strategy.priorities.all()) == [other]
    assert strategy.lead_role == "Director"


def test_strategy_keeps_priorities_its_measures_report_under(manager, client_for, strategy):
    priority = strategy.priorities.get()
    MeasureFactory(priority=priority, strategy=strategy)
    response = client_for(manager).post(
        reverse("priorities:strategy_edit", kwargs={"slug": strategy.slug}),
        strategy_data(strategy, priorities=[], lead_role="Director"),
    )
    assert response.status_code == 200
    assert "must stay under" in response.context["form"].errors["priorities"][0]
    strategy.refresh_from_db()
    assert list(strategy.priorities.all()) == [priority]
    assert strategy.lead_role == "Head of Early Help"  # nothing saved half-way


def test_bad_document_link_is_refused(manager, client_for, strategy):
    response = client_for(manager).post(
        reverse("priorities:strategy_edit", kwargs={"slug": strategy.slug}),
        strategy_data(strategy, document_url="not a link"),
    )
    assert "document_url" in response.context["form"].errors


def test_stale_strategy_edit_is_refused(manager, client_for, strategy):
    opened = strategy_data(strategy)
    strategy.priorities.add(PriorityFactory(plan=strategy.priorities.get().plan))
    response = client_for(manager).post(
        reverse("priorities:strategy_edit", kwargs={"slug": strategy.slug}),
        {**opened, "lead_role": "Mine"},
    )
    assert response.status_code == 200
    assert "was changed by" in response.context["form"].non_field_errors()[0]
    strategy.refresh_from_db()
    assert strategy.lead_role == "Head of Early Help"
    assert strategy.priorities.count() == 2
