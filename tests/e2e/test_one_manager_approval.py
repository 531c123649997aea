"""Approval with one business manager, in a real browser: the manager enters a body's figures
received by e-mail, cannot approve them, and the body's chair confirms them from their home
page. The pages are checked with axe-core at 1280px and 375px, with screenshots."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from measures.models import ReportingPeriod, Return
from plans.models import Membership
from tests.e2e.test_people import open_quarter  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, run_axe, axe_report, screenshots_dir, name):
    page.wait_for_load_state("load")
    expect(page.locator("h1"), f"{name} needs exactly one <h1>").to_have_count(1)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(screenshots_dir / f"confirm-{name}-{width}.png"), full_page=True)
        violations = run_axe(page)
        assert not violations, f"axe-core on {name} at {width}px:\n{axe_report(violations)}"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_the_chair_confirms_figures_the_only_manager_entered(
    open_quarter,  # noqa: F811
    users,
    browser,
    page,
    live_server,
    login,
    run_axe,
    axe_report,
    screenshots_dir,
):
    measure = open_quarter
    period = ReportingPeriod.objects.get()
    Membership.objects.create(
        user=users["chair"], body=measure.reporting_body, role=Membership.Role.CHAIR
    )
    base = live_server.url

    login(page, live_server, "manager")
    page.goto(
        base
        + reverse("measures:return_edit", kwargs={"measure_pk": measure.pk, "period_pk": period.pk})
    )
    page.fill("#id_value", "65")
    page.fill("#id_commentary", "Figures sent by the subgroup's analyst.")
    page.click("button:has-text('Submit for review')")
    assert "has been submitted" in page.inner_text(".messages")
    main = page.inner_text("main")
    assert "the chair or deputy chair of Child Exploitation Subgroup" in main
    assert page.locator("button:has-text('Approve')").count() == 0
    check(page, run_axe, axe_report, screenshots_dir, "manager-return")

    page.goto(f"{base}/")
    assert "1 you entered on a body's behalf is waiting" in page.inner_text("main")

    chair_context = browser.new_context(base_url=base, bypass_csp=True)
    chair_context.set_default_timeout(15_000)
    chair = chair_context.new_page()
    login(chair, live_server, "chair")
    assert "Waiting for you to confirm" in chair.inner_text("main")
    check(chair, run_axe, axe_report, screenshots_dir, "chair-home")
    chair.click(f"main a:has-text('{measure.title}, {period}')")
    assert "Confirm the figures" in chair.inner_text("main")
    check(chair, run_axe, axe_report, screenshots_dir, "chair-return")
    chair.click("button:has-text('Confirm and approve')")
    assert "Approved" in chair.inner_text(".messages")
    ret = Return.objects.get(measure=measure, period=period)
    assert ret.status == Return.Status.APPROVED
    assert ret.reviewed_by == users["chair"]
    chair.goto(f"{base}/")
    assert "Waiting for you to confirm" not in chair.inner_text("main")
    chair_context.close()
