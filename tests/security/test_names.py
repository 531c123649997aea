"""People are named by their full names, never by the login name that is half of signing in:
on body pages, return and measure pages, history pages and stale-edit messages, whoever reads
them (sscp.people)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from measures.models import Return
from plans.models import Membership
from plans.roles import BUSINESS_MANAGERS
from sscp.editing import last_changed_by
from sscp.people import UNNAMED, person_name
from tests.factories import (
    CommitmentUpdateFactory,
    ManagerFactory,
    MembershipFactory,
    UserFactory,
)

LOGIN = "zq-login-7731"
REVIEWER_LOGIN = "zq-review-5512"


@pytest.fixture
def person(world):
    """A business manager who is also the data lead of the chair's body, with a login name
    nothing else on a page could contain."""
    user = UserFactory(username=LOGIN, first_name="Morgan", last_name="Ashdown")
    user.groups.add(Group.objects.get_or_create(name=BUSINESS_MANAGERS)[0])
    MembershipFactory(user=user, body=world["chair_body"], role=Membership.Role.DATA_LEAD)
    return user


@pytest.fixture
def pages(world, person):
    """The pages that name ``person``: they are on the body, they entered and changed a return
    another manager approved, they changed the body, the plan and the consultation, and wrote
    an update on a commitment."""
    reviewer = ManagerFactory(username=REVIEWER_LOGIN, first_name="Riley", last_name="Penhallow")
    ret = world["chair_approved"]
    Return.objects.filter(pk=ret.pk).update(
        created_by=person, submitted_by=person, reviewed_by=reviewer
    )
    ret.refresh_from_db()
    changes = (
        (ret, "commentary", "Checked again"),
        (world["chair_body"], "remit", "Early help across the county"),
        (world["plan"], "vision", "Every child safe"),
        (world["consultation"], "summary", "What children told us"),
    )
    CommitmentUpdateFactory(commitment=world["commitment"], author=person)
    for obj, field, value in changes:
        setattr(obj, field, value)
        obj._history_user = person
        obj.save()
    body = world["chair_body"]
    return [
        reverse("plans:body_detail", kwargs={"slug": body.slug}),
        reverse("plans:body_history", kwargs={"slug": body.slug}),
        reverse("plans:plan_history", kwargs={"slug": world["plan"].slug}),
        reverse("measures:return_detail", kwargs={"pk": ret.pk}),
        reverse("measures:measure_detail", kwargs={"pk": world["chair_measure"].pk}),
        reverse("consultations:consultation_history", kwargs={"slug": world["consultation"].slug}),
    ]


@pytest.mark.parametrize("role", ["scrutiny", "chair"])
def test_readers_see_full_names_and_never_login_names(pages, client_as, role):
    client = client_as(role)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert LOGIN not in html and REVIEWER_LOGIN not in html, url
        assert "Morgan Ashdown" in html, url
    return_page = client.get(pages[3]).content.decode()
    assert "Riley Penhallow" in return_page


def test_the_chair_reads_the_return_history_by_name(pages, client_as):
    html = client_as("chair").get(pages[3]).content.decode()
    assert 'id="history-heading"' in html  # the chair of the body sees the history table
    assert html.count("Morgan Ashdown") >= 3  # started, submitted, and in the history


def test_a_person_without_a_name_is_not_shown_by_login_name(world, client_as):
    nameless = UserFactory(username="zq-nameless-0042", first_name="", last_name="")
    MembershipFactory(user=nameless, body=world["chair_body"], role=Membership.Role.DATA_LEAD)
    url = reverse("plans:body_detail", kwargs={"slug": world["chair_body"].slug})
    html = client_as("scrutiny").get(url).content.decode()
    assert "zq-nameless-0042" not in html
    assert UNNAMED in html


def test_collection_status_and_its_export_name_people(world, person, client_as):
    Return.objects.filter(pk=world["chair_submitted"].pk).update(submitted_by=person)
    period = world["open_period"]
    client = client_as("manager")
    page = client.get(period.get_absolute_url()).content.decode()
    export = client.get(period.get_absolute_url(), {"export": "csv"}).content.decode()
    for text in (page, export):
        assert LOGIN not in text and "Morgan Ashdown" in text


def test_a_stale_edit_names_who_changed_it(world, person):
    body = world["chair_body"]
    body.remit = "Changed"
    body._history_user = person
    body.save()
    assert last_changed_by(body) == "Morgan Ashdown"
    person.first_name = person.last_name = ""
    person.save()
    assert last_changed_by(body) == UNNAMED


def test_person_name_falls_back_to_one_description_of_anyone():
    named = UserFactory.build(first_name="Avery", last_name="Stone", username="zq-a")
    nameless = UserFactory.build(first_name="", last_name=" ", username="zq-b")
    assert person_name(named) == "Avery Stone"
    assert person_name(nameless) == UNNAMED
    assert person_name(None) == UNNAMED


def test_the_signed_in_message_names_the_person(db, client):
    """allauth's "Successfully signed in as ..." uses the full name (ACCOUNT_USER_DISPLAY)."""
    user = UserFactory(username=LOGIN, first_name="Morgan", last_name="Ashdown")
    user.set_password("Early help every quarter 26")
    user.save()
    response = client.post(
        reverse("account_login"),
        {"login": LOGIN, "password": "Early help every quarter 26"},
        follow=True,
    )
    page = response.content.decode()
    assert "signed in as Morgan Ashdown" in page
    assert f"signed in as {LOGIN}" not in page
