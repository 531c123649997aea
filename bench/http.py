"""The HTTP benchmark: gunicorn workers serving the current database, loaded by wrk.

``serve()`` starts gunicorn on a free loopback port in its own process group and stops the
whole group afterwards; ``wrk()`` runs wrk against one URL and parses its report. Every step
has a time limit, so a hung server or client cannot hang the run.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

START_SECONDS = 30
STOP_SECONDS = 10


class HttpBenchError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict | None = None, timeout: float = 5) -> int:
    """The status of one GET on the loopback server (redirects are not followed)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@contextmanager
def serve(*, workers: int, env: dict[str, str], log: Path) -> Iterator[int]:
    """Run gunicorn (``workers`` sync workers) on 127.0.0.1; yield its port once it answers."""
    port = _free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
            ],
            cwd=settings.BASE_DIR,
            env={**os.environ, **env},
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
        try:
            _wait_until_up(process, port, log)
            yield port
        finally:
            _stop(process)


def _wait_until_up(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HttpBenchError(f"gunicorn exited ({process.returncode}):\n{_tail(log)}")
        try:
            if get(port, "/health/", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise HttpBenchError(f"gunicorn did not answer within {START_SECONDS} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)
    except ProcessLookupError:
        pass


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text().splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass(frozen=True)
class WrkResult:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors plus non-2xx/3xx responses


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(name: str, output: str) -> WrkResult:
    """Requests/s, median and 99th percentile latency and errors from ``wrk --latency``."""

    def find(pattern: str) -> re.Match:
        match = re.search(pattern, output)
        if match is None:
            raise HttpBenchError(f"Unexpected wrk output (no {pattern!r}):\n{output}")
        return match

    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return WrkResult(
        name=name,
        requests_per_second=float(find(r"Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=_ms(find(r"\s50%\s+([\d.]+\w+)").group(1)),
        p99_ms=_ms(find(r"\s99%\s+([\d.]+\w+)").group(1)),
        requests=int(find(r"(\d+) requests in").group(1)),
        errors=errors,
    )


def wrk(
    name: str, url: str, *, seconds: int, connections: int, headers: dict | None = None
) -> WrkResult:
    """Load ``url`` with wrk for ``seconds`` over ``connections`` connections."""
    threads = max(1, min(connections, os.cpu_count() or 1))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "10s"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    try:
        done = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
        )
    except FileNotFoundError as exc:
        raise HttpBenchError("wrk is not installed (apt-get install wrk).") from exc
    except subprocess.CalledProcessError as exc:
        raise HttpBenchError(f"wrk failed ({exc.returncode}): {exc.stderr or exc.stdout}") from exc
    return parse_wrk(name, done.stdout)
