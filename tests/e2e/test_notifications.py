"""Notifications in a real browser: a data lead submits, the manager hears of it in the inbox
and by e-mail (through a real SMTP server on localhost), sends it back with feedback, the data
lead hears of that, fixes and resubmits, and the manager approves. The new pages and the HTML
e-mails, rendered in the browser, have no axe-core violations at 1280px and 375px."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from measures import services
from measures.models import Measure, ReportingPeriod, Return
from measures.services import ReturnFigures
from tests.e2e.test_people import open_quarter  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, run_axe, axe_report, screenshots_dir, name):
    page.wait_for_load_state("load")
    expect(page.locator("h1"), f"{name} needs exactly one <h1>").to_have_count(1)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(screenshots_dir / f"notify-{name}-{width}.png"), full_page=True)
        violations = run_axe(page)
        assert not violations, f"axe-core on {name} at {width}px:\n{axe_report(violations)}"
    page.set_viewport_size({"width": 1280, "height": 800})


def bell(page) -> str:
    return " ".join(page.inner_text("header a.bell").split())


def check_email(page, smtp_server, message, run_axe, axe_report, screenshots_dir, name):
    page.set_content(smtp_server.inbox.html(message))
    check(page, run_axe, axe_report, screenshots_dir, f"email-{name}")


def test_a_return_goes_round_with_every_hand_over_announced(
    open_quarter,  # noqa: F811
    users,
    smtp_server,
    browser,
    page,
    live_server,
    login,
    run_axe,
    axe_report,
    screenshots_dir,
):
    measure = open_quarter
    base = live_server.url
    lead_context = browser.new_context(base_url=base, bypass_csp=True)
    lead_context.set_default_timeout(15_000)
    lead = lead_context.new_page()
    login(lead, live_server, "datalead")
    lead.click("nav >> text=My returns")
    lead.click("a.btn:has-text('Start')")
    lead.fill("#id_value", "45")
    lead.fill("#id_commentary", "Fewer plans in place after staff changes.")
    lead.click("button:has-text('Submit for review')")
    assert "has been submitted" in lead.inner_text(".messages")

    # The manager: the bell, the home page, the inbox and the e-mail.
    login(page, live_server, "manager")
    assert bell(page) == "Notifications 1 unread"
    assert "Waiting for you" in page.inner_text("main")
    page.click("header >> text=Notifications")
    check(page, run_axe, axe_report, screenshots_dir, "inbox")
    [email] = smtp_server.inbox.to(users["manager"].email)
    assert "Return to review" in email["Subject"]
    check_email(page, smtp_server, email, run_axe, axe_report, screenshots_dir, "submitted")

    page.goto(f"{base}/notifications/")
    page.click("main a:has-text('Return to review')")
    assert "Review" in page.inner_text("main")
    page.fill("#id_feedback", "Please add the figure for the second team <b>too</b>.")
    page.click("button:has-text('Return for amendment')")
    assert "Sent back for amendment" in page.inner_text(".messages")

    # The data lead hears of it, in the app and by e-mail, and fixes it.
    lead.goto(f"{base}/")
    assert bell(lead) == "Notifications 1 unread"
    lead.click("header >> text=Notifications")
    assert "Please add the figure for the second team <b>too</b>." in lead.inner_text("main")
    [sent_back] = smtp_server.inbox.to(users["datalead"].email)
    assert "second team <b>too</b>" in smtp_server.inbox.text(sent_back)
    check_email(lead, smtp_server, sent_back, run_axe, axe_report, screenshots_dir, "sent-back")
    lead.goto(f"{base}/notifications/")
    lead.click("main a:has-text('Return sent back')")
    lead.click("a:has-text('Amend the return')")
    lead.fill("#id_value", "52")
    lead.click("button:has-text('Submit for review')")
    assert "has been submitted" in lead.inner_text(".messages")
    lead.goto(f"{base}/notifications/preferences/")
    check(lead, run_axe, axe_report, screenshots_dir, "preferences")
    lead.check("#id_return_approved_1")  # a daily digest
    lead.click("button:has-text('Save my preferences')")
    assert "preferences are saved" in lead.inner_text(".messages")

    # Another return waits in the queue; the manager approves the resubmitted one and moves on.
    second = Measure.objects.create(
        priority=measure.priority,
        reporting_body=measure.reporting_body,
        title="Missing episodes followed up",
        unit=Measure.Unit.COUNT,
        polarity=Measure.Polarity.NONE,
    )
    services.return_submit(
        measure=second,
        period=ReportingPeriod.objects.get(),
        user=users["datalead"],
        figures=ReturnFigures(value=Decimal("12"), commentary="As expected."),
        expected_version=0,
    )
    page.goto(f"{base}/notifications/?state=unread")
    page.click(f"main a:has-text('Return to review: {measure.title}')")
    page.click("button:has-text('Approve and next')")
    assert "Next: Missing episodes followed up" in page.inner_text(".messages")
    assert "Missing episodes followed up" in page.inner_text("h1")
    ret = Return.objects.get(measure=measure)
    assert ret.status == Return.Status.APPROVED and ret.value == 52
    assert len(smtp_server.inbox.to(users["datalead"].email)) == 1  # approval goes in the digest

    page.goto(f"{base}/notifications/email-log/")
    check(page, run_axe, axe_report, screenshots_dir, "email-log")

    # A third measure is not started: the manager chases the body, after a preview.
    Measure.objects.create(
        priority=measure.priority,
        reporting_body=measure.reporting_body,
        title="Return interviews offered",
        unit=Measure.Unit.COUNT,
        polarity=Measure.Polarity.NONE,
    )
    page.goto(f"{base}/measures/quarters/{ReportingPeriod.objects.get().pk}/chase/")
    check(page, run_axe, axe_report, screenshots_dir, "chase")
    page.check("label:has-text('Child Exploitation Subgroup')")
    page.click("button:has-text('Preview the reminders')")
    assert "- Return interviews offered" in page.inner_text("main")
    check(page, run_axe, axe_report, screenshots_dir, "chase-preview")
    page.click("button:has-text('Send 1 reminder now')")
    assert "Reminded 1 body (1 person)" in page.inner_text(".messages")
    assert "Reminder: 1 return" in smtp_server.inbox.to(users["datalead"].email)[-1]["Subject"]
    lead_context.close()
