"""The Plan on a Page: the vision, then one shelf per current priority with its strategies as
books, each with the RAG of its measures' approved returns for the chosen quarter."""

import datetime
from decimal import Decimal

import pytest

from measures.selectors import RagCounts, latest_closed_quarter
from tests.factories import (
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
def plan_page(chair_body, datalead_body):
    plan = PlanFactory(active=True, slug="2022-25", vision="Every child safe and happy.")
    keep_safe = PriorityFactory(plan=plan, order=1, title="Keeping children safe")
    health = PriorityFactory(plan=plan, order=2, title="Health and resilience")
    retired = PriorityFactory(plan=plan, order=3, title="An old idea", retired=True)
    early_help = StrategyFactory(
        title="Early Help Strategy",
        owner_body=chair_body,
        lead_role="Head of Early Help",
        priorities=[keep_safe],
    )
    neglect = StrategyFactory(
        title="Neglect Strategy",
        owner_body=datalead_body,
        lead_role="Head of Quality Assurance",
        priorities=[keep_safe, health],
    )
    q2, q3 = quarter(2024, 2), quarter(2024, 3)
    q4 = quarter(2024, 4, is_open=True)

    def measure(**kwargs):
        return MeasureFactory(
            priority=kwargs.pop("priority", keep_safe),
            strategy=kwargs.pop("strategy", early_help),
            reporting_body=chair_body,
            **kwargs,
        )

    green, amber, submitted_red, no_return, last_quarter_red = (measure() for _ in range(5))
    ReturnFactory(measure=green, period=q3, value=Decimal("61"), approved=True)
    ReturnFactory(measure=amber, period=q3, value=Decimal("57"), approved=True)
    ReturnFactory(measure=submitted_red, period=q3, value=Decimal("10"), submitted=True)
    ReturnFactory(measure=last_quarter_red, period=q2, value=Decimal("10"), approved=True)
    inactive = measure(active=False)
    ReturnFactory(measure=inactive, period=q3, value=Decimal("90"), approved=True)
    loose = measure(strategy=None)
    ReturnFactory(measure=loose, period=q3, value=Decimal("70"), approved=True)
    monitored = measure(strategy=neglect, priority=health, monitored=True)
    ReturnFactory(measure=monitored, period=q3, value=Decimal("4"), approved=True)
    return {
        "plan": plan,
        "keep_safe": keep_safe,
        "health": health,
        "retired": retired,
        "early_help": early_help,
        "neglect": neglect,
        "q2": q2,
        "q3": q3,
        "q4": q4,
    }


def bookcase_for(client, plan, **params):
    response = client.get(plan.get_absolute_url(), params)
    assert response.status_code == 200
    return response, response.context["bookcase"]


def test_shelves_are_the_current_priorities_in_order(plan_page, client_for, scrutiny):
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"])
    assert [shelf.priority.title for shelf in bookcase.shelves] == [
        "Keeping children safe",
        "Health and resilience",
    ]
    assert [p.title for p in bookcase.retired] == ["An old idea"]


def test_books_are_the_strategies_under_each_priority(plan_page, client_for, scrutiny):
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"])
    first, second = bookcase.shelves
    assert [book.strategy.title for book in first.books] == [
        "Early Help Strategy",
        "Neglect Strategy",
    ]
    assert [book.strategy.title for book in second.books] == ["Neglect Strategy"]


def test_quarter_defaults_to_the_latest_closed_one(plan_page, client_for, scrutiny):
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"])
    assert bookcase.period == plan_page["q3"]
    assert bookcase.periods == [plan_page["q4"], plan_page["q3"], plan_page["q2"]]


def test_rag_summary_counts_only_approved_returns_of_active_measures(
    plan_page, client_for, manager
):
    # The manager may see the submitted red figure elsewhere; the bookcase counts approved only.
    _, bookcase = bookcase_for(client_for(manager), plan_page["plan"])
    early_help = bookcase.shelves[0].books[0]
    assert early_help.rag == RagCounts(green=1, amber=1, red=0, not_rated=0, not_returned=3)
    assert bookcase.shelves[1].books[0].rag == RagCounts(not_rated=1)


def test_measures_without_a_strategy_on_the_shelf_are_counted_apart(
    plan_page, client_for, scrutiny
):
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"])
    assert bookcase.shelves[0].unshelved == RagCounts(green=1)
    assert bookcase.shelves[1].unshelved == RagCounts()
    assert bookcase.totals == RagCounts(green=2, amber=1, not_rated=1, not_returned=3)


def test_choosing_another_quarter_recounts(plan_page, client_for, scrutiny):
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"], quarter=plan_page["q2"].pk)
    assert bookcase.period == plan_page["q2"]
    assert bookcase.shelves[0].books[0].rag == RagCounts(red=1, not_returned=4)


@pytest.mark.parametrize("bad", ["nonsense", "999999", ""])
def test_unknown_quarter_falls_back_to_the_default(plan_page, client_for, scrutiny, bad):
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"], quarter=bad)
    assert bookcase.period == plan_page["q3"]


def test_quarter_of_another_plan_is_not_offered(plan_page, client_for, scrutiny):
    outside = quarter(2019, 1)
    _, bookcase = bookcase_for(client_for(scrutiny), plan_page["plan"], quarter=outside.pk)
    assert outside not in bookcase.periods
    assert bookcase.period == plan_page["q3"]


def test_page_shows_vision_books_and_rag_in_words_and_shapes(plan_page, client_for, chair):
    response, _ = bookcase_for(client_for(chair), plan_page["plan"])
    page = response.content.decode()
    assert page.index("Every child safe and happy.") < page.index("Keeping children safe")
    assert "Head of Early Help" in page
    assert plan_page["early_help"].owner_body.name in page
    assert "approved returns for Q3 2024-25" in page
    for words in ("1 green", "1 amber", "0 red", "3 not yet returned", "1 not rated"):
        assert words in page
    assert (
        '<span class="rag rag-amber"><span class="rag-shape" aria-hidden="true"></span>1 amber'
        in (page)
    )
    assert 'name="quarter"' in page


def test_plan_without_quarters_says_so(client_for, scrutiny):
    plan = PlanFactory(slug="2031-34", start_date=datetime.date(2031, 4, 1), approved=True)
    PriorityFactory(plan=plan)
    response, bookcase = bookcase_for(client_for(scrutiny), plan)
    assert bookcase.period is None
    assert "No quarters have been set up" in response.content.decode()


def test_latest_closed_quarter_skips_open_and_unfinished_quarters():
    today = datetime.date(2025, 2, 1)
    open_q4 = ReportingPeriodFactory.build(
        financial_year=2024, quarter=4, is_open=True, end_date=datetime.date(2025, 3, 31)
    )
    closed_q3 = ReportingPeriodFactory.build(
        financial_year=2024, quarter=3, is_open=False, end_date=datetime.date(2024, 12, 31)
    )
    assert latest_closed_quarter([open_q4, closed_q3], today) is closed_q3
    assert latest_closed_quarter([], today) is None


def test_the_plan_on_a_page_shows_the_latest_quarter_with_approved_figures(db, client_as):
    """Q4 is still open, but its figures are approved (its paper is out): Q4 is shown, not Q3;
    a quarter without approved figures is passed over."""
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan)
    q3 = ReportingPeriodFactory(financial_year=2024, quarter=3, is_open=False)
    q4 = ReportingPeriodFactory(financial_year=2024, quarter=4, is_open=True)
    ReturnFactory(measure=MeasureFactory(priority=priority), period=q3, approved=True)
    client = client_as("scrutiny")

    page = client.get(plan.get_absolute_url())
    assert page.context["bookcase"].period == q3  # Q4 has no approved figure yet

    ReturnFactory(measure=MeasureFactory(priority=priority), period=q4, approved=True)
    page = client.get(plan.get_absolute_url())
    assert page.context["bookcase"].period == q4
