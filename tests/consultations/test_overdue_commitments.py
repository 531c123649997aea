"""An open commitment past its due date is flagged wherever it is listed: the commitments list
(with a filter for them), its consultation's page, the consultations list and "You said, we
did"; a commitment done, not done or not yet due is not."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Commitment
from tests.factories import CommitmentFactory, ConsultationFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promises():
    today = timezone.localdate()
    consultation = ConsultationFactory(plan=PlanFactory(active=True))
    made = {
        "late": {"due_date": today - datetime.timedelta(days=1)},
        "late in progress": {
            "due_date": today - datetime.timedelta(days=40),
            "status": Commitment.Status.IN_PROGRESS,
        },
        "due today": {"due_date": today},
        "done late": {"due_date": today - datetime.timedelta(days=9), "done": True},
        "no date": {"due_date": None},
    }
    return consultation, {
        name: CommitmentFactory(consultation=consultation, promise=f"We will {name}.", **fields)
        for name, fields in made.items()
    }


def test_overdue_means_open_past_its_due_date(promises):
    _, made = promises
    assert {name for name, c in made.items() if c.is_overdue} == {"late", "late in progress"}
    assert set(Commitment.objects.overdue()) == {made["late"], made["late in progress"]}


def test_the_commitments_list_flags_them_and_filters_to_them(promises, client_as):
    client = client_as("scrutiny")
    page = client.get(reverse("consultations:commitment_list")).content.decode()
    assert page.count(">Overdue</strong>") == 2
    filtered = client.get(reverse("consultations:commitment_list"), {"status": "overdue"})
    assert {c.promise for c in filtered.context["table"].data} == {
        "We will late.",
        "We will late in progress.",
    }


def test_the_consultation_page_and_list_flag_them(promises, client_as):
    consultation, _ = promises
    client = client_as("scrutiny")
    detail = client.get(consultation.get_absolute_url()).content.decode()
    assert detail.count('<strong class="text-overdue">overdue</strong>') == 2
    listed = client.get(reverse("consultations:consultation_list")).content.decode()
    assert '5 <strong class="text-overdue">(2 overdue)</strong>' in listed


def test_you_said_we_did_tells_young_readers_which_promises_are_late(promises, client_as):
    consultation, _ = promises
    page = (
        client_as("scrutiny")
        .get(reverse("consultations:you_said_we_did", kwargs={"slug": consultation.plan.slug}))
        .content.decode()
    )
    assert page.count("we are late") == 2
    assert page.count("Late: we planned to finish by") == 2
