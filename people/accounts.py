"""How django-allauth fits the partnership: nobody signs themselves up, and single sign-on only
lets in people a business manager has already invited.

``AccountAdapter`` closes self sign-up (the sign-up page says to ask the business manager).
``SingleSignOnAdapter`` decides every single sign-on (OpenID Connect, one per partner,
``people.provider``): the identity provider's e-mail address must be verified and within the
partner's allowed domains, the sign-in must answer the nonce this browser was sent with, and it
attaches to the invited or active account with that address. An unknown address gets "ask your
business manager for access" and no account; a deactivated person is refused.
"""

from __future__ import annotations

import logging
import time

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, _build_apps_from_settings
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import render

from people import services
from sscp.mail import queue_email
from sscp.security import address_for_log

log = logging.getLogger("sscp.security")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's messages (password reset, e-mail confirmation) go through the outbox like
        every other e-mail: sent after the commit, retried if the mail server fails."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        for address in message.to:
            queue_email(to=address, subject=message.subject, body=message.body)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Someone who signed in within the last few minutes need not type their password again
        to set up two-factor sign-in (as a business manager must, straight after signing in)."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not signed_in_just_now(self.request)


def signed_in_just_now(request) -> bool:
    """allauth keeps in the session when and how this person authenticated."""
    if request is None or not request.user.is_authenticated:
        return False
    records = request.session.get("account_authentication_methods", [])
    timeout = allauth_settings.REAUTHENTICATION_TIMEOUT
    return any(time.time() - record.get("at", 0) < timeout for record in records)


class SingleSignOnAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def list_apps(self, request, provider=None, client_id=None) -> list:
        """The partners' sign-in apps come from the settings alone (``SSCP_SSO_*``), never from
        the admin's SocialApp table, so the sign-in page asks the database nothing."""
        apps = _build_apps_from_settings(provider=provider, client_id=client_id)
        return [app for provider_apps in apps.values() for app in provider_apps]

    def pre_social_login(self, request, sociallogin) -> None:
        provider = sociallogin.account.get_provider()
        partner = provider.app.name
        claims = sociallogin.account.extra_data.get("id_token") or {}
        expected_nonce = (sociallogin.state or {}).get("nonce")
        if not expected_nonce or claims.get("nonce") != expected_nonce:
            self._refuse(request, partner, "nonce", "the sign-in could not be checked")
        email = _verified_email(sociallogin, claims)
        if email is None:
            self._refuse(
                request,
                partner,
                "unverified",
                "your organisation did not confirm your e-mail address",
            )
        allowed = [domain.lower() for domain in provider.app.settings.get("allowed_domains", [])]
        if allowed and email.rpartition("@")[2] not in allowed:
            self._refuse(request, partner, "domain", f"{email} is not an address of {partner}")
        user = sociallogin.user if sociallogin.is_existing else _account_for(email)
        if user is None:
            self._refuse(request, partner, "unknown", "you do not have access yet", email=email)
        if not user.is_active:
            invitation = services.open_invitation_of(user)
            if invitation is None:
                self._refuse(
                    request, partner, "deactivated", "your access has been ended", email=email
                )
            # An invited person accepts their invitation by signing in through their
            # organisation: it vouched for the address the invitation was sent to.
            user = services.accept_invitation(request=request, invitation=invitation, password=None)
            if sociallogin.is_existing:
                sociallogin.user = user
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def _refuse(self, request, partner: str, reason: str, because: str, email: str = ""):
        log.warning(
            "single sign-on refused (%s) via %s for %s from %s",
            reason,
            partner,
            email or "an unknown address",
            address_for_log(request),
        )
        response = render(
            request,
            "people/sign_on_refused.html",
            {"partner": partner, "reason": reason, "because": because},
            status=403,
        )
        raise ImmediateHttpResponse(response)


def _verified_email(sociallogin, claims: dict) -> str | None:
    """The address the identity provider vouches for: ``email_verified`` (OpenID Connect), or
    Microsoft Entra ID's optional claim ``xms_edov`` (the domain's owner verified it)."""
    vouched = claims.get("xms_edov") is True
    for address in sociallogin.email_addresses:
        if address.email and (address.verified or vouched):
            return address.email.strip().lower()
    return None


def _account_for(email: str):
    """The one account with this e-mail address (any case), or None."""
    matches = list(get_user_model().objects.filter(email__iexact=email)[:2])
    return matches[0] if len(matches) == 1 else None
