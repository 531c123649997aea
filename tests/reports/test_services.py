"""Writing, publishing and correcting progress reports (reports.services)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measures.models import Return
from plans.models import ProgressReport, ReportNotReceived
from reports import services
from tests.factories import (
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
)


def publish(world, report=None):
    report = report or world["report"]
    return services.report_publish(
        report=report, user=world["manager"], expected_version=report.lock_version
    )


def mark_missing(world, report=None):
    services.report_mark_not_received(
        report=report or world["report"],
        measure=world["assessments"],
        user=world["manager"],
        note="Figure delayed by a system change.",
    )


# --- starting and writing ---------------------------------------------------------------------


def test_manager_starts_a_report_carrying_over_who_it_goes_to(report_world, manager):
    report_world["report"].lead_officer = "Assistant Director, Children's Services"
    report_world["report"].background = "Working Together 2018."
    report_world["report"].save()
    q3 = ReportingPeriodFactory(financial_year=2024, quarter=3)
    report = services.report_create(plan=report_world["plan"], period=q3, user=manager)
    assert report.status == ProgressReport.Status.DRAFT
    assert report.version == 1
    assert report.lead_officer == "Assistant Director, Children's Services"
    assert report.background == "Working Together 2018."
    assert report.summary == ""
    assert report.history.first().history_user == manager


def test_only_managers_start_reports(report_world, scrutiny, chair):
    q3 = ReportingPeriodFactory(financial_year=2024, quarter=3)
    for user in (scrutiny, chair):
        with pytest.raises(PermissionDenied):
            services.report_create(plan=report_world["plan"], period=q3, user=user)


def test_a_quarter_outside_the_plan_is_refused(report_world, manager):
    later = ReportingPeriodFactory(financial_year=2026, quarter=1)
    with pytest.raises(ValidationError) as error:
        services.report_create(plan=report_world["plan"], period=later, user=manager)
    assert "outside the" in error.value.message_dict["period"][0]


def test_a_second_report_for_the_same_quarter_is_refused(report_world, manager):
    with pytest.raises(ValidationError) as error:
        services.report_create(plan=report_world["plan"], period=report_world["q2"], user=manager)
    assert "already a report" in error.value.message_dict["period"][0]
    assert "carry on writing" in error.value.message_dict["period"][0]


def test_update_saves_the_text_and_raises_the_lock_version(report_world, manager):
    report = report_world["report"]
    updated = services.report_update(
        report=report,
        user=manager,
        changes={"summary": "  New summary.  ", "meeting_date": datetime.date(2024, 12, 4)},
        expected_version=report.lock_version,
    )
    assert updated.summary == "New summary."
    assert updated.meeting_date == datetime.date(2024, 12, 4)
    assert updated.lock_version == report.lock_version + 1


def test_an_edit_from_a_stale_version_is_refused_and_nothing_is_saved(report_world, manager):
    report = report_world["report"]
    opened = report.lock_version
    services.report_update(
        report=report, user=manager, changes={"summary": "First"}, expected_version=opened
    )
    with pytest.raises(services.StaleReportError) as error:
        services.report_update(
            report=report, user=manager, changes={"summary": "Second"}, expected_version=opened
        )
    assert error.value.changed_by == manager.get_full_name()  # never the login name
    assert ProgressReport.objects.get(pk=report.pk).summary == "First"


def test_only_the_written_parts_can_be_updated(report_world, manager):
    with pytest.raises(ValueError, match="snapshot"):
        services.report_update(
            report=report_world["report"],
            user=manager,
            changes={"snapshot": {}},
            expected_version=report_world["report"].lock_version,
        )


# --- not received -----------------------------------------------------------------------------


def test_a_measure_without_an_approved_return_can_be_marked_and_unmarked(report_world, manager):
    mark_missing(report_world)
    mark = ReportNotReceived.objects.get()
    assert (mark.measure, mark.marked_by) == (report_world["assessments"], manager)
    services.report_mark_not_received(
        report=report_world["report"],
        measure=report_world["assessments"],
        user=manager,
        note="Changed note",
    )
    assert ReportNotReceived.objects.get().note == "Changed note"
    services.report_unmark_not_received(
        report=report_world["report"], measure=report_world["assessments"], user=manager
    )
    assert not ReportNotReceived.objects.exists()


def test_a_measure_with_an_approved_return_cannot_be_marked(report_world, manager):
    with pytest.raises(ValidationError, match="has been approved"):
        services.report_mark_not_received(
            report=report_world["report"], measure=report_world["early_help"], user=manager
        )


def test_a_measure_of_another_plan_cannot_be_marked(report_world, manager):
    other = MeasureFactory(priority=PriorityFactory(plan=PlanFactory()))
    with pytest.raises(ValidationError, match="is not reported in"):
        services.report_mark_not_received(
            report=report_world["report"], measure=other, user=manager
        )


# --- publishing -------------------------------------------------------------------------------


def test_publishing_needs_every_measure_approved_or_marked(report_world):
    with pytest.raises(ValidationError) as error:
        publish(report_world)
    assert "Health assessments" in error.value.messages[0]
    assert "mark them not received" in error.value.messages[0]
    assert ProgressReport.objects.get(pk=report_world["report"].pk).status == "draft"


def test_publishing_needs_a_summary_and_recommendations(report_world):
    mark_missing(report_world)
    report = report_world["report"]
    ProgressReport.objects.filter(pk=report.pk).update(summary="", issues_for_consideration=" ")
    report.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        publish(report_world, report)
    assert error.value.messages == [
        "Write the summary.",
        "Write the issues for consideration and recommendations.",
    ]


def test_approving_the_missing_return_also_allows_publishing(report_world, manager):
    Return.objects.filter(measure=report_world["assessments"], period=report_world["q2"]).update(
        status=Return.Status.APPROVED, reviewed_by=manager
    )
    assert publish(report_world).status == ProgressReport.Status.PUBLISHED


def test_publishing_freezes_the_paper(report_world, manager):
    mark_missing(report_world)
    report = publish(report_world)
    assert report.status == ProgressReport.Status.PUBLISHED
    assert report.published_by == manager
    assert report.published_at is not None
    stored = ProgressReport.objects.get(pk=report.pk).snapshot
    assert stored["title"].endswith("Q2 2024-25")
    assert stored["text"]["summary"] == "Progress in the second quarter."
    figures = {m["title"]: m["value_text"] for p in stored["priorities"] for m in p["measures"]}
    assert figures == {
        "Early help plans": "65%",
        "Exploitation plans": "40%",
        "Mental health waits": "57%",
        "Health assessments": "Received, not yet approved",
    }
    assert stored["not_received"][0]["note"] == "Figure delayed by a system change."


def test_a_published_report_cannot_be_edited_marked_or_published_again(report_world, manager):
    mark_missing(report_world)
    report = publish(report_world)
    with pytest.raises(ValidationError, match="never changes"):
        services.report_update(
            report=report,
            user=manager,
            changes={"summary": "x"},
            expected_version=report.lock_version,
        )
    with pytest.raises(ValidationError, match="never changes"):
        services.report_unmark_not_received(
            report=report, measure=report_world["assessments"], user=manager
        )
    with pytest.raises(ValidationError, match="never changes"):
        publish(report_world, report)


def test_publishing_from_a_stale_version_is_refused(report_world, manager):
    mark_missing(report_world)
    report = report_world["report"]
    opened = report.lock_version
    services.report_update(
        report=report, user=manager, changes={"summary": "Changed"}, expected_version=opened
    )
    with pytest.raises(services.StaleReportError):
        services.report_publish(report=report, user=manager, expected_version=opened)


def test_only_managers_publish(report_world, scrutiny):
    mark_missing(report_world)
    with pytest.raises(PermissionDenied):
        services.report_publish(
            report=report_world["report"],
            user=scrutiny,
            expected_version=report_world["report"].lock_version,
        )


def test_later_changes_never_change_the_snapshot(report_world):
    mark_missing(report_world)
    report = publish(report_world)
    frozen = ProgressReport.objects.get(pk=report.pk).snapshot
    Return.objects.filter(measure=report_world["exploitation"], period=report_world["q2"]).update(
        value=Decimal("90"), calculated_rag="green", rag="green", commentary="Rewritten"
    )
    report_world["exploitation"].title = "Renamed measure"
    report_world["exploitation"].save()
    report_world["plan"].title = "Renamed plan"
    report_world["plan"].save()
    ReturnFactory(
        measure=report_world["waits"],
        period=ReportingPeriodFactory(financial_year=2024, quarter=3),
        approved=True,
    )
    assert ProgressReport.objects.get(pk=report.pk).snapshot == frozen


# --- new versions -----------------------------------------------------------------------------


def test_a_new_version_copies_the_text_and_marks_and_needs_a_reason(report_world, manager):
    mark_missing(report_world)
    first = publish(report_world)
    with pytest.raises(ValidationError) as error:
        services.report_supersede(report=first, user=manager, reason="  ")
    assert "Say why" in error.value.message_dict["reason"][0]
    second = services.report_supersede(
        report=first, user=manager, reason="The exploitation figure was corrected."
    )
    assert (second.version, second.status, second.supersedes) == (2, "draft", first)
    assert second.supersede_reason == "The exploitation figure was corrected."
    assert second.summary == first.summary
    assert second.not_received_marks.get().note == "Figure delayed by a system change."
    first.refresh_from_db()
    assert first.status == ProgressReport.Status.PUBLISHED  # until the new one is published


def test_publishing_the_new_version_supersedes_the_old_and_keeps_both(report_world, manager):
    mark_missing(report_world)
    first = publish(report_world)
    Return.objects.filter(measure=report_world["exploitation"], period=report_world["q2"]).update(
        value=Decimal("61"), calculated_rag="green", rag="green"
    )
    second = services.report_supersede(report=first, user=manager, reason="Corrected figure.")
    second = publish(report_world, second)
    first.refresh_from_db()
    assert first.status == ProgressReport.Status.SUPERSEDED
    assert second.status == ProgressReport.Status.PUBLISHED
    figure = {
        m["title"]: m["value_text"] for p in first.snapshot["priorities"] for m in p["measures"]
    }
    assert figure["Exploitation plans"] == "40%"
    figure = {
        m["title"]: m["value_text"] for p in second.snapshot["priorities"] for m in p["measures"]
    }
    assert figure["Exploitation plans"] == "61%"
    assert second.snapshot["front"]["supersede_reason"] == "Corrected figure."
    assert second.snapshot["front"]["supersedes_version"] == 1


def test_only_the_published_version_can_be_corrected_and_only_once_at_a_time(report_world, manager):
    with pytest.raises(ValidationError, match="Only the published version"):
        services.report_supersede(report=report_world["report"], user=manager, reason="x")
    mark_missing(report_world)
    first = publish(report_world)
    services.report_supersede(report=first, user=manager, reason="Correction")
    with pytest.raises(ValidationError, match="already being written"):
        services.report_supersede(report=first, user=manager, reason="Another")


def test_a_superseded_version_cannot_be_corrected_again(report_world, manager):
    mark_missing(report_world)
    first = publish(report_world)
    second = publish(
        report_world, services.report_supersede(report=first, user=manager, reason="Fix")
    )
    first.refresh_from_db()
    with pytest.raises(ValidationError, match="superseded"):
        services.report_supersede(report=first, user=manager, reason="Again")
    assert services.report_supersede(report=second, user=manager, reason="Again").version == 3


def test_the_database_refuses_a_new_version_without_a_reason(report_world, violates):
    published = ProgressReportFactory(
        plan=report_world["plan"], period=report_world["q1"], published=True
    )
    with violates("new_report_version_has_reason"):
        ProgressReportFactory(
            plan=report_world["plan"], period=report_world["q1"], version=2, supersedes=published
        )


def test_the_database_keeps_one_mark_per_measure_and_report(report_world, manager, violates):
    mark_missing(report_world)
    with violates("one_not_received_mark_per_report_measure"):
        ReportNotReceived.objects.create(
            report=report_world["report"], measure=report_world["assessments"], marked_by=manager
        )
