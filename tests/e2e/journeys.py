"""Steps the browser journeys share."""


def sign_in(page, live_server, login, username):
    """Sign out whoever is signed in, then sign in as ``username`` through the real form."""
    page.context.clear_cookies()
    login(page, live_server, username)


def submit(page, label):
    """Press the main form's button named ``label`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(f"main form button:has-text('{label}')")
