"""Approval that works for a partnership with one business manager: a return the manager entered
on a body's behalf is confirmed by that body's chair or deputy chair (or another manager), and
each person's home page counts only what they can act on."""

import pytest
from django.urls import reverse

from measures.models import Return
from tests.factories import ManagerFactory, deputy_chair_of, member_of


def edit_url(measure, period):
    return reverse(
        "measures:return_edit", kwargs={"measure_pk": measure.pk, "period_pk": period.pk}
    )


def entered_by(client, collection, measure_key="chair_measure"):
    """The manager enters and submits figures received by e-mail for a body's measure."""
    response = client.post(
        edit_url(collection[measure_key], collection["period"]),
        {
            "value": "58",
            "not_available_reason": "",
            "rag_override": "",
            "rag_override_reason": "",
            "commentary": "Figures sent by the subgroup's analyst.",
            "next_steps": "",
            "version": "0",
            "action": "submit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Return.objects.get(measure=collection[measure_key], period=collection["period"])


def review(client, ret, action="return_approve", **data):
    return client.post(
        reverse(f"measures:{action}", args=[ret.pk]), {"version": ret.version, **data}
    )


def test_one_manager_and_one_chair_reach_approved(collection, manager, chair, client_for):
    as_manager, as_chair = client_for(manager), client_for(chair)
    ret = entered_by(as_manager, collection)
    assert ret.status == Return.Status.SUBMITTED
    assert ret.entered_by_manager

    # The manager cannot approve what they entered, and is told who can.
    response = review(as_manager, ret)
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED
    page = as_manager.get(response["Location"]).content.decode()
    assert "the chair or deputy chair of Early Help Subgroup, or another business manager" in page

    # The manager's home counts nothing for them to review, and says who it waits for.
    home = as_manager.get(reverse("home"))
    assert home.context["summary"].submitted == 1
    assert home.context["summary"].to_review == 0
    assert "1 you entered on a body's behalf is waiting" in home.content.decode()

    # The chair's home lists it, and the return page offers confirmation.
    home = as_chair.get(reverse("home"))
    assert list(home.context["to_confirm"]) == [ret]
    assert "Waiting for you to confirm" in home.content.decode()
    detail = as_chair.get(reverse("measures:return_detail", args=[ret.pk])).content.decode()
    assert "Confirm the figures" in detail
    assert "Confirm and approve" in detail

    response = review(as_chair, ret)
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.status == Return.Status.APPROVED
    assert ret.reviewed_by == chair
    assert not list(as_chair.get(reverse("home")).context["to_confirm"])
    assert ret.history.filter(history_change_reason="Approved", history_user=chair).exists()


def test_a_deputy_chair_sends_back_what_the_manager_entered(collection, manager, client_for):
    deputy = deputy_chair_of(collection["chair_measure"].reporting_body)
    ret = entered_by(client_for(manager), collection)
    response = review(client_for(deputy), ret, "return_send_back", feedback="Q4 is 61, not 58.")
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.status == Return.Status.RETURNED
    assert ret.feedback == "Q4 is 61, not 58."
    assert ret.reviewed_by == deputy


def test_a_second_manager_may_approve_what_the_first_entered(collection, manager, client_for):
    other = ManagerFactory()
    ret = entered_by(client_for(manager), collection)
    assert client_for(other).get(reverse("home")).context["summary"].to_review == 1
    review(client_for(other), ret)
    ret.refresh_from_db()
    assert ret.status == Return.Status.APPROVED
    assert ret.reviewed_by == other


@pytest.mark.parametrize("who", ["data lead", "member", "other chair"])
def test_only_the_bodys_chair_or_deputy_confirms(
    collection, manager, datalead_body, client_for, who
):
    body = collection["chair_measure"].reporting_body
    person = {
        "data lead": lambda: member_of(body, "data_lead"),
        "member": lambda: member_of(body, "member"),
        "other chair": lambda: member_of(datalead_body, "chair"),
    }[who]()
    ret = entered_by(client_for(manager), collection)
    response = review(client_for(person), ret)
    assert response.status_code == 403
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED


def test_a_chair_cannot_approve_their_own_bodys_submission(chair_submitted, chair, client_for):
    """What the body submitted itself is the business manager's to review, not its chair's."""
    response = review(client_for(chair), chair_submitted)
    assert response.status_code == 403
    chair_submitted.refresh_from_db()
    assert chair_submitted.status == Return.Status.SUBMITTED
    assert (
        "Waiting for you to confirm" not in client_for(chair).get(reverse("home")).content.decode()
    )


def test_a_return_waiting_for_the_manager_says_so(chair_submitted, chair, client_for):
    page = client_for(chair).get(reverse("measures:return_detail", args=[chair_submitted.pk]))
    assert "waiting for a business manager to review it" in page.content.decode()


def test_a_chair_resubmitting_makes_it_the_managers_again(collection, manager, chair, client_for):
    """Sent back by the chair and submitted by the chair, the return is the body's own: the
    manager reviews it."""
    ret = entered_by(client_for(manager), collection)
    review(client_for(chair), ret, "return_send_back", feedback="Use the validated figure.")
    ret.refresh_from_db()
    response = client_for(chair).post(
        edit_url(collection["chair_measure"], collection["period"]),
        {
            "value": "61",
            "not_available_reason": "",
            "rag_override": "",
            "rag_override_reason": "",
            "commentary": "Validated figure.",
            "next_steps": "",
            "version": str(ret.version),
            "action": "submit",
        },
    )
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED
    assert not ret.entered_by_manager
    assert client_for(manager).get(reverse("home")).context["summary"].to_review == 1
    review(client_for(manager), ret)
    ret.refresh_from_db()
    assert ret.status == Return.Status.APPROVED
