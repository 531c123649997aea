"""Two of a body's reporters update the same action at the same moment, both from the update
form opened at the same change: exactly one update is saved and the other is refused as stale,
with its evidence file not kept.

On PostgreSQL the two submissions really run at once, each in its own thread and connection.
The first is paused inside the service just after it has taken the action's row lock; the
second must wait for that lock and, once the first has saved, find the newer change and be
refused. See ``tests.concurrency`` for why SQLite is skipped; the sequential stale-edit tests
in ``test_actions.py`` and ``test_evidence.py`` cover it.
"""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.urls import reverse

from assurance import services
from assurance.models import ActionUpdate
from sscp.editing import last_change_id
from tests.concurrency import WAIT, a_session_waits_for_a_lock, needs_row_locks, wait_until
from tests.factories import ActionFactory, GovernanceBodyFactory, chair_of, data_lead_of

pytestmark = [pytest.mark.django_db(transaction=True), needs_row_locks]


def test_two_reporters_update_an_action_at_once_and_the_second_is_refused(
    monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    body = GovernanceBodyFactory()
    reporters = {"first": chair_of(body), "second": data_lead_of(body)}
    action = ActionFactory(owner_body=body)
    url = reverse("assurance:action_update", args=[action.pk])
    clients = {}
    for name, user in reporters.items():
        clients[name] = Client()
        clients[name].force_login(user)
    opened_at = last_change_id(action)  # both opened the form now

    first_holds_the_lock, first_may_go_on = threading.Event(), threading.Event()
    save_checked = services.save_checked

    def pausing_the_first(obj, errors):
        # action_update saves the action just after ensure_unchanged_since has locked its row
        if threading.current_thread().name == "first":
            first_holds_the_lock.set()
            first_may_go_on.wait(WAIT)
        return save_checked(obj, errors)

    monkeypatch.setattr(services, "save_checked", pausing_the_first)
    outcome = {}

    def submit() -> None:
        name = threading.current_thread().name
        try:
            response = clients[name].post(
                url,
                {
                    "status": "on_track",
                    "text": f"Update from the {name} reporter.",
                    "evidence_url": "",
                    "evidence_file": SimpleUploadedFile(f"{name}.pdf", b"%PDF-1.7\n%%EOF\n"),
                    "done": "",
                    "last_change": opened_at,
                },
            )
            if response.status_code == 302:
                outcome[name] = "saved"
            else:
                errors = str(response.context["form"].non_field_errors())
                outcome[name] = "stale" if "after you opened this form" in errors else errors
        except Exception as error:  # anything else is reported by the assertion below
            outcome[name] = repr(error)
        finally:
            connections.close_all()

    first = threading.Thread(target=submit, name="first")
    second = threading.Thread(target=submit, name="second")
    first.start()
    try:
        assert first_holds_the_lock.wait(WAIT), "the first update never took the lock"
        second.start()
        second_waited = wait_until(lambda: a_session_waits_for_a_lock() or not second.is_alive())
        second_waited = second_waited and second.is_alive()
    finally:
        first_may_go_on.set()
        first.join(WAIT)
        if second.ident is not None:
            second.join(WAIT)

    assert second_waited, f"the second update did not wait for the first's row lock: {outcome}"
    assert outcome == {"first": "saved", "second": "stale"}
    update = ActionUpdate.objects.get()
    assert (update.text, update.written_by, update.evidence_name) == (
        "Update from the first reporter.",
        reporters["first"],
        "first.pdf",
    )
    assert [path.name for path in tmp_path.rglob("*.pdf")] == [
        update.evidence_file.name.rsplit("/", 1)[-1]
    ]
