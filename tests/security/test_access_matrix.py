"""The access matrix: for every URL in the URL configuration, every role and every method it
accepts, what the server answers. One table (``ROUTES``) says it; the tests below expand it to
one row per (role, URL name, method) and check each against a real response. A URL missing from
the table fails ``test_every_url_is_in_the_matrix``, so a new view is refused until someone
decides who may use it.

Outcomes: anonymous people are sent to the login page; signed-in people the table does not allow
get 403; a refused POST changes no row of any data table. Allowed GETs answer 200 (or the status
the table names); allowed POSTs are only required not to be refused or to fail (any of 200, 302,
400, 409), since the matrix posts the same generic data to every form.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.views import home
from sscp.cache import CachedPageMixin

ROLES = ("anonymous", "no_role", "manager", "scrutiny", "chair", "datalead", "partnerlead")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
WITH_A_ROLE = frozenset({"manager", "scrutiny", "chair", "datalead", "partnerlead"})
MANAGER = frozenset({"manager"})
NOBODY = frozenset()

# URLs the matrix does not cover: the admin (superusers only, Django's own checks) and the health
# check (deliberately open; tests/sscp/test_pages.py covers it). Static files are not named URLs.
EXCLUDED = {"health"}
EXCLUDED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Route:
    """Who may GET and POST one named URL. ``post=None``: the view does not accept POST (405).
    ``status`` overrides the expected answer for (role, method) pairs that are not plain 200."""

    kwargs: Callable[[dict], dict]
    get: frozenset
    post: frozenset | None = None
    status: dict = field(default_factory=dict)


def _w(*keys, **named):
    """kwargs from the world: _w(slug="plan") -> {"slug": world["plan"].slug}."""

    def build(world):
        out = {}
        for kwarg, spec in named.items():
            obj_key, _, attr = spec.partition(".")
            obj = world[obj_key]
            out[kwarg] = getattr(obj, attr or ("slug" if kwarg.endswith("slug") else "pk"))
        return out

    return build


NONE = _w()
# Pages open to anyone that answer a POST with 405.
GET_ONLY_OPEN = {(role, "POST"): "refused" for role in ROLES}
# allauth sends signed-in people away from pages for signing in (302).
SIGNED_IN_AWAY = {(role, method): 302 for role in SIGNED_IN for method in ("GET", "POST")}


def answers(status: int, *methods: str, roles=SIGNED_IN) -> dict:
    """The same status for these roles and methods."""
    return {(role, method): status for role in roles for method in methods}


REPORTERS = frozenset({"manager", "chair", "datalead"})

ROUTES: dict[str, Route] = {
    # --- home and accounts
    "home": Route(NONE, SIGNED_IN),
    "session_status": Route(NONE, SIGNED_IN),
    "login": Route(
        NONE,
        frozenset(ROLES),
        post=frozenset(ROLES),
        status={(role, "GET"): 302 for role in SIGNED_IN} | {("anonymous", "POST"): 200},
    ),
    "logout": Route(NONE, SIGNED_IN, post=frozenset(ROLES)),  # GET asks "are you sure?"
    "password_change": Route(NONE, SIGNED_IN, post=SIGNED_IN),
    "account_change_password": Route(NONE, SIGNED_IN, post=SIGNED_IN),
    "password_change_done": Route(NONE, SIGNED_IN),
    # --- allauth: signing in, password reset, e-mail address, two-factor, single sign-on
    "account_login": Route(
        NONE,
        frozenset(ROLES),
        post=frozenset(ROLES),
        status={(role, "GET"): 302 for role in SIGNED_IN} | {("anonymous", "POST"): 200},
    ),
    "account_logout": Route(NONE, SIGNED_IN, post=frozenset(ROLES)),
    "account_inactive": Route(NONE, frozenset(ROLES), post=None, status=GET_ONLY_OPEN),
    "account_signup": Route(NONE, frozenset(ROLES), post=frozenset(ROLES), status=SIGNED_IN_AWAY),
    "account_reauthenticate": Route(NONE, SIGNED_IN, post=SIGNED_IN),
    "account_reset_password": Route(NONE, frozenset(ROLES), post=frozenset(ROLES)),
    "account_reset_password_done": Route(NONE, frozenset(ROLES), post=None, status=GET_ONLY_OPEN),
    "account_reset_password_from_key": Route(
        lambda world: {"uidb36": "0", "key": "not-a-key"},
        frozenset(ROLES),
        post=frozenset(ROLES),
    ),
    "account_reset_password_from_key_done": Route(
        NONE, frozenset(ROLES), post=None, status=GET_ONLY_OPEN
    ),
    "account_email": Route(NONE, SIGNED_IN, post=SIGNED_IN),
    "account_email_verification_sent": Route(
        NONE, frozenset(ROLES), post=None, status=GET_ONLY_OPEN
    ),
    "account_confirm_email": Route(  # a wrong key: the page says so; confirming it is 404
        lambda world: {"key": "not-a-key"},
        frozenset(ROLES),
        post=frozenset(ROLES),
        status=answers(404, "POST", roles=ROLES),
    ),
    "mfa_index": Route(NONE, SIGNED_IN),
    # Two-factor: everyone signed in manages their own. Changing it first asks for the password
    # again (302 to reauthenticate: the matrix's sessions did not just sign in); pages about an
    # authenticator the person has not set up answer 404; the code page during sign-in and
    # re-authentication with a code send away anyone not in the middle of one (302).
    "mfa_activate_totp": Route(NONE, SIGNED_IN, post=SIGNED_IN, status=answers(302, "GET")),
    "mfa_deactivate_totp": Route(
        NONE, SIGNED_IN, post=SIGNED_IN, status=answers(404, "GET", "POST")
    ),
    "mfa_view_recovery_codes": Route(NONE, SIGNED_IN, status=answers(404, "GET")),
    "mfa_generate_recovery_codes": Route(
        NONE, SIGNED_IN, post=SIGNED_IN, status=answers(302, "GET")
    ),
    "mfa_download_recovery_codes": Route(NONE, SIGNED_IN, status=answers(404, "GET", "POST")),
    "mfa_authenticate": Route(
        NONE, frozenset(ROLES), post=frozenset(ROLES), status=answers(302, "GET", roles=ROLES)
    ),
    "mfa_reauthenticate": Route(NONE, SIGNED_IN, post=SIGNED_IN, status=answers(302, "GET")),
    # Single sign-on with a partner that is not configured: not found, for everyone (the
    # configured ones are tested against a real OpenID Connect provider in tests/people/).
    "openid_connect_login": Route(
        lambda world: {"provider_id": "not-configured"},
        NOBODY,
        status=answers(404, "GET", "POST", roles=ROLES),
    ),
    "openid_connect_callback": Route(
        lambda world: {"provider_id": "not-configured"},
        NOBODY,
        status=answers(404, "GET", "POST", roles=ROLES),
    ),
    "socialaccount_login_cancelled": Route(NONE, frozenset(ROLES), post=None, status=GET_ONLY_OPEN),
    "socialaccount_login_error": Route(
        NONE, frozenset(ROLES), post=None, status=GET_ONLY_OPEN | answers(401, "GET", roles=ROLES)
    ),
    # --- people (business managers), accepting an invitation, one's own account
    # --- notifications: everyone's own; the e-mail log is the managers'. The world's notification
    # is the chair's: opening it goes to its page, and anyone else's attempt finds nothing.
    "notifications:inbox": Route(NONE, SIGNED_IN),
    "notifications:mark_read": Route(NONE, NOBODY, post=SIGNED_IN, status=answers(405, "GET")),
    "notifications:preferences": Route(NONE, SIGNED_IN, post=SIGNED_IN),
    "notifications:email_log": Route(NONE, MANAGER),
    "notifications:open": Route(
        _w(pk="notification"), SIGNED_IN, status={**answers(404, "GET"), ("chair", "GET"): 302}
    ),
    "people:list": Route(NONE, MANAGER),
    "people:invite": Route(NONE, MANAGER, post=MANAGER),
    "people:audit": Route(NONE, MANAGER),
    "people:my_account": Route(NONE, SIGNED_IN),
    "people:person": Route(_w(pk="person"), MANAGER),
    "people:roles": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:add_membership": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:remove_membership": Route(_w(pk="chair_membership"), MANAGER, post=MANAGER),
    "people:add_partner_lead": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:remove_partner_lead": Route(_w(pk="other_lead"), MANAGER, post=MANAGER),
    "people:deactivate": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:reactivate": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:resend": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:withdraw": Route(_w(pk="person"), MANAGER, post=MANAGER),
    "people:reset_two_factor": Route(_w(pk="person"), MANAGER, post=MANAGER),
    # A link that is not one we sent: "this invitation link does not work", for anyone.
    "people:accept": Route(
        lambda world: {"token": "not-a-token"},
        frozenset(ROLES),
        post=frozenset(ROLES),
        status=answers(410, "GET", "POST", roles=ROLES),
    ),
    # --- plans and governance
    "plans:plan_list": Route(NONE, WITH_A_ROLE),
    "plans:plan_create": Route(NONE, MANAGER, post=MANAGER),
    "plans:timeline": Route(NONE, WITH_A_ROLE),
    "plans:plan_detail": Route(_w(slug="plan"), WITH_A_ROLE),
    "plans:plan_edit": Route(_w(slug="plan"), MANAGER, post=MANAGER),
    "plans:plan_start_next": Route(_w(slug="plan"), MANAGER, post=MANAGER),
    "plans:plan_delete": Route(_w(slug="plan"), MANAGER, post=MANAGER),
    "plans:plan_history": Route(_w(slug="plan"), WITH_A_ROLE),
    "plans:governance": Route(NONE, WITH_A_ROLE),
    "plans:body_create": Route(NONE, MANAGER, post=MANAGER),
    "plans:body_detail": Route(_w(slug="chair_body"), WITH_A_ROLE),
    "plans:body_edit": Route(_w(slug="chair_body"), MANAGER, post=MANAGER),
    "plans:body_history": Route(_w(slug="chair_body"), WITH_A_ROLE),
    "plans:membership_create": Route(_w(slug="chair_body"), MANAGER, post=MANAGER),
    "plans:membership_edit": Route(_w(pk="chair_membership"), MANAGER, post=MANAGER),
    "plans:membership_delete": Route(_w(pk="chair_membership"), MANAGER, post=MANAGER),
    # --- progress reports: readers see published papers; drafting is the manager's
    "plans:report_list": Route(NONE, WITH_A_ROLE),
    "plans:report_detail": Route(_w(pk="published_report"), WITH_A_ROLE),
    "plans:report_compare": Route(_w(pk="published_report"), WITH_A_ROLE),
    "plans:report_docx": Route(_w(pk="published_report"), WITH_A_ROLE),
    "plans:report_pdf": Route(_w(pk="published_report"), WITH_A_ROLE),
    "plans:report_word_template": Route(NONE, MANAGER, post=MANAGER),
    "plans:report_word_template_restore": Route(NONE, MANAGER, post=MANAGER),
    "plans:report_word_template_download": Route(NONE, MANAGER),
    "plans:report_create": Route(NONE, MANAGER, post=MANAGER),
    "plans:report_edit": Route(_w(pk="draft_report"), MANAGER, post=MANAGER),
    "plans:report_not_received": Route(_w(pk="draft_report"), MANAGER, post=MANAGER),
    "plans:report_publish": Route(_w(pk="draft_report"), MANAGER, post=MANAGER),
    "plans:report_supersede": Route(_w(pk="published_report"), MANAGER, post=MANAGER),
    # --- strategies and priorities
    "priorities:strategy_list": Route(NONE, WITH_A_ROLE),
    "priorities:strategy_create": Route(NONE, MANAGER, post=MANAGER),
    "priorities:strategy_detail": Route(_w(slug="strategy"), WITH_A_ROLE),
    "priorities:strategy_edit": Route(_w(slug="strategy"), MANAGER, post=MANAGER),
    "priorities:strategy_history": Route(_w(slug="strategy"), WITH_A_ROLE),
    "priorities:priority_create": Route(_w(plan_slug="plan"), MANAGER, post=MANAGER),
    "priorities:priority_edit": Route(_w(pk="priority"), MANAGER, post=MANAGER),
    "priorities:priority_move": Route(
        _w(pk="priority"), MANAGER, post=MANAGER, status={("manager", "GET"): 405}
    ),
    "priorities:priority_retire": Route(_w(pk="priority"), MANAGER, post=MANAGER),
    "priorities:priority_delete": Route(_w(pk="priority"), MANAGER, post=MANAGER),
    "priorities:priority_history": Route(_w(pk="priority"), WITH_A_ROLE),
    # --- measures, quarters and returns
    "measures:measure_detail": Route(_w(pk="chair_measure"), WITH_A_ROLE),
    "measures:measure_create": Route(NONE, MANAGER, post=MANAGER),
    "measures:measure_edit": Route(_w(pk="chair_measure"), MANAGER, post=MANAGER),
    "measures:measure_delete": Route(_w(pk="chair_measure"), MANAGER, post=MANAGER),
    "measures:measure_history": Route(_w(pk="chair_measure"), WITH_A_ROLE),
    "measures:period_list": Route(NONE, MANAGER),
    "measures:period_detail": Route(_w(pk="open_period"), MANAGER),
    "measures:period_create": Route(NONE, MANAGER, post=MANAGER),
    "measures:period_create_for_plan": Route(_w(slug="plan"), MANAGER, post=MANAGER),
    "measures:period_open": Route(_w(pk="closed_period"), MANAGER, post=MANAGER),
    "measures:period_close": Route(_w(pk="open_period"), MANAGER, post=MANAGER),
    "measures:period_deadline": Route(_w(pk="open_period"), MANAGER, post=MANAGER),
    "measures:period_chase": Route(_w(pk="open_period"), MANAGER, post=MANAGER),
    "measures:my_returns": Route(NONE, frozenset({"chair", "datalead"})),
    # The data lead's measure in the open quarter, not yet started: its body and the manager.
    "measures:return_edit": Route(
        _w(measure_pk="datalead_measure", period_pk="open_period"),
        frozenset({"manager", "datalead"}),
        post=frozenset({"manager", "datalead"}),
    ),
    "measures:rag_preview": Route(_w(pk="chair_measure"), frozenset({"manager", "chair"})),
    # A submitted (unapproved) return: only the manager and the reporting body see it.
    "measures:return_detail": Route(_w(pk="chair_submitted"), frozenset({"manager", "chair"})),
    # POST-only actions: GET is refused (403 before the role check passes, 405 after). A chair
    # passes the role check (they confirm figures a manager entered for their body) but this
    # return is their body's own submission, so their POST is refused.
    "measures:return_approve": Route(
        _w(pk="chair_submitted"),
        NOBODY,
        post=MANAGER,
        status={("manager", "GET"): 405, ("chair", "GET"): 405},
    ),
    "measures:return_send_back": Route(
        _w(pk="chair_submitted"),
        NOBODY,
        post=MANAGER,
        status={("manager", "GET"): 405, ("chair", "GET"): 405},
    ),
    "measures:return_reopen": Route(_w(pk="chair_approved"), MANAGER, post=MANAGER),
    # The review queue and bulk approval are the manager's; a chair confirms on the return page.
    "measures:review_queue": Route(NONE, MANAGER),
    "measures:review_bulk_approve": Route(NONE, MANAGER, post=MANAGER),
    "measures:upload": Route(NONE, MANAGER, post=MANAGER),
    # Without an upload in the session the check page sends the manager back to the upload form.
    "measures:upload_preview": Route(NONE, MANAGER, post=MANAGER, status={("manager", "GET"): 302}),
    "measures:upload_template": Route(
        lambda w: {"pk": w["open_period"].pk, "file_format": "csv"}, MANAGER
    ),
    # --- the risk register
    "assurance:risk_list": Route(NONE, WITH_A_ROLE),
    "assurance:risk_create": Route(NONE, MANAGER, post=MANAGER),
    "assurance:risk_detail": Route(_w(pk="risk"), WITH_A_ROLE),
    "assurance:risk_edit": Route(_w(pk="risk"), MANAGER, post=MANAGER),
    "assurance:risk_review": Route(_w(pk="risk"), MANAGER, post=MANAGER),
    "assurance:risk_history": Route(_w(pk="risk"), WITH_A_ROLE),
    # --- reviews and audits: the review is led by the chair's body, so the data lead (another
    # body) and scrutiny (it is not a published LCSPR or audit) are answered 404
    "assurance:review_list": Route(NONE, WITH_A_ROLE),
    "assurance:review_create": Route(NONE, MANAGER, post=MANAGER),
    "assurance:review_detail": Route(
        _w(pk="review"),
        frozenset({"manager", "chair"}),
        status=answers(404, "GET", roles={"scrutiny", "datalead", "partnerlead"}),
    ),
    "assurance:review_edit": Route(_w(pk="review"), MANAGER, post=MANAGER),
    # --- recommendations and actions: the action is owned by the chair's body
    "assurance:recommendation_create": Route(_w(pk="review"), MANAGER, post=MANAGER),
    "assurance:action_create": Route(_w(pk="recommendation"), MANAGER, post=MANAGER),
    "assurance:action_tracker": Route(NONE, REPORTERS),
    "assurance:action_export": Route(lambda w: {"file_format": "csv"}, REPORTERS),
    "assurance:action_detail": Route(
        _w(pk="action"),
        frozenset({"manager", "chair"}),
        status=answers(404, "GET", roles={"datalead"}),
    ),
    "assurance:action_edit": Route(_w(pk="action"), MANAGER, post=MANAGER),
    "assurance:action_update": Route(
        _w(pk="action"),
        frozenset({"manager", "chair"}),
        post=frozenset({"manager", "chair"}),
        status=answers(404, "GET", "POST", roles={"datalead"}),
    ),
    "assurance:action_sign_off": Route(_w(pk="action"), MANAGER, post=MANAGER),
    "assurance:action_send_back": Route(_w(pk="action"), MANAGER, post=MANAGER),
    # The evidence file of an update on that action: its body's reporters and managers only.
    "assurance:action_evidence": Route(
        _w(pk="evidence"),
        frozenset({"manager", "chair"}),
        status=answers(404, "GET", roles={"datalead"}),
    ),
    "assurance:review_history": Route(
        _w(pk="review"),
        frozenset({"manager", "chair"}),
        status=answers(404, "GET", roles={"scrutiny", "datalead", "partnerlead"}),
    ),
    # --- consultations
    "consultations:consultation_list": Route(NONE, WITH_A_ROLE),
    "consultations:consultation_create": Route(NONE, MANAGER, post=MANAGER),
    "consultations:consultation_detail": Route(_w(slug="consultation"), WITH_A_ROLE),
    "consultations:consultation_edit": Route(_w(slug="consultation"), MANAGER, post=MANAGER),
    "consultations:consultation_delete": Route(_w(slug="consultation"), MANAGER, post=MANAGER),
    "consultations:consultation_history": Route(_w(slug="consultation"), WITH_A_ROLE),
    "consultations:feedback_create": Route(_w(slug="consultation"), MANAGER, post=MANAGER),
    "consultations:feedback_edit": Route(_w(pk="feedback"), MANAGER, post=MANAGER),
    "consultations:feedback_delete": Route(_w(pk="feedback"), MANAGER, post=MANAGER),
    "consultations:commitment_list": Route(NONE, WITH_A_ROLE),
    "consultations:commitment_create": Route(_w(slug="consultation"), MANAGER, post=MANAGER),
    "consultations:commitment_edit": Route(_w(pk="commitment"), MANAGER, post=MANAGER),
    "consultations:commitment_delete": Route(_w(pk="commitment"), MANAGER, post=MANAGER),
    "consultations:update_create": Route(_w(pk="commitment"), MANAGER, post=MANAGER),
    "consultations:update_edit": Route(_w(pk="update"), MANAGER, post=MANAGER),
    "consultations:update_delete": Route(_w(pk="update"), MANAGER, post=MANAGER),
    "consultations:document_create": Route(_w(slug="consultation"), MANAGER, post=MANAGER),
    "consultations:document_edit": Route(_w(pk="document"), MANAGER, post=MANAGER),
    "consultations:document_delete": Route(_w(pk="document"), MANAGER, post=MANAGER),
    "consultations:group_list": Route(NONE, WITH_A_ROLE),
    "consultations:group_create": Route(NONE, MANAGER, post=MANAGER),
    "consultations:group_detail": Route(_w(pk="group"), WITH_A_ROLE),
    "consultations:group_edit": Route(_w(pk="group"), MANAGER, post=MANAGER),
    "consultations:group_delete": Route(_w(pk="group"), MANAGER, post=MANAGER),
    "consultations:group_history": Route(_w(pk="group"), WITH_A_ROLE),
    "consultations:you_said_we_did": Route(_w(slug="plan"), WITH_A_ROLE),
    "consultations:priority_feedback": Route(_w(pk="priority"), WITH_A_ROLE),
    "search:results": Route(NONE, WITH_A_ROLE),
}

# What the matrix posts to every form: plausible values for the common field names, so a POST
# that slipped past the access check would have something to save.
ROUTES |= {
    # --- the yearly report (yearly.rules): managers all; partner leads ready and published;
    # everyone else with a role published only. Only a lead of that partner signs.
    "yearly:report_list": Route(NONE, WITH_A_ROLE),
    "yearly:report_create": Route(NONE, MANAGER, post=MANAGER),
    "yearly:report_detail": Route(
        _w(pk="yearly_draft"), MANAGER, status=answers(404, "GET", roles=WITH_A_ROLE - MANAGER)
    ),
    "yearly:section_edit": Route(
        lambda world: {"pk": world["yearly_draft"].pk, "key": "impact"},
        MANAGER,
        post=MANAGER,
        status=answers(403, "GET", "POST", roles=WITH_A_ROLE - MANAGER),
    ),
    "yearly:report_ready": Route(
        _w(pk="yearly_draft"),
        MANAGER,
        post=MANAGER,
        status=answers(403, "GET", "POST", roles=WITH_A_ROLE - MANAGER),
    ),
    "yearly:report_sign": Route(
        lambda world: {"pk": world["yearly_ready"].pk, "partner": world["lead_partner"].pk},
        frozenset({"partnerlead"}),
        post=frozenset({"partnerlead"}),
    ),
    "yearly:report_publish": Route(_w(pk="yearly_ready"), MANAGER, post=MANAGER),
    "yearly:report_correct": Route(_w(pk="yearly_published"), MANAGER, post=MANAGER),
    # the downloads: whoever may open the page; a published report's for every role
    "yearly:report_docx": Route(_w(pk="yearly_published"), WITH_A_ROLE),
    "yearly:report_pdf": Route(_w(pk="yearly_published"), WITH_A_ROLE),
}

POST_DATA = {
    "title": "Changed by the access matrix",
    "name": "Changed by the access matrix",
    "summary": "Changed",
    "reason": "Changed",
    "feedback": "Changed",
    "text": "Changed",
    "value": "1",
    "rag": "green",
    "commentary": "Changed",
    "version": "1",
    "action": "submit",
    "direction": "up",
    "confirm": "yes",
}


def expected_status(route: Route, role: str, method: str) -> int | str:
    """The answer one role gets for one method: a status, "login" (redirect to the login page),
    "refused" (403 or 405) or "accepted" (anything but a refusal or an error)."""
    if (role, method) in route.status:
        return route.status[(role, method)]
    allowed = route.get if method == "GET" else route.post
    if method == "POST" and allowed is None:
        # A GET-only view: the role check may answer before the method check does.
        return "login" if role == "anonymous" else "refused"
    if role in allowed:
        return 200 if method == "GET" else "accepted"
    return "login" if role == "anonymous" else 403


MATRIX = [
    (role, name, method, expected_status(route, role, method))
    for name, route in ROUTES.items()
    for method in ("GET", "POST")
    for role in ROLES
]


def named_urls() -> dict[str, URLPattern]:
    """Every named URL in the URL configuration, namespaced, except the excluded ones."""
    found = {}

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in EXCLUDED_NAMESPACES:
                    continue
                inner = pattern.namespace
                walk(
                    pattern.url_patterns,
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name not in EXCLUDED:
                    found[name] = pattern

    walk(get_resolver().url_patterns)
    return found


def accepts_post(pattern: URLPattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post") and "post" in view_class.http_method_names
    return False  # function views here are GET only (home)


def test_every_url_is_in_the_matrix():
    """A new view must be added to ROUTES, saying who may use it, before the suite passes."""
    urls = named_urls()
    missing = sorted(set(urls) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(urls))
    assert not missing, f"URLs missing from the access matrix (tests/security): {missing}"
    assert not stale, f"Access matrix rows for URLs that no longer exist: {stale}"


def test_matrix_declares_post_exactly_for_views_that_accept_it():
    wrong = [
        name
        for name, pattern in named_urls().items()
        if accepts_post(pattern) != (ROUTES[name].post is not None)
    ]
    assert not wrong, f"POST declared wrongly (views that accept POST need post=...): {wrong}"


def _client(role: str, users: dict) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.fixture
def users(manager, scrutiny, chair, datalead, no_role_user, partnerlead):
    return {
        "partnerlead": partnerlead,
        "manager": manager,
        "scrutiny": scrutiny,
        "chair": chair,
        "datalead": datalead,
        "no_role": no_role_user,
    }


def _check(response, role, method, url, expected) -> str | None:
    """Why the response does not match the matrix row, or None when it does."""
    status = response.status_code
    if expected == "login":
        if status != 302 or not response["Location"].startswith(reverse("login")):
            return f"{role} {method} {url}: expected a redirect to login, got {status}"
    elif expected == "accepted":
        if status not in (200, 302, 400, 409):
            return f"{role} {method} {url}: expected to be accepted, got {status}"
    elif expected == "refused":
        if status not in (403, 405):
            return f"{role} {method} {url}: expected 403 or 405, got {status}"
    elif status != expected:
        return f"{role} {method} {url}: expected {expected}, got {status}"
    html = expected == 200 and response["Content-Type"].startswith("text/html")
    if html and response.content.decode().count("<h1") != 1:
        return f"{role} {method} {url}: not exactly one <h1>"
    return None


# Refusals first, then the roles whose POST may change data, so each refusal is checked against
# the untouched world. One test per (URL, method) builds the world once for its six rows.
_ORDER = {"accepted": 1}


@pytest.mark.parametrize(("name", "method"), [(n, m) for n in ROUTES for m in ("GET", "POST")])
def test_access_matrix(world, users, snapshot, name, method):
    url = reverse(name, kwargs=ROUTES[name].kwargs(world))
    rows = sorted(
        ((role, expected) for role, n, m, expected in MATRIX if n == name and m == method),
        key=lambda row: _ORDER.get(row[1], 0),
    )
    problems = []
    for role, expected in rows:
        client = _client(role, users)
        before = snapshot() if method == "POST" and expected != "accepted" else None
        response = client.get(url) if method == "GET" else client.post(url, POST_DATA)
        problem = _check(response, role, method, url, expected)
        if problem:
            problems.append(problem)
        if before is not None and snapshot() != before:
            problems.append(f"refused {method} {url} as {role} changed data")
    assert not problems, "\n".join(problems)


def test_matrix_size():
    """Six roles, two methods, every URL: the figure quoted in docs and the closing note."""
    assert len(MATRIX) == len(ROUTES) * len(ROLES) * 2


def _served_from_the_page_cache(pattern: URLPattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None:
        return pattern.callback is home
    return issubclass(view_class, CachedPageMixin)


CACHED_PAGES = sorted(
    name for name, pattern in named_urls().items() if _served_from_the_page_cache(pattern)
)


def test_the_cached_pages_are_the_ones_the_benchmark_reads_most():
    assert "plans:plan_detail" in CACHED_PAGES and "home" in CACHED_PAGES
    assert len(CACHED_PAGES) >= 15


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_access_matrix_holds_when_pages_come_from_the_cache(world, users, settings, name):
    """Pages served whole from the cache (sscp.page_cache): every role allowed to read the page
    builds and then reuses it, and every other role is still refused, whoever primed it."""
    settings.SSCP_PAGE_CACHE = True
    cache.clear()
    url = reverse(name, kwargs=ROUTES[name].kwargs(world))
    rows = [(role, expected) for role, n, m, expected in MATRIX if n == name and m == "GET"]
    allowed = [row for row in rows if row[1] == 200]
    refused = [row for row in rows if row[1] != 200]
    problems = []
    for step, (role, expected) in enumerate([*allowed, *refused, *allowed]):
        response = _client(role, users).get(url)  # build, refuse, then reuse
        problem = _check(response, role, "GET", url, expected)
        if problem:
            problems.append(problem)
        if step >= len(allowed) + len(refused) and response.context is not None:
            problems.append(f"{role} GET {url}: built again, not served from the cache")
    cache.clear()
    assert allowed, f"{name}: nobody may read it, so nothing is cached"
    assert not problems, "\n".join(problems)
