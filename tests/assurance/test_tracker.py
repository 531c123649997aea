"""The action tracker: every action a reader may see, filtered by body, theme, priority, status
and overdue, sorted, downloaded as CSV with formula-looking cells neutralised, and read in a
constant number of queries whatever the number of actions."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assurance.models import Review
from tests.factories import (
    ActionFactory,
    GovernanceBodyFactory,
    LearningThemeFactory,
    PriorityFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = reverse("assurance:action_tracker")


def texts(response):
    return [action.text for action in response.context["page"].object_list]


def test_the_tracker_filters_by_body_theme_priority_status_and_overdue(client_as):
    theme, priority = LearningThemeFactory(name="Neglect"), PriorityFactory()
    review = ReviewFactory()
    review.themes.set([theme])
    review.priorities.set([priority])
    body = GovernanceBodyFactory(name="Early help board")
    themed = ActionFactory(text="Themed", recommendation__review=review, owner_body=body)
    late = ActionFactory(text="Late", due_on=TODAY - datetime.timedelta(days=3), status="at_risk")
    ActionFactory(text="Done", due_on=TODAY - datetime.timedelta(days=3), status="complete")
    client = client_as("manager")
    assert texts(client.get(URL, {"owner_body": body.pk})) == [themed.text]
    assert texts(client.get(URL, {"theme": theme.pk})) == [themed.text]
    assert texts(client.get(URL, {"priority": priority.pk})) == [themed.text]
    assert texts(client.get(URL, {"status": "at_risk"})) == [late.text]
    assert sorted(texts(client.get(URL, {"status": "open"}))) == ["Late", "Themed"]
    overdue = client.get(URL, {"overdue": "overdue"})
    assert texts(overdue) == [late.text]
    assert "Overdue" in overdue.content.decode()
    assert texts(client.get(URL, {"sort": "-action"})) == ["Themed", "Late", "Done"]


def test_a_reporter_tracks_only_their_bodys_actions(client_as, chair_body):
    mine = ActionFactory(text="Ours", owner_body=chair_body)
    ActionFactory(text="Theirs")
    assert texts(client_as("chair").get(URL)) == [mine.text]
    assert texts(client_as("datalead").get(URL)) == []
    assert client_as("scrutiny").get(URL).status_code == 403


def test_the_csv_download_follows_the_filters_and_neutralises_formulas(client_as):
    ActionFactory(text='=HYPERLINK("http://evil")', lead_role="Lead")
    ActionFactory(text="Other", status="complete")
    response = client_as("manager").get(
        reverse("assurance:action_export", args=["csv"]), {"status": "open"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Review", "Recommendation", "Action"]
    assert [row[2] for row in rows[1:]] == ['\'=HYPERLINK("http://evil")']


def test_an_unknown_download_format_is_not_found(client_as):
    response = client_as("manager").get(reverse("assurance:action_export", args=["exe"]))
    assert response.status_code == 404


def test_the_tracker_reads_a_constant_number_of_queries(client_as):
    def queries(count):
        theme = LearningThemeFactory(name="Theme")
        for n in range(count):
            review = ReviewFactory()
            review.themes.set([theme])
            ActionFactory(recommendation__review=review, due_on=TODAY - datetime.timedelta(n))
        client = client_as("manager")
        client.get(URL)
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, {"theme": theme.pk}).status_code == 200
        return len(context.captured_queries)

    few = queries(2)
    Review.objects.all().delete()
    assert queries(30) == few
