"""Two people save returns of the same quarter at the same moment.

Saves of different returns do not wait for each other: each save locks its own return's row
and nothing else (locking the quarter's row as well would queue every saver of the quarter
behind one another). Two saves of the same return still meet at its row: the second waits for
the first, then finds the newer version and is refused as stale.

On PostgreSQL the saves really run at once, each in its own thread and connection; the first
is paused inside the service just after it has taken its lock. See ``tests.concurrency`` for
why SQLite is skipped; the sequential stale-version tests in ``test_services.py`` cover it.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from measures.models import ReportingPeriod, Return
from measures.services import ReturnFigures, return_save_draft
from measures.services import returns as return_services
from tests.concurrency import WAIT, a_session_waits_for_a_lock, needs_row_locks, wait_until
from tests.factories import (
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    data_lead_of,
)

pytestmark = [pytest.mark.django_db(transaction=True), needs_row_locks]


@pytest.fixture
def two_returns():
    """Draft returns of two measures of one body for the same open quarter, and its data lead."""
    plan = PlanFactory(active=True, slug="2022-25")
    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriodFactory(
        financial_year=2024, quarter=4, start_date=start, end_date=end, is_open=True
    )
    first = MeasureFactory(priority=PriorityFactory(plan=plan))
    second = MeasureFactory(priority=first.priority, reporting_body=first.reporting_body)
    returns = [ReturnFactory(measure=m, period=period) for m in (first, second)]
    return returns, data_lead_of(first.reporting_body)


@pytest.fixture
def first_pauses_after_its_lock(monkeypatch):
    """The thread named "first" stops just after taking its lock, until ``go_on`` is set."""
    holds_the_lock, go_on = threading.Event(), threading.Event()
    refuse_stale = return_services._refuse_stale

    def pausing(ret, expected_version):
        # _open_for_entry asks whether the version is stale right after _lock has locked
        if threading.current_thread().name == "first":
            holds_the_lock.set()
            go_on.wait(WAIT)
        return refuse_stale(ret, expected_version)

    monkeypatch.setattr(return_services, "_refuse_stale", pausing)
    return holds_the_lock, go_on


def _saver(ret: Return, user, outcome: dict):
    def save(commentary: str) -> None:
        name = threading.current_thread().name
        try:
            return_save_draft(
                measure=ret.measure,
                period=ret.period,
                user=user,
                figures=ReturnFigures(value=Decimal("58"), commentary=commentary),
                expected_version=ret.version,
            )
            outcome[name] = "saved"
        except ValidationError as error:
            outcome[name] = error.code
        except Exception as error:  # anything else is reported by the assertions
            outcome[name] = repr(error)
        finally:
            connections.close_all()

    return save


def _run(first, second, holds_the_lock, go_on, *, done_or_waiting):
    first.start()
    try:
        assert holds_the_lock.wait(WAIT), "the first save never took its lock"
        second.start()
        assert wait_until(done_or_waiting)
        return second.is_alive()
    finally:
        go_on.set()
        first.join(WAIT)
        if second.ident is not None:
            second.join(WAIT)


def test_a_save_does_not_wait_for_another_return_of_the_same_quarter(
    two_returns, first_pauses_after_its_lock
):
    (mine, theirs), user = two_returns
    outcome: dict = {}
    first = threading.Thread(target=_saver(mine, user, outcome), args=("A",), name="first")
    second = threading.Thread(target=_saver(theirs, user, outcome), args=("B",), name="second")

    second_blocked = _run(
        first,
        second,
        *first_pauses_after_its_lock,
        done_or_waiting=lambda: not second.is_alive() or a_session_waits_for_a_lock(),
    )

    assert not second_blocked, f"the second save waited for the first's lock: {outcome}"
    assert outcome == {"first": "saved", "second": "saved"}
    assert sorted(Return.objects.values_list("commentary", flat=True)) == ["A", "B"]


def test_two_saves_of_the_same_return_the_second_waits_and_is_refused(
    two_returns, first_pauses_after_its_lock
):
    (ret, _), user = two_returns
    outcome: dict = {}
    first = threading.Thread(target=_saver(ret, user, outcome), args=("A",), name="first")
    second = threading.Thread(target=_saver(ret, user, outcome), args=("B",), name="second")

    second_waited = _run(
        first,
        second,
        *first_pauses_after_its_lock,
        done_or_waiting=lambda: a_session_waits_for_a_lock() or not second.is_alive(),
    )

    assert second_waited, f"the second save did not wait for the first's row lock: {outcome}"
    assert outcome == {"first": "saved", "second": "stale"}
    ret.refresh_from_db()
    assert (ret.commentary, ret.version) == ("A", 2)
