"""``manage.py bench``: time every page at demo scale and at fifty times the data (make bench);
``manage.py bench --http``: gunicorn and wrk on PostgreSQL (make bench-http)."""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench import database, http
from bench.data import ensure_published_report, ensure_yearly_draft, generate_partnership
from bench.pages import FLOOR, PLAN_ON_A_PAGE, pick_targets
from bench.timing import BenchError, BenchResult, time_pages
from demo.loader import load_demo_data
from plans.models import ProgressReport


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Command(BaseCommand):
    help = (
        "Benchmark every page in a fresh database: the demo data (x1) and a generated "
        "partnership (x50 by default), each page timed in-process with its SQL queries counted; "
        "prints a table and the budgets. With --http: gunicorn and wrk on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scales",
            default="x1,x50",
            help="Data sets to time, comma-separated: x1 is the demo, xN a generated "
            "partnership N times its size (default x1,x50; e.g. x1,x50,x200).",
        )
        parser.add_argument(
            "--scale", type=int, default=50, help="Generated scale for --http (default 50)."
        )
        parser.add_argument(
            "--requests", type=int, default=30, help="Timed requests per page (default 30)."
        )
        parser.add_argument("--warmup", type=int, default=3, help="Warm-up requests per page.")
        parser.add_argument("--json", metavar="PATH", help="Also write the results as JSON.")
        parser.add_argument(
            "--strict", action="store_true", help="Exit with status 1 when a budget fails."
        )
        parser.add_argument(
            "--http", action="store_true", help="gunicorn + wrk instead (PostgreSQL only)."
        )
        parser.add_argument("--http-seconds", type=int, default=20)
        parser.add_argument("--http-connections", type=int, default=16)
        parser.add_argument("--http-workers", type=int, default=3)

    def handle(self, *args, **options):
        if options["scale"] < 1 or options["requests"] < 1 or options["warmup"] < 1:
            raise CommandError("--scale, --requests and --warmup must be at least 1.")
        signal.signal(signal.SIGTERM, database.stop_on_sigterm)
        # whitenoise warns when collectstatic has not run; the pages do not need it in-process.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        try:
            if options["http"]:
                self.http_bench(options)
            else:
                self.page_bench(options)
        except (BenchError, http.HttpBenchError) as exc:
            raise CommandError(str(exc)) from exc

    def say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    # --- make bench ---------------------------------------------------------------------------

    @staticmethod
    def parse_scales(text: str) -> list[int]:
        """``"x1,x50,x200"`` as ``[1, 50, 200]``: increasing, 1 meaning the demo."""
        try:
            scales = [int(part.strip().removeprefix("x")) for part in text.split(",")]
        except ValueError:
            scales = []
        if not scales or min(scales) < 1 or scales != sorted(set(scales)):
            raise CommandError(
                f"--scales {text!r}: give increasing scales such as x1,x50,x200 (x1 is the demo)."
            )
        return scales

    def page_bench(self, options) -> None:
        scales = self.parse_scales(options["scales"])
        self.say(
            f"Settings {settings.SETTINGS_MODULE}, DEBUG {settings.DEBUG}; "
            f"{options['requests']} timed requests per page and mode after {options['warmup']} "
            "warm-up."
        )
        if settings.DEBUG:
            self.say(self.style.WARNING("DEBUG is on: set DJANGO_DEBUG=false for real figures."))
        # The demo's notices are e-mailed; kept in memory here, not printed among the figures.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        with database.fresh_database("_bench"):
            result = BenchResult(database=database.describe(), scales=[f"x{n}" for n in scales])
            self.say(f"Fresh database: {result.database}")
            for index, scale in enumerate(scales):
                if index:
                    database.empty_database()
                if scale == 1:
                    self.load_demo(result)
                else:
                    generated = generate_partnership(scale)
                    database.analyze()
                    result.generation_seconds = generated.seconds
                    self.say(
                        f"x{scale}: generated {generated.summary()} in {generated.seconds:.1f} s "
                        f"(peak memory so far {peak_rss_mb():.0f} MB)"
                    )
                self.time_scale(result, f"x{scale}", options)
        result.peak_rss_mb = round(peak_rss_mb(), 1)
        result.notes.append(f"Peak memory (max RSS of this process): {result.peak_rss_mb:.0f} MB.")

        self.say("")
        self.say(result.report())
        if options["json"]:
            path = Path(options["json"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(result.to_json(), indent=2) + "\n")
            self.say(f"\nWrote {path}")
        if options["strict"] and not all(b.passed for b in result.budgets()):
            raise CommandError("A budget failed (--strict).")

    def load_demo(self, result: BenchResult) -> None:
        started = time.perf_counter()
        load_demo_data(with_passwords=False)
        had_report = ProgressReport.objects.published().exists()
        report = ensure_published_report()
        ensure_yearly_draft()
        self.say(f"x1: demo data loaded in {time.perf_counter() - started:.1f} s")
        if report is not None and not had_report:
            result.notes.append(
                f"The demo has no published report yet: the bench published one "
                f"({report}) for the x1 '{report.plan.slug}' report pages."
            )

    def time_scale(self, result: BenchResult, scale: str, options) -> None:
        started = time.perf_counter()
        timings, skipped = time_pages(
            pick_targets(), scale=scale, requests=options["requests"], warmup=options["warmup"]
        )
        result.timings += timings
        result.skipped += skipped
        self.say(f"{scale}: timed {len(timings)} pages in {time.perf_counter() - started:.1f} s")

    # --- make bench-http ----------------------------------------------------------------------

    def http_bench(self, options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The HTTP benchmark runs on PostgreSQL: set DATABASE_URL=postgres://... "
                "(make bench-http does)."
            )
        scale, seconds = options["scale"], options["http_seconds"]
        workers, connections = options["http_workers"], options["http_connections"]
        self.say(f"Settings {settings.SETTINGS_MODULE}, DEBUG {settings.DEBUG}.")
        call_command("collectstatic", interactive=False, verbosity=0)
        with database.fresh_database("_bench_http"):
            self.say(f"Fresh database: {database.describe()}")
            generated = generate_partnership(scale)
            database.analyze()
            self.say(f"x{scale}: generated {generated.summary()} in {generated.seconds:.1f} s")
            targets = pick_targets()
            client = Client()
            client.force_login(targets.users["manager"])
            cookie = f"{settings.SESSION_COOKIE_NAME}="
            cookie += client.cookies[settings.SESSION_COOKIE_NAME].value
            pages = [
                (FLOOR, reverse("login"), {}),
                (
                    PLAN_ON_A_PAGE,
                    reverse("plans:plan_detail", kwargs={"slug": targets.plan.slug}),
                    {"Cookie": cookie},
                ),
            ]
            env = {
                "DATABASE_URL": database.database_url(),
                "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            }
            log = Path(settings.BASE_DIR) / ".bench" / "gunicorn.log"
            self.say(
                f"gunicorn: {workers} workers on 127.0.0.1, DATABASE_CONN_MAX_AGE="
                f"{os.environ.get('DATABASE_CONN_MAX_AGE', '0')}, log {log}"
            )
            results = []
            with http.serve(workers=workers, env=env, log=log) as port:
                for name, path, headers in pages:
                    status = http.get(port, path, headers)
                    if status != 200:
                        raise CommandError(f"{name} ({path}) answered {status}, expected 200.")
                for name, path, headers in pages:
                    self.say(f"wrk: {name} for {seconds} s at {connections} connections ...")
                    results.append(
                        http.wrk(
                            name,
                            f"http://127.0.0.1:{port}{path}",
                            seconds=seconds,
                            connections=connections,
                            headers=headers,
                        )
                    )
        self.say("")
        self.say(self.http_report(results, workers, connections, seconds, scale))

    @staticmethod
    def http_report(results, workers: int, connections: int, seconds: int, scale: int) -> str:
        width = max(len(r.name) for r in results)
        lines = [
            f"gunicorn ({workers} workers), PostgreSQL, x{scale} data; "
            f"wrk: {connections} connections, {seconds} s per page, loopback",
            f"{'page':{width}}  {'requests/s':>10}  {'p50 ms':>7}  {'p99 ms':>7}  "
            f"{'requests':>8}  {'errors':>6}",
        ]
        for r in results:
            lines.append(
                f"{r.name:{width}}  {r.requests_per_second:10.1f}  {r.p50_ms:7.1f}  "
                f"{r.p99_ms:7.1f}  {r.requests:8}  {r.errors:6}"
            )
        floor, page = results[0], results[-1]
        if page.requests_per_second:
            lines.append(
                f"{page.name} serves {page.requests_per_second / floor.requests_per_second:.2f} "
                f"times the login page's requests/s (login/{page.name} = "
                f"{floor.requests_per_second / page.requests_per_second:.1f}x)."
            )
        return "\n".join(lines)
