"""The long lists page in the database: a second page shows the next rows, the page links keep
the filters and the sorting, a page past the end shows the last one, and a page runs the same
queries however many rows there are (strategies, consultations, governance, collection status)."""

import re
from urllib.parse import urlencode

import pytest
import tablib
from django.urls import reverse

from measures.models import ReportingPeriod
from plans.selectors import governance_bodies
from tests.factories import (
    ConsultationFactory,
    GovernanceBodyFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    StrategyFactory,
)
from tests.sscp.test_query_counts import count_queries


@pytest.fixture
def lists(db, chair_body):
    """``grow(n)``: n more strategies, consultations, bodies and measures due in the quarter
    (Item 000, 002, 004 ... with a submitted return), named in order: "Item 000", "Item 001" ..."""
    plan = PlanFactory(active=True, slug="2022-25")
    other_plan = PlanFactory(closed=True, slug="2019-22", start_date=plan.start_date.replace(2019))
    priority = PriorityFactory(plan=plan)
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024, quarter=4, start_date=start, end_date=end, is_open=True
    )
    made = []

    def grow(times: int) -> None:
        for _ in range(times):
            name = f"Item {len(made):03}"
            made.append(name)
            StrategyFactory(title=name, owner_body=chair_body)
            ConsultationFactory(title=name, plan=plan)
            ConsultationFactory(title=f"Older {name}", plan=other_plan)
            GovernanceBodyFactory(name=name, parent=chair_body)
            measure = MeasureFactory(
                title=name, priority=priority, reporting_body=chair_body, strategy=None
            )
            if len(made) % 2:  # Item 000, Item 002 ...
                ReturnFactory(measure=measure, period=period, submitted=True)

    return {"plan": plan, "period": period, "grow": grow}


def names(response) -> list[str]:
    """What each row of the page's table links to first: its name."""
    return re.findall(r'<tr>\s*<t[hd][^>]*><a href="[^"]*">([^<]+)</a>', response.content.decode())


def page_links(response) -> list[str]:
    nav = re.search(r'<nav aria-label="Pages of[^"]*">.*?</nav>', response.content.decode(), re.S)
    assert nav, "the page has no page links"
    return re.findall(r'href="\?([^"]*)"', nav.group(0).replace("&amp;", "&"))


LISTS = {
    # URL, filters (kept in the page links), the rows those filters show, in order
    "strategies": (lambda w: reverse("priorities:strategy_list"), {}, lambda n: n),
    "consultations": (
        lambda w: reverse("consultations:consultation_list"),
        {"plan": "2022-25"},
        lambda n: n[::-1],  # newest first, all started on the same day
    ),
    # The items among the other bodies, each kind (from the Executive down) by name.
    "governance": (
        lambda w: reverse("plans:governance"),
        {},
        lambda n: [body.name for body in governance_bodies()],
    ),
    "collection status": (
        lambda w: w["period"].get_absolute_url(),
        {"status": "not_started", "sort": "-title"},
        lambda n: [name for i, name in enumerate(n) if i % 2][::-1],
    ),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_long_list_pages_keeping_its_filters(lists, client_as, name):
    url_of, filters, expected_of = LISTS[name]
    lists["grow"](45)
    expected = expected_of([f"Item {i:03}" for i in range(45)])
    client = client_as("manager")
    url = url_of(lists)
    first = client.get(url, {**filters, "per_page": "10"})
    second = client.get(url, {**filters, "per_page": "10", "page": "2"})
    assert names(first) == expected[:10]
    assert names(second) == expected[10:20]
    for link in page_links(second):
        for key, value in {**filters, "per_page": "10"}.items():
            assert f"{key}={value}" in link
    assert "Page 2 of" in second.content.decode()
    beyond = client.get(url, {**filters, "per_page": "10", "page": "99"})
    assert names(beyond) == expected[(len(expected) - 1) // 10 * 10 :]


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_page_of_a_long_list_runs_fixed_queries(lists, client_as, name):
    url_of, filters, _ = LISTS[name]
    client = client_as("manager")
    lists["grow"](12)
    url = f"{url_of(lists)}?{urlencode({**filters, 'per_page': '10', 'page': '2'})}"
    small = count_queries(client, url)
    lists["grow"](40)
    large = count_queries(client, url)
    assert large == small <= 15


def test_collection_export_holds_every_matching_row_not_one_page(lists, client_as):
    lists["grow"](60)
    response = client_as("manager").get(
        lists["period"].get_absolute_url(), {"status": "submitted", "export": "csv", "page": "1"}
    )
    data = tablib.Dataset().load(response.content.decode(), format="csv")
    assert sorted(data["Measure"]) == [f"Item {i:03}" for i in range(0, 60, 2)]


def test_collection_headings_sort_each_way_and_say_so(lists, client_as):
    lists["grow"](3)
    url = lists["period"].get_absolute_url()
    client = client_as("manager")
    ascending = client.get(url, {"sort": "title", "rag": ""}).content.decode()
    assert re.search(
        r'aria-sort="ascending">\s*<a href="\?rag=&amp;sort=-title">Measure', ascending
    )
    descending = client.get(url, {"sort": "-title"})
    assert names(descending) == ["Item 002", "Item 001", "Item 000"]
    assert 'aria-sort="descending"' in descending.content.decode()
