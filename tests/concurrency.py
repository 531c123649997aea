"""Helpers for the tests that run two saves at once, each in its own thread and connection.

They need PostgreSQL: SQLite has no row locks (``select_for_update`` does nothing there) and
lets one writer at a time into the whole database, so two saves cannot interleave.
"""

import time

import pytest
from django.db import connection

WAIT = 20  # seconds: far longer than any step takes, short enough to fail rather than hang

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks: SQLite has none and admits one writer at a time, so two saves "
    "cannot run at once; the sequential stale-edit tests cover SQLite",
)


def a_session_waits_for_a_lock() -> bool:
    """Whether another connection to the test database is waiting for a lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def wait_until(condition) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False
