"""Whole pages served from the cache, safely: keyed by everything the page may differ by.

A page that many people read and that changes only when the partnership's data changes (a plan,
a list, a published report) is rendered once and its HTML kept in the cache under:

* the path and the query string (filters, sorting, page number, chosen quarter);
* the reader's *role signature* (manager, scrutiny member, the bodies they report for and
  chair), or the user themselves for pages that are personal (``per_user``);
* today's date (pages count days to deadlines and flag late returns);
* the data version of **every** area (``sscp.cache_versions``), read in one query: any write to
  any watched model makes every cached page unreachable, so a page can never outlive the data,
  and an access decision that depends on the data (a draft report, another body's return) is
  never served from an older state.

Only ``200`` responses to GET are stored: pages (``text/html``) and downloads (CSV, XLSX and
Word files, with their ``Content-Disposition``), never a refusal, a redirect or a stream. Access is
still checked on every request: the mixin sits after ``RoleRequiredMixin`` (and any object check
made in ``dispatch``), so only a user who passes the page's role check reaches the cache, and
the cached page was built for a user with the same role signature. Two parts of every page
belong to the request and are filled in on the way out: the CSRF token (rendered as a
placeholder) and the signed-in person's name in the header. A request with messages to show
(after a save) renders afresh and stores nothing.

Switched off with ``SSCP_PAGE_CACHE = False`` (the test settings do, so tests read
``response.context``; the page-cache tests switch it on).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import escape

from sscp import cache_versions, roles

USER_PLACEHOLDER = "sscpcacheduserlabelplaceholder"
_RENDERING_ATTR = "_sscp_page_cache_rendering"  # also read by cache_versions.fragment


def enabled() -> bool:
    return getattr(settings, "SSCP_PAGE_CACHE", True)


def rendering_for_cache(request: HttpRequest) -> bool:
    """Whether this request's page is being rendered to be cached (placeholders wanted)."""
    return getattr(request, _RENDERING_ATTR, False)


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


def role_signature(user) -> tuple:
    """What a page may differ by between two users with the same roles: nothing, by rule."""
    user_roles = roles.roles_of(user)
    return (
        "manager" if user_roles.is_manager else "",
        "scrutiny" if user_roles.is_scrutiny else "",
        "r" + "-".join(str(pk) for pk in sorted(user_roles.reporting_body_ids)),
        "c" + "-".join(str(pk) for pk in sorted(user_roles.chair_body_ids)),
    )


def page_key(request: HttpRequest, *, per_user: bool) -> tuple:
    query = "&".join(sorted(request.GET.urlencode().split("&"))) if request.GET else ""
    variant = ("user", request.user.pk) if per_user else role_signature(request.user)
    return ("page", request.path, query, *variant, timezone.localdate().isoformat())


_CSRF = cache_versions.CSRF_PLACEHOLDER.encode()
_USER = USER_PLACEHOLDER.encode()
_PLACEHOLDERS = re.compile(b"(" + re.escape(_CSRF) + b"|" + re.escape(_USER) + b")")


def _segments(html: bytes) -> list[bytes]:
    """The page cut at its placeholders (odd items), as stored: filling them in is one join,
    not a search through a page that can run to megabytes."""
    return _PLACEHOLDERS.split(html)


def _personalise(request: HttpRequest, segments: list[bytes]) -> bytes:
    """The page with this request's CSRF token and this user's name in (pages are UTF-8)."""
    values = {
        _CSRF: get_token(request).encode(),
        _USER: escape(user_label(request.user)).encode(),
    }
    return b"".join(values[part] if i % 2 else part for i, part in enumerate(segments))


def serve(
    request: HttpRequest, render: Callable[[], HttpResponse], *, per_user: bool = False
) -> HttpResponse:
    """The page from the cache, or ``render()``'s response (stored when it is a page)."""
    if request.method != "GET" or not request.user.is_authenticated or not enabled():
        return render()
    if len(get_messages(request)):  # messages are the request's own: render, store nothing
        return render()
    full_key = cache_versions.cache_key(page_key(request, per_user=per_user), cache_versions.AREAS)
    stored = cache.get(full_key)
    if stored is not None:
        return _response(request, *stored)

    setattr(request, _RENDERING_ATTR, True)
    try:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        setattr(request, _RENDERING_ATTR, False)
    if response.streaming:
        return response
    content_type = response.get("Content-Type", "")
    disposition = response.get("Content-Disposition")
    if response.status_code != 200:  # a refusal or a redirect: never stored, but filled in
        if content_type.startswith("text/html"):
            response.content = _personalise(request, _segments(response.content))
        return response
    if content_type.startswith("text/html"):
        stored = (_segments(response.content), content_type, disposition)
        cache.set(full_key, stored, cache_versions.TIMEOUT)
        return _response(request, *stored)
    if disposition is not None:  # a download (CSV, XLSX, Word) carries no placeholder
        cache.set(full_key, (response.content, content_type, disposition), cache_versions.TIMEOUT)
    return response


def _response(
    request: HttpRequest, content: bytes | list[bytes], content_type: str, disposition: str | None
) -> HttpResponse:
    if content_type.startswith("text/html"):
        content = _personalise(request, content)
    response = HttpResponse(content, content_type=content_type)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    return response


class CachedPageMixin:
    """Serve the view's GET pages through ``serve``. Put it after the mixins that check access
    (``RoleRequiredMixin``, ``ReportMixin``) so their checks run first on every request."""

    page_cache_per_user = False

    def dispatch(self, request, *args, **kwargs):
        parent = super().dispatch
        return serve(
            request,
            lambda: parent(request, *args, **kwargs),
            per_user=self.page_cache_per_user,
        )
