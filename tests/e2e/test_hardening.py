"""Hardening in a real browser: script payloads never open a dialog; every page each role can
reach from the home page passes axe-core (WCAG 2.2 A and AA) and fits 320 px without sideways
scrolling; three journeys done with the keyboard alone."""

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve

# The security tests' world fixture and the partner it needs.
from tests.security.conftest import lead_partner, world  # noqa: F401
from tests.security.test_injection import fill_every_free_text_field, readable_urls, xss_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGES_PER_ROLE = 80
# Not followed: signing out, downloads and exports, JSON for scripts, the admin.
SKIP_URL_NAMES = {
    "logout",
    "measures:upload_template",
    "measures:rag_preview",
    "plans:report_docx",
    "plans:report_pdf",
    "plans:report_word_template_download",
    "assurance:action_export",
    "yearly:report_docx",
    "yearly:report_pdf",
    "assurance:action_evidence",
    "health",
}
SKIP_QUERY_WORDS = ("export=", "download")


# --- script payloads ------------------------------------------------------------------------


def test_no_payload_opens_a_dialog(world, page, live_server, login, manager):  # noqa: F811
    """The manager reads every page (the other roles see subsets of them)."""
    fill_every_free_text_field(xss_value)
    user, role = manager, "manager"
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    login(page, live_server, user.username)
    visited = 0
    for url in readable_urls(role, world):
        if page_key(url) is None:
            continue
        page.goto(f"{live_server.url}{url}")
        visited += 1
    assert visited >= 10
    assert not dialogs, dialogs


# --- crawl every reachable page, per role -------------------------------------------------


@pytest.fixture
def demo(seeded_demo):
    """The demo data and its accounts (``seeded_demo``)."""


def page_key(path: str) -> str | None:
    """One page per URL pattern: the URL name, or None for links not to follow."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if name in SKIP_URL_NAMES or name.startswith("admin:"):
        return None
    return name


def crawl(page, live_server, limit=MAX_PAGES_PER_ROLE):
    """Breadth first from the home page over same-site links, one page per URL pattern."""
    origin = live_server.url
    seen_keys, queue, visited = {"home"}, deque(["/"]), []
    while queue and len(visited) < limit:
        path = queue.popleft()
        response = page.goto(f"{origin}{path}")
        assert response.status < 400, f"{path} answered {response.status}"
        visited.append(path)
        yield path
        hrefs = page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(a => a.href)"
        )
        for href in hrefs:
            href, _ = urldefrag(href)
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != origin:
                continue
            if any(word in parts.query for word in SKIP_QUERY_WORDS):
                continue
            key = page_key(parts.path)
            if key is None or key in seen_keys:
                continue
            seen_keys.add(key)
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))


PAGES_CRAWLED = {}


@pytest.mark.parametrize(
    "role", ["manager", "chair", "datalead", "scrutiny", "partnerlead-council"]
)
def test_every_reachable_page_is_accessible_and_fits_320px(
    demo, page, live_server, login, run_axe, axe_report, role
):
    login(page, live_server, role)
    failures, count = [], 0
    for path in crawl(page, live_server):
        count += 1
        violations = run_axe(page)
        if violations:
            failures.append(f"{path}:\n{axe_report(violations)}")
        page.set_viewport_size({"width": 320, "height": 800})
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            failures.append(f"{path}: scrolls sideways by {overflow}px at 320px")
        page.set_viewport_size({"width": 1280, "height": 800})
    PAGES_CRAWLED[role] = count
    print(f"{role}: crawled {count} pages")  # noqa: T201 - the figure for the closing note
    assert count >= 5
    assert not failures, "\n\n".join(failures)


# --- keyboard only --------------------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Presses Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_manager_edits_a_priority_with_the_keyboard(demo, page, live_server, login):
    from priorities.models import Priority

    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/plans/2022-25/")
    tab_to(page, "a[href*='/priorities/'][href$='/edit/']")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    pk = int(href.strip("/").split("/")[1])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=title]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Edited with the keyboard alone")
    tab_to(page, "button[type=submit], input[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Priority.objects.get(pk=pk).title == "Edited with the keyboard alone"


def test_chair_submits_a_return_with_the_keyboard(demo, page, live_server, login):
    from measures.models import Return

    login(page, live_server, "chair")
    page.goto(f"{live_server.url}/measures/my-returns/")
    tab_to(page, "a[href*='/quarters/'][href$='/return/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    path = urlsplit(page.url).path
    measure_pk, period_pk = int(path.split("/")[2]), int(path.split("/")[4])
    tab_to(page, "input[name=value]")
    page.keyboard.press("Control+A")
    page.keyboard.type("42")
    tab_to(page, "textarea[name=commentary]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Entered with the keyboard alone.")
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    ret = Return.objects.get(measure_id=measure_pk, period_id=period_pk)
    assert ret.status == Return.Status.SUBMITTED, page.content()[:3000]
    assert ret.commentary == "Entered with the keyboard alone."


def test_scrutiny_member_reads_a_published_report_with_the_keyboard(demo, page, live_server, login):
    """From the home page's list of published reports to the committee paper, by Tab and
    Enter: the paper's heading and its RAG summary are shown."""
    from plans.models import ProgressReport

    login(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}/")
    # A link to one report (/plans/reports/<pk>/), not to the list of them.
    tab_to(page, "main a[href^='/plans/reports/']:not([href='/plans/reports/'])")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == href
    report = ProgressReport.objects.select_related("plan", "period").get(pk=href.split("/")[3])
    assert report.status == ProgressReport.Status.PUBLISHED
    heading = page.locator("h1")
    assert heading.count() == 1
    assert heading.inner_text() == report.snapshot["title"]
    assert report.period.label in heading.inner_text()
    rag_summary = page.locator("#rag-counts")
    assert rag_summary.is_visible()
    assert "RAG ratings this quarter" in rag_summary.inner_text()
    assert page.locator("#rag-counts ~ table, #rag-counts ~ * table").first.is_visible()
    # The skip link is the first stop and lands on the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"


def test_scrutiny_member_reads_the_plan_with_the_keyboard(demo, page, live_server, login):
    """The Plan on a Page, reached from the home page by keyboard."""
    login(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}/")
    tab_to(page, "main a[href='/plans/2022-25/'], a[href='/plans/2022-25/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/plans/2022-25/"
    assert page.locator("h1").count() == 1
    # The skip link is the first stop and lands on the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"
