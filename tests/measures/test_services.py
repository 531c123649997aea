"""The rules of entering, submitting, reviewing and locking returns, and of managing quarters."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measures import services
from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.services import ReturnFigures, StaleReturnError
from tests.factories import (
    ManagerFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    chair_of,
    data_lead_of,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def quarter():
    """An open Q4 2024-25 and a measure of an active 2022-25 plan with its body's reporters."""
    plan = PlanFactory(active=True, slug="2022-25")
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024, quarter=4, start_date=start, end_date=end, is_open=True
    )
    measure = MeasureFactory(priority=PriorityFactory(plan=plan))
    return {
        "period": period,
        "measure": measure,
        "chair": chair_of(measure.reporting_body),
        "datalead": data_lead_of(measure.reporting_body),
    }


def draft(quarter, user=None, version=0, **figures):
    return services.return_save_draft(
        measure=quarter["measure"],
        period=quarter["period"],
        user=user or quarter["datalead"],
        figures=ReturnFigures(**figures),
        expected_version=version,
    )


def submit(quarter, user=None, version=0, **figures):
    return services.return_submit(
        measure=quarter["measure"],
        period=quarter["period"],
        user=user or quarter["chair"],
        figures=ReturnFigures(**figures),
        expected_version=version,
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- drafting ---------------------------------------------------------------------------------


def test_data_lead_saves_a_draft_with_its_calculated_rag(quarter):
    ret = draft(quarter, value=D("58"))
    assert ret.status == Return.Status.DRAFT
    assert ret.calculated_rag == ret.rag == Rag.AMBER
    assert ret.version == 1
    assert ret.history.first().history_user == quarter["datalead"]
    assert ret.history.first().history_change_reason == "Draft saved"


def test_draft_may_be_saved_without_a_value_or_commentary(quarter):
    ret = draft(quarter)
    assert ret.value is None and ret.rag == Rag.NOT_RATED


def test_saving_again_raises_the_version(quarter):
    first = draft(quarter, value=D("58"))
    second = draft(quarter, version=first.version, value=D("61"))
    assert second.pk == first.pk and second.version == 2 and second.rag == Rag.GREEN


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        (Measure.Unit.PERCENTAGE, D("100.5"), "between 0 and 100"),
        (Measure.Unit.PERCENTAGE, D("-1"), "between 0 and 100"),
        (Measure.Unit.COUNT, D("3.5"), "whole number"),
        (Measure.Unit.COUNT, D("-2"), "cannot be negative"),
        (Measure.Unit.DAYS, D("-1"), "cannot be negative"),
    ],
)
def test_value_is_checked_against_the_unit_and_nothing_is_saved(quarter, unit, value, message):
    Measure.objects.filter(pk=quarter["measure"].pk).update(unit=unit, baseline=None)
    quarter["measure"].refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        draft(quarter, value=value)
    assert message in errors_of(excinfo)["value"][0]
    assert not Return.objects.exists()


def test_a_score_may_be_negative(quarter):
    Measure.objects.filter(pk=quarter["measure"].pk).update(
        unit=Measure.Unit.SCORE, baseline=None, target=D("0"), tolerance=D("1")
    )
    quarter["measure"].refresh_from_db()
    assert draft(quarter, value=D("-0.5")).rag == Rag.AMBER


def test_not_available_needs_a_reason(quarter):
    with pytest.raises(ValidationError) as excinfo:
        draft(quarter, not_available=True)
    assert "Say why" in errors_of(excinfo)["not_available_reason"][0]


def test_not_available_refuses_a_value_as_well(quarter):
    with pytest.raises(ValidationError) as excinfo:
        draft(quarter, value=D("5"), not_available=True, not_available_reason="System down")
    assert "Leave the value empty" in errors_of(excinfo)["value"][0]


def test_rag_override_needs_a_reason(quarter):
    with pytest.raises(ValidationError) as excinfo:
        draft(quarter, value=D("58"), rag_override=Rag.GREEN)
    assert "rather than the calculated amber" in errors_of(excinfo)["rag_override_reason"][0]


