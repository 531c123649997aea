"""Time pages in-process with Django's test client, and judge the results against the budgets.

Each page is requested as its account (``force_login``): a few warm-up requests, one request
inside ``CaptureQueriesContext`` to count its SQL queries, then ``requests`` timed requests
without query capture. The floor is the login page, timed the same way in the same run: every
page's median is reported as a multiple of it, which makes figures comparable across machines.
Once the floor page is timed, a floor request follows every timed request of every later page,
so the floor is sampled across the whole run, and each page's ratio divides its median by the
median of the login requests made between its own: a machine that gets busier or quieter mid-run
(other processes, CPU frequency) moves the floor with the pages instead of skewing the ratios.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch

from bench.pages import FLOOR, PAGES, PLAN_ON_A_PAGE, PUBLISHED_REPORT, MissingTarget, Page

MAX_QUERIES = 15  # for pages (GET); a write also validates every database constraint


def over_query_budget(page: Page, queries: int) -> bool:
    """Whether a page's query count breaks the budget: writes (POST) only have to stay fixed."""
    return page.method == "GET" and queries > MAX_QUERIES


MAX_RATIO = 5.0
MAX_RATIO_CACHED = 2.0  # Plan on a Page and the published report
MAX_GENERATION_SECONDS = 60.0
TWO_TIMES_PAGES = (PLAN_ON_A_PAGE, PUBLISHED_REPORT)


class BenchError(RuntimeError):
    """A page answered something other than what its line in PAGES expects."""


@dataclass
class Timing:
    page: Page
    scale: str
    url: str
    queries: int
    samples_ms: list[float]
    # the login requests made between this page's requests (see the module docstring)
    floor_samples_ms: list[float] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[18]


@dataclass(frozen=True)
class Skipped:
    """A page not timed: its URL name does not exist yet (NO_URL), the data set lacks the row
    it needs (NO_ROW), or it answers with another content type than it will (NOT_BUILT)."""

    NO_URL = "no URL"
    NO_ROW = "no row"
    NOT_BUILT = "not built"

    page: Page
    kind: str
    reason: str


