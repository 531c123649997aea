"""The review queue: "Approve and next" and "Send back and next" on a return's page, the
manager's queue page, and approving the returns on target several at a time."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from measures import queue, services
from measures.models import Rag, Return
from measures.rules import can_review_return, reviewable_by
from tests.factories import ManagerFactory, MeasureFactory, ReturnFactory, chair_of

pytestmark = pytest.mark.django_db

GREEN = Decimal("65")  # the factory measure's target is 60, higher is better


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def three_waiting(collection, chair_body, datalead_body):
    """Three submitted returns in the open quarter, in queue order: the chair body's A and B
    (priority order, then title), then the data lead body's C (body names sort Child
    Exploitation before Early Help, so C comes first)."""
    priority = collection["priority"]
    period = collection["period"]
    made = {}
    for key, body, title in (
        ("a", chair_body, "A measure"),
        ("b", chair_body, "B measure"),
        ("c", datalead_body, "C measure"),
    ):
        measure = MeasureFactory(priority=priority, reporting_body=body, title=title)
        made[key] = ReturnFactory(measure=measure, period=period, submitted=True, value=GREEN)
    return made


def approve(client, ret, then="next"):
    return client.post(
        reverse("measures:return_approve", args=[ret.pk]), {"version": ret.version, "then": then}
    )


# --- the rule as a filter ---------------------------------------------------------------------


def test_reviewable_by_agrees_with_can_review_return(collection, manager, chair, datalead):
    own = ReturnFactory(
        measure=collection["chair_measure"],
        period=collection["period"],
        submitted=True,
        created_by=manager,
        entered_by_manager=True,
    )
    ReturnFactory(
        measure=collection["datalead_measure"], period=collection["period"], submitted=True
    )
    ReturnFactory(measure=collection["chair_measure"], period=collection["previous"], approved=True)
    for user in (manager, ManagerFactory(), chair, datalead):
        allowed = set(Return.objects.filter(reviewable_by(user)).values_list("pk", flat=True))
        expected = {ret.pk for ret in Return.objects.all() if can_review_return(user, ret)}
        assert allowed == expected, user
    assert own.pk not in set(queue.review_queue(manager).values_list("pk", flat=True))


# --- approve and next, send back and next ---------------------------------------------------


def test_approve_and_next_goes_to_the_next_return_in_queue_order(
    three_waiting, manager, client_for
):
    client = client_for(manager)
    c, a, b = three_waiting["c"], three_waiting["a"], three_waiting["b"]
    assert list(queue.review_queue(manager)) == [c, a, b]
    response = approve(client, c)
    assert response["Location"] == reverse("measures:return_detail", args=[a.pk])
    assert messages_of(response) == [
        f"Approved: C measure for {c.period} is locked. Next: A measure for {a.period} (2 left)."
    ]
    c.refresh_from_db()
    assert c.status == Return.Status.APPROVED


def test_approve_and_next_wraps_round_to_returns_before_it(three_waiting, manager, client_for):
    response = approve(client_for(manager), three_waiting["b"])
    assert response["Location"] == reverse("measures:return_detail", args=[three_waiting["c"].pk])


def test_approve_and_next_skips_the_viewers_own_submissions(
    collection, three_waiting, manager, client_for
):
    a, b = three_waiting["a"], three_waiting["b"]
    Return.objects.filter(pk=b.pk).update(submitted_by=manager, entered_by_manager=True)
    response = approve(client_for(manager), a)
    # B is the manager's own: the queue goes round to C instead.
    assert response["Location"] == reverse("measures:return_detail", args=[three_waiting["c"].pk])
    assert "(1 left)" in messages_of(response)[0]


def test_an_empty_queue_lands_on_the_quarters_collection_status(
    chair_submitted, manager, client_for
):
    response = approve(client_for(manager), chair_submitted)
    assert response["Location"] == chair_submitted.period.get_absolute_url()
    assert "Your review queue is empty" in messages_of(response)[0]


def test_plain_approve_stays_on_the_return(chair_submitted, three_waiting, manager, client_for):
    response = approve(client_for(manager), chair_submitted, then="stay")
    assert response["Location"] == reverse("measures:return_detail", args=[chair_submitted.pk])


def test_send_back_and_next(three_waiting, manager, client_for):
    c, a = three_waiting["c"], three_waiting["a"]
    response = client_for(manager).post(
        reverse("measures:return_send_back", args=[c.pk]),
        {"version": c.version, "feedback": "Check the denominator.", "then": "next"},
    )
    assert response["Location"] == reverse("measures:return_detail", args=[a.pk])
    assert messages_of(response)[0].startswith("Sent back for amendment: C measure")
    c.refresh_from_db()
    assert c.status == Return.Status.RETURNED


def test_send_back_and_next_without_feedback_stays_on_the_form(three_waiting, manager, client_for):
    c = three_waiting["c"]
    response = client_for(manager).post(
        reverse("measures:return_send_back", args=[c.pk]),
        {"version": c.version, "feedback": "", "then": "next"},
    )
    assert response.status_code == 400
    c.refresh_from_db()
    assert c.status == Return.Status.SUBMITTED


def test_approve_and_next_from_a_stale_page_changes_nothing(three_waiting, manager, client_for):
    c = three_waiting["c"]
    response = client_for(manager).post(
        reverse("measures:return_approve", args=[c.pk]), {"version": c.version - 1, "then": "next"}
    )
    assert response["Location"] == reverse("measures:return_detail", args=[c.pk])
    c.refresh_from_db()
    assert c.status == Return.Status.SUBMITTED


def test_a_chair_confirming_with_an_empty_queue_lands_on_home(collection, manager, client_for):
    chair = chair_of(collection["chair_measure"].reporting_body)
    ret = ReturnFactory(
        measure=collection["chair_measure"],
        period=collection["period"],
        submitted=True,
        created_by=manager,
        entered_by_manager=True,
    )
    response = approve(client_for(chair), ret)
    assert response["Location"] == reverse("home")


def test_the_return_page_offers_and_next(chair_submitted, manager, client_for):
    page = client_for(manager).get(reverse("measures:return_detail", args=[chair_submitted.pk]))
    html = page.content.decode()
    assert "Approve and next" in html and "Send back and next" in html


# --- the queue page -----------------------------------------------------------------------------


def test_the_queue_lists_what_waits_for_the_manager(three_waiting, manager, client_for):
    mine = three_waiting["a"]
    Return.objects.filter(pk=mine.pk).update(submitted_by=manager)
    response = client_for(manager).get(reverse("measures:review_queue"))
    rows = list(response.context["table"].page.object_list.data)
    assert [row.pk for row in rows] == [three_waiting["c"].pk, three_waiting["b"].pk]
    quarter = response.context["quarters"][0]
    assert (quarter.yours, quarter.waiting_for_others) == (2, 1)
    assert (quarter.period.draft_count, quarter.period.approved_count) == (0, 0)
    assert quarter.period.returned_count == 0
    html = response.content.decode()
    assert 'for="select-return-' in html and "Approve selected" in html


def test_the_queue_filters_by_body_and_quarter(three_waiting, collection, manager, client_for):
    client = client_for(manager)
    body = three_waiting["c"].measure.reporting_body
    response = client.get(reverse("measures:review_queue"), {"reporting_body": body.pk})
    assert response.context["shown"] == 1
    response = client.get(reverse("measures:review_queue"), {"period": collection["period"].pk})
    assert response.context["shown"] == 3


def test_the_queue_sorts_by_measure(three_waiting, manager, client_for):
    response = client_for(manager).get(reverse("measures:review_queue"), {"sort": "-measure"})
    titles = [row.measure.title for row in response.context["table"].page.object_list.data]
    assert titles == ["C measure", "B measure", "A measure"]


# --- approving several at once --------------------------------------------------------------


def test_the_confirmation_lists_what_will_be_approved_and_what_will_not(
    three_waiting, collection, manager, client_for
):
    amber = ReturnFactory(
        measure=collection["chair_measure"], period=collection["period"], submitted=True
    )
    own = three_waiting["b"]
    Return.objects.filter(pk=own.pk).update(submitted_by=manager)
    ids = [three_waiting["a"].pk, own.pk, amber.pk]
    response = client_for(manager).get(reverse("measures:review_bulk_approve"), {"returns": ids})
    assert [ret.pk for ret in response.context["to_approve"]] == [three_waiting["a"].pk]
    reasons = {ret.pk: why for ret, why in response.context["skipped"]}
    assert reasons[own.pk].startswith("You submitted it")
    assert "not on target (RAG amber)" in reasons[amber.pk]


def test_bulk_approve_approves_the_ones_on_target(three_waiting, manager, client_for):
    versions = [f"{ret.pk}:{ret.version}" for ret in three_waiting.values()]
    response = client_for(manager).post(
        reverse("measures:review_bulk_approve"), {"approve": versions}
    )
    assert response["Location"] == reverse("measures:review_queue")
    assert messages_of(response) == ["Approved 3 returns."]
    assert set(Return.objects.values_list("status", flat=True)) == {Return.Status.APPROVED}


def test_bulk_approve_skips_a_changed_return_and_keeps_the_others(three_waiting, manager):
    a, b, c = three_waiting["a"], three_waiting["b"], three_waiting["c"]
    result = services.returns_approve_on_target(
        user=manager, versions={a.pk: a.version, b.pk: b.version - 1, c.pk: c.version}
    )
    assert [ret.pk for ret in result.approved] == [a.pk, c.pk]
    assert result.skipped == [
        (f"B measure for {b.period}", "It changed after you checked it: open it to see how.")
    ]
    b.refresh_from_db()
    assert b.status == Return.Status.SUBMITTED


def test_bulk_approve_refuses_an_overridden_rag_and_the_viewers_own(three_waiting, manager):
    a, b = three_waiting["a"], three_waiting["b"]
    Return.objects.filter(pk=a.pk).update(
        calculated_rag=Rag.AMBER, rag_override_reason="Context from the partner."
    )
    Return.objects.filter(pk=b.pk).update(submitted_by=manager)
    result = services.returns_approve_on_target(
        user=manager, versions={a.pk: a.version, b.pk: b.version}
    )
    assert result.approved == []
    assert "changed by hand from amber to green" in result.skipped[0][1]
    assert result.skipped[1][1].startswith("You submitted it")


def test_bulk_approve_with_nothing_chosen(manager, client_for):
    client = client_for(manager)
    page = client.get(reverse("measures:review_bulk_approve"))
    assert "You have not selected any returns" in page.content.decode()
    response = client.post(reverse("measures:review_bulk_approve"), {"approve": ["x:1"]})
    assert messages_of(response) == ["Nothing was approved: no returns were chosen."]
