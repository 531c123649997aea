"""Every foundation page with the demo data, in a real browser: WCAG 2.2 AA by axe-core."""

import pytest

from assurance.models import Action, Review, Risk
from measures.models import Measure, ReportingPeriod
from plans.models import GovernanceBody, PartnerLead
from priorities.models import Strategy
from yearly.models import YearlyReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(seeded_demo):
    return {
        "strategy": Strategy.objects.order_by("title").first(),
        "body": GovernanceBody.objects.get(slug="early-help-strategic-commissioning-board"),
        "measure": Measure.objects.filter(
            reporting_body__slug="early-help-strategic-commissioning-board"
        ).first(),
        "period": ReportingPeriod.objects.get(financial_year=2024, quarter=4),
        "risk": Risk.objects.get(reference="ORG0009"),
        "rapid review": Review.objects.filter(kind=Review.Kind.RAPID).first(),
        "audit": Review.objects.get(kind=Review.Kind.SECTION_11),
        "action": Action.objects.filter(updates__isnull=False).first(),
        "yearly report": YearlyReport.objects.published().get(financial_year=2020),
        "partner lead": PartnerLead.objects.get(user__username="partnerlead-police"),
    }


def pages_of(demo) -> dict[str, str]:
    return {
        "home": "/",
        "plans": "/plans/",
        "plan": "/plans/2022-25/",
        "governance": "/plans/governance/",
        "body": demo["body"].get_absolute_url(),
        "reports": "/plans/reports/",
        "word template": "/plans/reports/word-template/",
        "restore the word template": "/plans/reports/word-template/restore/",
        "strategies": "/strategies/",
        "strategy": demo["strategy"].get_absolute_url(),
        "measure": demo["measure"].get_absolute_url(),
        "quarters": "/measures/quarters/",
        "quarter": demo["period"].get_absolute_url(),
        "consultations": "/consultations/",
        "password": "/accounts/password/",
        "risks": "/assurance/risks/",
        "risk": demo["risk"].get_absolute_url(),
        "risk review": f"{demo['risk'].get_absolute_url()}review/",
        "new risk": "/assurance/risks/new/",
        "search": "/search/?q=early+help",
        "search, one kind": "/search/?q=neglect&kind=strategies",
        "search, nothing found": "/search/?q=quokka",
        "search, too long": "/search/?q=" + "a" * 201,
        "reviews": "/assurance/reviews/",
        "rapid review": demo["rapid review"].get_absolute_url(),
        "audit": demo["audit"].get_absolute_url(),
        "new review": "/assurance/reviews/new/",
        "edit review": f"{demo['rapid review'].get_absolute_url()}edit/",
        "actions": "/assurance/actions/",
        "action": demo["action"].get_absolute_url(),
        "action update": f"{demo['action'].get_absolute_url()}update/",
        "action edit": f"{demo['action'].get_absolute_url()}edit/",
        "action send back": f"{demo['action'].get_absolute_url()}send-back/",
        "action sign off": f"{demo['action'].get_absolute_url()}sign-off/",
        "new recommendation": f"{demo['rapid review'].get_absolute_url()}recommendations/new/",
        "yearly reports": "/yearly/",
        "yearly report": demo["yearly report"].get_absolute_url(),
        "new yearly report": "/yearly/new/",
        "partner lead's page": f"/people/{demo['partner lead'].user_id}/",
        "make partner lead": f"/people/{demo['partner lead'].user_id}/partner-leads/add/",
        "remove partner lead": f"/people/partner-leads/{demo['partner lead'].pk}/remove/",
    }


def test_every_page_is_accessible_to_the_manager(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    login(page, live_server, "manager")
    failures = []
    for name, path in pages_of(demo).items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.locator("h1").count() == 1, f"{path} needs exactly one <h1>"
        page.screenshot(path=str(screenshots_dir / f"manager-{name}.png"), full_page=True)
        violations = run_axe(page)
        if violations:
            failures.append(f"{path}:\n{axe_report(violations)}")
    assert not failures, "\n\n".join(failures)


def test_reporter_pages_are_accessible_on_a_phone(
    demo, page, live_server, login, run_axe, axe_report, screenshots_dir
):
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "chair")
    for name in (
        "home",
        "body",
        "plan",
        "measure",
        "risks",
        "risk",
        "search",
        "reviews",
        "actions",
        "action",
    ):
        page.goto(f"{live_server.url}{pages_of(demo)[name]}")
        page.screenshot(path=str(screenshots_dir / f"chair-375-{name}.png"), full_page=True)
        violations = run_axe(page)
        assert not violations, f"{name} at 375px as chair:\n{axe_report(violations)}"
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{name} scrolls sideways at 375px"
