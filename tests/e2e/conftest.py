"""Browser tests: Playwright (sync API) drives Debian's Chromium against the live server.

Nothing here downloads a browser: ``playwright install`` is never run. The tests need
``/usr/bin/chromium`` and ``node_modules/axe-core/axe.min.js`` (``make install`` runs npm); when
either is missing they skip with a plain message, or fail when ``SSCP_REQUIRE_BROWSER=1`` (CI).
"""

import datetime
import io
import os
import sqlite3
from pathlib import Path

import pytest

from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS

# Playwright's sync API runs an event loop in this thread; without this Django refuses ORM calls
# made from the test (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "screenshots"
PASSWORD = "sscp-demo"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} is missing: install Debian's chromium package "
            "(apt-get install chromium) to run the browser tests"
        )
    if not AXE_JS.exists():
        return f"{AXE_JS.relative_to(REPO_ROOT)} is missing: run `make install` (needs npm)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is missing: run `make install`"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("SSCP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SSCP_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    reason = _browser_unavailable()
    if reason:
        _skip_or_fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp: the site's CSP is script-src 'self', which would block injecting axe-core.
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login():
    """``login(page, live_server, username)``: sign in through the real form at /accounts/login/."""

    def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("form [type=submit]")

    return sign_in


@pytest.fixture
def run_axe():
    """``run_axe(page)``: the axe-core violations of the page for WCAG 2.0-2.2 A and AA."""

    def check(page) -> list[dict]:
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        return result["violations"]

    return check


def format_violations(violations: list[dict]) -> str:
    """Violations as lines a person can read in an assertion message."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@pytest.fixture
def axe_report():
    return format_violations


@pytest.fixture
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def users(transactional_db, django_user_model):
    """The four demo roles, made with the ORM, password ``sscp-demo``, and an active plan."""
    from django.contrib.auth.models import Group

    from plans.models import GovernanceBody, Membership, Plan

    def make_user(username: str, first_name: str, last_name: str):
        return django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@example.org",
        )

    manager = make_user("manager", "Morgan", "Hughes")
    manager.groups.add(Group.objects.get_or_create(name=BUSINESS_MANAGERS)[0])
    scrutiny = make_user("scrutiny", "Sam", "Patel")
    scrutiny.groups.add(Group.objects.get_or_create(name=SCRUTINY_MEMBERS)[0])

    board = GovernanceBody.objects.create(
        name="Early Help Board", slug="early-help-board", kind=GovernanceBody.Kind.BOARD
    )
    subgroup = GovernanceBody.objects.create(
        name="Child Exploitation Subgroup",
        slug="child-exploitation-subgroup",
        kind=GovernanceBody.Kind.SUBGROUP,
    )
    chair = make_user("chair", "Chris", "Evans")
    Membership.objects.create(user=chair, body=board, role=Membership.Role.CHAIR)
    datalead = make_user("datalead", "Dana", "Lewis")
    Membership.objects.create(user=datalead, body=subgroup, role=Membership.Role.DATA_LEAD)

    Plan.objects.create(
        title="Children and Young People's Plan",
        slug="2022-25",
        start_date=datetime.date(2022, 4, 1),
        end_date=datetime.date(2025, 3, 31),
        vision="Children and young people are safe, healthy and happy.",
        status=Plan.Status.ACTIVE,
        approval_date=datetime.date(2022, 3, 15),
    )
    return {"manager": manager, "scrutiny": scrutiny, "chair": chair, "datalead": datalead}


# The demo as `seed_demo --with-demo-users` makes it, copied aside after its first seeding in a
# test process (SQLite's backup API): later tests copy it back, in milliseconds instead of the
# seconds seeding takes. The page cache is emptied before every test (tests/conftest.py), so no
# page cached in one test is served in another. On PostgreSQL it is seeded each time.
_demo_copy: sqlite3.Connection | None = None


@pytest.fixture
def seeded_demo(transactional_db):
    from django.core.management import call_command
    from django.db import connection

    global _demo_copy
    if connection.vendor != "sqlite":
        call_command("seed_demo", with_demo_users=True, stdout=io.StringIO())
        return
    connection.ensure_connection()
    if _demo_copy is None:
        call_command("seed_demo", with_demo_users=True, stdout=io.StringIO())
        _demo_copy = sqlite3.connect(":memory:")
        connection.connection.backup(_demo_copy)
    else:
        _demo_copy.backup(connection.connection)
