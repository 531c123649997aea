import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure, Rag, ReportingPeriod, Return
from tests.factories import (
    GovernanceBodyFactory,
    ManagerFactory,
    MeasureFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = Decimal


# --- Measure: constraints ---------------------------------------------------------------------


def test_measure_factory_builds_a_valid_measure():
    measure = MeasureFactory()
    measure.full_clean()
    assert measure.strategy.owner_body == measure.reporting_body


@pytest.mark.parametrize(
    "values",
    [
        {"target": D("100.01")},
        {"target": D("-1")},
        {"baseline": D("101")},
        {"baseline": D("-0.5")},
    ],
    ids=["target over 100", "negative target", "baseline over 100", "negative baseline"],
)
def test_percentage_measure_stays_within_0_and_100(violates, values):
    with violates("measure_percentage_within_0_100"):
        MeasureFactory(unit=Measure.Unit.PERCENTAGE, **values)


@pytest.mark.parametrize("target", [D("0"), D("100")])
def test_percentage_target_may_be_exactly_0_or_100(target):
    assert MeasureFactory(unit=Measure.Unit.PERCENTAGE, baseline=target, target=target).pk


def test_count_measure_may_exceed_100():
    measure = MeasureFactory(unit=Measure.Unit.COUNT, baseline=D("250"), target=D("300"))
    assert measure.pk


@pytest.mark.parametrize("polarity", [Measure.Polarity.HIGHER, Measure.Polarity.LOWER])
def test_measure_with_polarity_needs_a_target(violates, polarity):
    with violates("measure_target_matches_polarity"):
        MeasureFactory(polarity=polarity, target=None)


def test_monitored_measure_has_no_target(violates):
    with violates("measure_target_matches_polarity"):
        MeasureFactory(polarity=Measure.Polarity.NONE, target=D("10"))


def test_monitored_measure_without_target_is_kept():
    assert MeasureFactory(monitored=True).target is None


def test_measure_tolerance_is_not_negative(violates):
    with violates("measure_tolerance_not_negative"):
        MeasureFactory(tolerance=D("-0.01"))


# --- Measure: RAG -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (D("75"), Rag.GREEN),
        (D("60"), Rag.GREEN),  # exactly at target
        (D("59.99"), Rag.AMBER),
        (D("55"), Rag.AMBER),  # exactly at target - tolerance
        (D("54.99"), Rag.RED),
        (D("0"), Rag.RED),
    ],
)
def test_rag_when_higher_is_better(value, rag):
    measure = MeasureFactory.build(
        polarity=Measure.Polarity.HIGHER, target=D("60"), tolerance=D("5")
    )
    assert measure.rag_for(value) == rag


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (D("0"), Rag.GREEN),
        (D("20"), Rag.GREEN),  # exactly at target
        (D("20.01"), Rag.AMBER),
        (D("23"), Rag.AMBER),  # exactly at target + tolerance
        (D("23.01"), Rag.RED),
    ],
)
def test_rag_when_lower_is_better(value, rag):
    measure = MeasureFactory.build(lower_is_better=True, target=D("20"), tolerance=D("3"))
    assert measure.rag_for(value) == rag


@pytest.mark.parametrize(("value", "rag"), [(D("60"), Rag.GREEN), (D("59.99"), Rag.RED)])
def test_rag_with_no_tolerance_has_no_amber(value, rag):
    measure = MeasureFactory.build(target=D("60"), tolerance=D("0"))
    assert measure.rag_for(value) == rag


@pytest.mark.parametrize("polarity", [Measure.Polarity.HIGHER, Measure.Polarity.LOWER])
def test_missing_value_is_not_rated(polarity):
    assert MeasureFactory.build(polarity=polarity).rag_for(None) == Rag.NOT_RATED


@pytest.mark.parametrize("value", [D("0"), D("1000"), None])
def test_monitored_measure_is_never_rated(value):
    assert MeasureFactory.build(monitored=True).rag_for(value) == Rag.NOT_RATED


def test_measure_without_target_is_not_rated_whatever_its_polarity():
    measure = MeasureFactory.build(polarity=Measure.Polarity.HIGHER, target=None)
    assert measure.rag_for(D("50")) == Rag.NOT_RATED


