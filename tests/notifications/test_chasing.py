"""Chasing late bodies from a quarter's page: choose, preview, send; logged with who and when;
not the same body twice within an hour; a body with nobody to receive it is said so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Chase
from measures.services.chasing import chase_bodies
from notifications.models import Kind, Notification
from tests.factories import GovernanceBodyFactory, MeasureFactory, ReturnFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(team):
    period = team["period"]
    period.deadline = timezone.localdate() - datetime.timedelta(days=3)
    period.save()
    quiet = GovernanceBodyFactory(name="Neglect Subgroup")  # nobody reports for it
    MeasureFactory(priority=team["measure"].priority, reporting_body=quiet, title="Neglect audits")
    done = GovernanceBodyFactory(name="Missing Children Subgroup")
    finished = MeasureFactory(priority=team["measure"].priority, reporting_body=done)
    ReturnFactory(measure=finished, period=period, submitted=True)
    return {**team, "quiet": quiet, "done": done}


def chase_url(period):
    return reverse("measures:period_chase", args=[period.pk])


def test_the_manager_previews_then_sends(late, client_for):
    client = client_for(late["manager"])
    page = client.get(chase_url(late["period"]))
    bodies = [row["body"].name for row in page.context["bodies"]]
    assert bodies == ["Early Help Subgroup", "Neglect Subgroup"]  # not the body that is done
    preview = client.post(
        chase_url(late["period"]), {"step": "preview", "bodies": [late["body"].pk]}
    )
    content = preview.content.decode()
    assert "Check the reminder before sending" in content
    assert "Reminder: 1 return for Q4 2024-25 overdue" in content
    assert "- Early help plans closed" in content
    assert not Notification.objects.exists()  # a preview sends nothing

    sent = client.post(
        chase_url(late["period"]), {"step": "send", "bodies": [late["body"].pk]}, follow=True
    )
    assert "Reminded 1 body (2 people): Early Help Subgroup." in sent.content.decode()
    for person in (late["chair"], late["lead"]):
        assert Notification.objects.filter(recipient=person, kind=Kind.CHASE).count() == 1
    chase = Chase.objects.get()
    assert (chase.sent_by, chase.recipients, chase.outstanding) == (late["manager"], 2, 1)
    assert "sent by Morgan Hughes" in sent.content.decode()


def test_not_twice_within_an_hour(late):
    first = chase_bodies(period=late["period"], body_ids=[late["body"].pk], user=late["manager"])
    second = chase_bodies(period=late["period"], body_ids=[late["body"].pk], user=late["manager"])
    assert [name for name, _ in first.chased] == ["Early Help Subgroup"]
    assert second.chased == []
    assert second.skipped == [("Early Help Subgroup", "it was chased less than an hour ago")]
    Chase.objects.update(sent_at=timezone.now() - datetime.timedelta(minutes=61))
    third = chase_bodies(period=late["period"], body_ids=[late["body"].pk], user=late["manager"])
    assert len(third.chased) == 1
    assert Notification.objects.filter(recipient=late["chair"], kind=Kind.CHASE).count() == 2


def test_a_body_with_nobody_to_receive_it_is_said_so(late, client_for):
    response = client_for(late["manager"]).post(
        chase_url(late["period"]), {"step": "send", "bodies": [late["quiet"].pk]}, follow=True
    )
    assert "Neglect Subgroup was not reminded: nobody can receive it" in response.content.decode()
    assert not Chase.objects.exists()


def test_bad_choices_send_nothing(late, client_for):
    client = client_for(late["manager"])
    empty = client.post(chase_url(late["period"]), {"step": "send"})
    assert empty.status_code == 400
    assert "Choose at least one body" in empty.content.decode()
    done = client.post(chase_url(late["period"]), {"step": "send", "bodies": [late["done"].pk]})
    assert done.status_code == 400  # not a body with anything outstanding
    assert not Notification.objects.exists() and not Chase.objects.exists()


def test_only_the_manager_chases(late, client_for):
    for person in ("chair", "lead", "scrutiny"):
        client = client_for(late[person])
        assert client.get(chase_url(late["period"])).status_code == 403
        refused = client.post(chase_url(late["period"]), {"step": "send", "bodies": [1]})
        assert refused.status_code == 403
    assert not Chase.objects.exists()
