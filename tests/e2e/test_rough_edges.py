"""Rough edges a new user met, in a real browser: on a phone My returns keeps each return's
action on screen and a report's charts stay readable; every text box with a limit counts what
is left; a refused form lists its problems first, each a link to its field."""

import pytest

from measures.models import Return
from plans.models import ProgressReport
from tests.e2e.journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(seeded_demo):
    """The demo data and its accounts (``seeded_demo``)."""


def test_my_returns_keeps_every_action_on_a_phone_screen(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, login, "datalead")
    page.goto(f"{live_server.url}/measures/my-returns/")
    actions = page.locator("table.table-stack td[data-label=Action] a")
    assert actions.count() >= 2
    for index in range(actions.count()):
        box = actions.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.screenshot(path=str(screenshots_dir / "rough-my-returns-375.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, axe_report(violations)


def test_a_report_chart_keeps_readable_labels_on_a_phone(demo, page, live_server, login):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, login, "manager")
    draft = ProgressReport.objects.filter(status=ProgressReport.Status.DRAFT).first()
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    chart = page.locator(".chart-scroll svg").first
    chart.scroll_into_view_if_needed()
    # drawn 640 units wide with 12-unit labels: at 36rem (576px) a label is 10.8px high
    assert chart.bounding_box()["width"] >= 576
    region = page.locator(".chart-scroll").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_text_boxes_count_what_is_left_and_refusals_link_to_their_fields(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    draft = Return.objects.filter(
        status=Return.Status.DRAFT, measure__reporting_body__slug="health-safeguarding-partnership"
    ).first()
    sign_in(page, live_server, login, "datalead")
    page.goto(f"{live_server.url}/measures/{draft.measure_id}/quarters/{draft.period_id}/return/")

    commentary = page.locator("#id_commentary")
    assert commentary.get_attribute("maxlength") is None  # the count keeps the limit instead
    count = page.locator("#id_commentary-count")
    commentary.fill("Staffing is back to full strength.")
    assert count.inner_text() == f"You have {5000 - 34:,} characters remaining"
    commentary.fill("x" * 5010)
    assert count.inner_text() == "You have 10 characters too many"
    assert "text-danger" in count.get_attribute("class")

    page.fill("#id_value", "150")
    with page.expect_navigation():
        page.click("button[value=draft]")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert "Nothing was saved: there are problems" in summary.inner_text()
    page.screenshot(path=str(screenshots_dir / "rough-error-summary.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, axe_report(violations)
    summary.get_by_role("link", name="Value (percentage): A percentage must be between").click()
    assert page.evaluate("document.activeElement.id") == "id_value"
    draft.refresh_from_db()
    assert draft.commentary != "x" * 5010
