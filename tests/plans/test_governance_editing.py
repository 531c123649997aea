"""Governance bodies and who holds which role in them, edited by the business manager."""

import pytest
from django.urls import reverse

from plans.models import GovernanceBody, Membership
from plans.roles import forget_roles, roles_of
from plans.rules import can_view_plans
from sscp.editing import last_change_id
from tests.factories import GovernanceBodyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def body_data(body, **changes):
    data = {
        "name": body.name,
        "kind": body.kind,
        "parent": body.parent_id or "",
        "lead_partner": body.lead_partner_id or "",
        "remit": body.remit,
        "is_active": "on" if body.is_active else "",
        "last_change": last_change_id(body),
    }
    data.update(changes)
    return data


def test_manager_adds_a_body_under_a_parent(manager, client_for):
    executive = GovernanceBodyFactory(name="SSCP Executive", kind="executive")
    response = client_for(manager).post(
        reverse("plans:body_create"),
        {"name": "Neglect Subgroup", "kind": "subgroup", "parent": executive.pk, "is_active": "on"},
    )
    body = GovernanceBody.objects.get(name="Neglect Subgroup")
    assert response["Location"] == body.get_absolute_url()
    assert (body.slug, body.parent) == ("neglect-subgroup", executive)


def test_body_name_must_be_unique(manager, client_for):
    GovernanceBodyFactory(name="Neglect Subgroup")
    response = client_for(manager).post(
        reverse("plans:body_create"), {"name": "Neglect Subgroup", "kind": "subgroup"}
    )
    assert response.status_code == 200
    assert "already exists" in response.context["form"].errors["name"][0]
    assert GovernanceBody.objects.filter(name="Neglect Subgroup").count() == 1


def test_body_cannot_report_to_a_body_below_it(manager, client_for):
    top = GovernanceBodyFactory(name="Top")
    middle = GovernanceBodyFactory(name="Middle", parent=top)
    bottom = GovernanceBodyFactory(name="Bottom", parent=middle)
    response = client_for(manager).post(
        reverse("plans:body_edit", kwargs={"slug": top.slug}), body_data(top, parent=bottom.pk)
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["parent"]
    assert "Bottom reports (directly or through others) to Top" in message
    top.refresh_from_db()
    assert top.parent is None


def test_body_can_be_made_inactive(manager, client_for, chair_body):
    client_for(manager).post(
        reverse("plans:body_edit", kwargs={"slug": chair_body.slug}),
        body_data(chair_body, is_active=""),
    )
    chair_body.refresh_from_db()
    assert not chair_body.is_active


def test_manager_gives_someone_a_reporting_role(manager, client_for, chair_body):
    person = UserFactory(first_name="Dana", last_name="Lewis")
    assert not can_view_plans(person)
    response = client_for(manager).post(
        reverse("plans:membership_create", kwargs={"slug": chair_body.slug}),
        {"user": person.pk, "role": "data_lead", "role_title": "Performance analyst"},
    )
    assert response["Location"] == chair_body.get_absolute_url()
    membership = Membership.objects.get(user=person)
    assert (membership.body, membership.role) == (chair_body, "data_lead")
    forget_roles(person)
    assert roles_of(person).reporting_body_ids == {chair_body.pk}


def test_one_role_per_person_in_a_body(manager, client_for, chair, chair_body):
    response = client_for(manager).post(
        reverse("plans:membership_create", kwargs={"slug": chair_body.slug}),
        {"user": chair.pk, "role": "member"},
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["user"]
    assert "is already chair of" in message and "change that role instead" in message
    assert Membership.objects.filter(user=chair, body=chair_body).get().role == "chair"


def test_manager_changes_a_role(manager, client_for, chair, chair_body):
    membership = Membership.objects.get(user=chair, body=chair_body)
    response = client_for(manager).post(
        reverse("plans:membership_edit", kwargs={"pk": membership.pk}),
        {"role": "deputy_chair", "role_title": "Deputy"},
    )
    assert response["Location"] == chair_body.get_absolute_url()
    membership.refresh_from_db()
    assert membership.role == "deputy_chair"


def test_removing_a_role_asks_first_then_removes_it(manager, client_for, chair_body):
    membership = MembershipFactory(body=chair_body, data_lead=True)
    client = client_for(manager)
    url = reverse("plans:membership_delete", kwargs={"pk": membership.pk})
    page = client.get(url).content.decode()
    assert "stop them seeing and submitting the body&#x27;s returns" in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Membership.history.filter(id=membership.pk, history_type="-").exists()


def test_body_page_lists_role_actions_for_the_manager_only(
    manager, scrutiny, client_for, chair_body
):
    membership = MembershipFactory(body=chair_body)
    edit_url = reverse("plans:membership_edit", kwargs={"pk": membership.pk})
    assert edit_url in client_for(manager).get(chair_body.get_absolute_url()).content.decode()
    assert edit_url not in client_for(scrutiny).get(chair_body.get_absolute_url()).content.decode()