def _host() -> str:
    """A host name the settings allow, for the test client's requests."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*" and not host.startswith("."):
            return host
    return "testserver"


def _client(targets, role: str | None) -> Client:
    client = Client(SERVER_NAME=_host())
    if role is not None:
        client.force_login(targets.users[role])
    return client


def _send(client: Client, page: Page, url: str, targets):
    if page.method == "POST":
        data = page.data(targets) if page.data else {}
        started = time.perf_counter()
        response = client.post(url, data)
    else:
        started = time.perf_counter()
        response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response, (time.perf_counter() - started) * 1000


def _check(page: Page, url: str, response) -> None:
    if response.status_code != page.status:
        raise BenchError(
            f"{page.name} ({page.method} {url}) answered {response.status_code}, "
            f"expected {page.status}"
        )


def time_pages(
    targets,
    *,
    scale: str,
    requests: int,
    warmup: int,
    pages: Iterable[Page] = PAGES,
) -> tuple[list[Timing], list[Skipped]]:
    """Time every page of ``pages`` against the current data set (the floor page first)."""
    timings, skipped, clients = [], [], {}
    floor: Timing | None = None
    for page in pages:
        try:
            url = page.url(targets)
        except NoReverseMatch:
            skipped.append(
                Skipped(page, Skipped.NO_URL, f"URL name {page.url_name!r} does not exist yet")
            )
            continue
        except MissingTarget as exc:
            skipped.append(Skipped(page, Skipped.NO_ROW, str(exc)))
            continue
        if page.role not in clients:
            clients[page.role] = _client(targets, page.role)
        client = clients[page.role]

        response, _ = _send(client, page, url, targets)
        _check(page, url, response)
        content_type = response.get("Content-Type", "").split(";")[0]
        if content_type != page.content_type:
            skipped.append(
                Skipped(
                    page,
                    Skipped.NOT_BUILT,
                    f"{url} answers {content_type}, not {page.content_type}, yet",
                )
            )
            continue
        for _ in range(warmup - 1):
            _send(client, page, url, targets)
        with CaptureQueriesContext(connection) as captured:
            response, _ = _send(client, page, url, targets)
        _check(page, url, response)
        queries = len(captured.captured_queries)  # now: the next request clears the log
        timing = Timing(page, scale, url, queries, [])
        for _ in range(requests):
            response, elapsed = _send(client, page, url, targets)
            _check(page, url, response)
            timing.samples_ms.append(elapsed)
            if floor is not None:  # a floor request after each page request: see the docstring
                floor_client = clients[floor.page.role]
                floor_ms = _send(floor_client, floor.page, floor.url, targets)[1]
                floor.samples_ms.append(floor_ms)
                timing.floor_samples_ms.append(floor_ms)
        timings.append(timing)
        if page.name == FLOOR:
            floor = timing
    return timings, skipped


# --- results and budgets ----------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    name: str
    passed: bool
    detail: str


@dataclass
class BenchResult:
    """Every timing of one run, across its data sets, with what was skipped and why."""

    database: str
    scales: list[str]
    timings: list[Timing] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    generation_seconds: float | None = None
    peak_rss_mb: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def floor_p50_ms(self) -> float:
        """The median of every login-page request of the run, across data sets."""
        samples = [ms for t in self.timings if t.page.name == FLOOR for ms in t.samples_ms]
        if not samples:
            raise BenchError("The login page (the floor) was not timed.")
        return statistics.median(samples)

    def ratio(self, timing: Timing) -> float:
        """The page's median over the floor's: the login requests made between the page's own
        requests when there are any, so both were timed under the same load; else the run's."""
        if timing.floor_samples_ms:
            return timing.p50_ms / statistics.median(timing.floor_samples_ms)
        return timing.p50_ms / self.floor_p50_ms

    def by_scale(self, scale: str) -> dict[str, Timing]:
        return {t.page.name: t for t in self.timings if t.scale == scale}

    def to_json(self) -> dict:
        return {
            "floor_p50_ms": round(self.floor_p50_ms, 3),
            "database": self.database,
            "pages": [
                {
                    "name": t.page.name,
                    "scale": t.scale,
                    "role": t.page.role or "anonymous",
                    "method": t.page.method,
                    "queries": t.queries,
                    "p50_ms": round(t.p50_ms, 3),
                    "p95_ms": round(t.p95_ms, 3),
                    "ratio_to_floor": round(self.ratio(t), 2),
                }
                for t in self.timings
            ],
            "pending": sorted({f"{s.page.name}: {s.reason}" for s in self.skipped}),
            "generation_seconds": (
                None if self.generation_seconds is None else round(self.generation_seconds, 2)
            ),
            "peak_rss_mb": self.peak_rss_mb,
            "budgets": [
                {"name": b.name, "passed": b.passed, "detail": b.detail} for b in self.budgets()
            ],
        }

    def budgets(self) -> list[Budget]:
        small, large = self.scales[0], self.scales[-1]
        at_small, at_large = self.by_scale(small), self.by_scale(large)
        budgets = []

        unequal, too_many = [], []
        for name, timing in at_large.items():
            other = at_small.get(name)
            if other is not None and other.queries != timing.queries:
                unequal.append(f"{name} {other.queries} -> {timing.queries}")
            if over_query_budget(timing.page, max(timing.queries, other.queries if other else 0)):
                too_many.append(f"{name} {timing.queries}")
        problems = unequal + [f"over {MAX_QUERIES}: {item}" for item in too_many]
        budgets.append(
            Budget(
                f"queries: same at {small} and {large}, at most {MAX_QUERIES} per page (GET)",
                not problems,
                "; ".join(problems) or f"{len(at_large)} pages",
            )
        )

        def ratio_budget(limit: float, names: Iterable[str], label: str) -> Budget:
            over = [
                f"{name} {self.ratio(at_large[name]):.1f}x"
                for name in names
                if name in at_large and self.ratio(at_large[name]) > limit
            ]
            worst = max((t for t in at_large.values()), key=self.ratio, default=None)
            detail = "; ".join(over) or (
                f"worst {worst.page.name} {self.ratio(worst):.1f}x" if worst else "no pages"
            )
            return Budget(f"{label} median within {limit:g}x the login page's", not over, detail)

        budgets.append(ratio_budget(MAX_RATIO, at_large, f"{large}: every page's"))
        present = [name for name in TWO_TIMES_PAGES if name in at_large]
        missing = [name for name in TWO_TIMES_PAGES if name not in at_large]
        two = ratio_budget(MAX_RATIO_CACHED, present, f"{large}: {' and '.join(TWO_TIMES_PAGES)}")
        if missing:
            two = Budget(two.name, False, f"{two.detail}; not timed: {', '.join(missing)}")
        elif two.passed:
            ratios = ", ".join(f"{n} {self.ratio(at_large[n]):.1f}x" for n in present)
            two = Budget(two.name, True, ratios)
        budgets.append(two)

        if self.generation_seconds is not None:
            budgets.append(
                Budget(
                    f"{large} generated in under {MAX_GENERATION_SECONDS:g} s",
                    self.generation_seconds < MAX_GENERATION_SECONDS,
                    f"{self.generation_seconds:.1f} s",
                )
            )
        return budgets

    def report(self) -> str:
        """The table, the budgets, what is pending and the notes, as printable text."""
        small, large = self.scales[0], self.scales[-1]
        at_small, at_large = self.by_scale(small), self.by_scale(large)
        names = list(dict.fromkeys(t.page.name for t in self.timings))
        headers = [
            "page",
            "as",
            f"queries {small}",
            f"queries {large}",
            f"p50 {small}",
            f"p95 {small}",
            f"p50 {large}",
            f"p95 {large}",
            f"{large}/floor",
        ]
        rows = []
        for name in names:
            a, b = at_small.get(name), at_large.get(name)
            any_timing = a or b
            rows.append(
                [
                    name,
                    (any_timing.page.role or "anonymous")
                    + (" POST" if any_timing.page.method == "POST" else ""),
                    str(a.queries) if a else "-",
                    str(b.queries) if b else "-",
                    f"{a.p50_ms:.1f}" if a else "-",
                    f"{a.p95_ms:.1f}" if a else "-",
                    f"{b.p50_ms:.1f}" if b else "-",
                    f"{b.p95_ms:.1f}" if b else "-",
                    f"{self.ratio(b):.1f}x" if b else "-",
                ]
            )
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

        def line(cells):
            first = [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
            rest = [cell.rjust(width) for cell, width in zip(cells[2:], widths[2:], strict=True)]
            return "  ".join(first + rest).rstrip()

        out = [line(headers), line(["-" * w for w in widths])]
        out += [line(row) for row in rows]
        out.append("")
        out.append(
            f"Times in milliseconds; ratios against the login requests made between each page's "
            f"own; floor (login page median over the run): "
            f"{self.floor_p50_ms:.2f} ms; database: {self.database}."
        )
        out.append("")
        out.append("Budgets")
        for budget in self.budgets():
            out.append(f"  {'PASS' if budget.passed else 'FAIL'}  {budget.name}: {budget.detail}")
        pending = sorted({(s.page.name, s.reason) for s in self.skipped})
        if pending:
            out.append("")
            out.append("Pending (skipped)")
            out += [f"  {name}: {reason}" for name, reason in pending]
        if self.notes:
            out.append("")
            out += self.notes
        return "\n".join(out)
