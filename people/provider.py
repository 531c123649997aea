"""The partners' single sign-on: allauth's OpenID Connect provider, made stricter.

allauth loads ``provider_classes`` from this module (every installed app's ``provider`` module)
and this class takes the ``openid_connect`` id, so the partners' sign-ins configured in
``SOCIALACCOUNT_PROVIDERS["openid_connect"]`` use it, with allauth's URLs. Two things are added:

* a **nonce**: each sign-in sends a fresh random nonce, kept with allauth's state in the
  session; ``people.accounts.SingleSignOnAdapter`` refuses an ID token that does not carry it;
* the ID token's **signature** is always checked against the provider's published keys, as well
  as its issuer, audience and expiry (allauth skips the signature when the token came straight
  from the token endpoint).
"""

from __future__ import annotations

import secrets

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404
from django.urls import path


class PartnerSignOnAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


class PartnerSignOnProvider(OpenIDConnectProvider):
    id = "openid_connect"
    oauth2_adapter_class = PartnerSignOnAdapter

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )


provider_classes = [PartnerSignOnProvider]


def _adapter_view(view_class):
    @login_not_required
    def view(request, provider_id):
        try:
            return view_class.adapter_view(PartnerSignOnAdapter(request, provider_id))(request)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    return view


# allauth's URL names, so that its flows find them; mounted in config/account_urls.py
urlpatterns = [
    path("sso/<str:provider_id>/", _adapter_view(OAuth2LoginView), name="openid_connect_login"),
    path(
        "sso/<str:provider_id>/callback/",
        _adapter_view(OAuth2CallbackView),
        name="openid_connect_callback",
    ),
]
