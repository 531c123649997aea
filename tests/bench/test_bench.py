"""The benchmark's machinery (manage.py bench): its JSON, its budgets, the generated data, and
every page's SQL query count pinned at two generated sizes. Times are never asserted."""

import json

import pytest
from django.db import transaction

from bench.data import ensure_published_report, ensure_yearly_draft, generate_partnership
from bench.generated import Sizes
from bench.http import parse_wrk
from bench.pages import (
    FLOOR,
    PAGES,
    PLAN_ON_A_PAGE,
    PUBLISHED_REPORT,
    REPORT_DOWNLOAD,
    SIGNED_IN_FLOOR,
    Page,
    pick_targets,
)
from bench.timing import (
    CACHED,
    MAX_QUERIES,
    UNCACHED,
    BenchResult,
    Skipped,
    Timing,
    over_query_budget,
    time_pages,
)
from demo.loader import load_demo_data
from plans.models import Plan

PAGE_KEYS = {"name", "scale", "queries", "p50_ms", "p95_ms", "ratio_to_floor", "uncached"}
UNCACHED_KEYS = {"queries", "p50_ms", "p95_ms", "ratio_to_signed_in_floor"}


def test_bench_json_lists_every_page_timed_at_demo_scale(db, settings):
    settings.SSCP_PAGE_CACHE = True  # as in production: the cached figures come from it
    load_demo_data(with_passwords=False)
    ensure_published_report()
    ensure_yearly_draft()

    timings, skipped = time_pages(pick_targets(), scale="x1", requests=1, warmup=0)
    data = json.loads(json.dumps(BenchResult("sqlite", ["x1"], timings, skipped).to_json()))

    assert data["database"] == "sqlite"
    assert data["floor_p50_ms"] > 0
    assert data["signed_in_floor_p50_ms"] > 0
    timed = {row["name"] for row in data["pages"]}
    assert {FLOOR, PLAN_ON_A_PAGE, PUBLISHED_REPORT, "home (chair)", "measure"} <= timed
    assert timed | {s.page.name for s in skipped} == {page.name for page in PAGES}
    assert not [s for s in skipped if s.kind == Skipped.NO_ROW], "the demo lacks a row a page needs"
    for row in data["pages"]:
        assert set(row) >= PAGE_KEYS, row
        assert row["scale"] == "x1"
        assert isinstance(row["queries"], int)
        assert 0 < row["p50_ms"] <= row["p95_ms"]
        assert row["ratio_to_floor"] > 0
        assert set(row["uncached"]) == UNCACHED_KEYS, row
        assert 0 < row["uncached"]["p50_ms"] <= row["uncached"]["p95_ms"]
    pages = {row["name"]: row for row in data["pages"]}
    assert pages[FLOOR]["queries"] == 0
    # session, person, roles, data versions
    assert pages[SIGNED_IN_FLOOR]["uncached"]["queries"] == 4
    # uncached, Plan on a Page is built: more queries than from the cache
    assert pages[PLAN_ON_A_PAGE]["uncached"]["queries"] > pages[PLAN_ON_A_PAGE]["queries"]


def test_uncached_requests_miss_the_page_cache(db, settings):
    """Every uncached request builds the page: the versions moved before it make the cached copy
    unreachable, so its query count is the page's own, not the cache's."""
    settings.SSCP_PAGE_CACHE = True
    load_demo_data(with_passwords=False)
    plan_page = [page for page in PAGES if page.name in (FLOOR, SIGNED_IN_FLOOR, PLAN_ON_A_PAGE)]

    timings, _ = time_pages(pick_targets(), scale="x1", requests=3, warmup=1, pages=plan_page)

    by_mode = {(t.page.name, t.mode): t for t in timings}
    cached, uncached = by_mode[PLAN_ON_A_PAGE, CACHED], by_mode[PLAN_ON_A_PAGE, UNCACHED]
    assert uncached.queries > cached.queries
    assert len(uncached.floor_samples_ms) == 3  # signed-in floor requests between its own
    assert len(cached.floor_samples_ms) == 3  # login requests between its own


def _query_counts(scale: int) -> tuple[dict[str, int], list[Skipped]]:
    """Every page's query count against a generated partnership, rolled back afterwards: one
    uncached request each (a miss builds the page), after the request that checks the answer."""
    with transaction.atomic():
        generate_partnership(scale)
        timings, skipped = time_pages(
            pick_targets(), scale=f"x{scale}", requests=0, warmup=0, modes=(UNCACHED,)
        )
        transaction.set_rollback(True)
    return {t.page.name: t.queries for t in timings}, skipped


