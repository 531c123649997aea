"""Quarterly returns in a real browser: a quarter carried from open to all approved by the
data lead, the chair and the manager; and every return page checked by axe-core (WCAG 2.2
A/AA) at desktop width and at 375px, with screenshots."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from measures.models import Measure, ReportingPeriod, Return
from plans.models import GovernanceBody
from priorities.models import Priority
from tests.e2e.journeys import sign_in as sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_page(page, run_axe, axe_report, screenshots_dir, name):
    # a click that follows a link returns before the next page has loaded: wait for it
    page.wait_for_load_state("load")
    expect(page.locator("h1"), f"{name} needs exactly one <h1>").to_have_count(1)
    page.screenshot(path=str(screenshots_dir / f"returns-{name}.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, f"axe-core on {name}:\n{axe_report(violations)}"


@pytest.fixture
def quarter(users):
    from plans.models import Plan

    plan = Plan.objects.get(slug="2022-25")
    priority = Priority.objects.create(plan=plan, order=1, title="Keeping children safe")
    board = GovernanceBody.objects.get(slug="early-help-board")
    subgroup = GovernanceBody.objects.get(slug="child-exploitation-subgroup")

    def measure(title, body):
        return Measure.objects.create(
            priority=priority,
            reporting_body=body,
            title=title,
            unit=Measure.Unit.PERCENTAGE,
            polarity=Measure.Polarity.HIGHER,
            baseline=Decimal("50"),
            target=Decimal("60"),
            tolerance=Decimal("5"),
        )

    start, end = ReportingPeriod.quarter_dates(2024, 4)
    period = ReportingPeriod.objects.create(
        financial_year=2024,
        quarter=4,
        start_date=start,
        end_date=end,
        deadline=datetime.date(2025, 5, 12),
        is_open=False,
    )
    return {
        "period": period,
        "board_measure": measure("Early help plans closed with needs met", board),
        "subgroup_measure": measure("Children at risk of exploitation with a plan", subgroup),
    }


def test_a_quarter_goes_from_open_to_all_approved(
    quarter, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    period = quarter["period"]
    base = live_server.url

    # the manager opens the quarter
    sign_in_as(page, live_server, login, "manager")
    page.goto(f"{base}{period.get_absolute_url()}")
    page.click("text=Open the quarter for returns")
    check_page(page, run_axe, axe_report, screenshots_dir, "flow-open-confirm")
    page.click("button:has-text('Open Q4 2024-25')")
    assert "Q4 2024-25 is now open for returns" in page.inner_text(".messages")

    # the data lead drafts, checks the RAG, is told commentary is needed, then submits
    sign_in_as(page, live_server, login, "datalead")
    page.click("nav >> text=My returns")
    check_page(page, run_axe, axe_report, screenshots_dir, "flow-my-returns-datalead")
    page.click("a.btn:has-text('Start')")
    page.fill("#id_value", "58")
    page.click("button:has-text('Check the RAG')")
    assert "Amber" in page.inner_text("#rag-preview")
    page.click("button:has-text('Submit for review')")
    assert "Commentary is needed" in page.inner_text("#return-form")
    check_page(page, run_axe, axe_report, screenshots_dir, "flow-form-errors")
    page.fill("#id_commentary", "Two staff vacancies slowed the work.")
    page.fill("#id_next_steps", "Recruit by June.")
    page.click("button:has-text('Submit for review')")
    assert "has been submitted" in page.inner_text(".messages")

    # the chair saves a draft (the RAG shows as they type), then submits
    sign_in_as(page, live_server, login, "chair")
    page.goto(f"{base}/measures/my-returns/")
    page.click("a.btn:has-text('Start')")
    page.fill("#id_value", "65")
    page.wait_for_function("document.querySelector('#rag-preview').innerText.includes('Green')")
    page.click("button:has-text('Save draft')")
    assert "Draft saved" in page.inner_text(".messages")
    page.click("button:has-text('Submit for review')")
    assert "has been submitted" in page.inner_text(".messages")

    # the manager sends the data lead's return back and approves the chair's
    sign_in_as(page, live_server, login, "manager")
    page.goto(f"{base}{period.get_absolute_url()}?status=submitted")
    check_page(page, run_axe, axe_report, screenshots_dir, "flow-collection-submitted")
    subgroup_return = Return.objects.get(measure=quarter["subgroup_measure"])
    page.goto(f"{base}/measures/returns/{subgroup_return.pk}/")
    page.fill("#id_feedback", "Please say when the vacancies will be filled.")
    page.click("button:has-text('Return for amendment')")
    assert "Sent back for amendment" in page.inner_text(".messages")
    board_return = Return.objects.get(measure=quarter["board_measure"])
    page.goto(f"{base}/measures/returns/{board_return.pk}/")
    check_page(page, run_axe, axe_report, screenshots_dir, "flow-review")
    page.click("button:has-text('Approve')")
    assert "is locked" in page.inner_text(".messages")

    # the data lead sees the feedback, amends and resubmits
    sign_in_as(page, live_server, login, "datalead")
    page.goto(f"{base}/measures/my-returns/")
    assert "Please say when the vacancies will be filled." in page.inner_text("main")
    page.click("a.btn:has-text('Amend')")
    page.fill("#id_next_steps", "Two posts filled from 1 June.")
    page.click("button:has-text('Submit for review')")
    assert "has been submitted" in page.inner_text(".messages")

    # the manager approves it: every return of the quarter is approved
    sign_in_as(page, live_server, login, "manager")
    page.goto(f"{base}/measures/returns/{subgroup_return.pk}/")
    page.click("button:has-text('Approve')")
    page.goto(f"{base}{period.get_absolute_url()}")
    totals = page.inner_text("section[aria-labelledby=totals-heading]")
    assert "2 of 2" in totals
    assert Return.objects.filter(period=period, status=Return.Status.APPROVED).count() == 2
    check_page(page, run_axe, axe_report, screenshots_dir, "flow-all-approved")


@pytest.fixture
def demo(seeded_demo):
    period = ReportingPeriod.objects.get(financial_year=2024, quarter=4)
    health = GovernanceBody.objects.get(slug="health-safeguarding-partnership")
    measure = Measure.objects.filter(reporting_body=health).order_by("title").first()
    draft = Return.objects.filter(
        period=period, status=Return.Status.DRAFT, measure__reporting_body=health
    ).first()
    return {
        "period": period,
        "measure": measure,
        "draft_form": f"/measures/{draft.measure_id}/quarters/{period.pk}/return/",
        "submitted": Return.objects.filter(period=period, status=Return.Status.SUBMITTED).first(),
        "approved": Return.objects.filter(period=period, status=Return.Status.APPROVED).first(),
    }


MANAGER_PAGES = {
    "collection": lambda d: d["period"].get_absolute_url(),
    "collection-filtered": lambda d: d["period"].get_absolute_url() + "?status=overdue",
    "review": lambda d: f"/measures/returns/{d['submitted'].pk}/",
    "reopen": lambda d: f"/measures/returns/{d['approved'].pk}/reopen/",
    "quarter-new": lambda d: "/measures/quarters/new/",
    "deadline": lambda d: f"/measures/quarters/{d['period'].pk}/deadline/",
    "close": lambda d: f"/measures/quarters/{d['period'].pk}/close/",
    "upload": lambda d: "/measures/returns/upload/",
    "measure": lambda d: d["measure"].get_absolute_url(),
}
DATALEAD_PAGES = {
    "my-returns": lambda d: "/measures/my-returns/",
    "return-form": lambda d: d["draft_form"],
    "measure-reporter": lambda d: d["measure"].get_absolute_url(),
}


def upload_with_errors(page, demo, tmp_path):
    good = Measure.objects.filter(returns__isnull=True).first() or demo["measure"]
    csv = tmp_path / "returns.csv"
    csv.write_text(
        "measure_id,value,not_available_reason,commentary,next_steps\n"
        f"{demo['draft_form'].split('/')[2]},71,,Better than last quarter,\n"
        "424242,10,,,\n"
        f"{demo['approved'].measure_id},50,,,\n"
        f"{good.pk},abc,,,\n"
    )
    page.select_option("#id_period", str(demo["period"].pk))
    page.set_input_files("#id_file", str(csv))
    page.click("button:has-text('Check the file')")


@pytest.mark.parametrize("width", [1280, 375])
def test_return_pages_are_accessible(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    failures = []

    def visit(name, path):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.locator("h1").count() == 1, f"{path} needs exactly one <h1>"
        page.screenshot(path=str(screenshots_dir / f"returns-{name}-{width}.png"), full_page=True)
        violations = run_axe(page)
        if violations:
            failures.append(f"{name} at {width}px:\n{axe_report(violations)}")
        if width == 375 and page.evaluate(
            "document.documentElement.scrollWidth > window.innerWidth"
        ):
            failures.append(f"{name} scrolls sideways at 375px")

    sign_in_as(page, live_server, login, "manager")
    for name, path_of in MANAGER_PAGES.items():
        visit(name, path_of(demo))
    page.goto(f"{live_server.url}/measures/returns/upload/")
    upload_with_errors(page, demo, tmp_path)
    assert "/upload/check/" in page.url
    assert "Unknown measure" in page.inner_text("main")
    visit("upload-preview", "/measures/returns/upload/check/")

    sign_in_as(page, live_server, login, "datalead")
    for name, path_of in DATALEAD_PAGES.items():
        visit(name, path_of(demo))
    assert not failures, "\n\n".join(failures)


def test_the_manager_works_through_the_review_queue(
    quarter, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    """Approve and next lands on the next return waiting; the queue page and the bulk-approve
    confirmation pass axe-core at 1280px and 375px."""
    period = quarter["period"]
    chair, datalead = (
        get_user_model().objects.get(username=name) for name in ("chair", "datalead")
    )
    waiting = []
    for key, user in (("board_measure", chair), ("subgroup_measure", datalead)):
        waiting.append(
            Return.objects.create(
                measure=quarter[key],
                period=period,
                value=Decimal("65"),
                calculated_rag="green",
                rag="green",
                status=Return.Status.SUBMITTED,
                created_by=user,
                submitted_by=user,
                submitted_at=timezone.now(),
            )
        )
    # Queue order is by body name: the subgroup ("Child Exploitation ...") before the board.
    first, second = waiting[1], waiting[0]
    base = live_server.url
    sign_in_as(page, live_server, login, "manager")

    def check_both_widths(name):
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            check_page(page, run_axe, axe_report, screenshots_dir, f"{name}-{width}")
            assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{base}/")
    page.click("text=Review queue (every quarter)")
    assert "2 returns waiting for you" in page.inner_text("main")
    check_both_widths("review-queue")

    page.click(f"table a:has-text('{first.measure.title}')")
    page.click("button:has-text('Approve and next')")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/measures/returns/{second.pk}/")
    message = page.inner_text(".messages")
    assert f"Approved: {first.measure.title}" in message
    assert f"Next: {second.measure.title} for {period} (1 left)" in message

    page.goto(f"{base}/measures/review/")
    page.check(f"#select-return-{second.pk}")
    page.click("button:has-text('Approve selected')")
    page.wait_for_load_state("load")
    assert "To approve (1)" in page.inner_text("main")
    check_both_widths("bulk-approve-confirm")
    page.click("button:has-text('Approve 1 return')")
    assert "Approved 1 return." in page.inner_text(".messages")
    assert Return.objects.filter(status=Return.Status.APPROVED).count() == 2
