"""Audit: failed sign-ins and refused requests go to the ``sscp.security`` log, and every
create, change and delete made through the views is in the history with the person who made it."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import Consultation, Feedback
from measures.models import Measure, Return
from priorities.models import Priority
from tests.factories import UserFactory


def test_failed_sign_in_is_logged_without_the_password(db, caplog):
    UserFactory(username="target")
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        Client().post(reverse("login"), {"username": "target", "password": "guess-123"})
    records = [r for r in caplog.records if r.name == "sscp.security"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "Failed sign-in" in message
    assert "'target'" in message
    assert "guess-123" not in caplog.text


def test_refused_request_is_logged_with_user_method_and_path(world, client_for, chair, caplog):
    url = reverse("measures:return_detail", args=[world["datalead_submitted"].pk])
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        assert client_for(chair).post(url).status_code in (403, 405)
        assert client_for(chair).get(url).status_code == 403
    messages = [r.getMessage() for r in caplog.records if r.name == "sscp.security"]
    assert f"Refused GET {url} for user '{chair.username}'" in "\n".join(messages)


def test_allowed_requests_are_not_logged_as_refusals(world, client_for, manager, caplog):
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        assert client_for(manager).get(reverse("home")).status_code == 200
    assert not [r for r in caplog.records if r.name == "sscp.security"]


def _last_history(obj_or_model, pk):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return model.history.filter(id=pk).order_by("-history_date", "-history_id").first()


def test_priority_create_change_delete_through_the_views_name_the_manager(
    world, client_for, manager
):
    client = client_for(manager)
    plan = world["plan"]
    response = client.post(
        reverse("priorities:priority_create", args=[plan.slug]),
        {"title": "Tackling neglect", "description": "Early, joined-up help."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    priority = Priority.objects.get(plan=plan, title="Tackling neglect")
    created = Priority.history.filter(id=priority.pk).order_by("history_date", "history_id")[0]
    assert (created.history_type, created.history_user) == ("+", manager)
    assert {h.history_user for h in Priority.history.filter(id=priority.pk)} == {manager}

    form = client.get(reverse("priorities:priority_edit", args=[priority.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {"title": "Tackling neglect together"}
    response = client.post(reverse("priorities:priority_edit", args=[priority.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    changed = _last_history(priority, priority.pk)
    assert (changed.history_type, changed.history_user, changed.title) == (
        "~",
        manager,
        "Tackling neglect together",
    )

    response = client.post(reverse("priorities:priority_delete", args=[priority.pk]))
    assert response.status_code == 302
    assert not Priority.objects.filter(pk=priority.pk).exists()
    deleted = _last_history(Priority, priority.pk)
    assert (deleted.history_type, deleted.history_user) == ("-", manager)


def test_return_saved_and_submitted_through_the_view_names_the_data_lead(
    world, client_for, datalead
):
    url = reverse(
        "measures:return_edit",
        kwargs={"measure_pk": world["datalead_measure"].pk, "period_pk": world["open_period"].pk},
    )
    client = client_for(datalead)
    client.post(url, {"value": "4", "commentary": "First", "action": "draft", "version": 0})
    ret = Return.objects.get(measure=world["datalead_measure"], period=world["open_period"])
    client.post(
        url, {"value": "5", "commentary": "Final", "action": "submit", "version": ret.version}
    )
    history = list(Return.history.filter(id=ret.pk).order_by("history_date", "history_id"))
    assert [h.history_type for h in history][:1] == ["+"]
    assert len(history) >= 2
    assert {h.history_user for h in history} == {datalead}
    assert history[-1].status == Return.Status.SUBMITTED


def test_return_approval_names_the_manager(world, client_for, manager):
    ret = world["chair_submitted"]
    client_for(manager).post(
        reverse("measures:return_approve", args=[ret.pk]), {"version": ret.version}
    )
    latest = _last_history(ret, ret.pk)
    assert (latest.status, latest.history_user) == (Return.Status.APPROVED, manager)


def test_measure_deleted_through_the_view_names_the_manager(world, client_for, manager):
    measure = MeasureFactory_without_returns(world)
    client_for(manager).post(reverse("measures:measure_delete", args=[measure.pk]))
    if Measure.objects.filter(pk=measure.pk).exists():
        pytest.fail("the measure without returns was not deleted")
    deleted = _last_history(Measure, measure.pk)
    assert (deleted.history_type, deleted.history_user) == ("-", manager)


def MeasureFactory_without_returns(world):  # noqa: N802 - reads as the factory it wraps
    from tests.factories import MeasureFactory

    return MeasureFactory(priority=world["priority"], reporting_body=world["chair_body"])


def test_consultation_change_and_feedback_delete_name_the_manager(world, client_for, manager):
    client = client_for(manager)
    consultation = world["consultation"]
    url = reverse("consultations:consultation_edit", args=[consultation.slug])
    form = client.get(url).context["form"]
    data = {}
    for key, value in form.initial.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "all"):
            data[key] = [v.pk for v in value.all()]
        else:
            data[key] = getattr(value, "pk", value)
    data["title"] = "Plan consultation 2021 (renamed)"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    changed = _last_history(consultation, consultation.pk)
    assert (changed.history_type, changed.history_user) == ("~", manager)
    assert changed.title == "Plan consultation 2021 (renamed)"

    feedback = world["feedback"]
    world["commitment"].delete()
    response = client.post(reverse("consultations:feedback_delete", args=[feedback.pk]))
    assert response.status_code == 302
    assert not Feedback.objects.filter(pk=feedback.pk).exists()
    deleted = _last_history(Feedback, feedback.pk)
    assert (deleted.history_type, deleted.history_user) == ("-", manager)
    assert Consultation.objects.filter(pk=consultation.pk).exists()
