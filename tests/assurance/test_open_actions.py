"""A body's open review actions on its page and on its reporters' home page: shown to business
managers and the body's own chair, deputy chair and data lead, never to scrutiny members or
another body's reporters; overdue flagged in words and listed first; an empty state; a link to
the tracker filtered to the body; a fixed number of queries however many actions there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.views import HOME_ACTIONS
from tests.factories import ActionFactory, GovernanceBodyFactory, ReviewFactory, deputy_chair_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def body_url(body) -> str:
    return reverse("plans:body_detail", kwargs={"slug": body.slug})


@pytest.fixture
def actions(chair_body):
    review = ReviewFactory(title="Rapid review: baby A")
    return {
        "late": ActionFactory(
            text="Refresh the neglect toolkit",
            recommendation__review=review,
            owner_body=chair_body,
            due_on=TODAY - datetime.timedelta(days=5),
            status="at_risk",
        ),
        "soon": ActionFactory(
            text="Train health visitors on fathers",
            recommendation__review=review,
            owner_body=chair_body,
            due_on=TODAY + datetime.timedelta(days=10),
        ),
        "done": ActionFactory(text="Already finished", owner_body=chair_body, status="complete"),
        "theirs": ActionFactory(text="Another body's action"),
    }


def test_a_manager_and_the_bodys_reporters_see_its_open_actions(
    client_for, manager, chair, chair_body, actions
):
    deputy = deputy_chair_of(chair_body)
    for user in (manager, chair, deputy):
        response = client_for(user).get(body_url(chair_body))
        page = response.content.decode()
        assert "Open actions" in page
        assert [a.text for a in response.context["open_actions"].actions] == [
            "Refresh the neglect toolkit",
            "Train health visitors on fathers",
        ]
        assert "Already finished" not in page and "Another body's action" not in page
        assert "Rapid review: baby A" in page and "Head of early help" in page
        assert page.count("Overdue</strong>") == 1  # in words, not colour alone
        assert actions["late"].get_absolute_url() in page
        tracker = reverse("assurance:action_tracker")
        assert f"{tracker}?owner_body={chair_body.pk}&amp;status=open" in page


def test_scrutiny_and_other_bodies_reporters_see_no_actions(
    client_for, scrutiny, datalead, chair_body, actions
):
    for user in (scrutiny, datalead):
        response = client_for(user).get(body_url(chair_body))
        assert response.status_code == 200
        page = response.content.decode()
        assert response.context["open_actions"] is None
        assert "Open actions" not in page and "Refresh the neglect toolkit" not in page


def test_a_body_without_open_actions_says_so(client_for, chair, chair_body):
    ActionFactory(owner_body=chair_body, status="superseded")
    page = client_for(chair).get(body_url(chair_body)).content.decode()
    assert "This body has no open actions from reviews." in page


def test_the_body_page_reflects_a_completed_action_at_once(
    client_for, chair, chair_body, actions, settings
):
    settings.SSCP_PAGE_CACHE = True  # the page is cached: an action's change must reach it
    client = client_for(chair)
    assert "Refresh the neglect toolkit" in client.get(body_url(chair_body)).content.decode()
    late = actions["late"]
    late.status = "complete"
    late.save()
    assert "Refresh the neglect toolkit" not in client.get(body_url(chair_body)).content.decode()


def test_the_home_page_lists_the_reporters_bodies_actions_overdue_first(client_for, chair, actions):
    response = client_for(chair).get(reverse("home"))
    page = response.content.decode()
    assert "Your body&#x27;s actions" in page or "Your body's actions" in page
    shown = response.context["open_actions"]
    assert [a.text for a in shown.actions] == [
        "Refresh the neglect toolkit",
        "Train health visitors on fathers",
    ]
    assert shown.count == 2 and not shown.more
    assert "Overdue</strong>" in page
    assert f"{reverse('assurance:action_tracker')}?status=open" in page


def test_the_home_page_shows_ten_and_links_to_all(client_for, chair, chair_body):
    for days in range(HOME_ACTIONS + 3):
        ActionFactory(owner_body=chair_body, due_on=TODAY + datetime.timedelta(days=days - 2))
    response = client_for(chair).get(reverse("home"))
    assert len(response.context["open_actions"].actions) == HOME_ACTIONS
    assert f"See all {HOME_ACTIONS + 3} open actions in the action tracker" in (
        response.content.decode()
    )


def test_the_home_page_of_a_reporter_without_actions_says_so(client_for, datalead, actions):
    page = client_for(datalead).get(reverse("home")).content.decode()
    assert "No actions from reviews are open." in page


def test_managers_and_scrutiny_home_pages_have_no_actions_section(
    client_for, manager, scrutiny, actions
):
    for user in (manager, scrutiny):
        response = client_for(user).get(reverse("home"))
        assert "open_actions" not in response.context
        assert "Refresh the neglect toolkit" not in response.content.decode()


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_sections_run_a_fixed_number_of_queries(client_for, chair, chair_body):
    client = client_for(chair)

    def grow(n):
        for _ in range(n):
            ActionFactory(
                owner_body=chair_body,
                recommendation__review=ReviewFactory(lead_body=GovernanceBodyFactory()),
                due_on=TODAY - datetime.timedelta(days=1),
            )

    grow(1)
    small = (count(client, body_url(chair_body)), count(client, reverse("home")))
    grow(25)
    assert (count(client, body_url(chair_body)), count(client, reverse("home"))) == small
