"""The load test's pieces that can be checked without a server: the check that every saved
return is whole (and that it fails on a torn one), who saves what, and the figures."""

from decimal import Decimal

import pytest

from bench import load
from measures import services
from measures.models import Measure, ReportingPeriod, Return
from tests.factories import (
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    data_lead_of,
)

TOKENS = (1_000_001, 1_000_002, 1_000_003)


@pytest.fixture
def quarter(db, chair_body, chair):
    plan = PlanFactory(active=True, slug="2022-25")
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024, quarter=4, start_date=start, end_date=end, is_open=True
    )
    measure = MeasureFactory(
        priority=PriorityFactory(plan=plan),
        reporting_body=chair_body,
        unit=Measure.Unit.COUNT,
        target=Decimal("10"),
    )
    return {"period": period, "measure": measure, "chair": chair, "body": chair_body}


def save(quarter, token: int, version: int) -> Return:
    figures = services.ReturnFigures(
        value=Decimal(token), commentary=load.token_text(token), next_steps=load.token_text(token)
    )
    return services.return_save_draft(
        measure=quarter["measure"],
        period=quarter["period"],
        user=quarter["chair"],
        figures=figures,
        expected_version=version,
    )


@pytest.fixture
def saved(quarter):
    """Three saves through the service, as the load test's POSTs make them."""
    for version, token in enumerate(TOKENS):
        ret = save(quarter, token, version)
    return ret


def check(quarter, confirmed=TOKENS, unknown=(), version_before=0):
    return load.check_returns_whole(
        [
            load.SavedReturn(
                measure_id=quarter["measure"].pk,
                period_id=quarter["period"].pk,
                version_before=version_before,
                confirmed=tuple(confirmed),
                unknown=tuple(unknown),
            )
        ]
    )


def test_whole_returns_pass(quarter, saved):
    result = check(quarter)
    assert result.passed, result.problems
    assert (result.returns, result.history_rows, result.unknown_committed) == (1, 3, 0)
    assert saved.version == 3


def test_a_return_whose_fields_come_from_different_saves_fails(quarter, saved):
    Return.objects.filter(pk=saved.pk).update(next_steps=load.token_text(TOKENS[1]))
    result = check(quarter)
    assert not result.passed
    assert len(result.partial_returns) == 1
    assert "1000003, 1000003, 1000002" in result.partial_returns[0]


def test_a_torn_value_fails(quarter, saved):
    Return.objects.filter(pk=saved.pk).update(value=Decimal("7"))
    assert check(quarter).partial_returns


def test_a_torn_history_row_fails(quarter, saved):
    row = Return.history.filter(id=saved.pk, version=2).get()
    Return.history.filter(pk=row.pk).update(commentary=load.token_text(TOKENS[0]))
    result = check(quarter)
    assert not result.passed
    assert result.partial_history == [
        f"return of measure {quarter['measure'].pk} in quarter {quarter['period'].pk}, "
        "history of version 2: (1000002, 1000001, 1000002)"
    ]
    assert not result.partial_returns


def test_a_save_answered_saved_but_missing_fails(quarter, saved):
    result = check(quarter, confirmed=(*TOKENS, 1_000_004))
    assert not result.passed
    assert "missing or out of order: [1000004]" in result.other[0]


def test_a_version_raised_without_a_save_in_the_history_fails(quarter, saved):
    Return.objects.filter(pk=saved.pk).update(version=4)
    result = check(quarter)
    assert not result.passed
    assert "version 4 from 0" in result.other[0]


def test_a_save_nobody_sent_fails(quarter, saved):
    assert "saves nobody sent: [1000003]" in check(quarter, confirmed=TOKENS[:2]).other[0]


def test_a_save_without_an_answer_may_have_reached_the_database(quarter, saved):
    result = check(quarter, confirmed=TOKENS[:2], unknown=TOKENS[2:])
    assert result.passed, result.problems
    assert result.unknown_committed == 1


def test_only_the_saves_after_the_starting_version_are_checked(quarter):
    ret = ReturnFactory(
        measure=quarter["measure"], period=quarter["period"], commentary="Written before"
    )
    before = ret.version
    save(quarter, TOKENS[0], before)
    result = check(quarter, confirmed=TOKENS[:1], version_before=before)
    assert result.passed, result.problems
    assert result.history_rows == 1


# --- who saves what, and the figures ------------------------------------------------------


def test_each_person_gets_a_return_of_their_own_body(quarter):
    other = data_lead_of(quarter["body"])
    second = MeasureFactory(
        priority=quarter["measure"].priority,
        reporting_body=quarter["body"],
        unit=Measure.Unit.DAYS,
    )
    MeasureFactory(  # a percentage cannot take a token as its value
        priority=quarter["measure"].priority, reporting_body=quarter["body"]
    )
    people = load.pick_people(quarter["period"], 2)
    assert {(m.user, measure) for m, measure in people} == {
        (quarter["chair"], quarter["measure"]),
        (other, second),
    }
    with pytest.raises(load.LoadError, match="only 2 people"):
        load.pick_people(quarter["period"], 3)


def test_figures_per_kind_and_in_total():
    outcomes = [
        load.Outcome(load.HOME, 0, 10.0),
        load.Outcome(load.HOME, 0, 30.0),
        load.Outcome(load.SAVE, 0, 20.0, "not saved (answered 409)"),
        load.Outcome(load.SAVE, 0, None, "connection error (RemoteDisconnected)"),
    ]
    rows = {row.kind: row for row in load.figures(outcomes, seconds=2)}
    assert (rows[load.HOME].requests, rows[load.HOME].p50_ms, rows[load.HOME].errors) == (
        2,
        20.0,
        0,
    )
    assert (rows[load.SAVE].requests_per_second, rows[load.SAVE].errors) == (1.0, 2)
    assert rows["total"].requests == 4 and rows["total"].errors == 2
    assert rows[load.REPORT].requests == 0
    assert "return save: 1 x not saved (answered 409)" in load.figures_table(list(rows.values()))


def test_connections_start_at_different_kinds():
    first = load.cycle(0)
    second = load.cycle(1)
    assert [next(first) for _ in range(6)] == [*load.KINDS, load.KINDS[0]]
    assert next(second) == load.KINDS[1]
