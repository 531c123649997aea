"""What the load test watches besides the answers (``manage.py loadtest``): gunicorn's
processes (the master, its workers and their memory, a worker replaced after a kill) and how
often PostgreSQL's sessions wait on a lock."""

from __future__ import annotations

import os
import threading
import time

from django.db import connection

from bench.load import LoadError


class LockSampler:
    """Samples PostgreSQL's sessions of this database every ``every`` seconds while running (in
    its own thread and connection): how many are active and how many of those wait on a lock.
    ``waiting_share`` is the share of active-session samples that were waiting on a lock."""

    def __init__(self, every: float = 0.02):
        self.every, self.active, self.waiting, self.samples = every, 0, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with connection.cursor() as cursor:
                while not self._stop.is_set():
                    cursor.execute(
                        "SELECT count(*) FILTER (WHERE state = 'active'), "
                        "count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') "
                        "FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                    active, waiting = cursor.fetchone()
                    self.active += active
                    self.waiting += waiting
                    self.samples += 1
                    self._stop.wait(self.every)
        finally:
            connection.close()

    def __enter__(self) -> LockSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    @property
    def waiting_share(self) -> float:
        return self.waiting / self.active if self.active else 0.0


# --- gunicorn's processes -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux: read from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            found.append(int(entry))
    return sorted(found)


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def gunicorn_master(port: int) -> int:
    """The pid of the gunicorn master this process started on ``port``."""
    for pid in _children(os.getpid()):
        if "gunicorn" in _cmdline(pid) and f"127.0.0.1:{port}" in _cmdline(pid):
            return pid
    raise LoadError(f"No gunicorn master of this process listens on port {port}.")


def gunicorn_workers(master: int) -> list[int]:
    return _children(master)


def resident_mb(pid: int) -> float:
    """A process's resident memory now (VmRSS), in MB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def wait_for_respawn(master: int, killed: int, workers: int, seconds: float) -> list[int]:
    """Wait until the master has ``workers`` workers again, none of them ``killed``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        current = gunicorn_workers(master)
        if len(current) == workers and killed not in current:
            return current
        time.sleep(0.05)
    raise LoadError(f"gunicorn did not replace worker {killed} within {seconds:.0f} s.")
