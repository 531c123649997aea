"""Time pages in-process with Django's test client, and judge the results against the budgets.

Each page is requested as its account (``force_login``) twice over, in two modes:

* **cached**: as a reader meets it most of the time, the page served from the whole-page cache
  (``sscp.cache``) once the first request has built it;
* **uncached**: every data version moved (``cache.bump`` of every area) before each request, so
  nothing cached can be used: what the product itself costs, the first reader after any change.

In each mode: a few warm-up requests, one request inside ``CaptureQueriesContext`` to count its
SQL queries, then ``requests`` timed requests without query capture. Two floors are timed the
same way in the same run: the login page (an anonymous form, no query) for the cached figures,
and the signed-in floor (``session_status``: session, person, roles and data versions, the least
any signed-in page pays) for the uncached ones. Once a floor is timed, a floor request follows
every timed request of every later page in its mode, so the floor is sampled across the whole
run, and each page's ratio divides its median by the median of the floor requests made between
its own: a machine that gets busier or quieter mid-run (other processes, CPU frequency) moves the
floor with the pages instead of skewing the ratios.
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

from bench.pages import (
    FLOOR,
    PAGES,
    PLAN_ON_A_PAGE,
    PUBLISHED_REPORT,
    REPORT_DOWNLOAD,
    SIGNED_IN_FLOOR,
    MissingTarget,
    Page,
)
from sscp import cache

MAX_QUERIES = 15  # for pages (GET); a write also validates every database constraint


def over_query_budget(page: Page, queries: int) -> bool:
    """Whether a page's query count breaks the budget: writes (POST) only have to stay fixed."""
    return page.method == "GET" and queries > MAX_QUERIES


CACHED = "cached"
UNCACHED = "uncached"
MODES = (CACHED, UNCACHED)
FLOORS = {CACHED: FLOOR, UNCACHED: SIGNED_IN_FLOOR}  # what each mode's ratios divide by

MAX_RATIO = 5.0  # cached, against the login page
MAX_RATIO_CACHED = 2.0  # cached: Plan on a Page and the published report
TWO_TIMES_PAGES = (PLAN_ON_A_PAGE, PUBLISHED_REPORT)
MAX_RATIO_UNCACHED = 3.0  # uncached, against the signed-in floor
MAX_RATIO_STORED = 1.5  # uncached: the published report and its Word file, served as stored
STORED_PAGES = (PUBLISHED_REPORT, REPORT_DOWNLOAD)
MAX_GROWTH = 1.5  # uncached ratio at the largest scale over the next largest
BUDGET_SCALE = "x50"  # the scale the ratio budgets are judged at, when it was run
MAX_GENERATION_SECONDS = 60.0


class BenchError(RuntimeError):
    """A page answered something other than what its line in PAGES expects."""


@dataclass
class Timing:
    page: Page
    scale: str
    url: str
    queries: int
    samples_ms: list[float]
    # the floor requests made between this page's requests (see the module docstring)
    floor_samples_ms: list[float] = field(default_factory=list)
    mode: str = CACHED

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
    modes: Iterable[str] = MODES,
) -> tuple[list[Timing], list[Skipped]]:
    """Time every page of ``pages`` in each of ``modes`` against the current data set (the
    floor pages first)."""
    timings, skipped, clients = [], [], {}
    modes = tuple(modes)
    floors: dict[str, Timing] = {}
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
        for mode in modes:
            floor = floors.get(mode)
            floor_client = clients[floor.page.role] if floor else None
            timing = _time_page(
                client, page, url, targets, mode, requests, warmup, floor, floor_client, scale
            )
            timings.append(timing)
            if page.name == FLOORS[mode]:
                floors[mode] = timing
    return timings, skipped


def _time_page(
    client, page, url, targets, mode, requests, warmup, floor, floor_client, scale
) -> Timing:
    """One page in one mode: warm-up, one request to count queries, ``requests`` timed."""

    def send(count_queries: bool = False) -> tuple[float, int]:
        if mode == UNCACHED:  # outside the timing: a real miss, not the cost of making one
            cache.bump(*cache.AREAS)
        if count_queries:
            with CaptureQueriesContext(connection) as captured:
                response, elapsed = _send(client, page, url, targets)
        else:
            response, elapsed = _send(client, page, url, targets)
        _check(page, url, response)
        return elapsed, len(captured.captured_queries) if count_queries else 0

    for _ in range(warmup):
        send()
    queries = send(count_queries=True)[1]
    timing = Timing(page, scale, url, queries, [], mode=mode)
    for _ in range(requests):
        timing.samples_ms.append(send()[0])
        if floor is not None:  # a floor request after each page request: see the docstring
            floor_ms = _send(floor_client, floor.page, floor.url, targets)[1]
            floor.samples_ms.append(floor_ms)
            timing.floor_samples_ms.append(floor_ms)
    return timing


