"""The rules for changing consultations, feedback, commitments, documents and groups."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import services
from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from sscp.editing import last_change_id
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationDocumentFactory,
    ConsultationFactory,
    EngagementGroupFactory,
    FeedbackFactory,
    GovernanceBodyFactory,
    PlanFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def new_consultation(**overrides) -> Consultation:
    values = {
        "plan": PlanFactory(),
        "title": "Have your say 2024",
        "start_date": datetime.date(2024, 5, 1),
        "end_date": datetime.date(2024, 6, 30),
        "methods": [Consultation.Method.SURVEY],
        "children_reached": 120,
        "professionals_reached": 15,
    }
    return Consultation(**{**values, **overrides})


# --- consultations ----------------------------------------------------------------------------


def test_consultation_is_saved_with_its_groups_in_one_history_entry(manager):
    groups = EngagementGroupFactory.create_batch(2)
    consultation = services.consultation_save(
        consultation=new_consultation(), groups=groups, user=manager
    )
    assert set(consultation.groups.all()) == set(groups)
    [entry] = consultation.history.all()
    assert entry.history_type == "+"
    assert entry.history_user == manager
    assert {row.engagementgroup for row in entry.groups.all()} == set(groups)


def test_changing_a_consultation_records_one_change_with_the_new_groups(manager):
    first, second = EngagementGroupFactory.create_batch(2)
    consultation = services.consultation_save(
        consultation=new_consultation(), groups=[first], user=manager
    )
    consultation.title = "Have your say, 2024"
    services.consultation_save(
        consultation=consultation,
        groups=[second],
        user=manager,
        seen_change=last_change_id(consultation),
    )
    latest, created = consultation.history.all()
    assert (created.history_type, latest.history_type) == ("+", "~")
    assert latest.title == "Have your say, 2024"
    assert [row.engagementgroup for row in latest.groups.all()] == [second]


def test_consultation_slug_is_made_from_the_title_and_kept_unique(manager):
    ConsultationFactory(title="Have your say", slug="have-your-say")
    consultation = services.consultation_save(
        consultation=new_consultation(title="Have your say", slug=""), groups=[], user=manager
    )
    assert consultation.slug == "have-your-say-2"


def test_consultation_cannot_take_the_address_of_another_page(manager):
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(
            consultation=new_consultation(slug="commitments"), groups=[], user=manager
        )
    assert "already the address of another page" in errors_of(excinfo)["slug"][0]


def test_consultation_titled_like_a_page_gets_a_free_slug(manager):
    consultation = services.consultation_save(
        consultation=new_consultation(title="Groups", slug=""), groups=[], user=manager
    )
    assert consultation.slug == "groups-2"


def test_consultation_cannot_end_before_it_starts(manager):
    bad = new_consultation(
        start_date=datetime.date(2024, 6, 1), end_date=datetime.date(2024, 5, 31)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(consultation=bad, groups=[], user=manager)
    assert errors_of(excinfo)["end_date"] == [
        "The end date must be the same as or after the start date (1 June 2024): "
        "a consultation cannot end before it starts."
    ]
    assert not Consultation.objects.exists()


def test_consultation_may_start_and_end_on_one_day(manager):
    day = datetime.date(2024, 6, 1)
    consultation = services.consultation_save(
        consultation=new_consultation(start_date=day, end_date=day), groups=[], user=manager
    )
    assert consultation.pk


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            "children_reached",
            "The number of children and young people reached cannot be less than 0.",
        ),
        ("professionals_reached", "The number of professionals reached cannot be less than 0."),
    ],
)
def test_numbers_reached_cannot_be_negative(manager, field, message):
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(
            consultation=new_consultation(**{field: -1}), groups=[], user=manager
        )
    assert errors_of(excinfo)[field] == [message]


def test_numbers_reached_may_be_zero_or_not_recorded(manager):
    consultation = services.consultation_save(
        consultation=new_consultation(children_reached=0, professionals_reached=None),
        groups=[],
        user=manager,
    )
    assert (consultation.children_reached, consultation.professionals_reached) == (0, None)


def test_unknown_methods_are_refused(manager):
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(
            consultation=new_consultation(methods=["carrier_pigeon"]), groups=[], user=manager
        )
    assert errors_of(excinfo)["methods"] == ["Unknown method: carrier_pigeon."]


def test_a_stale_edit_is_refused_and_changes_nothing(manager):
    consultation = ConsultationFactory(title="Original")
    opened_at = last_change_id(consultation)
    someone_else = Consultation.objects.get(pk=consultation.pk)
    someone_else.title = "Changed by someone else"
    services.consultation_save(
        consultation=someone_else, groups=[], user=manager, seen_change=opened_at
    )

    consultation.title = "My change"
    with pytest.raises(ValidationError) as excinfo:
        services.consultation_save(
            consultation=consultation, groups=[], user=manager, seen_change=opened_at
        )
    assert excinfo.value.code == "stale"
    assert "This consultation was changed by" in excinfo.value.messages[0]
    consultation.refresh_from_db()
    assert consultation.title == "Changed by someone else"


def test_deleting_a_consultation_takes_its_parts_and_keeps_their_history(manager):
    consultation = ConsultationFactory()
    commitment = CommitmentFactory(consultation=consultation)
    update = CommitmentUpdateFactory(commitment=commitment)
    document = ConsultationDocumentFactory(consultation=consultation)
    ids = [
        (model, row.pk)
        for model, row in (
            (Consultation, consultation),
            (Commitment, commitment),
            (CommitmentUpdate, update),
            (ConsultationDocument, document),
        )
    ]
    services.consultation_delete(consultation=consultation, user=manager)
    assert not Consultation.objects.exists()
    assert not Feedback.objects.exists()
    assert not Commitment.objects.exists()
    assert not CommitmentUpdate.objects.exists()
    assert not ConsultationDocument.objects.exists()
    for model, pk in ids:
        deleted = model.history.filter(id=pk, history_type="-").get()
        assert deleted.history_user == manager


# --- feedback ---------------------------------------------------------------------------------


def test_feedback_needs_a_priority_or_an_explicit_not_linked(manager):
    feedback = Feedback(consultation=ConsultationFactory(), said="More youth clubs, please.")
    with pytest.raises(ValidationError) as excinfo:
        services.feedback_save(feedback=feedback, priorities=[], user=manager)
    assert errors_of(excinfo)["priorities"] == [services.NEEDS_PRIORITY]
    assert not Feedback.objects.exists()


def test_feedback_cannot_be_both_linked_and_not_linked(manager):
    feedback = Feedback(
        consultation=ConsultationFactory(), said="More youth clubs, please.", not_linked=True
    )
    with pytest.raises(ValidationError) as excinfo:
        services.feedback_save(feedback=feedback, priorities=[PriorityFactory()], user=manager)
    assert errors_of(excinfo)["not_linked"] == [services.LINKED_AND_NOT_LINKED]


def test_feedback_marked_not_linked_is_saved_without_priorities(manager):
    feedback = services.feedback_save(
        feedback=Feedback(
            consultation=ConsultationFactory(), said="Meet us once a year.", not_linked=True
        ),
        priorities=[],
        user=manager,
    )
    assert feedback.pk and not feedback.priorities.exists()


def test_new_feedback_goes_to_the_end_of_the_list_with_its_priorities(manager):
    consultation = ConsultationFactory()
    FeedbackFactory(consultation=consultation, order=4)
    priorities = PriorityFactory.create_batch(2)
    feedback = services.feedback_save(
        feedback=Feedback(consultation=consultation, said="Safer buses."),
        priorities=priorities,
        user=manager,
    )
    assert feedback.order == 5
    assert set(feedback.priorities.all()) == set(priorities)
    assert feedback.history.count() == 1


def test_deleting_feedback_keeps_the_commitments_that_answered_it(manager):
    commitment = CommitmentFactory()
    services.feedback_delete(feedback=commitment.feedback, user=manager)
    commitment.refresh_from_db()
    assert commitment.feedback is None
    assert commitment.history.first().history_user == manager


# --- commitments ------------------------------------------------------------------------------


def commitment_form_values(consultation, **overrides) -> Commitment:
    values = {
        "consultation": consultation,
        "promise": "Young people will help choose youth workers.",
        "owner_body": GovernanceBodyFactory(),
        "due_date": datetime.date(2025, 3, 31),
        "status": Commitment.Status.PLANNED,
    }
    return Commitment(**{**values, **overrides})


def test_a_commitment_marked_done_needs_an_update_saying_what_was_done(manager):
    commitment = CommitmentFactory()
    commitment.status = Commitment.Status.DONE
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_save(
            commitment=commitment, user=manager, seen_change=last_change_id(commitment)
        )
    assert errors_of(excinfo)["update_text"] == [services.DONE_NEEDS_UPDATE]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PLANNED


def test_an_older_update_does_not_count_as_saying_what_was_done(manager):
    commitment = CommitmentFactory(status=Commitment.Status.IN_PROGRESS)
    CommitmentUpdateFactory(commitment=commitment, text="Started talking to schools.")
    commitment.status = Commitment.Status.DONE
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_save(
            commitment=commitment, user=manager, seen_change=last_change_id(commitment)
        )
    assert "update_text" in errors_of(excinfo)


def test_marking_done_with_an_update_saves_both(manager):
    commitment = CommitmentFactory()
    commitment.status = Commitment.Status.DONE
    today = timezone.localdate()
    services.commitment_save(
        commitment=commitment,
        seen_change=last_change_id(commitment),
        user=manager,
        update_text="Young people sat on every interview panel this year.",
        update_date=today,
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    [update] = commitment.updates.all()
    assert (update.date, update.author) == (today, manager)
    assert update.text == "Young people sat on every interview panel this year."


def test_a_done_commitment_with_an_update_can_be_edited_without_another(manager):
    commitment = CommitmentFactory(done=True)
    CommitmentUpdateFactory(commitment=commitment)
    commitment.promise = "Young people will help choose all youth workers."
    services.commitment_save(
        commitment=commitment, user=manager, seen_change=last_change_id(commitment)
    )
    commitment.refresh_from_db()
    assert commitment.promise.endswith("all youth workers.")


def test_a_new_commitment_that_is_already_done_needs_an_update(manager):
    commitment = commitment_form_values(ConsultationFactory(), status=Commitment.Status.DONE)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_save(commitment=commitment, user=manager)
    assert "update_text" in errors_of(excinfo)
    assert not Commitment.objects.exists()


def test_not_done_needs_a_reason(manager):
    commitment = CommitmentFactory()
    commitment.status = Commitment.Status.NOT_DONE
    commitment.status_reason = "  "
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_save(
            commitment=commitment, user=manager, seen_change=last_change_id(commitment)
        )
    assert errors_of(excinfo)["status_reason"] == ["Say why the commitment was not done."]


def test_reason_is_cleared_when_the_status_is_not_not_done(manager):
    commitment = CommitmentFactory(not_done=True)
    commitment.status = Commitment.Status.IN_PROGRESS
    services.commitment_save(
        commitment=commitment, user=manager, seen_change=last_change_id(commitment)
    )
    commitment.refresh_from_db()
    assert commitment.status_reason == ""


def test_a_commitment_answers_something_said_in_its_own_consultation(manager):
    elsewhere = FeedbackFactory()
    commitment = commitment_form_values(ConsultationFactory(), feedback=elsewhere)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_save(commitment=commitment, user=manager)
    assert errors_of(excinfo)["feedback"] == [
        "Choose something that was said in this consultation."
    ]


def test_an_update_given_with_a_commitment_cannot_be_in_the_future(manager):
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_save(
            commitment=commitment,
            seen_change=last_change_id(commitment),
            user=manager,
            update_text="Done next week.",
            update_date=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert errors_of(excinfo)["update_date"] == ["An update cannot be dated in the future."]


def test_deleting_a_commitment_deletes_its_updates(manager):
    update = CommitmentUpdateFactory()
    services.commitment_delete(commitment=update.commitment, user=manager)
    assert not CommitmentUpdate.objects.exists()


# --- updates ----------------------------------------------------------------------------------


def test_an_update_keeps_its_first_author(manager):
    update = services.commitment_update_save(
        update=CommitmentUpdate(
            commitment=CommitmentFactory(), date=datetime.date(2024, 1, 5), text="Began."
        ),
        user=manager,
    )
    other_manager = type(manager).objects.create(username="another-manager")
    update.text = "Began in January."
    services.commitment_update_save(
        update=update, user=other_manager, seen_change=last_change_id(update)
    )
    update.refresh_from_db()
    assert update.author == manager
    assert update.history.first().history_user == other_manager


def test_an_update_cannot_be_dated_in_the_future(manager):
    update = CommitmentUpdate(
        commitment=CommitmentFactory(),
        date=timezone.localdate() + datetime.timedelta(days=3),
        text="Will be done.",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_update_save(update=update, user=manager)
    assert errors_of(excinfo)["date"] == ["An update cannot be dated in the future."]


def test_the_last_update_of_a_done_commitment_cannot_be_deleted(manager):
    commitment = CommitmentFactory(done=True)
    update = CommitmentUpdateFactory(commitment=commitment)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_update_delete(update=update, user=manager)
    assert "only update saying what was done" in excinfo.value.messages[0]
    assert CommitmentUpdate.objects.filter(pk=update.pk).exists()


def test_an_update_of_a_done_commitment_can_go_when_another_remains(manager):
    commitment = CommitmentFactory(done=True)
    first, _second = CommitmentUpdateFactory.create_batch(2, commitment=commitment)
    services.commitment_update_delete(update=first, user=manager)
    assert commitment.updates.count() == 1


# --- documents --------------------------------------------------------------------------------


def test_a_document_without_a_link_needs_a_note(manager):
    document = ConsultationDocument(consultation=ConsultationFactory(), title="Survey", url="")
    with pytest.raises(ValidationError) as excinfo:
        services.document_save(document=document, user=manager)
    assert errors_of(excinfo)["note"] == ["Give a link, or say where the document can be found."]


def test_documents_are_added_at_the_end(manager):
    consultation = ConsultationFactory()
    ConsultationDocumentFactory(consultation=consultation, order=2)
    document = services.document_save(
        document=ConsultationDocument(
            consultation=consultation, title="Paper copy", note="Ask the business manager."
        ),
        user=manager,
    )
    assert document.order == 3


# --- engagement groups ------------------------------------------------------------------------


def test_a_group_that_took_part_cannot_be_deleted(manager):
    group = EngagementGroupFactory(name="Youth Forum")
    ConsultationFactory(groups=[group])
    with pytest.raises(ValidationError) as excinfo:
        services.group_delete(group=group, user=manager)
    assert excinfo.value.messages == [
        "Youth Forum took part in 1 consultation, so it cannot be deleted: it is part of the "
        "record of who was consulted. You can change its name or description instead."
    ]
    assert EngagementGroup.objects.filter(pk=group.pk).exists()


def test_a_group_added_by_mistake_can_be_deleted(manager):
    group = EngagementGroupFactory()
    pk = group.pk
    services.group_delete(group=group, user=manager)
    assert not EngagementGroup.objects.exists()
    deleted = EngagementGroup.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == manager


def test_group_names_are_saved_without_stray_spaces(manager):
    group = services.group_save(
        group=EngagementGroup(name="  Young Carers Group ", kind="cyp"), user=manager
    )
    assert group.name == "Young Carers Group"


# --- stale edits and the rules' reasons ---------------------------------------------------------


def _save_group(group, **kwargs):
    return services.group_save(group=group, **kwargs)


def _save_feedback(feedback, **kwargs):
    return services.feedback_save(feedback=feedback, priorities=[PriorityFactory()], **kwargs)


def _save_commitment(commitment, **kwargs):
    return services.commitment_save(commitment=commitment, **kwargs)


def _save_update(update, **kwargs):
    return services.commitment_update_save(update=update, **kwargs)


def _save_document(document, **kwargs):
    return services.document_save(document=document, **kwargs)


@pytest.mark.parametrize(
    ("make", "save", "field"),
    [
        (EngagementGroupFactory, _save_group, "description"),
        (FeedbackFactory, _save_feedback, "said"),
        (CommitmentFactory, _save_commitment, "promise"),
        (CommitmentUpdateFactory, _save_update, "text"),
        (ConsultationDocumentFactory, _save_document, "note"),
    ],
)
def test_every_part_refuses_an_edit_saved_over_a_newer_change(manager, make, save, field):
    row = make()
    opened_at = last_change_id(row)
    first, second = (type(row).objects.get(pk=row.pk) for _ in range(2))
    setattr(first, field, "Saved first.")
    save(first, user=manager, seen_change=opened_at)
    setattr(second, field, "Saved second.")
    with pytest.raises(ValidationError) as excinfo:
        save(second, user=manager, seen_change=opened_at)
    assert excinfo.value.code == "stale"
    row.refresh_from_db()
    assert getattr(row, field) == "Saved first."


def test_the_rules_give_no_reasons_when_the_change_may_go_ahead():
    assert services.group_delete_refusals(EngagementGroupFactory()) == []
    assert services.commitment_update_delete_refusals(CommitmentUpdateFactory()) == []
    assert services.feedback_save_refusals(priorities=[], not_linked=True) == {}
    assert services.commitment_update_save_refusals(date=timezone.localdate(), text="Met.") == {}
    assert (
        services.consultation_save_refusals(
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 5, 1),
            children_reached=0,
            professionals_reached=None,
            slug="have-your-say",
            methods=["survey"],
        )
        == {}
    )
