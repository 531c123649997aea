"""The Plan on a Page, strategy page, timeline and every edit form with the demo data in a real
browser: WCAG 2.2 A/AA by axe-core, no sideways scrolling at 375px, one landscape page in print,
and starting the 2025-28 plan from 2022-25 by clicking through."""

import re

import pytest

from measures.models import Measure
from plans.models import GovernanceBody, Membership, Plan
from priorities.models import Priority, Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(seeded_demo):
    plan = Plan.objects.get(slug="2022-25")
    body = GovernanceBody.objects.get(slug="early-help-strategic-commissioning-board")
    return {
        "plan": plan,
        "priority": Priority.objects.filter(plan=plan).order_by("order").first(),
        "strategy": Strategy.objects.get(slug="early-help-strategy"),
        "measure": Measure.objects.filter(reporting_body=body).order_by("title").first(),
        "body": body,
        "membership": Membership.objects.filter(body=body).first(),
    }


def reading_pages(demo) -> dict[str, str]:
    return {
        "plan-on-a-page": "/plans/2022-25/",
        "plan-on-a-page-q1": f"/plans/2022-25/?quarter={_period_pk(2024, 1)}",
        "strategy": demo["strategy"].get_absolute_url(),
        "timeline": "/plans/timeline/",
        "plan-history": "/plans/2022-25/history/",
        "strategy-history": f"{demo['strategy'].get_absolute_url()}history/",
        "measure-history": f"/measures/{demo['measure'].pk}/history/",
        "priority-history": f"/priorities/{demo['priority'].pk}/history/",
    }


def edit_pages(demo) -> dict[str, str]:
    priority, measure = demo["priority"], demo["measure"]
    return {
        "plan-new": "/plans/new/",
        "plan-edit": "/plans/2022-25/edit/",
        "plan-start-next": "/plans/2022-25/start-next/",
        "plan-delete-refused": "/plans/2022-25/delete/",
        "priority-new": "/priorities/new/2022-25/",
        "priority-edit": f"/priorities/{priority.pk}/edit/",
        "priority-retire": f"/priorities/{priority.pk}/retire/",
        "priority-delete-refused": f"/priorities/{priority.pk}/delete/",
        "strategy-new": "/strategies/new/",
        "strategy-edit": f"{demo['strategy'].get_absolute_url()}edit/",
        "measure-new": f"/measures/new/?priority={priority.pk}",
        "measure-edit": f"/measures/{measure.pk}/edit/",
        "measure-delete-refused": f"/measures/{measure.pk}/delete/",
        "body-new": "/plans/governance/new/",
        "body-edit": f"{demo['body'].get_absolute_url()}edit/",
        "membership-new": f"{demo['body'].get_absolute_url()}members/new/",
        "membership-edit": f"/plans/governance/members/{demo['membership'].pk}/edit/",
        "membership-remove": f"/plans/governance/members/{demo['membership'].pk}/remove/",
    }


def _period_pk(year: int, quarter: int) -> int:
    from measures.models import ReportingPeriod

    return ReportingPeriod.objects.get(financial_year=year, quarter=quarter).pk


def check_pages(page, live_server, pages, run_axe, axe_report, screenshots_dir, prefix):
    failures = []
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.locator("h1").count() == 1, f"{path} needs exactly one <h1>"
        page.screenshot(path=str(screenshots_dir / f"{prefix}-{name}.png"), full_page=True)
        violations = run_axe(page)
        if violations:
            failures.append(f"{path}:\n{axe_report(violations)}")
        if page.viewport_size["width"] <= 375:
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            if overflow:
                failures.append(f"{path} scrolls sideways at 375px")
    assert not failures, "\n\n".join(failures)


def test_plan_pages_and_edit_forms_are_accessible_to_the_manager(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    login(page, live_server, "manager")
    pages = {**reading_pages(demo), **edit_pages(demo)}
    check_pages(page, live_server, pages, run_axe, axe_report, screenshots_dir, "issue3")


def test_plan_pages_are_accessible_on_a_phone(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "manager")
    pages = {
        **reading_pages(demo),
        **{k: v for k, v in edit_pages(demo).items() if "edit" in k or "new" in k},
    }
    check_pages(page, live_server, pages, run_axe, axe_report, screenshots_dir, "issue3-375")


def test_shelves_stack_into_one_column_on_a_phone(demo, page, live_server, login):
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "chair")
    page.goto(f"{live_server.url}/plans/2022-25/")
    lefts = page.eval_on_selector_all(
        ".shelf:first-of-type .book", "books => books.map(b => b.getBoundingClientRect().left)"
    )
    assert len(lefts) > 1 and len(set(lefts)) == 1, lefts


