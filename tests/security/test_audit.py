"""Audit: failed sign-ins and refused requests go to the ``sscp.security`` log, and every
create, change and delete made through the views is in the history with the person who made it:
priorities, measures, returns, consultations, commitments and their updates, and progress
reports from their first draft to a superseded version; a published paper never changes."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import Commitment, CommitmentUpdate, Consultation, Feedback
from measures.models import Measure, Return
from plans.models import ProgressReport, ReportNotReceived
from priorities.models import Priority
from reports import services as report_services
from tests.factories import ProgressReportFactory, ReportingPeriodFactory, UserFactory


def test_failed_sign_in_is_logged_without_the_password(db, caplog):
    UserFactory(username="target")
    with caplog.at_level(logging.WARNING, logger="sscp.security"):
        Client().post(reverse("login"), {"login": "target", "password": "guess-123"})
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


def form_data(client, url: str) -> dict:
    """What the form at ``url`` would post unchanged: each field's initial value, related
    rows by primary key, unticked boxes and empty values left out."""
    data = {}
    for field in client.get(url).context["form"]:
        value = field.value()
        if value is None or value is False:
            continue
        if hasattr(value, "all"):
            value = list(value.all())
        if isinstance(value, list | tuple):
            data[field.html_name] = [getattr(v, "pk", v) for v in value]
        else:
            data[field.html_name] = getattr(value, "pk", value)
    return data


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
    data = form_data(client, url) | {"title": "Plan consultation 2021 (renamed)"}
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


# --- progress reports through their views ---------------------------------------------------


def _history_of(model, pk) -> list:
    return list(model.history.filter(id=pk).order_by("history_date", "history_id"))


def _post_ok(client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def _write_and_publish(client, report: ProgressReport, summary: str) -> ProgressReport:
    """Write a draft's summary and recommendations, then publish it, through the views."""
    url = reverse("plans:report_edit", kwargs={"pk": report.pk})
    data = form_data(client, url) | {
        "summary": summary,
        "issues_for_consideration": "The committee is asked to note progress.",
    }
    _post_ok(client, url, data)
    report.refresh_from_db()
    _post_ok(
        client,
        reverse("plans:report_publish", kwargs={"pk": report.pk}),
        {"lock_version": report.lock_version},
    )
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.PUBLISHED
    return report


def test_report_create_edit_publish_supersede_through_the_views_name_the_manager(
    world, client_for, manager
):
    client = client_for(manager)
    quarter = ReportingPeriodFactory(financial_year=2024, quarter=2)
    _post_ok(
        client, reverse("plans:report_create"), {"plan": world["plan"].pk, "period": quarter.pk}
    )
    first = ProgressReport.objects.get(plan=world["plan"], period=quarter)
    # Neither measure has an approved return this quarter: both are marked not received.
    _post_ok(
        client,
        reverse("plans:report_not_received", kwargs={"pk": first.pk}),
        {"action": "mark_remaining", "all-note": "Not received by the deadline."},
    )
    marks = list(ReportNotReceived.objects.filter(report=first))
    assert len(marks) == 2
    first = _write_and_publish(client, first, "First published summary.")

    _post_ok(
        client,
        reverse("plans:report_supersede", kwargs={"pk": first.pk}),
        {"reason": "A corrected figure."},
    )
    second = ProgressReport.objects.get(supersedes=first)
    second = _write_and_publish(client, second, "Corrected summary.")
    first.refresh_from_db()
    assert first.status == ProgressReport.Status.SUPERSEDED

    first_history = _history_of(ProgressReport, first.pk)
    assert [(h.history_type, h.status) for h in first_history] == [
        ("+", "draft"),
        ("~", "draft"),  # written
        ("~", "published"),
        ("~", "superseded"),
    ]
    assert first_history[1].summary == "First published summary."
    second_history = _history_of(ProgressReport, second.pk)
    assert [(h.history_type, h.status) for h in second_history] == [
        ("+", "draft"),
        ("~", "draft"),
        ("~", "published"),
    ]
    assert second_history[0].supersede_reason == "A corrected figure."
    everything = first_history + second_history
    for mark in marks + list(ReportNotReceived.objects.filter(report=second)):
        everything += _history_of(ReportNotReceived, mark.pk)
    assert len(everything) == 7 + 4
    assert {h.history_user for h in everything} == {manager}


