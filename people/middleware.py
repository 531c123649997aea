"""Business managers sign in with a second factor.

A business manager without an authenticator app is sent, on every page, to the page that turns
one on, until they have done so: they can reach only that page, its recovery codes, signing out
and the static files. ``SSCP_REQUIRE_MANAGER_TWO_FACTOR`` is on everywhere but the local demo,
which shows a banner instead (``two_factor_banner`` in the page context).
"""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from plans.roles import roles_of

ALLOWED_URL_NAMES = (
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_index",
    "account_reauthenticate",
    "logout",
)


def signed_in_with_two_factor(request) -> bool:
    """allauth records how this session signed in; a code from the app means it is on."""
    methods = request.session.get("account_authentication_methods", [])
    return any(method.get("method") == "mfa" for method in methods)


def needs_two_factor(request) -> bool:
    """A business manager who has not turned on two-factor sign-in (no query once they signed
    in with it)."""
    return (
        roles_of(request.user).is_manager
        and not signed_in_with_two_factor(request)
        and not is_mfa_enabled(request.user)
    )


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.SSCP_REQUIRE_MANAGER_TWO_FACTOR or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED_URL_NAMES or match.namespace == "admin":
            return None
        if not needs_two_factor(request):
            return None
        messages.info(
            request,
            "Business managers sign in with a code from an authenticator app as well as their "
            "password. Set it up now to carry on.",
        )
        return redirect(reverse("mfa_activate_totp"))
