"""Security events for the ``sscp.security`` logger, the client's address they name, and the
header that keeps signed-in pages out of every cache.

Failed sign-ins, lockouts and refused requests each name the account (never the password), the
client address, the method and the path, so repeated guessing or probing for other bodies'
returns shows up in the logs.

**The client's address.** Behind the load balancer every connection comes from the balancer,
so the address would be the same for everyone: one person's sign-in lockout would lock out
everybody. ``client_address`` therefore reads the address the balancer put in
``X-Forwarded-For``, but only on connections from ``SSCP_TRUSTED_PROXIES``
(``DJANGO_TRUSTED_PROXIES``); anyone else could write any address into that header. The header
is read by django-ipware with axes' ``AXES_IPWARE_*`` settings, counting from the right: the
entries the proxies appended, never those a client wrote in front of them. axes locks sign-ins
by this address (``AXES_CLIENT_IP_CALLABLE``) and the security log names it.
"""

import ipaddress
import logging

from axes.conf import settings  # Django's settings, with axes' defaults for AXES_IPWARE_*
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.utils.cache import patch_cache_control
from ipware.ip import get_client_ip

logger = logging.getLogger("sscp.security")


def _from_trusted_proxy(address: str | None) -> bool:
    if not address or not settings.SSCP_TRUSTED_PROXIES:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(proxy, strict=False) for proxy in settings.SSCP_TRUSTED_PROXIES
    )


def client_address(request) -> str | None:
    """The client's address: the connection's (``REMOTE_ADDR``) or, on a connection from a
    trusted proxy, the address that proxy forwarded (the proxy's own when it forwarded none)."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR")
    if not _from_trusted_proxy(remote):
        return remote
    forwarded, _routable = get_client_ip(
        request,
        proxy_order=settings.AXES_IPWARE_PROXY_ORDER,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        proxy_trusted_ips=settings.AXES_IPWARE_PROXY_TRUSTED_IPS,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
        strict=False,  # a client's own X-Forwarded-For (a council's web proxy) is not an attack
    )
    return forwarded or remote


def address_for_log(request) -> str:
    return client_address(request) or "-"


@receiver(user_login_failed, dispatch_uid="sscp.security.log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    """Django sends this (with axes' backend too) for every failed sign-in; the credentials it
    passes already have the password masked, and only the username is logged."""
    username = str(credentials.get("username", ""))[:150]
    logger.warning("Failed sign-in for username %r from %s", username, address_for_log(request))


@receiver(user_locked_out, dispatch_uid="sscp.security.log_lockout")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """axes sends this when a username and address (or an address) reaches its limit, and for
    every attempt refused while it is locked out."""
    logger.warning(
        "Sign-in refused for username %r from %s: too many failed attempts",
        str(username or "")[:150],
        ip_address or "-",
    )


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
                address_for_log(request),
            )
        return response


class PrivatePagesMiddleware:
    """``Cache-Control: private, no-store`` on every answer to a signed-in person: pages,
    downloads, redirects and refusals, whether built now or served whole from the page cache
    (``sscp.cache``), since they all pass through here. A browser then keeps no copy that the
    next person at a shared computer could open from its history after sign-out (unapproved
    figures, draft reports), and no shared proxy keeps one at all. Answers to anonymous visitors
    (the login page, ``/health/``) keep their own headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
