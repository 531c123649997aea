"""A fresh, migrated database for one benchmark run, dropped afterwards.

SQLite: a file in a temporary directory (never the project's ``db.sqlite3``). PostgreSQL: a
database named after the configured one plus a suffix (``sscp`` -> ``sscp_bench``), created,
migrated, and dropped at the end even when the run fails. Django's test-database machinery does
the work, so the configured database itself is never touched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote

from django.core.management import call_command
from django.db import connection


@contextmanager
def fresh_database(suffix: str = "_bench") -> Iterator[str]:
    """Switch the default connection to a new, migrated database; yield its name."""
    with ExitStack() as stack:
        if connection.vendor == "sqlite":
            directory = stack.enter_context(tempfile.TemporaryDirectory(prefix="sscp-bench-"))
            name = str(Path(directory) / "bench.sqlite3")
        else:
            name = f"{connection.settings_dict['NAME']}{suffix}"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
        original = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield name
        finally:
            connection.creation.destroy_test_db(original, verbosity=0)


def stop_on_sigterm(signum, frame):
    """A SIGTERM handler for the bench and load commands: raise SystemExit, so the ``finally``
    blocks stop gunicorn and drop the fresh database (``signal.signal(SIGTERM, ...)``)."""
    raise SystemExit(128 + signum)


def empty_database() -> None:
    """Delete every row (between data sets), keeping the tables."""
    call_command("flush", interactive=False, verbosity=0)


def analyze() -> None:
    """After a bulk load, what autovacuum would soon do on PostgreSQL: refresh the planner's
    statistics and the visibility map (without it, counts read from an index still visit every
    row, as no running database does for long)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def database_url() -> str:
    """The current PostgreSQL connection as a DATABASE_URL, for a server in another process."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{'@' if auth else ''}{host}{port}/{s['NAME']}"


def describe() -> str:
    """What the run uses: "postgresql 16.4 (sscp_bench)", "sqlite 3.40.1 (temporary file)"."""
    if connection.vendor == "sqlite":
        return f"sqlite {connection.Database.sqlite_version} (temporary file)"
    number = connection.pg_version  # e.g. 160004
    version = f"{number // 10000}.{number % 100}"
    return f"postgresql {version} ({connection.settings_dict['NAME']})"
