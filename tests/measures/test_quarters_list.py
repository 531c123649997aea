"""The quarters list pages, newest first, with each quarter's returns counted; a page costs the
same queries however many quarters and returns there are."""

import re

import pytest
from django.urls import reverse

from tests.factories import MeasureFactory, ReportingPeriodFactory, ReturnFactory
from tests.sscp.test_query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarters():
    """``grow(n)``: n more quarters (later ones newer), each with one approved and one
    submitted return."""
    made = []

    def grow(times: int) -> None:
        for _ in range(times):
            period = ReportingPeriodFactory(is_open=False)
            ReturnFactory(measure=MeasureFactory(), period=period, approved=True)
            ReturnFactory(measure=MeasureFactory(), period=period, submitted=True)
            made.append(period)

    return made, grow


def listed(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', response.content.decode())


def test_the_quarters_list_pages_newest_first_with_counts(quarters, client_as):
    made, grow = quarters
    grow(25)
    client = client_as("manager")
    url = reverse("measures:period_list")

    first = client.get(url)
    newest_first = [str(p) for p in reversed(made)]
    assert listed(first) == newest_first[:20]
    assert "Page 1 of 2" in first.content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", first.content.decode(), re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", row) == ["2", "1", "1"]  # started, awaiting, approved
    assert listed(client.get(url, {"page": 2})) == newest_first[20:]
    assert listed(client.get(url, {"page": 99})) == newest_first[20:]  # past the end: the last


def test_a_page_of_quarters_runs_fixed_queries(quarters, client_as):
    _, grow = quarters
    client = client_as("manager")
    url = reverse("measures:period_list")
    grow(22)
    few = count_queries(client, url)
    grow(30)
    assert count_queries(client, url) == few <= 15
