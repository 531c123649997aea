"""The people pages (business managers): inviting, accepting, roles and memberships, ending and
restoring access, resetting two-factor, the audit and the list's filters and downloads. Every
refusal says why and saves nothing."""

import datetime
import io
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from people import services
from people.models import Invitation, PeopleEvent
from plans.models import Membership, PartnerLead
from plans.roles import roles_of
from sscp.cache import PLANS, versions
from tests.factories import (
    DEMO_PASSWORD,
    GovernanceBodyFactory,
    ManagerFactory,
    PartnerFactory,
    UserFactory,
    chair_of,
)

pytestmark = pytest.mark.django_db
User = get_user_model()
Kind = PeopleEvent.Kind


@pytest.fixture
def invite(client_for, manager, django_capture_on_commit_callbacks):
    """``invite(**fields)``: the manager posts the invitation form; the response."""

    def post(**fields):
        data = {"first_name": "Sam", "last_name": "Reed", "email": "sam@example.org"} | fields
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(manager).post(reverse("people:invite"), data)

    return post


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/people/invitation/\S+/)", message.body).group(1)


def nothing_created():
    return (
        not User.objects.filter(email="sam@example.org").exists()
        and not Invitation.objects.exists()
        and mail.outbox == []
    )


# --- inviting ---------------------------------------------------------------------------------


def test_an_invitation_creates_a_person_who_cannot_sign_in_yet_and_emails_a_link(invite):
    body = GovernanceBodyFactory(name="Early Help Subgroup")
    partner = PartnerFactory(name="The council")
    response = invite(body=body.pk, body_role="chair", partner=partner.pk)
    person = User.objects.get(email="sam@example.org")
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert not person.is_active and not person.has_usable_password()
    assert person.profile.partner == partner
    assert person.memberships.get().role == Membership.Role.CHAIR
    [message] = mail.outbox
    assert message.to == ["sam@example.org"]
    assert "works once, until" in message.body and link_in(message)
    invitation = person.invitations.get()
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=7)
    assert link_in(message).split("/")[-2] not in invitation.token_digest  # only a digest kept
    kinds = set(PeopleEvent.objects.filter(person=person).values_list("kind", flat=True))
    assert {Kind.INVITED, Kind.MEMBERSHIP_ADDED} <= kinds


@pytest.mark.parametrize(
    "fields, field, words",
    [
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"roles": []}, "roles", "Give the person a role or a membership"),
        ({"roles": ["scrutiny"], "body_role": "chair"}, None, None),  # a role without a body: fine
    ],
)
def test_bad_invitations_are_refused_with_a_reason(invite, fields, field, words):
    response = invite(**fields)
    if field is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert nothing_created()


def test_an_address_already_active_or_invited_cannot_be_invited_again(invite, manager):
    UserFactory(email="active@example.org")
    response = invite(email="ACTIVE@example.org", roles=["scrutiny"])
    assert "already has access" in response.context["form"].errors["email"][0]
    invite(roles=["scrutiny"])
    mail.outbox.clear()
    again = invite(roles=["scrutiny"])
    assert "already been invited" in again.context["form"].errors["email"][0]
    assert mail.outbox == [] and Invitation.objects.count() == 1


def test_a_retired_body_cannot_be_given(invite):
    retired = GovernanceBodyFactory(name="Old Panel", is_active=False)
    response = invite(body=retired.pk, body_role="member")
    assert "Old Panel is retired" in str(response.context["form"].errors)
    assert nothing_created()


# --- accepting --------------------------------------------------------------------------------


