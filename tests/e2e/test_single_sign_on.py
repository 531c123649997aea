"""Signing in with a partner's single sign-on in Chromium, through a real OpenID Connect
provider running on localhost (tests/people/oidc_provider.py), and the sign-in and refusal
pages checked with axe-core at desktop width and at 375px."""

import pytest

from tests.people.oidc_provider import Provider, provider_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(settings):
    running = Provider().start()
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(running, domains=("example.org",))
    yield running
    running.stop()


def check(page, run_axe, axe_report, screenshots_dir, name):
    assert page.locator("h1").count() == 1, f"{name} needs exactly one <h1>"
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(screenshots_dir / f"sso-{name}-{width}.png"), full_page=True)
        violations = run_axe(page)
        assert not violations, f"axe-core on {name} at {width}px:\n{axe_report(violations)}"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_chair_signs_in_with_their_organisation(
    users, provider, page, live_server, run_axe, axe_report, screenshots_dir
):
    provider.sign_in_as("chair@example.org")
    page.goto(f"{live_server.url}/accounts/login/")
    check(page, run_axe, axe_report, screenshots_dir, "login")
    page.click("button:has-text('Sign in with Somerset Council')")
    page.wait_for_url(f"{provider.url}/authorize**")
    page.click("button:has-text('Continue to SSCP Plans')")
    page.wait_for_url(f"{live_server.url}/")
    assert "Signed in as" in page.inner_text("header")
    assert "My returns" in page.inner_text("nav")


def test_an_unknown_person_is_told_to_ask_for_access(
    users, provider, page, live_server, run_axe, axe_report, screenshots_dir
):
    provider.sign_in_as("stranger@example.org")
    page.goto(f"{live_server.url}/accounts/login/")
    page.click("button:has-text('Sign in with Somerset Council')")
    page.click("button:has-text('Continue to SSCP Plans')")
    page.wait_for_load_state("load")
    assert "Ask the partnership's business manager for access" in page.inner_text("main")
    check(page, run_axe, axe_report, screenshots_dir, "refused")
    assert "Signed in as" not in page.inner_text("header")


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/two-factor/",
        "/accounts/two-factor/totp/activate/",
        "/accounts/email/",
        "/accounts/logout/",
    ],
)
def test_account_pages_pass_axe(
    users, page, live_server, login, run_axe, axe_report, screenshots_dir, path
):
    login(page, live_server, "chair")
    page.goto(f"{live_server.url}{path}")
    name = path.strip("/").replace("/", "-")
    check(page, run_axe, axe_report, screenshots_dir, name)


@pytest.mark.parametrize("path", ["/accounts/password/reset/", "/accounts/signup/"])
def test_signed_out_account_pages_pass_axe(
    page, live_server, run_axe, axe_report, screenshots_dir, path
):
    page.goto(f"{live_server.url}{path}")
    check(page, run_axe, axe_report, screenshots_dir, path.strip("/").replace("/", "-"))