def test_rag_override_with_reason_is_kept_beside_the_calculated_rag(quarter):
    ret = draft(quarter, value=D("58"), rag_override=Rag.GREEN, rag_override_reason="One-off dip")
    assert (ret.calculated_rag, ret.rag, ret.rag_override_reason) == (
        Rag.AMBER,
        Rag.GREEN,
        "One-off dip",
    )


def test_override_equal_to_calculated_rag_drops_the_reason(quarter):
    ret = draft(quarter, value=D("58"), rag_override=Rag.AMBER, rag_override_reason="x")
    assert ret.rag_override_reason == "" and not ret.is_rag_overridden


def test_reporter_of_another_body_is_refused(quarter, chair):
    with pytest.raises(PermissionDenied):
        draft(quarter, user=chair, value=D("58"))


def test_manager_may_enter_a_return_for_any_body(quarter, manager):
    assert draft(quarter, user=manager, value=D("61")).created_by == manager


def test_inactive_measure_is_not_collected(quarter):
    Measure.objects.filter(pk=quarter["measure"].pk).update(active=False)
    with pytest.raises(ValidationError, match="not collected"):
        draft(quarter, value=D("58"))


def test_a_started_return_of_a_measure_no_longer_collected_is_refused(quarter):
    ret = draft(quarter, value=D("58"))
    Measure.objects.filter(pk=quarter["measure"].pk).update(active=False)
    with pytest.raises(ValidationError, match="not collected") as excinfo:
        draft(quarter, version=ret.version, value=D("70"))
    assert excinfo.value.code == "not_due"
    ret.refresh_from_db()
    assert ret.value == D("58")


# --- closed quarters and lost updates ---------------------------------------------------------


def test_saving_into_a_closed_quarter_is_refused(quarter):
    ret = draft(quarter, value=D("58"))
    ReportingPeriod.objects.filter(pk=quarter["period"].pk).update(is_open=False)
    quarter["period"].refresh_from_db()
    with pytest.raises(ValidationError, match="Q4 2024-25 is closed"):
        draft(quarter, version=ret.version, value=D("70"))
    with pytest.raises(ValidationError, match="closed"):
        submit(quarter, version=ret.version, value=D("70"), commentary="x")
    ret.refresh_from_db()
    assert ret.value == D("58") and ret.status == Return.Status.DRAFT


def test_second_of_two_concurrent_saves_is_refused_and_told_what_changed(quarter):
    opened = draft(quarter, value=D("58")).version  # both open version 1
    draft(quarter, user=quarter["chair"], version=opened, value=D("61"), commentary="Up")
    with pytest.raises(StaleReturnError) as excinfo:
        draft(quarter, version=opened, value=D("40"))
    error = excinfo.value
    assert error.changed_by == quarter["chair"].get_full_name()  # never the login name
    changes = {c.field: (c.before, c.after) for c in error.changes}
    assert changes["Value"] == ("58%", "61%")
    assert changes["Commentary"] == ("(empty)", "Up")
    ret = Return.objects.get()
    assert ret.value == D("61") and ret.version == 2


def test_starting_a_return_someone_else_has_started_is_refused(quarter):
    draft(quarter, user=quarter["chair"], value=D("61"))
    with pytest.raises(StaleReturnError):
        draft(quarter, version=0, value=D("40"))


# --- submitting -------------------------------------------------------------------------------


def test_chair_submits_a_green_return_without_commentary(quarter):
    ret = submit(quarter, value=D("65"))
    assert ret.status == Return.Status.SUBMITTED
    assert ret.submitted_by == quarter["chair"] and ret.submitted_at


def test_submitting_needs_a_value(quarter):
    with pytest.raises(ValidationError) as excinfo:
        submit(quarter)
    assert "Enter the value" in errors_of(excinfo)["value"][0]


@pytest.mark.parametrize("value", [D("58"), D("40")], ids=["amber", "red"])
def test_amber_or_red_return_needs_commentary_to_submit(quarter, value):
    with pytest.raises(ValidationError) as excinfo:
        submit(quarter, value=value)
    assert "Commentary is needed" in errors_of(excinfo)["commentary"][0]
    assert not Return.objects.exists()


