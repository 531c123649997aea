"""Two managers save the same consultation at the same moment, both from a form opened at the
same change: the second save is refused as stale and the row holds exactly the first.

On PostgreSQL the two saves really run at once, each in its own thread and connection. The
first is paused inside the service after it has taken the row's lock; the second must then
wait for that lock, and once the first has saved, find the newer change and be refused. Without
the lock the second would read the history before the first has written it, and both saves
would go through.

SQLite has no row locks (``select_for_update`` does nothing there) and lets one writer at a time
into the whole database, so the threads cannot interleave as they do on PostgreSQL; there the
sequential stale-edit tests in ``test_services.py`` stand for both databases.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from consultations import services
from consultations.models import Consultation
from sscp.editing import STALE_CODE, last_change_id
from tests.concurrency import WAIT, a_session_waits_for_a_lock, needs_row_locks, wait_until
from tests.factories import ConsultationFactory, ManagerFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_row_locks]


def test_two_saves_at_once_the_second_waits_for_the_lock_and_is_refused(monkeypatch):
    manager = ManagerFactory()
    consultation = ConsultationFactory(title="Original")
    opened_at = last_change_id(consultation)

    first_holds_the_lock = threading.Event()
    first_may_go_on = threading.Event()
    rules = services.consultation_save_refusals

    def rules_pausing_the_first_save(**values):
        # consultation_save asks its rules after ensure_unchanged_since has locked the row
        if threading.current_thread().name == "first":
            first_holds_the_lock.set()
            first_may_go_on.wait(WAIT)
        return rules(**values)

    monkeypatch.setattr(services, "consultation_save_refusals", rules_pausing_the_first_save)
    outcome = {}

    def save(title: str) -> None:
        name = threading.current_thread().name
        try:
            edited = Consultation.objects.get(pk=consultation.pk)
            edited.title = title
            services.consultation_save(
                consultation=edited, groups=[], user=manager, seen_change=opened_at
            )
            outcome[name] = "saved"
        except ValidationError as error:
            outcome[name] = error.code
        except Exception as error:  # anything else is reported by the assertion below
            outcome[name] = repr(error)
        finally:
            connections.close_all()

    first = threading.Thread(target=save, args=("First save",), name="first")
    second = threading.Thread(target=save, args=("Second save",), name="second")
    first.start()
    try:
        assert first_holds_the_lock.wait(WAIT), "the first save never reached its rules"
        second.start()
        second_waited = wait_until(lambda: a_session_waits_for_a_lock() or not second.is_alive())
        second_waited = second_waited and second.is_alive()
    finally:
        first_may_go_on.set()
        first.join(WAIT)
        if second.ident is not None:
            second.join(WAIT)

    assert second_waited, f"the second save did not wait for the first's row lock: {outcome}"
    assert outcome == {"first": "saved", "second": STALE_CODE}
    consultation.refresh_from_db()
    assert consultation.title == "First save"
    assert consultation.history.count() == 2  # created, then the first save only
