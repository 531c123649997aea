"""Progress reports in a real browser with the demo data: WCAG 2.2 AA by axe-core on every
report page, phones, the print view, and writing and publishing a report by clicking."""

import re

import pytest

from plans.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(seeded_demo):
    reports = ProgressReport.objects.filter(plan__slug="2022-25")
    return {
        "q1": reports.get(period__financial_year=2024, period__quarter=1),
        "q2": reports.get(period__financial_year=2024, period__quarter=2),
        "q3": reports.get(period__financial_year=2024, period__quarter=3),
    }


def manager_pages(demo) -> dict[str, str]:
    q2, q3 = demo["q2"].pk, demo["q3"].pk
    return {
        "list": "/plans/reports/",
        "create": "/plans/reports/new/",
        "published": f"/plans/reports/{q2}/",
        "compare": f"/plans/reports/{q2}/compare/",
        "new-version": f"/plans/reports/{q2}/new-version/",
        "draft": f"/plans/reports/{q3}/",
        "edit": f"/plans/reports/{q3}/edit/",
        "not-received": f"/plans/reports/{q3}/not-received/",
        "publish": f"/plans/reports/{q3}/publish/",
    }


def test_every_report_page_is_accessible_to_the_manager(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    login(page, live_server, "manager")
    failures = []
    for name, path in manager_pages(demo).items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.locator("h1").count() == 1, f"{path} needs exactly one <h1>"
        page.screenshot(path=str(screenshots_dir / f"report-manager-{name}.png"), full_page=True)
        violations = run_axe(page)
        if violations:
            failures.append(f"{path}:\n{axe_report(violations)}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("width", [375, 1280])
def test_scrutiny_reads_published_reports_at_any_width(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir, width
):
    page.set_viewport_size({"width": width, "height": 812})
    login(page, live_server, "scrutiny")
    for name, path in {
        "list": "/plans/reports/",
        "published": f"/plans/reports/{demo['q2'].pk}/",
        "compare": f"/plans/reports/{demo['q2'].pk}/compare/",
    }.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200
        page.screenshot(
            path=str(screenshots_dir / f"report-scrutiny-{width}-{name}.png"), full_page=True
        )
        violations = run_axe(page)
        assert not violations, f"{name} at {width}px:\n{axe_report(violations)}"
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{name} scrolls sideways at {width}px"
    response = page.goto(f"{live_server.url}/plans/reports/{demo['q3'].pk}/")
    assert response.status == 403  # drafts are refused


def test_print_view_is_a_clean_a4_committee_paper(demo, page, live_server, login, screenshots_dir):
    login(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}/plans/reports/{demo['q2'].pk}/")
    page.emulate_media(media="print")
    page.screenshot(path=str(screenshots_dir / "report-print.png"), full_page=True)
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".report-status").is_visible()
    assert not page.locator("nav[aria-label=Breadcrumb], .breadcrumb").first.is_visible()
    breaks = page.eval_on_selector_all(
        ".paper-priority", "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["page", "page", "page"]
    headings = page.eval_on_selector_all(".paper h2", "els => els.map(e => e.textContent.trim())")
    assert headings[:3] == [
        "1. Summary",
        "2. Issues for consideration and recommendations",
        "3. Background",
    ]
    # In black and white the RAG keeps its word and a solid black shape.
    shape = page.eval_on_selector(".rag-red .rag-shape", "e => getComputedStyle(e).backgroundColor")
    assert shape == "rgb(0, 0, 0)"
    assert page.locator(".rag-red").first.inner_text().strip() == "Red"
    pdf = page.pdf(format="A4")
    (screenshots_dir / "report-q2.pdf").write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) >= 4, "the paper should run to several A4 pages"


def test_manager_writes_and_publishes_a_report_by_clicking(demo, page, live_server, login):
    login(page, live_server, "manager")
    q3 = demo["q3"]
    page.goto(f"{live_server.url}/plans/reports/{q3.pk}/edit/")
    page.fill("textarea[name=issues_for_consideration]", "The committee is asked to note progress.")
    page.click("button[name=preview]")
    assert "Draft preview" in page.inner_text("main")
    assert "The committee is asked to note progress." in page.inner_text("main")
    page.click("text=Publish…")
    assert "Publishing freezes the paper" in page.inner_text("main")
    page.click("button:has-text('Publish the report')")
    assert "Published:" in page.inner_text(".messages")
    q3.refresh_from_db()
    assert q3.status == ProgressReport.Status.PUBLISHED
    assert q3.snapshot["text"]["issues"] == "The committee is asked to note progress."