# --- Measure: display, URLs, queries ----------------------------------------------------------


def test_measure_str_and_url():
    measure = MeasureFactory(title="Children seen within 10 days")
    assert str(measure) == "Children seen within 10 days"
    assert measure.get_absolute_url() == reverse(
        "measures:measure_detail", kwargs={"pk": measure.pk}
    )
    assert str(measure.pk) in measure.get_absolute_url()


def test_active_measures_exclude_inactive_ones():
    active = MeasureFactory()
    MeasureFactory(active=False)
    assert list(Measure.objects.active()) == [active]


def test_reported_by_returns_measures_of_those_bodies():
    body = GovernanceBodyFactory()
    ours = MeasureFactory(reporting_body=body)
    MeasureFactory()
    assert list(Measure.objects.reported_by([body])) == [ours]


# --- ReportingPeriod: constraints -------------------------------------------------------------


def test_one_period_per_financial_year_and_quarter(violates):
    ReportingPeriodFactory(financial_year=2022, quarter=1)
    with violates("one_period_per_quarter"):
        ReportingPeriodFactory(financial_year=2022, quarter=1)


@pytest.mark.parametrize("quarter", [0, 5])
def test_quarter_is_1_to_4(violates, quarter):
    with violates("quarter_1_to_4"):
        ReportingPeriodFactory(
            financial_year=2022,
            quarter=quarter,
            start_date=datetime.date(2022, 4, 1),
            end_date=datetime.date(2022, 6, 30),
        )


def test_period_ends_after_it_starts(violates):
    with violates("period_ends_after_start"):
        ReportingPeriodFactory(
            start_date=datetime.date(2022, 6, 30),
            end_date=datetime.date(2022, 6, 30),
            deadline=datetime.date(2022, 7, 31),
        )


@pytest.mark.parametrize("days_after_end", [0, -1])
def test_deadline_falls_after_the_quarter_ends(violates, days_after_end):
    period = ReportingPeriodFactory.build(financial_year=2022, quarter=1)
    with violates("deadline_after_quarter_end"):
        ReportingPeriodFactory(
            financial_year=2022,
            quarter=1,
            deadline=period.end_date + datetime.timedelta(days=days_after_end),
        )


# --- ReportingPeriod: dates, labels, queries --------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)),
        (2, datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)),
        (3, datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
        (4, datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)),
    ],
)
def test_quarter_dates_follow_the_uk_financial_year(quarter, start, end):
    assert ReportingPeriod.quarter_dates(2024, quarter) == (start, end)


def test_quarter_dates_of_q4_before_a_leap_day():
    assert ReportingPeriod.quarter_dates(2023, 4) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )


@pytest.mark.parametrize(
    ("financial_year", "quarter", "label"),
    [(2022, 1, "Q1 2022-23"), (2024, 4, "Q4 2024-25"), (1999, 2, "Q2 1999-00")],
)
def test_period_label_and_str(financial_year, quarter, label):
    period = ReportingPeriodFactory(financial_year=financial_year, quarter=quarter)
    assert period.label == label
    assert str(period) == label


def test_period_url_is_its_detail_page():
    period = ReportingPeriodFactory()
    assert period.get_absolute_url() == reverse("measures:period_detail", kwargs={"pk": period.pk})
    assert str(period.pk) in period.get_absolute_url()


def test_open_periods_exclude_closed_ones():
    opened = ReportingPeriodFactory(is_open=True)
    ReportingPeriodFactory(is_open=False)
    assert list(ReportingPeriod.objects.open()) == [opened]


def test_closed_before_returns_periods_ended_before_a_day():
    q1 = ReportingPeriodFactory(financial_year=2022, quarter=1)  # ends 30 June 2022
    ReportingPeriodFactory(financial_year=2022, quarter=2)  # ends 30 September 2022
    assert list(ReportingPeriod.objects.closed_before(datetime.date(2022, 7, 1))) == [q1]
    assert list(ReportingPeriod.objects.closed_before(datetime.date(2022, 6, 30))) == []