def test_several_bad_fields_are_all_reported_at_once(quarter):
    with pytest.raises(ValidationError) as excinfo:
        submit(quarter, value=D("40"), rag_override=Rag.GREEN)
    assert set(errors_of(excinfo)) == {"rag_override_reason"}
    with pytest.raises(ValidationError) as excinfo:
        submit(quarter, value=D("40"), rag_override=Rag.AMBER)
    assert set(errors_of(excinfo)) == {"rag_override_reason", "commentary"}


def test_submitted_return_cannot_be_changed_by_the_body(quarter):
    ret = submit(quarter, value=D("65"))
    with pytest.raises(ValidationError, match="awaiting review"):
        draft(quarter, version=ret.version, value=D("70"))


# --- review -----------------------------------------------------------------------------------


def test_manager_approves_a_submitted_return_and_it_locks(quarter, manager):
    ret = submit(quarter, value=D("65"))
    ret = services.return_approve(ret=ret, user=manager, expected_version=ret.version)
    assert ret.status == Return.Status.APPROVED and ret.reviewed_by == manager
    assert ret.is_locked
    with pytest.raises(ValidationError, match="approved and is locked"):
        draft(quarter, version=ret.version, value=D("70"))


def test_nobody_approves_a_return_they_submitted(quarter, manager):
    ret = submit(quarter, user=manager, value=D("65"))
    with pytest.raises(ValidationError, match="You submitted this return"):
        services.return_approve(ret=ret, user=manager, expected_version=ret.version)
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED
    other = ManagerFactory()
    assert services.return_approve(ret=ret, user=other, expected_version=ret.version).is_locked


def test_reporters_cannot_approve(quarter):
    ret = submit(quarter, value=D("65"))
    with pytest.raises(PermissionDenied):
        services.return_approve(ret=ret, user=quarter["datalead"], expected_version=ret.version)


def test_draft_cannot_be_approved(quarter, manager):
    ret = draft(quarter, value=D("65"))
    with pytest.raises(ValidationError, match="Only a submitted return"):
        services.return_approve(ret=ret, user=manager, expected_version=ret.version)


def test_approving_a_return_changed_since_is_refused(quarter, manager):
    ret = submit(quarter, value=D("65"))
    with pytest.raises(StaleReturnError):
        services.return_approve(ret=ret, user=manager, expected_version=ret.version - 1)


def test_send_back_needs_feedback_then_the_body_amends_and_resubmits(quarter, manager):
    ret = submit(quarter, value=D("58"), commentary="Dip")
    with pytest.raises(ValidationError) as excinfo:
        services.return_send_back(ret=ret, user=manager, feedback=" ", expected_version=ret.version)
    assert "feedback" in errors_of(excinfo)
    ret = services.return_send_back(
        ret=ret, user=manager, feedback="Say why it fell.", expected_version=ret.version
    )
    assert ret.status == Return.Status.RETURNED and ret.feedback == "Say why it fell."
    ret = submit(quarter, version=ret.version, value=D("58"), commentary="Staff absence.")
    assert ret.status == Return.Status.SUBMITTED
    assert services.return_approve(ret=ret, user=manager, expected_version=ret.version).is_locked


def test_returned_return_keeps_a_figure_when_saved_as_draft(quarter, manager):
    ret = submit(quarter, value=D("65"))
    ret = services.return_send_back(
        ret=ret, user=manager, feedback="Check it", expected_version=ret.version
    )
    with pytest.raises(ValidationError) as excinfo:
        draft(quarter, version=ret.version)
    assert "value" in errors_of(excinfo)


def test_sending_back_into_a_closed_quarter_is_refused(quarter, manager):
    ret = submit(quarter, value=D("65"))
    services.period_close(period=quarter["period"], user=manager)
    with pytest.raises(ValidationError, match="closed"):
        services.return_send_back(ret=ret, user=manager, feedback="x", expected_version=ret.version)
    # approving goes on after the quarter closes
    assert services.return_approve(ret=ret, user=manager, expected_version=ret.version).is_locked


