"""The yearly report in a real browser with the demo data: WCAG 2.2 AA by axe-core on every
yearly page at a desktop and a phone width, and the journey from a new draft to a published
report: the manager writes the required sections and sends it for sign-off, the three
statutory partners' leads each sign, the manager publishes, and the published report then
never changes (an edit is refused; a correction is a new version)."""

import pytest

from plans.models import Partner
from tests.e2e.journeys import sign_in, submit
from yearly.models import YearlyReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEADS = ("partnerlead-council", "partnerlead-health", "partnerlead-police")
NEW_YEAR = "2021-22"
WIDTHS = (1280, 375)


@pytest.fixture
def demo(seeded_demo):
    return {"published": YearlyReport.objects.published().get(financial_year=2020)}


SCREENSHOT_HEIGHT = 6000


def check_page(page, run_axe, axe_report, screenshots_dir, name, width) -> list[str]:
    """One h1, no axe violation, no sideways scrolling; a screenshot to look at."""
    problems = []
    if page.locator("h1").count() != 1:
        problems.append(f"{name} at {width}px: needs exactly one <h1>")
    # The top of a long page: Chromium cannot always capture a whole yearly report at phone
    # width in one picture (it is over 12,000 px tall).
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT)
    page.screenshot(
        path=str(screenshots_dir / f"yearly-{name}-{width}.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )
    violations = run_axe(page)
    if violations:
        problems.append(f"{name} at {width}px:\n{axe_report(violations)}")
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        problems.append(f"{name} scrolls sideways at {width}px")
    return problems


def visit_all(page, live_server, pages, run_axe, axe_report, screenshots_dir) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{path} answered {response.status}"
            problems += check_page(page, run_axe, axe_report, screenshots_dir, name, width)
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


def test_every_yearly_page_is_accessible_at_desktop_and_phone_widths(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    published = demo["published"]
    draft = YearlyReport.objects.create(financial_year=2021)  # nothing written: refused
    police = Partner.objects.get(name="Avon and Somerset Constabulary")
    sign_in(page, live_server, login, "manager")
    problems = visit_all(
        page,
        live_server,
        {
            "list": "/yearly/",
            "create": "/yearly/new/",
            "published": published.get_absolute_url(),
            "correct": f"{published.get_absolute_url()}correct/",
            "draft": draft.get_absolute_url(),
            "section": f"{draft.get_absolute_url()}sections/impact/",
            "figures": f"{draft.get_absolute_url()}sections/training/",
            "ready-refused": f"{draft.get_absolute_url()}ready/",
            "publish-refused": f"{draft.get_absolute_url()}publish/",
        },
        run_axe,
        axe_report,
        screenshots_dir,
    )
    page.goto(f"{live_server.url}{draft.get_absolute_url()}ready/")
    refusal = page.locator("main").inner_text()
    assert "cannot go for sign-off" in refusal
    assert (
        page.locator("main a[href*='/sections/impact/']").count() == 1
    )  # links to what is missing

    YearlyReport.objects.filter(pk=draft.pk).update(status=YearlyReport.Status.READY)
    sign_in(page, live_server, login, "partnerlead-police")
    problems += visit_all(
        page,
        live_server,
        {
            "lead-list": "/yearly/",
            "lead-ready": draft.get_absolute_url(),
            "sign": f"{draft.get_absolute_url()}sign/{police.pk}/",
        },
        run_axe,
        axe_report,
        screenshots_dir,
    )
    sign_in(page, live_server, login, "scrutiny")
    problems += visit_all(
        page,
        live_server,
        {"scrutiny-published": published.get_absolute_url()},
        run_axe,
        axe_report,
        screenshots_dir,
    )
    assert not problems, "\n\n".join(problems)


def write_section(page, live_server, report, key, text, *, focus="", rows=()):
    page.goto(f"{live_server.url}{report.get_absolute_url()}sections/{key}/")
    page.fill("textarea[name=text]", text)
    if focus:
        page.fill("textarea[name=focus]", focus)
    for index, (label, number, percent) in enumerate(rows):
        page.fill(f"input[name=row_{index}_label]", label)
        page.fill(f"input[name=row_{index}_number]", str(number))
        page.fill(f"input[name=row_{index}_percent]", str(percent))
    submit(page, "Save the section")
    assert "has been saved" in page.inner_text(".messages")


def test_a_report_from_draft_to_published_signed_by_the_three_partners(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    url = live_server.url
    sign_in(page, live_server, login, "manager")
    page.goto(f"{url}/yearly/new/")
    page.select_option("select[name=financial_year]", label=NEW_YEAR)
    submit(page, "Start the report")
    report = YearlyReport.objects.get(financial_year=2021)
    assert page.url.endswith(report.get_absolute_url())

    write_section(page, live_server, report, "impact", "Fewer children waited for early help.")
    write_section(
        page,
        live_server,
        report,
        "training",
        "Courses stayed online.",
        rows=[("Staff trained in multi-agency courses", 987, 94)],
    )
    write_section(page, live_server, report, "reviews", "One rapid review; no LCSPR.")
    write_section(page, live_server, report, "young_people", "The Youth Forum met each term.")
    page.goto(f"{url}{report.get_absolute_url()}")
    for href in page.eval_on_selector_all(
        "main a[href*='/sections/priority-']", "links => links.map(a => a.getAttribute('href'))"
    ):
        key = href.rstrip("/").rsplit("/", 1)[1]
        write_section(
            page, live_server, report, key, "Work went on.", focus="Measure the toolkit's impact."
        )

    page.goto(f"{url}{report.get_absolute_url()}ready/")
    assert page.locator("h1").count() == 1
    assert not run_axe(page)
    submit(page, "Send for sign-off")
    assert "ready for sign-off" in page.inner_text(".messages")
    report.refresh_from_db()
    assert report.status == YearlyReport.Status.READY

    for username in LEADS:
        sign_in(page, live_server, login, username)
        page.goto(f"{url}{report.get_absolute_url()}")
        with page.expect_navigation():
            page.click("main a:has-text('Sign for')")
        assert not run_axe(page), f"the sign page for {username}"
        submit(page, "Sign the report")
        assert "Signed for" in page.inner_text(".messages")
    assert report.sign_offs.count() == 3

    sign_in(page, live_server, login, "manager")
    page.goto(f"{url}{report.get_absolute_url()}publish/")
    assert not run_axe(page)
    submit(page, "Publish")
    assert "is published" in page.inner_text(".messages")
    report.refresh_from_db()
    assert report.status == YearlyReport.Status.PUBLISHED
    published_text = page.locator("main").inner_text()
    assert "987" in published_text
    assert "Staff trained in multi-agency courses" in published_text
    published_sections = page.locator("article .paper-section").all_inner_texts()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert not check_page(page, run_axe, axe_report, screenshots_dir, "new-published", width)
    page.set_viewport_size({"width": 1280, "height": 900})

    # An edit after publishing is refused; a correction is a new version, and the published
    # report stays as it was.
    response = page.goto(f"{url}{report.get_absolute_url()}sections/impact/")
    assert response.status == 403
    page.goto(f"{url}{report.get_absolute_url()}correct/")
    page.fill("textarea[name=note]", "The training figure is corrected.")
    submit(page, "Start the correction")
    correction = YearlyReport.objects.get(supersedes=report)
    write_section(page, live_server, correction, "impact", "Corrected impact text.")
    page.goto(f"{url}{report.get_absolute_url()}")
    assert page.locator("article .paper-section").all_inner_texts() == published_sections
    assert "Corrected impact text." not in page.locator("main").inner_text()
    report.refresh_from_db()
    assert report.status == YearlyReport.Status.PUBLISHED
