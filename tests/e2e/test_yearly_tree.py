"""The yearly report's governance tree in a browser: on a 375 px screen the page does not scroll
sideways (the diagram scrolls inside its focusable region), and the section has no axe
violations."""

import pytest

from tests.factories import GovernanceBodyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_governance_tree_fits_a_phone_and_passes_axe(
    page, live_server, login, users, run_axe, axe_report
):
    from yearly import services

    board = GovernanceBodyFactory(name="Safeguarding Partnership Board", kind="board")
    for name in ("Learning and Review", "Training", "Quality Assurance", "Youth Forum"):
        GovernanceBodyFactory(name=f"{name} Subgroup", parent=board)
    report = services.yearly_create(financial_year=2023, user=users["manager"])
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    region = page.locator(".governance-tree-scroll")
    assert region.get_attribute("tabindex") == "0"
    svg = page.locator(".governance-tree svg")
    assert svg.get_attribute("role") == "img"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate(
        "() => { const r = document.querySelector('.governance-tree-scroll');"
        " return r.scrollWidth > r.clientWidth; }"
    )
    violations = run_axe(page)
    assert not violations, axe_report(violations)
