"""Recommendations and their actions: the manager adds them, the owner body's reporters update
them, a business manager signs them off (never their own last update) or sends them back; bad
input and stale or concurrent updates are refused with nothing saved; overdue actions are
flagged; who sees which actions."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assurance import services
from assurance.models import Action, ActionUpdate, Recommendation
from plans.roles import BUSINESS_MANAGERS
from sscp.editing import last_change_id
from tests.factories import (
    ActionFactory,
    GovernanceBodyFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def update_data(action, **overrides):
    data = {
        "status": "on_track",
        "text": "The question is in the draft form.",
        "evidence_url": "https://sscp.example.org/forms/early-help",
        "done": "",
        "last_change": last_change_id(action),
    }
    return {**data, **overrides}


def progress(action, user, **overrides):
    """Record an update on ``action`` as ``user`` (on track, not done, from a fresh page)."""
    values = {
        "status": "on_track",
        "text": "Progress.",
        "evidence_url": "",
        "done": False,
        "seen_change": last_change_id(action),
    }
    return services.action_update(action=action, user=user, **{**values, **overrides})


def test_the_manager_adds_a_recommendation_and_an_action_for_a_body(
    manager, client_for, chair_body
):
    review, client = ReviewFactory(), client_for(manager)
    client.post(
        reverse("assurance:recommendation_create", args=[review.pk]),
        {"text": "Include fathers in assessments."},
    )
    client.post(
        reverse("assurance:recommendation_create", args=[review.pk]),
        {"text": "Refresh the neglect toolkit."},
    )
    first, second = Recommendation.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    due = (TODAY + datetime.timedelta(days=60)).isoformat()
    response = client.post(
        reverse("assurance:action_create", args=[first.pk]),
        {
            "text": "Add a question on fathers.",
            "owner_body": chair_body.pk,
            "lead_role": "Head of early help",
            "due_on": due,
        },
        follow=True,
    )
    action = Action.objects.get()
    assert (action.owner_body, action.status) == (chair_body, "not_started")
    assert f"The action has been added for {chair_body.name}" in response.content.decode()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Add a question on fathers." in page and "Recommendation 2" in page


@pytest.mark.parametrize(
    ("owner_body", "message"),
    [
        ("", "Choose the body that owns the action."),
        ("tampered", "Select a valid choice."),
    ],
)
def test_an_action_without_a_valid_owner_is_refused(manager, client_for, owner_body, message):
    recommendation = ReviewFactory().recommendations.create(number=1, text="Something.")
    closed = GovernanceBodyFactory(is_active=False)
    response = client_for(manager).post(
        reverse("assurance:action_create", args=[recommendation.pk]),
        {
            "text": "Do a thing.",
            "owner_body": closed.pk if owner_body == "tampered" else "",
            "lead_role": "Lead",
            "due_on": TODAY.isoformat(),
        },
    )
    assert message in " ".join(response.context["form"].errors["owner_body"])
    assert not Action.objects.exists()


def test_the_owner_bodys_chair_updates_the_action_and_asks_for_sign_off(
    chair, chair_body, client_for
):
    action = ActionFactory(owner_body=chair_body)
    response = client_for(chair).post(
        reverse("assurance:action_update", args=[action.pk]),
        update_data(action, done="on"),
        follow=True,
    )
    action.refresh_from_db()
    assert (action.status, action.awaiting_sign_off) == ("on_track", True)
    update = action.updates.get()
    assert (update.written_by, update.evidence_url) == (
        chair,
        "https://sscp.example.org/forms/early-help",
    )
    assert "asked to sign the action off" in response.content.decode()


def test_another_bodys_reporter_cannot_see_or_update_the_action(client_as):
    action = ActionFactory()  # owned by a body none of the test accounts reports for
    for role in ("chair", "datalead"):
        client = client_as(role)
        assert client.get(action.get_absolute_url()).status_code == 404
        assert (
            client.post(
                reverse("assurance:action_update", args=[action.pk]), update_data(action)
            ).status_code
            == 404
        )
    assert client_as("scrutiny").get(action.get_absolute_url()).status_code == 403
    assert not ActionUpdate.objects.exists()


def test_an_update_to_a_complete_action_is_refused(chair, chair_body, manager):
    action = ActionFactory(owner_body=chair_body, status=Action.Status.COMPLETE)
    with pytest.raises(Exception) as refused:
        progress(action, chair, text="More.")
    assert "This action is complete: it takes no more updates." in str(refused.value)
    assert not ActionUpdate.objects.exists()


def test_two_people_updating_the_same_action_at_once_the_second_is_refused(
    chair, datalead, chair_body, client_for
):
    action = ActionFactory(owner_body=chair_body)
    seen = last_change_id(action)  # both opened the form now
    progress(action, chair, status="at_risk", text="Short of staff.", seen_change=seen)
    response = client_for(chair).post(
        reverse("assurance:action_update", args=[action.pk]),
        update_data(action, last_change=seen, text="My update."),
    )
    assert "after you opened this form" in str(response.context["form"].non_field_errors())
    assert list(action.updates.values_list("text", flat=True)) == ["Short of staff."]


def test_the_manager_signs_off_an_action_updated_by_its_body(
    manager, chair, chair_body, client_for
):
    action = ActionFactory(owner_body=chair_body)
    progress(action, chair, text="Done.", done=True)
    client = client_for(manager)
    response = client.post(
        reverse("assurance:action_sign_off", args=[action.pk]),
        {"last_change": last_change_id(action)},
        follow=True,
    )
    action.refresh_from_db()
    assert (action.status, action.signed_off_by, action.awaiting_sign_off) == (
        "complete",
        manager,
        False,
    )
    assert "signed off as complete" in response.content.decode()


def test_a_manager_cannot_sign_off_an_action_they_last_updated(manager, client_for):
    action = ActionFactory()
    progress(action, manager, text="Done by me.", done=True)
    client = client_for(manager)
    page = client.get(reverse("assurance:action_sign_off", args=[action.pk])).content.decode()
    assert "You wrote the last update on this action" in page
    client.post(
        reverse("assurance:action_sign_off", args=[action.pk]),
        {"last_change": last_change_id(action)},
    )
    action.refresh_from_db()
    assert action.status == "on_track"
    other = UserFactory()
    other.groups.add(Group.objects.get(name=BUSINESS_MANAGERS))
    services.action_sign_off(action=action, user=other, seen_change=last_change_id(action))
    action.refresh_from_db()
    assert action.status == "complete"


def test_the_manager_sends_an_action_back_with_a_reason(manager, chair, chair_body, client_for):
    action = ActionFactory(owner_body=chair_body)
    progress(action, chair, text="Done.", done=True)
    url = reverse("assurance:action_send_back", args=[action.pk])
    client = client_for(manager)
    empty = client.post(url, {"reason": "", "last_change": last_change_id(action)})
    assert "This field is required." in " ".join(empty.context["form"].errors["reason"])
    client.post(url, {"reason": "Show the new form in use.", "last_change": last_change_id(action)})
    action.refresh_from_db()
    assert (action.status, action.awaiting_sign_off) == ("on_track", False)
    assert action.updates.last().kind == ActionUpdate.Kind.SENT_BACK
    page = client_for(chair).get(action.get_absolute_url()).content.decode()
    assert "Show the new form in use." in page and "Sent back" in page


def test_an_open_action_past_its_due_date_is_flagged_overdue(manager, client_for):
    late = ActionFactory(due_on=TODAY - datetime.timedelta(days=1))
    done = ActionFactory(due_on=TODAY - datetime.timedelta(days=1), status="complete")
    assert late.is_overdue and not done.is_overdue
    assert list(Action.objects.overdue(TODAY)) == [late]
    client = client_for(manager)
    assert "Overdue" in client.get(late.get_absolute_url()).content.decode()
    review_page = client.get(late.recommendation.review.get_absolute_url()).content.decode()
    assert "Overdue" in review_page


def test_a_body_owning_an_action_sees_its_review(client_as, chair_body):
    review = ReviewFactory(status="draft")
    client = client_as("chair")
    assert client.get(review.get_absolute_url()).status_code == 404
    ActionFactory(recommendation__review=review, owner_body=chair_body)
    assert client.get(review.get_absolute_url()).status_code == 200


def test_the_action_page_reads_a_constant_number_of_queries(client_as, chair_body, chair):
    def queries(count):
        action = ActionFactory(owner_body=chair_body)
        for n in range(count):
            ActionUpdate.objects.create(
                action=action, status="on_track", text=f"Update {n}", written_by=chair
            )
        client = client_as("chair")
        client.get(action.get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            assert client.get(action.get_absolute_url()).status_code == 200
        return len(context.captured_queries)

    assert queries(2) == queries(30)


def test_a_sign_off_from_a_page_opened_before_an_update_is_refused(
    manager, chair, chair_body, client_for
):
    action = ActionFactory(owner_body=chair_body)
    progress(action, chair, text="Done.", done=True)
    url = reverse("assurance:action_sign_off", args=[action.pk])
    client = client_for(manager)
    page = client.get(url)
    opened_at = page.context["form"].initial["last_change"]
    assert f'name="last_change" value="{opened_at}"' in page.content.decode()
    progress(action, chair, status="at_risk", text="Not done after all.")  # meanwhile
    response = client.post(url, {"last_change": opened_at}, follow=True)
    assert "after you opened this form. Nothing has been saved." in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.signed_off_by) == ("at_risk", None)
    assert action.updates.filter(kind=ActionUpdate.Kind.SIGNED_OFF).count() == 0


def test_a_sign_off_without_the_page_it_was_opened_from_is_refused(
    manager, chair, chair_body, client_for
):
    action = ActionFactory(owner_body=chair_body)
    progress(action, chair, text="Done.", done=True)
    url = reverse("assurance:action_sign_off", args=[action.pk])
    for posted in ({}, {"last_change": "tampered"}):
        client_for(manager).post(url, posted)
        action.refresh_from_db()
        assert action.status == "on_track"
