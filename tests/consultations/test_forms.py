"""The manager's forms: bad input is refused with a clear message beside the field and nothing
is saved; good input is saved, with a message, and a confirmation comes before every delete."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
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


@pytest.fixture
def client(client_for, manager):
    return client_for(manager)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def field_errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


def consultation_data(for_plan, **overrides) -> dict:
    data = {
        "plan": for_plan.pk,
        "title": "Have your say 2024",
        "slug": "",
        "start_date": "2024-05-01",
        "end_date": "2024-06-30",
        "methods": ["survey", "workshop"],
        "children_reached": "340",
        "professionals_reached": "25",
        "summary": "Young people answered a survey in schools.",
    }
    return {**data, **overrides}


# --- consultations ----------------------------------------------------------------------------


def test_adding_a_consultation_saves_it_and_says_so(client):
    plan = PlanFactory(slug="2022-25")
    group = EngagementGroupFactory()
    url = reverse("consultations:consultation_create")
    response = client.post(url, consultation_data(plan, groups=[group.pk]), follow=True)
    consultation = Consultation.objects.get()
    assert response.redirect_chain[-1][0] == consultation.get_absolute_url()
    assert consultation.slug == "have-your-say-2024"
    assert consultation.methods == ["survey", "workshop"]
    assert list(consultation.groups.all()) == [group]
    assert (consultation.children_reached, consultation.professionals_reached) == (340, 25)
    assert any("Added the consultation" in m for m in messages_of(response))


def test_new_consultation_form_starts_on_the_plan_asked_for(client):
    plan = PlanFactory(slug="2022-25")
    url = reverse("consultations:consultation_create") + "?plan=2022-25"
    assert client.get(url).context["form"].initial["plan"] == plan


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end_date": "2024-04-30"},
            "end_date",
            "The end date must be the same as or after the start date (1 May 2024): "
            "a consultation cannot end before it starts.",
        ),
        (
            {"children_reached": "-5"},
            "children_reached",
            "The number of children and young people reached cannot be less than 0.",
        ),
        (
            {"professionals_reached": "-1"},
            "professionals_reached",
            "The number of professionals reached cannot be less than 0.",
        ),
        ({"title": ""}, "title", "Give the consultation a title."),
        ({"plan": ""}, "plan", "Choose the plan the consultation shaped."),
        (
            {"start_date": "31/02/2024"},
            "start_date",
            "Give the start date as a real date, for example 1 June 2021.",
        ),
        (
            {"slug": "groups"},
            "slug",
            "“groups” is already the address of another page. Choose a different web address.",
        ),
        ({"methods": ["survey", "telepathy"]}, "methods", None),
    ],
)
def test_consultation_form_refuses_bad_input(client, overrides, field, message):
    plan = PlanFactory()
    response = client.post(
        reverse("consultations:consultation_create"), consultation_data(plan, **overrides)
    )
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, f"expected an error on {field}"
    if message:
        assert errors == [message]
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert not Consultation.objects.exists()


def test_taken_web_address_is_refused(client):
    ConsultationFactory(slug="have-your-say")
    response = client.post(
        reverse("consultations:consultation_create"),
        consultation_data(PlanFactory(), slug="have-your-say"),
    )
    assert field_errors(response, "slug") == ["Another consultation already has this web address."]


def test_editing_a_consultation_saves_and_records_who(client, manager):
    consultation = ConsultationFactory(title="Old title")
    url = reverse("consultations:consultation_edit", args=[consultation.slug])
    form = client.get(url).context["form"]
    data = consultation_data(
        consultation.plan,
        title="New title",
        slug=consultation.slug,
        last_change=form.initial["last_change"],
    )
    response = client.post(url, data, follow=True)
    consultation.refresh_from_db()
    assert consultation.title == "New title"
    assert consultation.history.first().history_user == manager
    assert "Saved the changes to “New title”." in messages_of(response)


def test_editing_a_consultation_someone_else_changed_is_refused(client, manager):
    consultation = ConsultationFactory(title="Old title")
    url = reverse("consultations:consultation_edit", args=[consultation.slug])
    opened_at = client.get(url).context["form"].initial["last_change"]
    consultation.title = "Someone else's title"
    consultation.save()
    response = client.post(
        url,
        consultation_data(
            consultation.plan, title="Mine", slug=consultation.slug, last_change=opened_at
        ),
    )
    assert response.status_code == 200
    [refusal] = response.context["form"].non_field_errors()
    assert "This consultation was changed by" in refusal and "Nothing has been saved" in refusal
    consultation.refresh_from_db()
    assert consultation.title == "Someone else's title"


@pytest.mark.parametrize("last_change", [None, "", "not-a-number"])
def test_an_edit_posted_without_a_valid_opened_at_change_is_refused(client, manager, last_change):
    """The lost-update check is not optional: a form posted without the change it was opened at
    (or with a malformed one) saves nothing, as on every other editor."""
    consultation = ConsultationFactory(title="Old title")
    url = reverse("consultations:consultation_edit", args=[consultation.slug])
    data = consultation_data(consultation.plan, title="Mine", slug=consultation.slug)
    data.pop("last_change", None)
    if last_change is not None:
        data["last_change"] = last_change
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    consultation.refresh_from_db()
    assert consultation.title == "Old title"


def test_an_over_long_consultation_summary_is_refused_and_nothing_saved(client, manager):
    consultation = ConsultationFactory(title="Old title")
    url = reverse("consultations:consultation_edit", args=[consultation.slug])
    opened_at = client.get(url).context["form"].initial["last_change"]
    data = consultation_data(
        consultation.plan, title="New title", slug=consultation.slug, last_change=opened_at
    )
    data["summary"] = "x" * 10_001
    response = client.post(url, data)
    assert response.status_code == 200
    assert "at most 10000 characters" in " ".join(response.context["form"].errors["summary"])
    consultation.refresh_from_db()
    assert consultation.title == "Old title"


# --- feedback ---------------------------------------------------------------------------------


def test_feedback_without_a_priority_or_not_linked_is_refused(client):
    consultation = ConsultationFactory()
    url = reverse("consultations:feedback_create", args=[consultation.slug])
    response = client.post(url, {"said": "More youth clubs."})
    assert field_errors(response, "priorities") == [services.NEEDS_PRIORITY]
    assert not Feedback.objects.exists()


def test_feedback_both_linked_and_not_linked_is_refused(client):
    consultation = ConsultationFactory()
    priority = PriorityFactory()
    url = reverse("consultations:feedback_create", args=[consultation.slug])
    response = client.post(
        url, {"said": "More youth clubs.", "priorities": [priority.pk], "not_linked": "on"}
    )
    assert field_errors(response, "not_linked") == [services.LINKED_AND_NOT_LINKED]
    assert not Feedback.objects.exists()


def test_empty_feedback_is_refused(client):
    consultation = ConsultationFactory()
    url = reverse("consultations:feedback_create", args=[consultation.slug])
    response = client.post(url, {"said": "", "not_linked": "on"})
    assert field_errors(response, "said") == ["Say what we were told."]


def test_feedback_linked_to_priorities_is_saved(client):
    consultation = ConsultationFactory()
    priorities = PriorityFactory.create_batch(2)
    url = reverse("consultations:feedback_create", args=[consultation.slug])
    response = client.post(
        url, {"said": "More youth clubs.", "priorities": [p.pk for p in priorities]}, follow=True
    )
    feedback = Feedback.objects.get()
    assert set(feedback.priorities.all()) == set(priorities)
    assert response.redirect_chain[-1][0] == feedback.get_absolute_url()
    assert "Added what we were told, with the priorities it informed." in messages_of(response)


def test_retired_priorities_are_not_offered_unless_already_linked(client):
    current = PriorityFactory()
    retired = PriorityFactory(retired_on=datetime.date(2023, 1, 1), retired_reason="Merged.")
    consultation = ConsultationFactory()
    new_form = client.get(
        reverse("consultations:feedback_create", args=[consultation.slug])
    ).context["form"]
    assert set(new_form.fields["priorities"].queryset) == {current}
    linked = FeedbackFactory(consultation=consultation, priorities=[retired])
    edit_form = client.get(reverse("consultations:feedback_edit", args=[linked.pk])).context["form"]
    assert set(edit_form.fields["priorities"].queryset) == {current, retired}


# --- commitments ------------------------------------------------------------------------------


def commitment_data(commitment=None, **overrides) -> dict:
    data = {
        "promise": "Young people will help choose youth workers.",
        "owner_body": (commitment.owner_body_id if commitment else GovernanceBodyFactory().pk),
        "due_date": "2025-03-31",
        "status": "planned",
        "status_reason": "",
        "update_text": "",
        "update_date": timezone.localdate().isoformat(),
    }
    if commitment is not None:
        data["feedback"] = commitment.feedback_id or ""
        data["last_change"] = last_change_id(commitment)
    return {**data, **overrides}


def test_marking_a_commitment_done_without_saying_what_was_done_is_refused(client):
    commitment = CommitmentFactory(status=Commitment.Status.IN_PROGRESS)
    url = reverse("consultations:commitment_edit", args=[commitment.pk])
    response = client.post(url, commitment_data(commitment, status="done"))
    assert response.status_code == 200
    assert field_errors(response, "update_text") == [services.DONE_NEEDS_UPDATE]
    assert "Nothing was saved" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert not CommitmentUpdate.objects.exists()


def test_marking_a_commitment_done_with_what_was_done_saves_both(client, manager):
    commitment = CommitmentFactory(status=Commitment.Status.IN_PROGRESS)
    url = reverse("consultations:commitment_edit", args=[commitment.pk])
    response = client.post(
        url,
        commitment_data(
            commitment, status="done", update_text="Young people joined every interview panel."
        ),
        follow=True,
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    update = commitment.updates.get()
    assert update.text == "Young people joined every interview panel."
    assert update.author == manager
    assert "Saved the commitment: done." in messages_of(response)


def test_not_done_without_a_reason_is_refused(client):
    commitment = CommitmentFactory()
    url = reverse("consultations:commitment_edit", args=[commitment.pk])
    response = client.post(url, commitment_data(commitment, status="not_done"))
    assert field_errors(response, "status_reason") == ["Say why the commitment was not done."]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PLANNED


def test_an_update_dated_in_the_future_is_refused_with_the_commitment(client):
    commitment = CommitmentFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = reverse("consultations:commitment_edit", args=[commitment.pk])
    response = client.post(
        url,
        commitment_data(commitment, update_text="All done.", update_date=tomorrow.isoformat()),
    )
    assert field_errors(response, "update_date") == ["An update cannot be dated in the future."]
    assert not CommitmentUpdate.objects.exists()


def test_a_new_commitment_can_answer_an_item_of_its_consultation(client):
    feedback = FeedbackFactory()
    consultation = feedback.consultation
    url = reverse("consultations:commitment_create", args=[consultation.slug])
    assert client.get(url, {"feedback": feedback.pk}).context["form"].initial["feedback"] == (
        feedback.pk
    )
    response = client.post(url, commitment_data(feedback=feedback.pk), follow=True)
    commitment = Commitment.objects.get()
    assert (commitment.consultation, commitment.feedback) == (consultation, feedback)
    assert "Added the commitment." in messages_of(response)


def test_a_commitment_cannot_answer_an_item_of_another_consultation(client):
    consultation = ConsultationFactory()
    elsewhere = FeedbackFactory()
    url = reverse("consultations:commitment_create", args=[consultation.slug])
    response = client.post(url, commitment_data(feedback=elsewhere.pk))
    assert field_errors(response, "feedback")
    assert not Commitment.objects.exists()


def test_a_commitment_needs_a_promise_and_an_owner(client):
    consultation = ConsultationFactory()
    url = reverse("consultations:commitment_create", args=[consultation.slug])
    response = client.post(url, commitment_data(promise="", owner_body=""))
    assert field_errors(response, "promise") == ["Say what the partnership promised."]
    assert field_errors(response, "owner_body") == [
        "Choose the body responsible for keeping the promise."
    ]


# --- updates ----------------------------------------------------------------------------------


def test_adding_an_update_to_a_commitment(client, manager):
    commitment = CommitmentFactory()
    url = reverse("consultations:update_create", args=[commitment.pk])
    response = client.post(url, {"date": "2024-03-01", "text": "Two panels so far."}, follow=True)
    update = commitment.updates.get()
    assert (update.date, update.text, update.author) == (
        datetime.date(2024, 3, 1),
        "Two panels so far.",
        manager,
    )
    assert "Added the update." in messages_of(response)


def test_an_update_needs_a_date_and_words(client):
    commitment = CommitmentFactory()
    url = reverse("consultations:update_create", args=[commitment.pk])
    response = client.post(url, {"date": "", "text": ""})
    assert field_errors(response, "date") == ["Give the date of the update."]
    assert field_errors(response, "text") == ["Say what happened."]
    assert not CommitmentUpdate.objects.exists()


def test_an_update_in_the_future_is_refused(client):
    commitment = CommitmentFactory()
    url = reverse("consultations:update_create", args=[commitment.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(url, {"date": tomorrow.isoformat(), "text": "Soon."})
    assert field_errors(response, "date") == ["An update cannot be dated in the future."]


# --- documents --------------------------------------------------------------------------------


def test_a_document_needs_a_link_or_a_note(client):
    consultation = ConsultationFactory()
    url = reverse("consultations:document_create", args=[consultation.slug])
    response = client.post(url, {"title": "Survey", "url": "", "note": ""})
    assert field_errors(response, "note") == [
        "Give a link, or say where the document can be found."
    ]
    assert not ConsultationDocument.objects.exists()


def test_a_document_link_must_be_a_web_address(client):
    consultation = ConsultationFactory()
    url = reverse("consultations:document_create", args=[consultation.slug])
    response = client.post(url, {"title": "Survey", "url": "not a link", "note": ""})
    assert field_errors(response, "url") == ["Enter a valid URL."]


def test_adding_a_document_with_a_link(client):
    consultation = ConsultationFactory()
    url = reverse("consultations:document_create", args=[consultation.slug])
    response = client.post(
        url,
        {"title": "Survey results", "url": "https://example.org/results.pdf", "note": ""},
        follow=True,
    )
    assert consultation.documents.get().url == "https://example.org/results.pdf"
    assert "Added “Survey results”." in messages_of(response)


# --- engagement groups ------------------------------------------------------------------------


def test_adding_a_group(client):
    response = client.post(
        reverse("consultations:group_create"),
        {"name": "Young Carers Group", "kind": "cyp", "description": "Young carers."},
        follow=True,
    )
    group = EngagementGroup.objects.get()
    assert response.redirect_chain[-1][0] == group.get_absolute_url()
    assert "Added Young Carers Group to the engagement groups." in messages_of(response)


def test_a_group_name_is_needed_and_unique(client):
    EngagementGroupFactory(name="Youth Forum")
    url = reverse("consultations:group_create")
    response = client.post(url, {"name": "Youth Forum", "kind": "cyp"})
    assert field_errors(response, "name") == ["There is already a group with this name."]
    response = client.post(url, {"name": "", "kind": ""})
    assert field_errors(response, "name") == ["Give the group a name."]
    assert field_errors(response, "kind") == ["Choose who is in the group."]
    assert EngagementGroup.objects.count() == 1


def test_editing_a_group_keeps_its_history(client, manager):
    group = EngagementGroupFactory(name="Youth Forum")
    url = reverse("consultations:group_edit", args=[group.pk])
    opened_at = client.get(url).context["form"].initial["last_change"]
    client.post(url, {"name": "Somerset Youth Forum", "kind": "cyp", "last_change": opened_at})
    group.refresh_from_db()
    assert group.name == "Somerset Youth Forum"
    history = client.get(reverse("consultations:group_history", args=[group.pk]))
    [changed] = [entry for entry in history.context["entries"] if entry.action == "Changed"]
    assert changed.who == manager.get_full_name()
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Name", "Youth Forum", "Somerset Youth Forum")
    ]


# --- deleting: confirmation first -------------------------------------------------------------


def test_deleting_a_consultation_asks_first_and_says_what_goes_with_it(client):
    consultation = ConsultationFactory(title="Have your say")
    commitment = CommitmentFactory(consultation=consultation)
    CommitmentUpdateFactory(commitment=commitment)
    url = reverse("consultations:consultation_delete", args=[consultation.slug])
    page = client.get(url).content.decode()
    assert "Delete the consultation “Have your say”?" in page
    assert "1 thing we were told" in page
    assert "1 commitment and 1 update on them" in page
    assert Consultation.objects.exists()

    response = client.post(url, follow=True)
    assert not Consultation.objects.exists()
    assert response.redirect_chain[-1][0] == reverse("consultations:consultation_list")
    assert "Deleted the consultation “Have your say”." in messages_of(response)


def test_deleting_feedback_says_its_commitments_stay(client):
    commitment = CommitmentFactory()
    url = reverse("consultations:feedback_delete", args=[commitment.feedback_id])
    assert "1 commitment answers it: it stays" in client.get(url).content.decode()
    client.post(url)
    commitment.refresh_from_db()
    assert commitment.feedback is None


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("commitment_delete", CommitmentFactory),
        ("document_delete", ConsultationDocumentFactory),
        ("update_delete", CommitmentUpdateFactory),
    ],
)
def test_each_delete_needs_a_post_after_the_confirmation(client, name, make):
    row = make()
    url = reverse(f"consultations:{name}", args=[row.pk])
    assert "Yes, delete it" in client.get(url).content.decode()
    assert type(row).objects.filter(pk=row.pk).exists()
    response = client.post(url, follow=True)
    assert not type(row).objects.filter(pk=row.pk).exists()
    assert any(m.startswith("Deleted ") for m in messages_of(response))


def test_a_group_that_took_part_is_not_offered_for_deletion(client):
    group = EngagementGroupFactory(name="Youth Forum")
    ConsultationFactory(groups=[group])
    url = reverse("consultations:group_delete", args=[group.pk])
    page = client.get(url).content.decode()
    assert "This cannot be deleted" in page
    assert "Yes, delete it" not in page
    response = client.post(url, follow=True)
    assert EngagementGroup.objects.filter(pk=group.pk).exists()
    assert any("cannot be deleted" in m for m in messages_of(response))


def test_the_only_update_of_a_done_commitment_is_not_offered_for_deletion(client):
    commitment = CommitmentFactory(done=True)
    update = CommitmentUpdateFactory(commitment=commitment)
    url = reverse("consultations:update_delete", args=[update.pk])
    assert "This cannot be deleted" in client.get(url).content.decode()
    client.post(url)
    assert CommitmentUpdate.objects.filter(pk=update.pk).exists()
