import datetime

import pytest
from django.urls import reverse

from consultations.models import Commitment, Consultation
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationFactory,
    EngagementGroupFactory,
    FeedbackFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


# --- constraints ------------------------------------------------------------------------------


def test_consultation_cannot_end_before_it_starts(violates):
    with violates("consultation_ends_on_or_after_start"):
        ConsultationFactory(
            start_date=datetime.date(2021, 9, 1), end_date=datetime.date(2021, 8, 31)
        )


def test_consultation_may_last_a_single_day():
    day = datetime.date(2021, 9, 1)
    assert ConsultationFactory(start_date=day, end_date=day).pk


def test_commitment_not_done_needs_a_reason(violates):
    with violates("commitment_not_done_has_reason"):
        CommitmentFactory(status=Commitment.Status.NOT_DONE, status_reason="")


def test_commitment_not_done_with_a_reason_is_kept():
    assert CommitmentFactory(not_done=True).status_reason


# --- display and URLs -------------------------------------------------------------------------


def test_engagement_group_str_is_its_name():
    assert str(EngagementGroupFactory(name="Youth Forum")) == "Youth Forum"


def test_consultation_str_and_url():
    consultation = ConsultationFactory(title="Have your say 2021", slug="have-your-say-2021")
    assert str(consultation) == "Have your say 2021"
    assert consultation.get_absolute_url() == reverse(
        "consultations:consultation_detail", kwargs={"slug": "have-your-say-2021"}
    )
    assert "have-your-say-2021" in consultation.get_absolute_url()


def test_feedback_str_is_what_was_said_cut_to_80_characters():
    said = "We want to feel safe online and offline, at school, at home and in our area. " * 2
    feedback = FeedbackFactory(said=said)
    assert str(feedback) == said[:80]
    assert len(str(feedback)) == 80
    assert str(FeedbackFactory(said="Listen to us.")) == "Listen to us."


def test_feedback_url_is_its_place_on_the_consultation_page():
    feedback = FeedbackFactory()
    assert feedback.get_absolute_url() == (
        f"{feedback.consultation.get_absolute_url()}#feedback-{feedback.pk}"
    )


def test_commitment_str_is_the_promise_cut_to_80_characters():
    promise = "We will make sure young people help to interview staff for children's services. " * 2
    assert str(CommitmentFactory(promise=promise)) == promise[:80]


def test_commitment_url_is_its_place_on_the_consultation_page():
    commitment = CommitmentFactory()
    assert commitment.get_absolute_url() == (
        f"{commitment.consultation.get_absolute_url()}#commitment-{commitment.pk}"
    )


def test_commitment_update_str_is_date_and_text_cut_to_60_characters():
    text = "Young people sat on two interview panels and a third is booked for next month."
    update = CommitmentUpdateFactory(date=datetime.date(2022, 6, 30), text=text)
    assert str(update) == f"2022-06-30: {text[:60]}"


def test_commitment_update_url_is_its_commitment():
    update = CommitmentUpdateFactory()
    assert update.get_absolute_url() == update.commitment.get_absolute_url()


def test_method_labels_read_the_method_names():
    consultation = ConsultationFactory(
        methods=[Consultation.Method.SURVEY, Consultation.Method.FORUM_WEEK, "street_stall"]
    )
    assert consultation.method_labels == ["Survey", "Forum week", "street_stall"]


# --- relations and queries --------------------------------------------------------------------


def test_open_commitments_are_planned_or_in_progress():
    planned = CommitmentFactory(status=Commitment.Status.PLANNED)
    in_progress = CommitmentFactory(status=Commitment.Status.IN_PROGRESS)
    CommitmentFactory(done=True)
    CommitmentFactory(not_done=True)
    assert set(Commitment.objects.open()) == {planned, in_progress}


def test_feedback_links_to_priorities():
    priority = PriorityFactory()
    feedback = FeedbackFactory(priorities=[priority])
    assert list(priority.feedback.all()) == [feedback]


def test_consultation_reaches_engagement_groups():
    group = EngagementGroupFactory()
    consultation = ConsultationFactory(groups=[group])
    assert list(group.consultations.all()) == [consultation]


def test_commitment_updates_list_newest_first():
    commitment = CommitmentFactory()
    older = CommitmentUpdateFactory(commitment=commitment, date=datetime.date(2022, 3, 31))
    newer = CommitmentUpdateFactory(commitment=commitment, date=datetime.date(2022, 6, 30))
    assert list(commitment.updates.all()) == [newer, older]


# --- history ----------------------------------------------------------------------------------


def test_commitment_history_records_who_changed_its_status(manager):
    commitment = CommitmentFactory()
    commitment.status = Commitment.Status.DONE
    commitment._history_user = manager
    commitment.save()

    latest = commitment.history.first()
    assert commitment.history.count() == 2
    assert (latest.history_type, latest.history_user, latest.status) == (
        "~",
        manager,
        Commitment.Status.DONE,
    )
    assert latest.prev_record.status == Commitment.Status.PLANNED
