"""Every consultations page for every role: who gets in, who is refused, and what each sees."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import Commitment, Consultation, EngagementGroup
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationDocumentFactory,
    ConsultationFactory,
    EngagementGroupFactory,
    FeedbackFactory,
    PlanFactory,
    PriorityFactory,
)

ROLES = ["anonymous", "no_role", "manager", "scrutiny", "chair", "datalead"]
READERS = {"manager", "scrutiny", "chair", "datalead"}
MANAGERS = {"manager"}


@pytest.fixture
def world(db, chair_body):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, title="Keeping children and young people safe")
    group = EngagementGroupFactory(name="Somerset Youth Forum")
    unused_group = EngagementGroupFactory(name="A group added by mistake")
    consultation = ConsultationFactory(
        plan=plan, title="Have your say 2021", slug="have-your-say-2021", groups=[group]
    )
    feedback = FeedbackFactory(
        consultation=consultation, said="We want to feel safe online.", priorities=[priority]
    )
    commitment = CommitmentFactory(
        consultation=consultation,
        feedback=feedback,
        owner_body=chair_body,
        promise="Teach online safety in every school.",
        status=Commitment.Status.IN_PROGRESS,
    )
    update = CommitmentUpdateFactory(commitment=commitment, text="Lessons began in ten schools.")
    document = ConsultationDocumentFactory(consultation=consultation, title="Survey results")
    return {
        "plan": plan,
        "priority": priority,
        "group": group,
        "unused_group": unused_group,
        "consultation": consultation,
        "feedback": feedback,
        "commitment": commitment,
        "update": update,
        "document": document,
    }


def slug(w):
    return {"slug": w["consultation"].slug}


# url name -> (kwargs from the world, roles allowed)
PAGES = {
    "consultation_list": (lambda w: {}, READERS),
    "consultation_detail": (slug, READERS),
    "consultation_history": (slug, READERS),
    "commitment_list": (lambda w: {}, READERS),
    "group_list": (lambda w: {}, READERS),
    "group_detail": (lambda w: {"pk": w["group"].pk}, READERS),
    "group_history": (lambda w: {"pk": w["group"].pk}, READERS),
    "you_said_we_did": (lambda w: {"slug": w["plan"].slug}, READERS),
    "priority_feedback": (lambda w: {"pk": w["priority"].pk}, READERS),
    "consultation_create": (lambda w: {}, MANAGERS),
    "consultation_edit": (slug, MANAGERS),
    "consultation_delete": (slug, MANAGERS),
    "feedback_create": (slug, MANAGERS),
    "feedback_edit": (lambda w: {"pk": w["feedback"].pk}, MANAGERS),
    "feedback_delete": (lambda w: {"pk": w["feedback"].pk}, MANAGERS),
    "commitment_create": (slug, MANAGERS),
    "commitment_edit": (lambda w: {"pk": w["commitment"].pk}, MANAGERS),
    "commitment_delete": (lambda w: {"pk": w["commitment"].pk}, MANAGERS),
    "update_create": (lambda w: {"pk": w["commitment"].pk}, MANAGERS),
    "update_edit": (lambda w: {"pk": w["update"].pk}, MANAGERS),
    "update_delete": (lambda w: {"pk": w["update"].pk}, MANAGERS),
    "document_create": (slug, MANAGERS),
    "document_edit": (lambda w: {"pk": w["document"].pk}, MANAGERS),
    "document_delete": (lambda w: {"pk": w["document"].pk}, MANAGERS),
    "group_create": (lambda w: {}, MANAGERS),
    "group_edit": (lambda w: {"pk": w["group"].pk}, MANAGERS),
    "group_delete": (lambda w: {"pk": w["unused_group"].pk}, MANAGERS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_by_role(world, client_as, name, role):
    kwargs_of, allowed = PAGES[name]
    url = reverse(f"consultations:{name}", kwargs=kwargs_of(world))
    response = client_as(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1
    else:
        assert response.status_code == 403


MANAGER_PAGES = sorted(name for name, (_, allowed) in PAGES.items() if allowed == MANAGERS)


@pytest.mark.parametrize("role", ["scrutiny", "chair", "datalead", "no_role"])
@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_only_managers_may_post_changes(world, client_as, name, role):
    kwargs_of, _ = PAGES[name]
    url = reverse(f"consultations:{name}", kwargs=kwargs_of(world))
    before = (Consultation.objects.count(), EngagementGroup.objects.count())
    response = client_as(role).post(url, {"title": "Hijacked", "name": "Hijacked"})
    assert response.status_code == 403
    assert (Consultation.objects.count(), EngagementGroup.objects.count()) == before
    assert not Consultation.objects.filter(title="Hijacked").exists()


def test_anonymous_posts_are_sent_to_sign_in(world):
    url = reverse("consultations:consultation_delete", kwargs=slug(world))
    response = Client().post(url)
    assert response.status_code == 302
    assert Consultation.objects.filter(pk=world["consultation"].pk).exists()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("consultation_detail", {"slug": "no-such-consultation"}),
        ("you_said_we_did", {"slug": "1999-02"}),
        ("priority_feedback", {"pk": 999999}),
        ("group_detail", {"pk": 999999}),
        ("commitment_edit", {"pk": 999999}),
    ],
)
def test_missing_things_are_404(world, client_as, name, kwargs):
    response = client_as("manager").get(reverse(f"consultations:{name}", kwargs=kwargs))
    assert response.status_code == 404


# --- what each role sees ----------------------------------------------------------------------


def test_readers_see_no_editing_links(world, client_as):
    page = client_as("scrutiny").get(world["consultation"].get_absolute_url()).content.decode()
    assert "We want to feel safe online." in page
    assert "Teach online safety in every school." in page
    assert reverse("consultations:consultation_edit", kwargs=slug(world)) not in page
    assert reverse("consultations:feedback_create", kwargs=slug(world)) not in page
    assert "Delete" not in page


def test_managers_see_editing_links(world, client_as):
    page = client_as("manager").get(world["consultation"].get_absolute_url()).content.decode()
    for name, kwargs in [
        ("consultation_edit", slug(world)),
        ("consultation_delete", slug(world)),
        ("feedback_create", slug(world)),
        ("commitment_create", slug(world)),
        ("document_create", slug(world)),
        ("feedback_edit", {"pk": world["feedback"].pk}),
        ("commitment_edit", {"pk": world["commitment"].pk}),
        ("update_create", {"pk": world["commitment"].pk}),
        ("update_edit", {"pk": world["update"].pk}),
        ("document_edit", {"pk": world["document"].pk}),
    ]:
        assert reverse(f"consultations:{name}", kwargs=kwargs) in page, name


def test_consultation_page_shows_groups_numbers_documents_and_links(world, client_as):
    consultation = world["consultation"]
    consultation.children_reached = 2500
    consultation.professionals_reached = None
    consultation.save()
    page = client_as("chair").get(consultation.get_absolute_url()).content.decode()
    assert "2,500" in page
    assert "Not recorded" in page
    assert "Somerset Youth Forum" in page
    assert "Survey results" in page
    assert world["document"].url in page
    assert reverse("consultations:priority_feedback", args=[world["priority"].pk]) in page
    assert reverse("consultations:you_said_we_did", args=["2022-25"]) in page


def test_consultation_list_shows_the_newest_first(world, client_as):
    older = ConsultationFactory(plan=world["plan"], start_date=datetime.date(2018, 1, 1))
    response = client_as("chair").get(reverse("consultations:consultation_list"))
    assert list(response.context["consultations"]) == [world["consultation"], older]


def test_consultation_list_filters_by_plan(world, client_as):
    other = ConsultationFactory(
        plan=PlanFactory(slug="2019-22", closed=True), title="Our Plan survey"
    )
    url = reverse("consultations:consultation_list")
    page = client_as("scrutiny").get(url, {"plan": "2019-22"}).content.decode()
    assert other.title in page
    assert world["consultation"].title not in page


def test_commitment_list_filters_open_commitments_and_sorts(world, client_as, chair_body):
    CommitmentFactory(
        consultation=world["consultation"], promise="A kept promise.", done=True, feedback=None
    )
    url = reverse("consultations:commitment_list")
    client = client_as("chair")
    still_open = client.get(url, {"status": "open"}).content.decode()
    assert "Teach online safety in every school." in still_open
    assert "A kept promise." not in still_open
    done = client.get(url, {"status": "done"}).content.decode()
    assert "A kept promise." in done
    assert "Teach online safety" not in done
    by_due = client.get(url, {"sort": "-due_date"})
    assert by_due.status_code == 200
    assert 'aria-sort="descending"' in by_due.content.decode()


def test_group_list_filters_by_kind_and_counts_consultations(world, client_as):
    EngagementGroupFactory(name="Parent Carer Forum", kind=EngagementGroup.Kind.PARENTS_CARERS)
    url = reverse("consultations:group_list")
    response = client_as("datalead").get(url, {"kind": "parents"})
    page = response.content.decode()
    assert "Parent Carer Forum" in page
    assert "Somerset Youth Forum" not in page
    rows = {
        row.record.name: row.record.consultation_count for row in response.context["table"].rows
    }
    assert rows == {"Parent Carer Forum": 0}


def test_group_page_lists_the_consultations_it_took_part_in(world, client_as):
    page = client_as("scrutiny").get(world["group"].get_absolute_url()).content.decode()
    assert "Have your say 2021" in page


def test_priority_page_lists_what_informed_it(world, client_as):
    url = reverse("consultations:priority_feedback", args=[world["priority"].pk])
    page = client_as("scrutiny").get(url).content.decode()
    assert "We want to feel safe online." in page
    assert "Teach online safety in every school." in page
    assert world["feedback"].get_absolute_url() in page


def test_priority_page_shows_what_informed_the_priorities_it_carries_forward(world, client_as):
    earlier = PriorityFactory(plan=PlanFactory(slug="2019-22", closed=True), title="Healthy Lives")
    world["priority"].continues.add(earlier)
    FeedbackFactory(
        said="More help with feeling low.", priorities=[earlier], consultation__plan=earlier.plan
    )
    url = reverse("consultations:priority_feedback", args=[world["priority"].pk])
    response = client_as("chair").get(url)
    assert [f.said for f in response.context["found"].earlier_feedback] == [
        "More help with feeling low."
    ]
    assert "Carried forward from earlier plans" in response.content.decode()


def test_history_shows_who_changed_what(world, client_as, manager):
    commitment = world["commitment"]
    commitment.status = Commitment.Status.NOT_DONE
    commitment.status_reason = "Funding ended."
    commitment._history_user = manager
    commitment.save()
    url = reverse("consultations:consultation_history", kwargs=slug(world))
    page = client_as("scrutiny").get(url).content.decode()
    assert "In progress" in page and "Not done" in page
    assert "Funding ended." in page
    assert manager.get_full_name() in page


def test_history_names_each_part_keeps_deleted_ones_and_shows_methods_by_name(
    world, client_as, manager
):
    consultation = world["consultation"]
    consultation.methods = ["survey", "roadshow"]
    consultation._history_user = manager
    consultation.save()
    document = world["document"]
    document._history_user = manager
    document.delete()
    url = reverse("consultations:consultation_history", kwargs=slug(world))
    entries = client_as("chair").get(url).context["entries"]
    deleted, changed = entries[:2]
    assert (deleted.action, deleted.subject) == ("Deleted", "Document or link: Survey results")
    assert changed.subject == "Consultation: Have your say 2021"
    assert [(c.label, c.new) for c in changed.changes] == [("Methods", "Survey, Roadshow")]
    assert "Commitment: Teach online safety in every school." in {e.subject for e in entries}


@pytest.mark.parametrize(
    ("name", "kwargs_of", "crumbs"),
    [
        ("consultation_edit", slug, ["Consultations", "Have your say 2021", "Edit"]),
        ("consultation_delete", slug, ["Consultations", "Have your say 2021", "Delete"]),
        (
            "feedback_edit",
            lambda w: {"pk": w["feedback"].pk},
            ["Consultations", "Have your say 2021", "Edit what we were told"],
        ),
        (
            "update_delete",
            lambda w: {"pk": w["update"].pk},
            ["Consultations", "Have your say 2021", "Delete an update"],
        ),
        (
            "group_edit",
            lambda w: {"pk": w["group"].pk},
            ["Consultations", "Engagement groups", "Somerset Youth Forum", "Edit"],
        ),
        (
            "group_history",
            lambda w: {"pk": w["group"].pk},
            ["Consultations", "Engagement groups", "Somerset Youth Forum", "Changes"],
        ),
    ],
)
def test_pages_about_one_thing_lead_back_through_their_breadcrumbs(
    world, client_as, name, kwargs_of, crumbs
):
    response = client_as("manager").get(reverse(f"consultations:{name}", kwargs=kwargs_of(world)))
    assert [label for label, _url in response.context["breadcrumbs"]] == crumbs


def test_you_said_we_did_tells_what_was_said_done_and_still_open(world, client_as):
    done = CommitmentFactory(
        consultation=world["consultation"],
        feedback=None,
        promise="Meet the Youth Forum every year.",
        done=True,
    )
    CommitmentUpdateFactory(commitment=done, text="We met in October.")
    url = reverse("consultations:you_said_we_did", args=["2022-25"])
    response = client_as("scrutiny").get(url)
    page = response.content.decode()
    assert "You said:" in page and "We want to feel safe online." in page
    assert "Keeping children and young people safe" in page
    assert "We are working on it" in page
    assert "We met in October." in page
    still_open = response.context["page"].open_commitments
    assert [c.promise for c in still_open] == ["Teach online safety in every school."]
    assert "Reading check" not in page


def test_you_said_we_did_gives_managers_a_reading_check(world, client_as):
    world["update"].text = (
        "Multi-agency safeguarding arrangements operationalised comprehensive "
        "interdisciplinary educational interventions."
    )
    world["update"].save()
    url = reverse("consultations:you_said_we_did", args=["2022-25"])
    response = client_as("manager").get(url)
    check = response.context["reading_check"]
    assert [hard["text"] for hard in check["hard"]] == [world["update"].text]
    assert reverse("consultations:update_edit", args=[world["update"].pk]) in (
        response.content.decode()
    )


def test_you_said_we_did_for_a_plan_without_consultations(client_as, db):
    PlanFactory(slug="2025-28")
    page = client_as("manager").get(reverse("consultations:you_said_we_did", args=["2025-28"]))
    assert "We have not written anything here yet" in page.content.decode()


def test_consultation_period_in_words():
    def words(start, end):
        return Consultation(start_date=start, end_date=end).period_in_words

    d = datetime.date
    assert words(d(2020, 10, 1), d(2020, 10, 31)) == "in October 2020"
    assert words(d(2021, 6, 1), d(2021, 10, 31)) == "between June and October 2021"
    assert words(d(2018, 1, 1), d(2019, 2, 28)) == "in 2018 and 2019"
    assert words(d(2018, 1, 1), d(2020, 2, 28)) == "from 2018 to 2020"