def test_edits_to_a_published_report_are_refused_and_leave_its_snapshot_alone(
    world, client_for, manager
):
    """The views send a manager posting changes to a published paper back to it; nothing is
    saved and no history is written (tests/reports/test_services.py shows the services
    refusing the same changes)."""
    client = client_for(manager)
    quarter = ReportingPeriodFactory(financial_year=2024, quarter=2)
    report = ProgressReportFactory(
        plan=world["plan"], period=quarter, issues_for_consideration="Note the progress."
    )
    for measure in (world["chair_measure"], world["datalead_measure"]):
        report_services.report_mark_not_received(report=report, measure=measure, user=manager)
    report = report_services.report_publish(
        report=report, user=manager, expected_version=report.lock_version
    )
    before = ProgressReport.objects.values().get(pk=report.pk)
    history_before = report.history.count()
    assert before["snapshot"]

    edit = reverse("plans:report_edit", kwargs={"pk": report.pk})
    data = {"summary": "Rewritten after publication.", "lock_version": report.lock_version}
    for url in (edit, reverse("plans:report_publish", kwargs={"pk": report.pk})):
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"] == report.get_absolute_url()
    response = client.post(
        reverse("plans:report_not_received", kwargs={"pk": report.pk}),
        {"action": "mark_remaining", "all-note": "Late"},
    )
    assert response.status_code == 302

    assert ProgressReport.objects.values().get(pk=report.pk) == before
    assert report.history.count() == history_before
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Rewritten" not in page


# --- commitments and their updates through the views ----------------------------------------


def test_commitment_and_update_create_and_change_through_the_views_name_the_manager(
    world, client_for, manager
):
    client = client_for(manager)
    consultation = world["consultation"]
    url = reverse("consultations:commitment_create", args=[consultation.slug])
    data = form_data(client, url) | {
        "promise": "Meet the Youth Forum every term.",
        "owner_body": world["chair_body"].pk,
        "due_date": "2025-03-31",
        "status": Commitment.Status.IN_PROGRESS,
    }
    _post_ok(client, url, data)
    commitment = Commitment.objects.get(promise="Meet the Youth Forum every term.")

    url = reverse("consultations:commitment_edit", args=[commitment.pk])
    data = form_data(client, url) | {
        "status": Commitment.Status.DONE,
        "update_text": "Met the forum in March.",
        "update_date": "2025-03-20",
    }
    _post_ok(client, url, data)
    update = CommitmentUpdate.objects.get(commitment=commitment)

    url = reverse("consultations:update_create", args=[commitment.pk])
    _post_ok(client, url, form_data(client, url) | {"text": "Met again in April."})
    later = CommitmentUpdate.objects.get(commitment=commitment, text="Met again in April.")
    url = reverse("consultations:update_edit", args=[later.pk])
    _post_ok(client, url, form_data(client, url) | {"text": "Met again in early April."})

    commitment_history = _history_of(Commitment, commitment.pk)
    assert [(h.history_type, h.status) for h in commitment_history] == [
        ("+", Commitment.Status.IN_PROGRESS),
        ("~", Commitment.Status.DONE),
    ]
    update_history = _history_of(CommitmentUpdate, update.pk)
    later_history = _history_of(CommitmentUpdate, later.pk)
    assert [h.history_type for h in update_history] == ["+"]
    assert [(h.history_type, h.text) for h in later_history] == [
        ("+", "Met again in April."),
        ("~", "Met again in early April."),
    ]
    everything = commitment_history + update_history + later_history
    assert {h.history_user for h in everything} == {manager}
