"""People in a real browser: the business manager invites a chair, the invitation travels
through a real SMTP server on localhost, the chair sets a password, signs in and submits a
return; the manager deactivates the chair, whose next click signs them out. Every people page is
checked with axe-core at 1280px and 375px, with screenshots."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measures.models import Measure, ReportingPeriod
from plans.models import GovernanceBody, Plan
from priorities.models import Priority

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Early help every quarter 26"


def check(page, run_axe, axe_report, screenshots_dir, name):
    page.wait_for_load_state("load")
    expect(page.locator("h1"), f"{name} needs exactly one <h1>").to_have_count(1)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(screenshots_dir / f"people-{name}-{width}.png"), full_page=True)
        violations = run_axe(page)
        assert not violations, f"axe-core on {name} at {width}px:\n{axe_report(violations)}"
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.fixture
def open_quarter(users):
    plan = Plan.objects.get(slug="2022-25")
    priority = Priority.objects.create(plan=plan, order=1, title="Keeping children safe")
    subgroup = GovernanceBody.objects.get(slug="child-exploitation-subgroup")
    measure = Measure.objects.create(
        priority=priority,
        reporting_body=subgroup,
        title="Children at risk of exploitation with a plan",
        unit=Measure.Unit.PERCENTAGE,
        polarity=Measure.Polarity.HIGHER,
        baseline=Decimal("50"),
        target=Decimal("60"),
        tolerance=Decimal("5"),
    )
    start, end = ReportingPeriod.quarter_dates(2024, 4)  # within the plan, 2022-25
    ReportingPeriod.objects.create(
        financial_year=2024,
        quarter=4,
        start_date=start,
        end_date=end,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        is_open=True,
    )
    return measure


def test_a_manager_invites_a_chair_who_submits_and_is_then_deactivated(
    open_quarter,
    smtp_server,
    browser,
    page,
    live_server,
    login,
    run_axe,
    axe_report,
    screenshots_dir,
):
    base = live_server.url
    login(page, live_server, "manager")
    page.click("nav >> text=People")
    check(page, run_axe, axe_report, screenshots_dir, "list")

    page.click("text=Invite a person")
    page.click("button:has-text('Send the invitation')")  # empty: told what is missing
    assert "Nothing was saved: there" in page.inner_text("#error-summary")
    check(page, run_axe, axe_report, screenshots_dir, "invite-errors")
    page.fill("#id_first_name", "Jordan")
    page.fill("#id_last_name", "Blake")
    page.fill("#id_email", "jordan.blake@example.org")
    page.select_option("#id_body", label="Child Exploitation Subgroup")
    page.select_option("#id_body_role", "chair")
    page.click("button:has-text('Send the invitation')")
    assert "Invitation sent to jordan.blake@example.org" in page.inner_text(".messages")
    check(page, run_axe, axe_report, screenshots_dir, "person-invited")

    # the e-mail arrives through the SMTP server on localhost
    page.wait_for_timeout(200)
    [message] = smtp_server.inbox.to("jordan.blake@example.org")
    link = re.search(r"https?://\S+/people/invitation/\S+/", smtp_server.inbox.text(message))[0]
    path = link[link.index("/people/") :]

    chair_context = browser.new_context(base_url=base, bypass_csp=True)
    chair_context.set_default_timeout(15_000)
    chair = chair_context.new_page()
    chair.goto(f"{base}{path}")
    assert "Welcome, Jordan" in chair.inner_text("h1")
    check(chair, run_axe, axe_report, screenshots_dir, "accept")
    chair.fill("#id_password1", "password")
    chair.fill("#id_password2", "password")
    chair.click("button:has-text('Set my password and sign in')")
    assert "too common" in chair.inner_text("main")
    chair.fill("#id_password1", PASSWORD)
    chair.fill("#id_password2", PASSWORD)
    chair.click("button:has-text('Set my password and sign in')")
    chair.wait_for_url(f"{base}/")
    assert "your password is set" in chair.inner_text(".messages")

    # the chair submits their body's return
    chair.click("nav >> text=My returns")
    chair.click("a.btn:has-text('Start')")
    chair.fill("#id_value", "65")
    chair.click("button:has-text('Submit for review')")
    assert "has been submitted" in chair.inner_text(".messages")

    # a used link says so
    used = chair_context.new_page()
    used.goto(f"{base}{path}")
    assert "already been used" in used.inner_text("main")
    used.close()

    # the manager ends the chair's access; the chair's next click signs them out
    page.goto(f"{base}/people/")
    page.fill("#id_search", "Jordan")
    page.click("button:has-text('Filter')")
    page.click("a:has-text('Jordan Blake')")
    page.click("a:has-text('Deactivate')")
    check(page, run_axe, axe_report, screenshots_dir, "deactivate-confirm")
    page.click("button:has-text('Deactivate')")
    assert "has been deactivated" in page.inner_text(".messages")

    chair.click("nav >> text=Plans")
    chair.wait_for_load_state("load")
    assert "/accounts/login/" in chair.url
    chair_context.close()

    page.click("nav >> text=People")
    page.click("text=Audit of changes and sign-ins")
    audit = page.inner_text("main")
    for what in ("Invitation sent", "Invitation accepted", "Deactivated", "Signed in"):
        assert what in audit
    check(page, run_axe, axe_report, screenshots_dir, "audit")
    page.goto(f"{base}/people/me/")
    check(page, run_axe, axe_report, screenshots_dir, "my-account")