def test_periods_list_newest_first():
    older = ReportingPeriodFactory(financial_year=2022, quarter=4)
    newer = ReportingPeriodFactory(financial_year=2023, quarter=1)
    assert list(ReportingPeriod.objects.all()) == [newer, older]


# --- Return: constraints ----------------------------------------------------------------------


def test_return_factory_states_are_valid():
    for ret in [
        ReturnFactory(),
        ReturnFactory(submitted=True),
        ReturnFactory(returned=True),
        ReturnFactory(approved=True),
        ReturnFactory(not_available=True, submitted=True),
    ]:
        ret.full_clean()
    approved = Return.objects.get(status=Return.Status.APPROVED)
    assert approved.reviewed_by != approved.submitted_by


def test_one_return_per_measure_and_period(violates):
    ret = ReturnFactory()
    with violates("one_return_per_measure_period"):
        ReturnFactory(measure=ret.measure, period=ret.period)


def test_not_available_return_has_no_value(violates):
    with violates("return_not_available_has_reason_no_value"):
        ReturnFactory(not_available=True, value=D("10"))


def test_not_available_return_needs_a_reason(violates):
    with violates("return_not_available_has_reason_no_value"):
        ReturnFactory(not_available=True, not_available_reason="")


def test_not_available_return_with_reason_is_kept():
    ret = ReturnFactory(not_available=True)
    assert (ret.not_available, ret.value, ret.rag) == (True, None, Rag.NOT_RATED)


def test_rag_override_needs_a_reason(violates):
    with violates("return_rag_override_has_reason"):
        ReturnFactory(value=D("40"), calculated_rag=Rag.RED, rag=Rag.AMBER, rag_override_reason="")


def test_rag_override_with_a_reason_is_kept():
    ret = ReturnFactory(
        value=D("40"),
        calculated_rag=Rag.RED,
        rag=Rag.AMBER,
        rag_override_reason="The fall is a recording change, not practice.",
    )
    assert ret.is_rag_overridden
    assert not ReturnFactory().is_rag_overridden


@pytest.mark.parametrize("state", ["submitted", "returned", "approved"])
def test_return_beyond_draft_has_a_value(violates, state):
    with violates("return_beyond_draft_has_value"):
        ReturnFactory(**{state: True}, value=None)


def test_draft_return_may_have_no_value_yet():
    assert ReturnFactory(value=None).pk


@pytest.mark.parametrize("missing", ["submitted_by", "submitted_at"])
@pytest.mark.parametrize("state", ["submitted", "returned", "approved"])
def test_return_beyond_draft_was_submitted(violates, state, missing):
    with violates("return_beyond_draft_was_submitted"):
        ReturnFactory(**{state: True, missing: None})


def test_approved_return_is_reviewed_by_someone_other_than_the_submitter(violates):
    submitter = UserFactory()
    with violates("return_approved_by_another"):
        ReturnFactory(approved=True, created_by=submitter, reviewed_by=submitter)


def test_approved_return_needs_a_reviewer(violates):
    with violates("return_approved_by_another"):
        ReturnFactory(approved=True, reviewed_by=None)


def test_approving_ones_own_return_is_refused_on_update(violates):
    ret = ReturnFactory(submitted=True)
    ret.status = Return.Status.APPROVED
    ret.reviewed_by = ret.submitted_by
    ret.reviewed_at = timezone.now()
    with violates("return_approved_by_another"):
        ret.save()


# --- Return: display, URLs, queries -----------------------------------------------------------


def test_return_str_names_measure_and_quarter():
    ret = ReturnFactory(
        measure=MeasureFactory(title="Children seen within 10 days"),
        period=ReportingPeriodFactory(financial_year=2022, quarter=3),
    )
    assert str(ret) == "Children seen within 10 days — Q3 2022-23"


def test_return_url_is_its_place_on_the_measure_page():
    ret = ReturnFactory()
    measure_url = reverse("measures:measure_detail", kwargs={"pk": ret.measure_id})
    assert ret.get_absolute_url() == f"{measure_url}#return-{ret.pk}"


