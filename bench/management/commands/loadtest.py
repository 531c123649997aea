"""``manage.py loadtest`` (make loadtest): gunicorn on PostgreSQL under a mix of reads and saves,
then a worker killed while returns are being saved; exits 1 on any error or partial return.
See docs/reliability.md and ``bench.load``."""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench import database, http, load, observe
from bench.data import generate_partnership
from bench.pages import pick_targets
from measures.models import Return

RESPAWN_SECONDS = 30


class Command(BaseCommand):
    help = (
        "Load test on PostgreSQL: gunicorn serving a generated partnership to many signed-in "
        "people at once (home page, Plan on a Page, My returns, return saves, a published "
        "report), then one worker killed while returns are saved; checks every return is whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10, help="Generated scale (default 10).")
        parser.add_argument("--seconds", type=int, default=60, help="The mix, in seconds.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers.")
        parser.add_argument(
            "--readers", type=int, default=16, help="Readers in the readers-and-writers phase."
        )
        parser.add_argument(
            "--writers", type=int, default=2, help="Writers in the readers-and-writers phase."
        )
        parser.add_argument(
            "--phase-seconds",
            type=int,
            default=30,
            help="Seconds of the readers-and-writers phase and of the savers-only phase.",
        )
        parser.add_argument(
            "--kill-seconds", type=int, default=20, help="Saves only, one worker killed (s)."
        )
        parser.add_argument(
            "--kill-after", type=float, default=5, help="Seconds into the saves to kill it."
        )

    def say(self, text: str = "") -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The load test runs on PostgreSQL: set DATABASE_URL=postgres://... "
                "(make loadtest does)."
            )
        if options["kill_after"] >= options["kill_seconds"]:
            raise CommandError("--kill-after must fall within --kill-seconds.")
        signal.signal(signal.SIGTERM, database.stop_on_sigterm)
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        self.failures: list[str] = []
        try:
            self.run(options)
        except (load.LoadError, http.HttpBenchError) as exc:
            raise CommandError(str(exc)) from exc
        if self.failures:
            raise CommandError("The load test failed:\n  " + "\n  ".join(self.failures))
        self.say(self.style.SUCCESS("Load test passed: no errors, every return whole."))

    def run(self, options) -> None:
        connections, workers = options["connections"], options["workers"]
        self.say(f"Settings {settings.SETTINGS_MODULE}, DEBUG {settings.DEBUG}.")
        call_command("collectstatic", interactive=False, verbosity=0)
        with database.fresh_database("_loadtest"):
            self.say(f"Fresh database: {database.describe()}")
            generated = generate_partnership(options["scale"])
            database.analyze()
            self.say(
                f"x{options['scale']}: generated {generated.summary()} in {generated.seconds:.1f} s"
            )
            targets = pick_targets()
            crowd_size = max(connections, options["readers"] + options["writers"])
            people = load.pick_people(targets.period, crowd_size)
            paths = {
                load.HOME: reverse("home"),
                load.PLAN_ON_A_PAGE: targets.plan.get_absolute_url(),
                load.MY_RETURNS: reverse("measures:my_returns"),
                load.REPORT: targets.report.get_absolute_url(),
            }
            versions_before = {(measure.pk, targets.period.pk): 0 for _, measure in people} | {
                (r.measure_id, r.period_id): r.version
                for r in Return.objects.filter(
                    period=targets.period, measure__in=[m for _, m in people]
                )
            }
            env = {
                "DATABASE_URL": database.database_url(),
                "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            }
            log = Path(settings.BASE_DIR) / ".bench" / "loadtest-gunicorn.log"
            self.say(
                f"gunicorn: {workers} sync workers on 127.0.0.1, DATABASE_CONN_MAX_AGE="
                f"{os.environ.get('DATABASE_CONN_MAX_AGE', '0')}, log {log}"
            )
            with http.serve(workers=workers, env=env, log=log) as port:
                everyone = self.connect(port, people, targets.period, paths)
                crowd = everyone[:connections]
                self.say(
                    f"{connections} connections, each one person (a chair, deputy chair or data "
                    "lead) saving a return of their own body; warming up ..."
                )
                self.warm_up(everyone)
                self.mix(crowd, options)
                self.readers_and_writers(port, everyone, options)
                self.savers_only(crowd, options)
                self.kill_a_worker(port, crowd, options)
                crowd = everyone
            check = load.check_returns_whole(
                load.SavedReturn(
                    measure_id=w.target.measure_id,
                    period_id=w.target.period_id,
                    version_before=versions_before[(w.target.measure_id, w.target.period_id)],
                    confirmed=tuple(w.saves.confirmed),
                    unknown=tuple(w.saves.unknown),
                )
                for w in crowd
            )
            self.report_check(check, crowd)

    def connect(self, port: int, people, period, paths: dict) -> list[load.Worker]:
        """A session per person (as if signed in) and their return form opened once, for its
        version and CSRF token."""
        crowd = []
        for number, (membership, measure) in enumerate(people):
            client = Client()
            client.force_login(membership.user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            target = load.Target(
                username=membership.user.username,
                session_cookie=f"{settings.SESSION_COOKIE_NAME}={session}",
                measure_id=measure.pk,
                period_id=period.pk,
                save_path=reverse(
                    "measures:return_edit",
                    kwargs={"measure_pk": measure.pk, "period_pk": period.pk},
                ),
            )
            load.read_form(port, target, settings.CSRF_COOKIE_NAME)
            crowd.append(
                load.Worker(
                    number=number,
                    port=port,
                    target=target,
                    paths=paths,
                    csrf_cookie_name=settings.CSRF_COOKIE_NAME,
                )
            )
        return crowd

    @staticmethod
    def take_outcomes(crowd: list[load.Worker]) -> list[load.Outcome]:
        outcomes = [o for w in crowd for o in w.outcomes]
        for worker in crowd:
            worker.outcomes = []
        return outcomes

    def warm_up(self, crowd: list[load.Worker]) -> None:
        """Every kind once per connection, not counted: the workers import and fill their
        caches. An error here stops the run before the timed part."""
        load.run_workers(crowd, lambda w: iter(load.KINDS), seconds=60)
        errors = [o for o in self.take_outcomes(crowd) if o.error]
        if errors:
            raise load.LoadError(
                "Warm-up failed: " + "; ".join(f"{o.kind}: {o.error}" for o in errors[:5])
            )

    def mix(self, crowd: list[load.Worker], options) -> None:
        seconds = options["seconds"]
        self.say(f"Phase 1: the mix for {seconds} s at {len(crowd)} connections ...")
        wall, cpu = load.run_workers(crowd, lambda w: load.cycle(w.number), seconds)
        rows = load.figures(self.take_outcomes(crowd), wall)
        self.say(
            f"\nPhase 1: gunicorn ({options['workers']} workers), PostgreSQL, "
            f"x{options['scale']} data; {len(crowd)} connections for {wall:.1f} s on loopback; "
            f"the load generator used {cpu:.1f} s of CPU ({100 * cpu / wall:.0f}% of one core)"
        )
        self.say(load.figures_table(rows))
        total = rows[-1]
        if total.errors:
            self.failures.append(f"phase 1: {total.errors} errors in {total.requests} requests")

    def readers_and_writers(self, port: int, everyone: list[load.Worker], options) -> None:
        """Readers going round the pages while writers save their returns: the page cache's
        hit ratio, the readers' throughput and each worker's memory."""
        readers, writers = options["readers"], options["writers"]
        seconds = options["phase_seconds"]
        writing = {w.number for w in everyone[:writers]}
        pages = tuple(kind for kind in load.KINDS if kind != load.SAVE)
        self.say(
            f"\nPhase 1b: {readers} readers (home, Plan on a Page, My returns, published report) "
            f"and {writers} writers saving drafts, for {seconds} s ..."
        )
        crowd = everyone[: readers + writers]

        def plan(worker):
            if worker.number in writing:
                return load.cycle(0, (load.SAVE,))
            return load.cycle(worker.number, pages)

        wall, _ = load.run_workers(crowd, plan, seconds)
        outcomes = self.take_outcomes(crowd)
        read = [o for o in outcomes if o.kind != load.SAVE]
        saved = [o for o in outcomes if o.kind == load.SAVE]
        hits, cached = load.hit_ratio(read)
        master = observe.gunicorn_master(port)
        memory = [observe.resident_mb(pid) for pid in observe.gunicorn_workers(master)]
        errors = sum(1 for o in outcomes if o.error)
        self.say(load.figures_table(load.figures(outcomes, wall, (*pages, load.SAVE))))
        self.say(
            f"readers: {len(read) / wall:.1f} pages/s; page cache hit ratio "
            f"{100 * hits / cached if cached else 0:.1f}% ({hits} of {cached}); writers: "
            f"{len(saved) / wall:.1f} saves/s; memory per worker "
            f"{', '.join(f'{mb:.0f} MB' for mb in memory)}"
        )
        if errors:
            self.failures.append(f"phase 1b: {errors} errors in {len(outcomes)} requests")

    def savers_only(self, crowd: list[load.Worker], options) -> None:
        """Every connection saving its own return at once: how often a save waits on a lock."""
        seconds = options["phase_seconds"]
        self.say(f"\nPhase 1c: {len(crowd)} savers at once for {seconds} s ...")
        with observe.LockSampler() as locks:
            wall, _ = load.run_workers(crowd, lambda w: load.cycle(0, (load.SAVE,)), seconds)
        outcomes = self.take_outcomes(crowd)
        errors = sum(1 for o in outcomes if o.error)
        self.say(load.figures_table(load.figures(outcomes, wall, (load.SAVE,))))
        self.say(
            f"lock waits: {100 * locks.waiting_share:.1f}% of active sessions sampled were "
            f"waiting on a lock ({locks.waiting} of {locks.active} in {locks.samples} samples)"
        )
        if errors:
            self.failures.append(f"phase 1c: {errors} errors in {len(outcomes)} saves")

    def kill_a_worker(self, port: int, crowd: list[load.Worker], options) -> None:
        seconds, after, workers = options["kill_seconds"], options["kill_after"], options["workers"]
        master = observe.gunicorn_master(port)
        self.say(
            f"\nPhase 2: saves only for {seconds} s at {len(crowd)} connections; one worker "
            f"SIGKILLed after {after:g} s ..."
        )
        event: dict = {}

        def kill() -> None:
            event["before"] = observe.gunicorn_workers(master)
            victim = event["before"][0]
            event["killed"], event["at"] = victim, time.monotonic()
            os.kill(victim, signal.SIGKILL)
            try:
                event["after"] = observe.wait_for_respawn(master, victim, workers, RESPAWN_SECONDS)
                event["respawned"] = time.monotonic()
            except load.LoadError as exc:
                event["error"] = str(exc)

        timer = threading.Timer(after, kill)
        started = time.monotonic()
        timer.start()
        try:
            wall, _ = load.run_workers(crowd, lambda w: load.cycle(0, (load.SAVE,)), seconds)
        finally:
            timer.cancel()
            timer.join(timeout=RESPAWN_SECONDS + 5)
        saves = self.take_outcomes(crowd)
        if "killed" not in event:
            self.failures.append("phase 2: no worker was killed")
            return
        connection_errors = [o for o in saves if o.error.startswith(load.CONNECTION_ERROR)]
        other_errors = [o for o in saves if o.error and o not in connection_errors]
        self.say(
            f"gunicorn master {master}: workers {event['before']}; killed {event['killed']} at "
            f"{event['at'] - started:.1f} s"
        )
        if "respawned" not in event:
            self.failures.append(f"phase 2: {event.get('error', 'no new worker')}")
        else:
            self.say(
                f"the master started a new worker in {event['respawned'] - event['at']:.2f} s: "
                f"workers now {event['after']}"
            )
        saved = len(saves) - len(connection_errors) - len(other_errors)
        self.say(
            f"saves attempted {len(saves)} in {wall:.1f} s: saved {saved}, failed with a "
            f"connection error {len(connection_errors)}, other errors {len(other_errors)}"
        )
        for o in connection_errors + other_errors:
            self.say(f"  sent at {o.started - started:.2f} s: save {o.token}: {o.error}")
        late = [o for o in connection_errors if o.started > event.get("respawned", started)]
        if other_errors or late:
            self.failures.append(
                f"phase 2: {len(other_errors)} saves refused or wrong, {len(late)} connection "
                "errors after the new worker started"
            )
        self.after_respawn(crowd)

    def after_respawn(self, crowd: list[load.Worker]) -> None:
        """Every kind once more on every connection: all must succeed."""
        load.run_workers(crowd, lambda w: iter(load.KINDS), seconds=60)
        outcomes = self.take_outcomes(crowd)
        errors = [o for o in outcomes if o.error]
        self.say(
            f"after the new worker started: {len(outcomes)} requests (every kind on every "
            f"connection), {len(errors)} errors"
        )
        if errors:
            self.failures.append(f"after the respawn: {len(errors)} errors")

    def report_check(self, check: load.WholeCheck, crowd: list[load.Worker]) -> None:
        confirmed = sum(len(w.saves.confirmed) for w in crowd)
        unknown = sum(len(w.saves.unknown) for w in crowd)
        self.say(
            f"\nDatabase check: {check.returns} returns, {check.history_rows} history rows "
            f"written by {confirmed} saves answered 'saved' and {check.unknown_committed} of "
            f"{unknown} saves that got no answer; partial returns {len(check.partial_returns)}, "
            f"partial history rows {len(check.partial_history)}, other problems "
            f"{len(check.other)}"
        )
        for problem in check.problems[:20]:
            self.say(f"  {problem}")
        if not check.passed:
            self.failures.append(f"database check: {len(check.problems)} problems")
