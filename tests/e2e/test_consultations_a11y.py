"""The consultations pages with the demo data in a real browser: WCAG 2.2 AA by axe-core, at
desktop width and on a phone, with screenshots to look at."""

import pytest

from consultations.models import Commitment, Consultation, EngagementGroup
from priorities.models import Priority

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(seeded_demo):
    consultation = Consultation.objects.get(slug="cypp-2022-25-consultation")
    return {
        "consultation": consultation,
        "commitment": Commitment.objects.filter(consultation=consultation).first(),
        "group": EngagementGroup.objects.get(name="Somerset Youth Forum"),
        "priority": Priority.objects.get(plan__slug="2022-25", order=2),
    }


def reader_pages(demo) -> dict[str, str]:
    slug = demo["consultation"].slug
    return {
        "consultations": "/consultations/",
        "consultation": f"/consultations/{slug}/",
        "you-said-we-did-2022-25": "/consultations/plans/2022-25/you-said-we-did/",
        "you-said-we-did-2019-22": "/consultations/plans/2019-22/you-said-we-did/",
        "priority-feedback": f"/consultations/priorities/{demo['priority'].pk}/",
        "commitments": "/consultations/commitments/?status=open&sort=-due_date",
        "groups": "/consultations/groups/",
        "group": f"/consultations/groups/{demo['group'].pk}/",
        "consultation-history": f"/consultations/{slug}/history/",
    }


def manager_pages(demo) -> dict[str, str]:
    slug = demo["consultation"].slug
    commitment = demo["commitment"].pk
    return {
        "consultation-new": "/consultations/new/",
        "consultation-edit": f"/consultations/{slug}/edit/",
        "feedback-new": f"/consultations/{slug}/feedback/new/",
        "commitment-edit": f"/consultations/commitments/{commitment}/edit/",
        "update-new": f"/consultations/commitments/{commitment}/updates/new/",
        "document-new": f"/consultations/{slug}/documents/new/",
        "group-new": "/consultations/groups/new/",
        "consultation-delete": f"/consultations/{slug}/delete/",
        "group-delete-refused": f"/consultations/groups/{demo['group'].pk}/delete/",
    }


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
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        if overflow:
            failures.append(f"{path} scrolls sideways at {page.viewport_size['width']}px")
    return failures


def test_consultation_pages_are_accessible_to_the_manager(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    login(page, live_server, "manager")
    pages = {**reader_pages(demo), **manager_pages(demo)}
    failures = check_pages(
        page, live_server, pages, run_axe, axe_report, screenshots_dir, "consultations-manager"
    )
    assert not failures, "\n\n".join(failures)


def test_consultation_pages_are_accessible_on_a_phone(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "scrutiny")
    failures = check_pages(
        page,
        live_server,
        reader_pages(demo),
        run_axe,
        axe_report,
        screenshots_dir,
        "consultations-375",
    )
    assert not failures, "\n\n".join(failures)


def test_a_refused_form_is_accessible_and_keeps_what_was_typed(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    login(page, live_server, "manager")
    commitment = Commitment.objects.get(promise__startswith="Report back to the Youth Forum")
    page.goto(f"{live_server.url}/consultations/commitments/{commitment.pk}/edit/")
    page.check("input[name=status][value=done]")
    page.fill("textarea[name=update_text]", "")
    page.fill("textarea[name=promise]", "Ratify the priorities with every subgroup.")
    with page.expect_navigation():
        page.click("form.edit-form button[type=submit]")
    page.screenshot(path=str(screenshots_dir / "consultations-form-refused.png"), full_page=True)
    assert page.locator("#error-summary").is_visible()
    assert "a commitment marked done needs an update" in page.inner_text("#error-summary")
    assert (
        page.input_value("textarea[name=promise]") == "Ratify the priorities with every subgroup."
    )
    violations = run_axe(page)
    assert not violations, axe_report(violations)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert commitment.promise != "Ratify the priorities with every subgroup."


def test_marking_a_commitment_done_in_the_browser(demo, page, live_server, login):
    login(page, live_server, "manager")
    commitment = Commitment.objects.get(promise__startswith="Publish a version of the Plan")
    page.goto(f"{live_server.url}/consultations/commitments/{commitment.pk}/edit/")
    page.check("input[name=status][value=done]")
    page.fill("textarea[name=update_text]", "We made a Plan on a Page with the Youth Forum.")
    with page.expect_navigation():
        page.click("form.edit-form button[type=submit]")
    assert "Saved the commitment: done." in page.inner_text(".messages")
    page.goto(f"{live_server.url}/consultations/plans/2022-25/you-said-we-did/")
    assert "We made a Plan on a Page with the Youth Forum." in page.inner_text("main")
