"""send_action_reminders: each active body owning open review actions due soon or overdue is
told once a day, listing them; closed, far-off and inactive bodies' actions are left out, and
nobody deactivated is told. The e-mail travels to a real SMTP server on localhost."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from notifications.models import ACTION_KINDS, DEFAULT_DELIVERY, Delivery, Kind, Notification
from notifications.selectors import waiting_for
from tests.factories import (
    ActionFactory,
    GovernanceBodyFactory,
    RecommendationFactory,
    ReviewFactory,
    chair_of,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_action_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def actions(team):
    review = ReviewFactory(title="Rapid review: baby A")
    first = RecommendationFactory(review=review, number=1)
    second = RecommendationFactory(review=review, number=2)
    body = team["body"]
    closed_body = GovernanceBodyFactory(name="Old Panel", is_active=False)
    chair_of(closed_body)
    return {
        "late": ActionFactory(
            recommendation=second,
            owner_body=body,
            text="Refresh the neglect toolkit",
            due_on=TODAY - datetime.timedelta(days=4),
        ),
        "soon": ActionFactory(
            recommendation=first,
            owner_body=body,
            text="Train health visitors on fathers",
            due_on=TODAY + datetime.timedelta(days=6),
            status="on_track",
        ),
        "done": ActionFactory(
            owner_body=body, text="Already done", due_on=TODAY, status="complete"
        ),
        "far": ActionFactory(
            owner_body=body, text="Next year's audit", due_on=TODAY + datetime.timedelta(days=90)
        ),
        "inactive": ActionFactory(
            owner_body=closed_body, text="A closed panel's action", due_on=TODAY
        ),
    }


def test_the_owner_body_is_told_once_a_day_listing_what_is_due(team, actions, smtp_server):
    output = run("--days", "14")
    assert "Told Early Help Subgroup (2 people): 2 actions" in output
    assert "Old Panel" not in output  # an inactive body is not reminded
    for person in (team["chair"], team["lead"]):
        [notification] = Notification.objects.filter(recipient=person, kind=Kind.ACTION_DUE)
        assert notification.title == "Review actions due: 2, 1 overdue"
        assert "Refresh the neglect toolkit (Rapid review: baby A, recommendation 2; overdue" in (
            notification.body
        )
        assert "Train health visitors on fathers" in notification.body
        for left_out in ("Already done", "Next year's audit", "A closed panel's action"):
            assert left_out not in notification.body
        assert notification.url == (
            reverse("assurance:action_tracker") + f"?owner_body={team['body'].pk}&status=open"
        )
    assert not Notification.objects.exclude(recipient__in=[team["chair"], team["lead"]]).exists()
    for person in (team["chair"], team["lead"]):
        [message] = smtp_server.inbox.to(person.email)
        assert "Review actions due: 2, 1 overdue" in message["Subject"]
        assert "Refresh the neglect toolkit" in smtp_server.inbox.text(message)
    run("--days", "14")  # the same day again: nobody is told twice
    assert Notification.objects.filter(kind=Kind.ACTION_DUE).count() == 2
    assert len(smtp_server.inbox.messages) == 2


def test_a_deactivated_person_is_not_told(team, actions):
    team["lead"].is_active = False
    team["lead"].save()
    assert "Told Early Help Subgroup (1 person): 2 actions" in run()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [team["chair"].pk]


def test_a_body_with_nobody_to_tell_is_said_so(team, actions):
    ActionFactory(owner_body=GovernanceBodyFactory(name="Youth Forum"), due_on=TODAY)
    assert "Nobody to tell at Youth Forum: 1 action" in run()


def test_dry_run_tells_nobody(team, actions):
    assert "Would tell Early Help Subgroup" in run("--dry-run")
    assert not Notification.objects.exists()


def test_an_action_reminder_asks_the_reader_to_act(team, actions):
    assert Kind.ACTION_DUE in ACTION_KINDS
    assert DEFAULT_DELIVERY[Kind.ACTION_DUE] == Delivery.IMMEDIATE
    run()
    assert [n.kind for n in waiting_for(team["chair"])] == [Kind.ACTION_DUE]
