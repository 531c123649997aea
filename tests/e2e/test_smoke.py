"""Smoke tests in a real browser: each role signs in; home page structure and WCAG 2.2 AA."""

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["manager", "chair", "datalead", "scrutiny"]
LOGIN_PATH = "/accounts/login/"


def path_of(page) -> str:
    return urlparse(page.url).path


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_to_an_accessible_home_page(
    role, page, live_server, users, login, run_axe, axe_report, screenshots_dir
):
    user = users[role]

    login(page, live_server, role)

    assert path_of(page) == "/", f"{role} landed on {page.url}, not the home page"
    assert page.locator("h1").count() == 1, "the home page needs exactly one <h1>"
    assert page.locator("a[href='#main']").count() >= 1, "no skip link to #main"
    assert page.locator("#main").count() == 1, "the skip link's target #main is missing"
    assert page.locator("main, [role=main]").count() == 1, "no single <main> landmark"
    name = user.get_full_name() or user.username
    body_text = page.locator("body").inner_text()
    assert name in body_text or user.username in body_text, f"{name!r} is not shown"
    page.screenshot(path=str(screenshots_dir / f"home-{role}.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, f"axe-core on the home page as {role}:\n{axe_report(violations)}"


def test_anonymous_visitor_is_sent_to_the_login_page(page, live_server):
    page.goto(f"{live_server.url}/")

    assert path_of(page) == LOGIN_PATH


def test_login_page_has_no_accessibility_violations(page, live_server, run_axe, axe_report):
    page.goto(f"{live_server.url}{LOGIN_PATH}")

    assert page.locator("h1").count() == 1, "the login page needs exactly one <h1>"
    violations = run_axe(page)
    assert not violations, f"axe-core on the login page:\n{axe_report(violations)}"


def test_logout_from_the_navigation_returns_to_the_login_page(page, live_server, users, login):
    login(page, live_server, "manager")
    logout_button = page.locator("form[action*='logout'] [type=submit]")
    assert logout_button.count() == 1, "no logout form (POST) in the navigation"

    with page.expect_navigation():
        logout_button.click()

    assert path_of(page) == LOGIN_PATH
    page.goto(f"{live_server.url}/")
    assert path_of(page) == LOGIN_PATH, "still signed in after logging out"
