"""Signing in and out, passwords, e-mail address, two-factor and single sign-on.

django-allauth provides the views; only the ones the product uses are mounted here (nobody signs
themselves up, so its sign-up page only says how to get an invitation). Changing a password is
the product's own page (``sscp.sign_in``: it limits wrong current passwords), under allauth's name
too so that allauth's links lead to it.
"""

from allauth.account import views as account
from allauth.socialaccount import views as social
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path

import people.provider
from sscp.sign_in import PasswordChangeView

change_password = PasswordChangeView.as_view()

urlpatterns = [
    path("login/", account.login, name="login"),
    path("login/", account.login, name="account_login"),
    path("logout/", account.logout, name="logout"),
    path("logout/", account.logout, name="account_logout"),
    path("inactive/", account.account_inactive, name="account_inactive"),
    path("signup/", account.signup, name="account_signup"),
    path("reauthenticate/", account.reauthenticate, name="account_reauthenticate"),
    path("password/", change_password, name="password_change"),
    path("password/", change_password, name="account_change_password"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", account.password_reset, name="account_reset_password"),
    path(
        "password/reset/done/",
        account.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "password/reset/key/done/",
        account.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("email/", account.email, name="account_email"),
    path(
        "confirm-email/",
        account.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^confirm-email/(?P<key>[-:\w]+)/$",
        account.confirm_email,
        name="account_confirm_email",
    ),
    path("two-factor/", include("allauth.mfa.urls")),
    path("sso/cancelled/", social.login_cancelled, name="socialaccount_login_cancelled"),
    path(
        "sso/error/",
        login_not_required(social.login_error),
        name="socialaccount_login_error",
    ),
    path("", include(people.provider)),
]
