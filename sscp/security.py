"""Security events for the ``sscp.security`` logger: failed sign-ins and refused requests.

Both name the account (never the password), the client address, the method and the path, so
repeated guessing or probing for other bodies' returns shows up in the logs.
"""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("sscp.security")


def client_address(request) -> str:
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


@receiver(user_login_failed, dispatch_uid="sscp.security.log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    """Django sends this (with axes' backend too) for every failed sign-in; the credentials it
    passes already have the password masked, and only the username is logged."""
    username = str(credentials.get("username", ""))[:150]
    logger.warning("Failed sign-in for username %r from %s", username, client_address(request))


class RefusalLogMiddleware:
    """Logs every 403 answer (refused by the access rules, or a failed CSRF check) with the
    user, method and path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            who = user.get_username() if user is not None and user.is_authenticated else "-"
            logger.warning(
                "Refused %s %s for user %r from %s",
                request.method,
                request.path,
                who,
                client_address(request),
            )
        return response