def test_reopening_needs_a_reason_which_the_history_keeps(quarter, manager):
    ret = submit(quarter, value=D("65"))
    ret = services.return_approve(ret=ret, user=manager, expected_version=ret.version)
    with pytest.raises(ValidationError) as excinfo:
        services.return_reopen(ret=ret, user=manager, reason="", expected_version=ret.version)
    assert "reason" in errors_of(excinfo)
    ret = services.return_reopen(
        ret=ret,
        user=manager,
        reason="Figure restated by the provider",
        expected_version=ret.version,
    )
    assert ret.status == Return.Status.RETURNED
    latest = ret.history.first()
    assert latest.history_change_reason == "Reopened after approval"
    assert latest.feedback == "Figure restated by the provider"
    assert latest.history_user == manager


def test_only_approved_returns_are_reopened_and_only_by_managers(quarter, manager):
    ret = submit(quarter, value=D("65"))
    with pytest.raises(ValidationError, match="Only an approved return"):
        services.return_reopen(ret=ret, user=manager, reason="x", expected_version=ret.version)
    ret = services.return_approve(ret=ret, user=manager, expected_version=ret.version)
    with pytest.raises(PermissionDenied):
        services.return_reopen(
            ret=ret, user=quarter["chair"], reason="x", expected_version=ret.version
        )


# --- quarters ---------------------------------------------------------------------------------


def test_manager_sets_up_a_quarter_closed_with_a_default_deadline(manager):
    period = services.period_create(financial_year=2025, quarter=1, user=manager)
    assert (period.start_date, period.end_date) == (
        datetime.date(2025, 4, 1),
        datetime.date(2025, 6, 30),
    )
    assert period.deadline == datetime.date(2025, 8, 11) and not period.is_open


def test_a_quarter_is_set_up_only_once(manager):
    services.period_create(financial_year=2025, quarter=1, user=manager)
    with pytest.raises(ValidationError, match="already been set up"):
        services.period_create(financial_year=2025, quarter=1, user=manager)


def test_deadline_must_fall_after_the_quarter(manager):
    with pytest.raises(ValidationError) as excinfo:
        services.period_create(
            financial_year=2025, quarter=1, user=manager, deadline=datetime.date(2025, 6, 30)
        )
    assert "after the quarter ends" in errors_of(excinfo)["deadline"][0]


def test_open_close_and_move_deadline_with_history(manager):
    period = services.period_create(financial_year=2025, quarter=1, user=manager)
    period = services.period_open(period=period, user=manager)
    assert period.is_open
    with pytest.raises(ValidationError, match="already open"):
        services.period_open(period=period, user=manager)
    period = services.period_change_deadline(
        period=period, deadline=datetime.date(2025, 8, 25), reason="Summer holidays", user=manager
    )
    period = services.period_close(period=period, user=manager)
    reasons = list(period.history.order_by("history_date").values_list("history_change_reason"))
    assert [r for (r,) in reasons] == [
        "Quarter set up",
        "Opened for returns",
        "Deadline moved from 11 Aug 2025 to 25 Aug 2025",
        "Closed for returns",
    ]
    assert period.history.filter(deadline_reason="Summer holidays").exists()


def test_moving_a_deadline_needs_a_reason(manager):
    period = ReportingPeriodFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.period_change_deadline(
            period=period,
            deadline=period.deadline + datetime.timedelta(days=7),
            reason="",
            user=manager,
        )
    assert "reason" in errors_of(excinfo)


def test_reporters_cannot_manage_quarters(chair):
    with pytest.raises(PermissionDenied):
        services.period_create(financial_year=2025, quarter=2, user=chair)


def test_factory_return_still_valid_for_services(quarter, manager):
    # a return made by the factory (no history version) can still be reviewed
    ret = ReturnFactory(measure=quarter["measure"], period=quarter["period"], submitted=True)
    assert services.return_approve(ret=ret, user=manager, expected_version=1).is_locked