def test_the_link_sets_a_password_signs_in_and_works_once(invite):
    invite(roles=["scrutiny"])
    link = link_in(mail.outbox[0])
    visitor = Client()
    assert visitor.get(link).status_code == 200
    response = visitor.post(
        link, {"password1": "Quarterly returns 2026!", "password2": "Quarterly returns 2026!"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    person = User.objects.get(email="sam@example.org")
    assert person.is_active and person.check_password("Quarterly returns 2026!")
    assert visitor.get(reverse("home")).context["user"] == person
    used = Client().get(link)
    assert used.status_code == 410 and "already been used" in used.content.decode()
    assert PeopleEvent.objects.filter(kind=Kind.INVITATION_ACCEPTED, person=person).exists()


@pytest.mark.parametrize(
    "password, words",
    [("password", "too common"), ("short1", "too short"), ("12345678901", "entirely numeric")],
)
def test_a_weak_password_is_refused_and_the_link_still_works(invite, password, words):
    invite(roles=["scrutiny"])
    link = link_in(mail.outbox[0])
    response = Client().post(link, {"password1": password, "password2": password})
    assert response.status_code == 200 and words in response.content.decode()
    person = User.objects.get(email="sam@example.org")
    assert not person.is_active and not person.has_usable_password()
    assert Client().get(link).status_code == 200


def test_different_passwords_are_refused(invite):
    invite(roles=["scrutiny"])
    response = Client().post(
        link_in(mail.outbox[0]), {"password1": "Quarterly returns 2026!", "password2": "other"}
    )
    assert "not the same" in response.content.decode()


@pytest.mark.parametrize("spoil", ["expired", "withdrawn", "tampered"])
def test_a_link_that_cannot_be_used_says_what_to_do_and_changes_nothing(invite, spoil):
    invite(roles=["scrutiny"])
    link = link_in(mail.outbox[0])
    if spoil == "expired":
        Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    elif spoil == "withdrawn":
        Invitation.objects.update(withdrawn_at=timezone.now())
    else:
        link = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = Client().post(
        link, {"password1": "Quarterly returns 2026!", "password2": "Quarterly returns 2026!"}
    )
    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation link does not work" in page and "Nothing has been changed" in page
    person = User.objects.get(email="sam@example.org")
    assert not person.is_active and not person.has_usable_password()


def test_resending_replaces_the_old_link(
    invite, client_for, manager, django_capture_on_commit_callbacks
):
    invite(roles=["scrutiny"])
    old = link_in(mail.outbox[0])
    person = User.objects.get(email="sam@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(reverse("people:resend", args=[person.pk]))
    new = link_in(mail.outbox[1])
    assert Client().get(old).status_code == 410
    assert Client().get(new).status_code == 200
    assert person.invitations.open().count() == 1


def test_withdrawing_stops_the_link(invite, client_for, manager):
    invite(roles=["scrutiny"])
    person = User.objects.get(email="sam@example.org")
    confirm = client_for(manager).get(reverse("people:withdraw", args=[person.pk]))
    assert "stop the link" in confirm.content.decode()
    client_for(manager).post(reverse("people:withdraw", args=[person.pk]))
    assert Client().get(link_in(mail.outbox[0])).status_code == 410
    assert PeopleEvent.objects.filter(kind=Kind.INVITATION_WITHDRAWN, person=person).exists()


# --- roles, deactivation ----------------------------------------------------------------------


def test_roles_change_and_are_audited(client_for, manager):
    person = UserFactory()
    partner = PartnerFactory(name="The police")
    response = client_for(manager).post(
        reverse("people:roles", args=[person.pk]), {"roles": ["scrutiny"], "partner": partner.pk}
    )
    assert response.status_code == 302
    assert list(person.groups.values_list("name", flat=True)) == ["Scrutiny members"]
    event = PeopleEvent.objects.get(kind=Kind.ROLES_CHANGED, person=person)
    assert event.actor == manager and "added Scrutiny members" in event.detail
    assert event.address == "127.0.0.1"


def test_the_last_business_manager_keeps_the_role_and_cannot_be_deactivated(client_for, manager):
    response = client_for(manager).post(reverse("people:roles", args=[manager.pk]), {"roles": []})
    assert "only active business manager" in response.content.decode()
    assert manager.groups.filter(name="Business managers").exists()
    other = ManagerFactory()
    client_for(other).post(reverse("people:deactivate", args=[manager.pk]))
    manager.refresh_from_db()
    assert not manager.is_active  # with two managers, one may go
    # Two managers deactivating each other at the same moment: the second, which runs after
    # the first has committed (the managers' rows are locked), finds the other is the last.
    request = RequestFactory().post("/")
    request.user = manager
    with pytest.raises(ValidationError, match="only active business manager"):
        services.deactivate(request=request, person=other)
    other.refresh_from_db()
    assert other.is_active


def test_a_manager_cannot_deactivate_themselves(client_for, manager):
    ManagerFactory()
    page = client_for(manager).get(reverse("people:deactivate", args=[manager.pk]))
    assert "You cannot deactivate yourself" in page.content.decode()
    client_for(manager).post(reverse("people:deactivate", args=[manager.pk]))
    manager.refresh_from_db()
    assert manager.is_active


def test_a_deactivated_person_is_signed_out_at_once_and_cannot_sign_in(client_for, manager):
    body = GovernanceBodyFactory()
    chair = chair_of(body)
    chairs_browser = client_for(chair)
    assert chairs_browser.get(reverse("home")).status_code == 200
    response = client_for(manager).post(reverse("people:deactivate", args=[chair.pk]))
    assert response.status_code == 302
    assert chairs_browser.get(reverse("home")).status_code == 302  # to the sign-in page
    refused = Client().post(reverse("login"), {"login": chair.username, "password": DEMO_PASSWORD})
    assert refused.status_code != 302 or "inactive" in refused["Location"]
    assert chair.memberships.exists()  # kept for reactivation; their name stays on their work
    assert PeopleEvent.objects.filter(kind=Kind.DEACTIVATED, person=chair, actor=manager).exists()


def test_reset_two_factor_removes_the_authenticator(client_for, manager):
    person = UserFactory()
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "x"})
    page = client_for(manager).get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Reset two-factor sign-in" in page
    client_for(manager).post(reverse("people:reset_two_factor", args=[person.pk]))
    assert not Authenticator.objects.filter(user=person).exists()
    assert PeopleEvent.objects.filter(kind=Kind.TWO_FACTOR_RESET, person=person).exists()


def test_memberships_are_added_and_removed_from_the_person_page(client_for, manager):
    person = UserFactory()
    body = GovernanceBodyFactory(name="Neglect Subgroup")
    client_for(manager).post(
        reverse("people:add_membership", args=[person.pk]), {"body": body.pk, "role": "data_lead"}
    )
    membership = person.memberships.get()
    again = client_for(manager).post(
        reverse("people:add_membership", args=[person.pk]), {"body": body.pk, "role": "chair"}
    )
    assert "already data lead of Neglect Subgroup" in again.content.decode()
    client_for(manager).post(reverse("people:remove_membership", args=[membership.pk]))
    assert not person.memberships.exists()
    kinds = list(PeopleEvent.objects.filter(person=person).values_list("kind", flat=True))
    assert Kind.MEMBERSHIP_ADDED in kinds and Kind.MEMBERSHIP_REMOVED in kinds


# --- the list, the audit, my account ----------------------------------------------------------


def test_the_list_filters_sorts_and_downloads(client_for, manager):
    body = GovernanceBodyFactory(name="Early Help Subgroup")
    chair_of(body, UserFactory(first_name="Ada", last_name="Zed"))
    UserFactory(first_name="Bo", last_name="Able", is_active=False)
    browser = client_for(manager)
    page = browser.get(reverse("people:list"), {"body": body.slug}).content.decode()
    assert "Ada Zed" in page and "Bo Able" not in page
    page = browser.get(reverse("people:list"), {"state": "deactivated"}).content.decode()
    assert "Bo Able" in page and "Ada Zed" not in page
    page = browser.get(reverse("people:list"), {"sort": "-full_name"}).content.decode()
    assert page.index("Bo Able") > page.index("Ada Zed")
    csv = browser.get(reverse("people:list"), {"export": "csv", "role": "body:chair"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "Chair of Early Help Subgroup" in csv.content.decode()
    xlsx = browser.get(reverse("people:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Ada Zed" in names and "Bo Able" in names


def test_the_list_reads_a_constant_number_of_queries(
    client_for, manager, django_assert_max_num_queries
):
    browser = client_for(manager)

    def people_page_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert browser.get(reverse("people:list")).status_code == 200
        return len(queries)

    small = people_page_queries()
    for n in range(30):
        chair_of(GovernanceBodyFactory(), UserFactory())
        Authenticator.objects.create(
            user=UserFactory(), type=Authenticator.Type.TOTP, data={"secret": str(n)}
        )
    assert people_page_queries() == small


def test_the_audit_lists_filters_and_downloads(client_for, manager):
    failed = Client().post(reverse("login"), {"login": manager.username, "password": "wrong"})
    assert failed.status_code == 200
    browser = client_for(manager)
    page = browser.get(reverse("people:audit"), {"kind": "sign_in_failed"}).content.decode()
    assert "Sign-in failed" in page and manager.get_full_name() in page
    csv = browser.get(reverse("people:audit"), {"export": "csv"}).content.decode()
    assert "Sign-in failed" in csv and "127.0.0.1" in csv


def test_my_account_shows_roles_and_sign_ins(manager):
    browser = Client()
    browser.post(reverse("login"), {"login": manager.username, "password": DEMO_PASSWORD})
    page = browser.get(reverse("people:my_account")).content.decode()
    assert "Business manager" in page and "Signed in" in page


@pytest.mark.parametrize("role", ["chair", "datalead", "scrutiny", "no_role_user"])
def test_nobody_but_a_manager_reaches_a_people_page(request, client_for, role):
    person = UserFactory()
    browser = client_for(request.getfixturevalue(role))
    for url in [
        reverse("people:list"),
        reverse("people:invite"),
        reverse("people:audit"),
        reverse("people:person", args=[person.pk]),
        reverse("people:deactivate", args=[person.pk]),
    ]:
        assert browser.get(url).status_code == 403
        assert browser.post(url).status_code == 403
    person.refresh_from_db()
    assert person.is_active


# --- partner leads ----------------------------------------------------------------------------


@pytest.fixture
def statutory(db):
    return PartnerFactory(name="Police", statutory=True, lead_role="Chief Superintendent")


def test_a_manager_makes_someone_lead_of_a_statutory_partner_and_removes_them(
    client_for, manager, statutory
):
    person = UserFactory(first_name="Sam", last_name="Reed")
    client = client_for(manager)
    page = client.get(reverse("people:add_partner_lead", args=[person.pk])).content.decode()
    assert "Police" in page
    response = client.post(
        reverse("people:add_partner_lead", args=[person.pk]), {"partner": statutory.pk}, follow=True
    )
    assert "Sam Reed is now a lead of Police." in response.content.decode()
    lead = PartnerLead.objects.get(user=person, partner=statutory)
    assert roles_of(User.objects.get(pk=person.pk)).lead_partner_ids == {statutory.pk}
    person_page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Lead of Police" in person_page
    assert "Lead of Police" in client.get(reverse("people:list")).content.decode()

    remove = reverse("people:remove_partner_lead", args=[lead.pk])
    confirm = client.get(remove).content.decode()
    assert "stop Sam Reed signing the yearly report for Police" in confirm
    assert PartnerLead.objects.filter(pk=lead.pk).exists()  # nothing happens on GET
    response = client.post(remove, follow=True)
    assert "Sam Reed is no longer a lead of Police." in response.content.decode()
    assert not PartnerLead.objects.exists()
    assert list(lead.history.values_list("history_type", flat=True)) == ["-", "+"]
    details = list(
        PeopleEvent.objects.filter(person=person, kind=Kind.ROLES_CHANGED).values_list(
            "detail", flat=True
        )
    )
    assert sorted(details) == ["made lead of Police", "no longer lead of Police"]


def test_a_non_statutory_partner_or_a_second_lead_of_the_same_partner_is_refused(
    client_for, manager, statutory
):
    person = UserFactory(first_name="Sam", last_name="Reed")
    other = PartnerFactory(name="Youth charity")
    url = reverse("people:add_partner_lead", args=[person.pk])
    response = client_for(manager).post(url, {"partner": other.pk})
    assert "Choose one of the statutory partners" in response.content.decode()
    assert not PartnerLead.objects.exists()

    PartnerLead.objects.create(partner=statutory, user=person)
    response = client_for(manager).post(url, {"partner": statutory.pk})
    assert "Sam Reed is already a lead of Police." in response.content.decode()
    assert PartnerLead.objects.count() == 1
    with pytest.raises(ValidationError, match="not a statutory partner"):
        services.add_partner_lead(request=RequestFactory().post("/"), person=person, partner=other)


def test_a_change_of_partner_lead_moves_the_plans_pages_cache(client_for, manager, statutory):
    person = UserFactory()
    before = versions(PLANS)[PLANS]
    client_for(manager).post(
        reverse("people:add_partner_lead", args=[person.pk]), {"partner": statutory.pk}
    )
    assert versions(PLANS)[PLANS] != before


def test_only_managers_reach_the_partner_lead_pages(client_for, chair, statutory):
    person = UserFactory()
    lead = PartnerLead.objects.create(partner=statutory, user=person)
    for url in (
        reverse("people:add_partner_lead", args=[person.pk]),
        reverse("people:remove_partner_lead", args=[lead.pk]),
    ):
        assert client_for(chair).get(url).status_code == 403
        assert client_for(chair).post(url, {"partner": statutory.pk}).status_code == 403
    assert PartnerLead.objects.count() == 1