def test_chair_reads_the_plan_without_edit_controls(
    demo, page, live_server, login, run_axe, axe_report
):
    login(page, live_server, "chair")
    page.goto(f"{live_server.url}/plans/2022-25/")
    assert page.locator(".shelf").count() == 3
    assert page.get_by_role("link", name=re.compile("^Edit")).count() == 0
    assert page.get_by_role("button", name=re.compile("^Move")).count() == 0
    assert not run_axe(page), axe_report(run_axe(page))


def test_plan_on_a_page_prints_on_one_landscape_page(
    demo, page, live_server, login, screenshots_dir
):
    login(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}/plans/2022-25/")
    page.emulate_media(media="print")
    page.screenshot(path=str(screenshots_dir / "issue3-plan-on-a-page-print.png"), full_page=True)
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".quarter-picker").is_hidden()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (screenshots_dir / "issue3-plan-on-a-page.pdf").write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1, f"the Plan on a Page prints on {len(pages)} pages"
    width, height = map(float, re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert width > height, "the page is not landscape"
    assert round(width / 72 * 25.4) == 297  # A4


def test_quarter_picker_works_without_javascript(demo, browser, live_server, login):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    login(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}/plans/2022-25/")
    # the latest quarter with approved figures: Q4, though still open for returns
    assert "Q4 2024-25" in page.locator("#rag-basis").inner_text()
    page.select_option("#quarter", label="Q1 2024-25")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert "approved returns for Q1 2024-25" in page.locator("#rag-basis").inner_text()
    context.close()


def test_manager_starts_2025_28_from_2022_25(demo, page, live_server, login, screenshots_dir):
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/plans/2022-25/")
    page.get_by_role("link", name="Start the next plan").click()
    assert "1 April 2025 to 31 March 2028" in page.content()
    page.screenshot(path=str(screenshots_dir / "issue3-start-next-confirm.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Start the next plan").click()
    assert page.url.endswith("/plans/2025-28/")
    assert "has been started as a draft" in page.locator(".messages").inner_text()
    assert page.locator(".shelf").count() == 3
    assert "Carries forward" in page.locator(".shelf").first.inner_text()
    page.screenshot(path=str(screenshots_dir / "issue3-plan-2025-28.png"), full_page=True)
    successor = Plan.objects.get(slug="2025-28")
    assert successor.status == Plan.Status.DRAFT
    assert (
        Measure.objects.filter(priority__plan=successor).count()
        == Measure.objects.filter(priority__plan__slug="2022-25", active=True).count()
    )


def test_manager_edits_a_priority_and_is_told(demo, page, live_server, login):
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/priorities/{demo['priority'].pk}/edit/")
    page.get_by_label("Title").fill("Keeping every child and young person safe")
    with page.expect_navigation():
        page.get_by_role("button", name="Save priority").click()
    assert "has been saved" in page.locator(".messages").inner_text()
    assert "Keeping every child and young person safe" in page.locator(".shelf").first.inner_text()


def test_stale_edit_in_a_second_tab_is_refused(demo, page, live_server, login):
    login(page, live_server, "manager")
    other = page.context.new_page()
    url = f"{live_server.url}/plans/2022-25/edit/"
    page.goto(url)
    other.goto(url)
    other.get_by_label("Short title").fill("The Plan")
    with other.expect_navigation():
        other.get_by_role("button", name="Save plan").click()
    page.get_by_label("Short title").fill("Our Children's Plan")
    with page.expect_navigation():
        page.get_by_role("button", name="Save plan").click()
    assert "Nothing has been saved" in page.content()
    assert "was changed by" in page.content()
    assert Plan.objects.get(slug="2022-25").short_title == "The Plan"
