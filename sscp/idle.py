"""Sessions end after a while without a request (``SSCP_IDLE_MINUTES``, 30 by default).

The time of a signed-in person's last request is kept in their session, written at most once a
minute (and at sign-in) so that reading pages does not write the session on every request. A
request that comes later than the idle period signs the person out and sends them to the sign-in
page, which says why; the page they asked for is kept as ``next``. Two minutes before the end,
``static/js/idle.js`` warns on the page itself and offers to stay signed in.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver

LAST_SEEN = "sscp_last_seen"
STAMP_EVERY_SECONDS = 60


def idle_seconds() -> int:
    return settings.SSCP_IDLE_MINUTES * 60


@receiver(user_logged_in, dispatch_uid="sscp.idle.stamp_sign_in")
def stamp_sign_in(sender, request=None, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > idle_seconds():
                logout(request)
                messages.info(
                    request,
                    f"You were signed out because you had not used SSCP Plans for "
                    f"{settings.SSCP_IDLE_MINUTES} minutes. Sign in again to carry on.",
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= STAMP_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
