"""Every report page runs the same number of SQL queries however many measures, returns,
consultations and reports there are."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demo.loader import load_demo_data
from plans.models import ProgressReport
from reports import services
from tests.factories import (
    ActionFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationFactory,
    LearningThemeFactory,
    MeasureFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    ReviewFactory,
)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.fixture
def grow(report_world, chair_body):
    """``grow(n, draft)``: n more priorities, each with measures in every state a report meets
    (the missing one marked not received for ``draft``), consultations with commitments,
    reviews completed in the quarter with their themes and overdue actions, and reports on
    other quarters."""
    world = report_world
    added = []

    def more(times: int, draft: ProgressReport) -> None:
        for index in range(times):
            added.append(index)
            priority = PriorityFactory(plan=world["plan"], order=2 + len(added))
            for value in ("40", "58", "70"):
                measure = MeasureFactory(priority=priority, reporting_body=chair_body)
                for period, figure in ((world["q1"], "59"), (world["q2"], value)):
                    ReturnFactory(
                        measure=measure, period=period, value=Decimal(figure), approved=True
                    )
            waiting = MeasureFactory(priority=priority, reporting_body=chair_body)
            ReturnFactory(measure=waiting, period=world["q2"], submitted=True)
            services.report_mark_not_received(report=draft, measure=waiting, user=world["manager"])
            consultation = ConsultationFactory(plan=world["plan"], children_reached=10 + index)
            commitment = CommitmentFactory(consultation=consultation)
            CommitmentUpdateFactory(commitment=commitment)
            review = ReviewFactory(
                notified_on=datetime.date(2024, 7, 1),
                completed_on=datetime.date(2024, 7, 19),
                status="published",
                kind="lcspr",
            )
            review.themes.add(LearningThemeFactory(), LearningThemeFactory())
            ActionFactory(
                recommendation__review=review,
                due_on=timezone.localdate() - datetime.timedelta(days=3 + index),
            )
            ProgressReportFactory(
                plan=world["plan"], period=ReportingPeriodFactory(), published=True
            )

    return more


def publish(world, draft: ProgressReport) -> ProgressReport:
    services.report_mark_not_received(
        report=draft, measure=world["assessments"], user=world["manager"]
    )
    draft.refresh_from_db()
    return services.report_publish(
        report=draft, user=world["manager"], expected_version=draft.lock_version
    )


PAGES = {
    "list": lambda r: reverse("plans:report_list"),
    "detail": lambda r: r.get_absolute_url(),
    "compare": lambda r: reverse("plans:report_compare", kwargs={"pk": r.pk}),
    "docx": lambda r: reverse("plans:report_docx", kwargs={"pk": r.pk}),
    "pdf": lambda r: reverse("plans:report_pdf", kwargs={"pk": r.pk}),
}
DRAFT_PAGES = {
    **PAGES,
    "edit": lambda r: reverse("plans:report_edit", kwargs={"pk": r.pk}),
    "not received": lambda r: reverse("plans:report_not_received", kwargs={"pk": r.pk}),
    "publish": lambda r: reverse("plans:report_publish", kwargs={"pk": r.pk}),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_published_report_pages_run_fixed_queries(report_world, grow, client_for, scrutiny, page):
    """A small paper and a paper with seven times the measures are read in as many queries."""
    client = client_for(scrutiny)
    world = report_world
    earlier = ProgressReportFactory(
        plan=world["plan"], period=world["q1"], summary="Q1", issues_for_consideration="Note"
    )
    services.report_publish(
        report=earlier, user=world["manager"], expected_version=earlier.lock_version
    )
    grow(1, world["report"])
    small_report = publish(world, world["report"])
    small = count_queries(client, PAGES[page](small_report))
    correction = services.report_supersede(
        report=small_report, user=world["manager"], reason="More measures"
    )
    grow(6, correction)
    large_report = publish(world, correction)
    assert len(large_report.snapshot["priorities"]) > len(small_report.snapshot["priorities"])
    large = count_queries(client, PAGES[page](large_report))
    assert large == small, f"{page}: {small} queries with little data, {large} with more"
    assert small <= 12, f"{page} runs {small} queries"


@pytest.mark.parametrize("page", sorted(DRAFT_PAGES))
def test_draft_report_pages_run_fixed_queries(report_world, grow, client_for, manager, page):
    client = client_for(manager)
    url = DRAFT_PAGES[page](report_world["report"])
    grow(1, report_world["report"])
    small = count_queries(client, url)
    grow(6, report_world["report"])
    large = count_queries(client, url)
    assert large == small, f"{page}: {small} queries with little data, {large} with more"
    # 19 before the paper reported learning and assurance: + its reviews, + its overdue actions
    assert small <= 21, f"{page} runs {small} queries"


def test_word_template_page_runs_fixed_queries(report_world, grow, client_for, manager):
    """The template lives in file storage: the page reads no report data at all."""
    client = client_for(manager)
    url = reverse("plans:report_word_template")
    small = count_queries(client, url)
    grow(6, report_world["report"])
    large = count_queries(client, url)
    assert large == small <= 6, f"{small} queries with little data, {large} with more"


def test_the_published_paper_runs_fixed_queries_at_demo_size_and_with_many_more_measures(
    client_for, scrutiny
):
    """The demo's published paper and a correction carrying 150 more measures are served, page
    and Word file, in as many queries with nothing in the Django cache: both are stored."""
    load_demo_data(with_passwords=False)
    client = client_for(scrutiny)
    demo = ProgressReport.objects.published().order_by("-period__start_date").first()
    assert all(  # the demo publishes through report_publish, which stores every paper
        report.paper_html and bytes(report.paper_docx)
        for report in ProgressReport.objects.exclude(status=ProgressReport.Status.DRAFT)
    )
    counts = {}
    for size, report in (("demo", demo), ("more", None)):
        if report is None:
            report = _with_more_measures(demo, 150)
            assert len(report.paper_html) > 3 * len(demo.paper_html)
        for page in ("detail", "docx"):
            cache.clear()
            counts[size, page] = count_queries(client, PAGES[page](report))
    assert counts["more", "detail"] == counts["demo", "detail"] <= 8
    assert counts["more", "docx"] == counts["demo", "docx"] <= 5


def _with_more_measures(report: ProgressReport, how_many: int) -> ProgressReport:
    """A published new version of ``report`` with ``how_many`` more measures approved."""
    first = report.plan.priorities.order_by("order").first()
    body = first.measures.first().reporting_body
    for index in range(how_many):
        measure = MeasureFactory(priority=first, reporting_body=body)
        ReturnFactory(
            measure=measure, period=report.period, value=Decimal(40 + index % 30), approved=True
        )
    manager = report.published_by
    draft = services.report_supersede(report=report, user=manager, reason="More measures")
    services.report_mark_remaining_not_received(report=draft, user=manager)
    draft.refresh_from_db()
    published = services.report_publish(
        report=draft, user=manager, expected_version=draft.lock_version
    )
    published.refresh_from_db()
    return published