def test_only_an_approved_return_is_locked():
    assert ReturnFactory(approved=True).is_locked
    assert not ReturnFactory(submitted=True).is_locked
    assert not ReturnFactory(returned=True).is_locked


def test_for_period_returns_that_quarters_returns():
    period = ReportingPeriodFactory()
    ours = ReturnFactory(period=period)
    ReturnFactory()
    assert list(Return.objects.for_period(period)) == [ours]


def test_overdue_returns_are_unsubmitted_after_the_deadline():
    past = ReportingPeriodFactory(financial_year=2022, quarter=1)  # deadline 30 July 2022
    today = past.deadline + datetime.timedelta(days=1)
    draft = ReturnFactory(period=past)
    returned = ReturnFactory(period=past, returned=True)
    ReturnFactory(period=past, submitted=True)
    ReturnFactory(period=past, approved=True)

    assert set(Return.objects.overdue(today)) == {draft, returned}


def test_return_due_today_is_not_yet_overdue():
    period = ReportingPeriodFactory()
    ReturnFactory(period=period)
    assert not Return.objects.overdue(period.deadline).exists()


# --- history ----------------------------------------------------------------------------------


def test_return_history_records_each_step_and_who_took_it():
    chair = UserFactory()
    manager = ManagerFactory()
    ret = ReturnFactory(created_by=chair, value=D("58"))

    ret.status = Return.Status.SUBMITTED
    ret.submitted_by = chair
    ret.submitted_at = timezone.now()
    ret._history_user = chair
    ret.save()

    ret.status = Return.Status.APPROVED
    ret.reviewed_by = manager
    ret.reviewed_at = timezone.now()
    ret._history_user = manager
    ret.save()

    steps = list(ret.history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.status) for h in steps] == [
        ("+", Return.Status.DRAFT),
        ("~", Return.Status.SUBMITTED),
        ("~", Return.Status.APPROVED),
    ]
    assert [h.history_user for h in steps[1:]] == [chair, manager]


def test_measure_history_records_a_target_change(manager):
    measure = MeasureFactory(target=D("60"))
    measure.target = D("65")
    measure._history_user = manager
    measure.save()

    latest = measure.history.first()
    assert measure.history.count() == 2
    assert (latest.history_user, latest.target, latest.prev_record.target) == (
        manager,
        D("65"),
        D("60"),
    )


@pytest.mark.parametrize("quarter", [0, 5])
def test_quarter_dates_refuse_a_quarter_outside_1_to_4(quarter):
    with pytest.raises(ValueError, match="quarters 1 to 4"):
        ReportingPeriod.quarter_dates(2024, quarter)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"not_available": True, "value": D("10"), "not_available_reason": "x"}, "value", "empty"),
        ({"not_available": True}, "not_available_reason", "Say why the figure is not available"),
        ({"rag": Rag.AMBER, "calculated_rag": Rag.RED}, "rag_override_reason", "amber rather"),
        ({"status": Return.Status.RETURNED, "submitted_by_id": 1}, "value", "Enter the value"),
        ({"status": Return.Status.SUBMITTED, "value": D("1")}, "__all__", "who submitted it"),
        (
            {"status": Return.Status.APPROVED, "value": D("1"), "submitted_by_id": 1},
            "__all__",
            "who approved it",
        ),
        (
            {"status": Return.Status.APPROVED, "value": D("1"), "submitted_by_id": 1},
            "__all__",
            "nobody reviews a return they submitted",
        ),
    ],
    ids=[
        "not available with a value",
        "not available without a reason",
        "override without a reason",
        "beyond draft without a value",
        "beyond draft never submitted",
        "approved by nobody",
        "approved by its submitter",
    ],
)
def test_clean_words_each_check_constraint(fields, field, message, request):
    """Each CHECK constraint's rule is refused with words before the database would refuse it."""
    if "submitter" in request.node.callspec.id:
        fields = {**fields, "reviewed_by_id": 1}
    fields.setdefault("submitted_at", timezone.now() if "submitted_by_id" in fields else None)
    with pytest.raises(ValidationError) as excinfo:
        Return(**fields).clean()
    assert message in " ".join(excinfo.value.message_dict[field])