def test_every_page_runs_the_same_queries_at_two_generated_sizes(db):
    small, skipped_small = _query_counts(1)
    large, skipped_large = _query_counts(3)

    assert set(large) == set(small)
    changed = {name: (small[name], large[name]) for name in small if small[name] != large[name]}
    assert not changed, f"queries grow with the data (scale 1 -> 3): {changed}"
    pages = {page.name: page for page in PAGES}
    over = {name: n for name, n in large.items() if over_query_budget(pages[name], n)}
    assert not over, f"more than {MAX_QUERIES} queries: {over}"
    missing = [s for s in skipped_small + skipped_large if s.kind == Skipped.NO_ROW]
    assert not missing, "the generated data lacks a row a page needs: " + "; ".join(
        f"{s.page.name}: {s.reason}" for s in missing
    )


def test_generated_partnership_at_fifty_is_the_documented_size():
    sizes = Sizes.for_scale(50)

    assert (sizes.plans, sizes.strategies, sizes.measures, sizes.users) == (6, 150, 2500, 500)


def test_generated_partnership_has_a_return_per_measure_and_quarter_and_one_active_plan(db):
    generated = generate_partnership(2)

    sizes = Sizes.for_scale(2)
    assert generated.counts["plans"] == sizes.plans
    assert generated.counts["measures"] == sizes.measures
    # Twelve quarters per measure, less the open quarter's not-started fifth of the active plan.
    assert sizes.measures * 11 < generated.counts["returns"] <= sizes.measures * 12
    assert Plan.objects.active().count() == 1
    targets = pick_targets()
    assert targets.draft_return.measure.reporting_body.memberships.filter(
        user=targets.users["chair"]
    ).exists()


def _timing(name: str, scale: str, queries: int, ms: float, mode: str = CACHED) -> Timing:
    return Timing(Page(name, None, "login"), scale, "/", queries, [ms, ms], mode=mode)


def test_budgets_flag_growing_queries_and_slow_pages():
    result = BenchResult(
        "sqlite",
        ["x1", "x50"],
        [
            _timing(FLOOR, "x1", 0, 1.0),
            _timing(FLOOR, "x50", 0, 1.0),
            _timing(PLAN_ON_A_PAGE, "x1", 8, 3.0),
            _timing(PLAN_ON_A_PAGE, "x50", 9, 3.0),
            _timing(PUBLISHED_REPORT, "x1", 5, 1.5),
            _timing(PUBLISHED_REPORT, "x50", 5, 1.5),
        ],
        generation_seconds=12.0,
    )

    budgets = {budget.name: budget for budget in result.budgets()}
    queries, every_page, two_times, generation = budgets.values()
    assert not queries.passed and "Plan on a Page 8 -> 9" in queries.detail
    assert every_page.passed
    assert not two_times.passed and "Plan on a Page 3.0x" in two_times.detail
    assert generation.passed
    assert "FAIL  cached: queries" in result.report()


def test_uncached_budgets_judge_pages_against_the_signed_in_floor_and_their_growth():
    def both(name, scale, queries, cached_ms, uncached_ms):
        return [
            _timing(name, scale, queries, cached_ms),
            _timing(name, scale, queries, uncached_ms, UNCACHED),
        ]

    timings = []
    for scale, grow in (("x1", 1), ("x50", 1), ("x200", 4)):
        timings += both(FLOOR, scale, 0, 1.0, 1.0)
        timings += both(SIGNED_IN_FLOOR, scale, 4, 2.0, 2.0)
        timings += both(PLAN_ON_A_PAGE, scale, 8, 1.5, 5.0 * grow)  # 2.5x, then 10x at x200
        timings += both(PUBLISHED_REPORT, scale, 5, 1.5, 4.0)  # 2x the signed-in floor
        timings += both(REPORT_DOWNLOAD, scale, 5, 1.5, 2.0)
    result = BenchResult("postgresql", ["x1", "x50", "x200"], timings)

    every_page = next(b for b in result.budgets() if b.name.startswith("uncached, x50: every"))
    assert every_page.passed  # judged at x50, where Plan on a Page is 2.5x
    stored = next(
        b for b in result.budgets() if PUBLISHED_REPORT in b.name and "uncached" in b.name
    )
    assert not stored.passed and f"{PUBLISHED_REPORT} 2.0x" in stored.detail
    growth = next(b for b in result.budgets() if "over 1.5 times" in b.name)
    assert not growth.passed and "Plan on a Page 2.5x -> 10.0x" in growth.detail
    assert result.to_json()["signed_in_floor_p50_ms"] == 2.0


WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:8123/accounts/login/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.61ms    2.10ms  40.02ms   80.00%
    Req/Sec   836.40     60.12     1.00k    70.00%
  Latency Distribution
     50%    9.30ms
     75%   10.50ms
     90%   12.00ms
     99%    1.20s
  33456 requests in 20.01s, 180.30MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1672.01
Transfer/sec:      9.01MB
"""


def test_wrk_report_is_read_into_rate_latencies_and_errors():
    result = parse_wrk("login", WRK_OUTPUT)

    assert result.requests_per_second == pytest.approx(1672.01)
    assert result.p50_ms == pytest.approx(9.3)
    assert result.p99_ms == pytest.approx(1200)
    assert result.requests == 33456
    assert result.errors == 7
