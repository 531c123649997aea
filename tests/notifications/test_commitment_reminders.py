"""send_commitment_reminders: the body responsible for open commitments to young people that are
due soon or overdue is told once a day, listing them; done ones and draft plans' are left out."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.models import Commitment
from notifications.models import Kind, Notification
from plans.models import Plan
from tests.factories import CommitmentFactory, ConsultationFactory, GovernanceBodyFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_commitment_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def promises(team):
    today = timezone.localdate()
    consultation = ConsultationFactory(plan=team["plan"])
    late = CommitmentFactory(
        consultation=consultation,
        owner_body=team["body"],
        promise="Young people sit on interview panels",
        due_date=today - datetime.timedelta(days=2),
    )
    soon = CommitmentFactory(
        consultation=consultation,
        owner_body=team["body"],
        promise="A leaflet written with young people",
        due_date=today + datetime.timedelta(days=5),
        status=Commitment.Status.IN_PROGRESS,
    )
    CommitmentFactory(  # done: not reminded
        consultation=consultation,
        owner_body=team["body"],
        promise="Already done",
        due_date=today,
        status=Commitment.Status.DONE,
    )
    CommitmentFactory(  # far off: not yet
        consultation=consultation,
        owner_body=team["body"],
        promise="Next year's survey",
        due_date=today + datetime.timedelta(days=90),
    )
    draft = ConsultationFactory(plan=Plan.objects.create(**_draft_plan()))
    CommitmentFactory(consultation=draft, owner_body=team["body"], promise="Draft promise")
    return {"late": late, "soon": soon}


def _draft_plan():
    return {
        "title": "Next plan",
        "slug": "2025-28",
        "start_date": datetime.date(2025, 4, 1),
        "end_date": datetime.date(2028, 3, 31),
        "status": Plan.Status.DRAFT,
    }


def test_the_body_is_told_once_a_day_listing_what_is_due(team, promises, mailoutbox):
    output = run("--days", "14")
    assert "Told Early Help Subgroup (2 people): 2 commitments" in output
    for person in (team["chair"], team["lead"]):
        [notification] = Notification.objects.filter(recipient=person, kind=Kind.COMMITMENT)
        assert notification.title == "Commitments to young people due: 2, 1 overdue"
        assert "Young people sit on interview panels (overdue" in notification.body
        assert "A leaflet written with young people (due" in notification.body
        for left_out in ("Already done", "Next year's survey", "Draft promise"):
            assert left_out not in notification.body
    assert len(mailoutbox) == 2
    run("--days", "14")
    assert Notification.objects.filter(kind=Kind.COMMITMENT).count() == 2
    assert len(mailoutbox) == 2


def test_a_body_with_nobody_to_tell_is_said_so(team, promises):
    quiet = GovernanceBodyFactory(name="Youth Forum")
    CommitmentFactory(
        consultation=ConsultationFactory(plan=team["plan"]),
        owner_body=quiet,
        due_date=timezone.localdate(),
    )
    assert "Nobody to tell at Youth Forum: 1 commitment" in run()


def test_dry_run_tells_nobody(promises):
    assert "Would tell Early Help Subgroup" in run("--dry-run")
    assert not Notification.objects.exists()