# --- results and budgets ----------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    name: str
    passed: bool
    detail: str


@dataclass
class BenchResult:
    """Every timing of one run, across its data sets and modes, with what was skipped and why."""

    database: str
    scales: list[str]
    timings: list[Timing] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    generation_seconds: float | None = None
    peak_rss_mb: float | None = None
    notes: list[str] = field(default_factory=list)

    def _floor_p50(self, mode: str) -> float:
        name = FLOORS[mode]
        samples = [
            ms
            for t in self.timings
            if t.page.name == name and t.mode == mode
            for ms in t.samples_ms
        ]
        if not samples:
            raise BenchError(f"The {name} page (the {mode} floor) was not timed.")
        return statistics.median(samples)

    @property
    def floor_p50_ms(self) -> float:
        """The median of every login-page request of the run, across data sets."""
        return self._floor_p50(CACHED)

    @property
    def signed_in_floor_p50_ms(self) -> float:
        """The median of every signed-in floor request of the run, across data sets."""
        return self._floor_p50(UNCACHED)

    def ratio(self, timing: Timing) -> float:
        """The page's median over its mode's floor: the floor requests made between the page's
        own requests when there are any, so both were timed under the same load; else the
        run's."""
        if timing.floor_samples_ms:
            return timing.p50_ms / statistics.median(timing.floor_samples_ms)
        return timing.p50_ms / self._floor_p50(timing.mode)

    def by_scale(self, scale: str, mode: str = CACHED) -> dict[str, Timing]:
        return {t.page.name: t for t in self.timings if t.scale == scale and t.mode == mode}

    @property
    def budget_scale(self) -> str:
        """The scale the ratio budgets are judged at: x50 when it was run, else the largest."""
        return BUDGET_SCALE if BUDGET_SCALE in self.scales else self.scales[-1]

    def to_json(self) -> dict:
        uncached = {(t.page.name, t.scale): t for t in self.timings if t.mode == UNCACHED}

        def entry(t: Timing) -> dict:
            row = {
                "name": t.page.name,
                "scale": t.scale,
                "role": t.page.role or "anonymous",
                "method": t.page.method,
                "queries": t.queries,
                "p50_ms": round(t.p50_ms, 3),
                "p95_ms": round(t.p95_ms, 3),
                "ratio_to_floor": round(self.ratio(t), 2),
            }
            other = uncached.get((t.page.name, t.scale))
            if other is not None:
                row["uncached"] = {
                    "queries": other.queries,
                    "p50_ms": round(other.p50_ms, 3),
                    "p95_ms": round(other.p95_ms, 3),
                    "ratio_to_signed_in_floor": round(self.ratio(other), 2),
                }
            return row

        has_uncached = any(t.mode == UNCACHED for t in self.timings)
        return {
            "floor_p50_ms": round(self.floor_p50_ms, 3),
            "signed_in_floor_p50_ms": (
                round(self.signed_in_floor_p50_ms, 3) if has_uncached else None
            ),
            "database": self.database,
            "scales": self.scales,
            "pages": [entry(t) for t in self.timings if t.mode == CACHED],
            "pending": sorted({f"{s.page.name}: {s.reason}" for s in self.skipped}),
            "generation_seconds": (
                None if self.generation_seconds is None else round(self.generation_seconds, 2)
            ),
            "peak_rss_mb": self.peak_rss_mb,
            "budgets": [
                {"name": b.name, "passed": b.passed, "detail": b.detail} for b in self.budgets()
            ],
        }

    # --- budgets ------------------------------------------------------------------------------

    def _query_budget(self, mode: str) -> Budget:
        """The same queries at every scale, at most MAX_QUERIES per page (GET), in ``mode``."""
        counts: dict[str, dict[str, int]] = {}
        pages: dict[str, Page] = {}
        for t in self.timings:
            if t.mode == mode:
                counts.setdefault(t.page.name, {})[t.scale] = t.queries
                pages[t.page.name] = t.page
        problems = []
        for name, by_scale in counts.items():
            if len(set(by_scale.values())) > 1:
                problems.append(f"{name} " + " -> ".join(map(str, by_scale.values())))
            if over_query_budget(pages[name], max(by_scale.values())):
                problems.append(f"over {MAX_QUERIES}: {name} {max(by_scale.values())}")
        return Budget(
            f"{mode}: queries the same at {', '.join(self.scales)}, at most {MAX_QUERIES} per "
            "page (GET)",
            not problems,
            "; ".join(problems) or f"{len(counts)} pages",
        )

    def _ratio_budget(self, mode: str, limit: float, names: Iterable[str] | None) -> Budget:
        """Each page of ``names`` (every GET page when None) within ``limit`` times its mode's
        floor at the budget scale."""
        scale = self.budget_scale
        at = self.by_scale(scale, mode)
        floor = "the login page" if mode == CACHED else "the signed-in floor"
        if names is None:
            names = [
                n for n, t in at.items() if t.page.method == "GET" and n not in FLOORS.values()
            ]
            label = f"{mode}, {scale}: every page's median"
        else:
            names = list(names)
            label = f"{mode}, {scale}: {' and '.join(names)}"
        missing = [name for name in names if name not in at]
        over = [
            f"{n} {self.ratio(at[n]):.1f}x" for n in names if n in at and self.ratio(at[n]) > limit
        ]
        timed = [at[n] for n in names if n in at]
        worst = max(timed, key=self.ratio, default=None)
        detail = "; ".join(over)
        if not over:
            detail = f"worst {worst.page.name} {self.ratio(worst):.1f}x" if worst else "no pages"
        if missing:
            detail += f"; not timed: {', '.join(missing)}"
        return Budget(f"{label} within {limit:g}x {floor}'s", not over and not missing, detail)

    def _growth_budget(self) -> Budget | None:
        """No page's uncached ratio at the largest scale over MAX_GROWTH times its ratio at the
        next largest (run with three scales or more)."""
        if len(self.scales) < 3:
            return None
        previous, largest = self.scales[-2], self.scales[-1]
        before = self.by_scale(previous, UNCACHED)
        after = self.by_scale(largest, UNCACHED)
        grown = []
        for name, timing in after.items():
            if name in before and timing.page.method == "GET":
                growth = self.ratio(timing) / self.ratio(before[name])
                if growth > MAX_GROWTH:
                    grown.append(
                        f"{name} {self.ratio(before[name]):.1f}x -> {self.ratio(timing):.1f}x"
                    )
        return Budget(
            f"uncached: no page's ratio at {largest} over {MAX_GROWTH:g} times its ratio at "
            f"{previous}",
            not grown,
            "; ".join(grown) or f"{len(after)} pages",
        )

    def budgets(self) -> list[Budget]:
        budgets = [self._query_budget(CACHED)]
        budgets.append(self._ratio_budget(CACHED, MAX_RATIO, None))
        budgets.append(self._ratio_budget(CACHED, MAX_RATIO_CACHED, TWO_TIMES_PAGES))
        if any(t.mode == UNCACHED for t in self.timings):
            budgets.append(self._query_budget(UNCACHED))
            budgets.append(self._ratio_budget(UNCACHED, MAX_RATIO_UNCACHED, None))
            budgets.append(self._ratio_budget(UNCACHED, MAX_RATIO_STORED, STORED_PAGES))
            growth = self._growth_budget()
            if growth is not None:
                budgets.append(growth)
        if self.generation_seconds is not None:
            budgets.append(
                Budget(
                    f"{self.scales[-1]} generated in under {MAX_GENERATION_SECONDS:g} s",
                    self.generation_seconds < MAX_GENERATION_SECONDS,
                    f"{self.generation_seconds:.1f} s",
                )
            )
        return budgets

    # --- the printed report -------------------------------------------------------------------

    def table(self, scale: str) -> list[str]:
        """One scale's pages: cached figures against the login page, uncached against the
        signed-in floor."""
        cached, uncached = self.by_scale(scale, CACHED), self.by_scale(scale, UNCACHED)
        names = list(dict.fromkeys([*cached, *uncached]))
        headers = [
            "page",
            "as",
            "queries",
            "p50",
            "p95",
            "/login",
            "| queries",
            "p50",
            "p95",
            "/signed-in",
        ]
        rows = []
        for name in names:
            a, b = cached.get(name), uncached.get(name)
            page = (a or b).page
            rows.append(
                [
                    name,
                    (page.role or "anonymous") + (" POST" if page.method == "POST" else ""),
                    str(a.queries) if a else "-",
                    f"{a.p50_ms:.1f}" if a else "-",
                    f"{a.p95_ms:.1f}" if a else "-",
                    f"{self.ratio(a):.1f}x" if a else "-",
                    f"| {b.queries}" if b else "| -",
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

        title = f"{scale}: cached (from the page cache) | uncached (every data version moved)"
        return [title, line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]

    def report(self) -> str:
        """The tables, the budgets, what is pending and the notes, as printable text."""
        out = []
        for scale in self.scales:
            out += self.table(scale)
            out.append("")
        floors = f"login page {self.floor_p50_ms:.2f} ms"
        if any(t.mode == UNCACHED for t in self.timings):
            floors += f", signed-in floor {self.signed_in_floor_p50_ms:.2f} ms"
        out.append(
            "Times in milliseconds; ratios against the floor requests made between each page's "
            f"own; floors (medians over the run): {floors}; database: {self.database}."
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
