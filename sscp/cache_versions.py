"""Cached pages that stay correct on several workers and hosts: data versions read from the
database.

The data is split into a few areas (``PLANS``, ``MEASURES``, ``CONSULTATIONS``, ``REPORTS``).
Each area has one row in ``sscp.DataVersion`` whose ``version`` changes *inside the transaction*
of every write to the area: ``post_save`` / ``post_delete`` / ``m2m_changed`` on each model in
``WATCHED`` call ``bump``, so services, the admin, management commands and the shell all
invalidate; code that writes with ``QuerySet.update()`` or ``bulk_create`` (which send no
signals) calls ``bump`` itself.

A cache key includes the versions of the areas a fragment shows, read from the database once per
request (``versions``: one query). Because the new version commits together with the data, a
reader that sees the new data sees the new version and misses the cache; no process can serve a
fragment built from older data once the write has committed, whichever cache it uses (a shared
Redis, or each worker's own local memory). Bumping on commit instead would leave a window in
which the data is new but the version old, and the old fragment would still be served.

Usage (a page fragment that depends on plans and returns, in a manager and a reader variant)::

    html = cache_versions.fragment(
        request,
        "plans/includes/_bookcase.html",
        context,
        key=("bookcase", plan.pk, quarter, "edit" if can_edit else "read"),
        areas=(cache_versions.PLANS, cache_versions.MEASURES),
    )

``get_or_build(key=..., areas=..., build=callable)`` caches any picklable value the same way.
Everything that differs between users who may see the page must be in ``key`` (or left out of
the cached part): the cache is shared by every user.
"""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sscp.models import DataVersion

PLANS = "plans"  # plans, priorities, strategies, governance bodies, partners, memberships
MEASURES = "measures"  # measures, quarters, returns
CONSULTATIONS = "consultations"  # consultations, feedback, commitments
REPORTS = "reports"  # progress reports

# Every model whose rows a cached fragment may show, by area. A model added to one of these
# apps must be listed here or in UNWATCHED (a test checks).
WATCHED: dict[str, tuple[str, ...]] = {
    PLANS: (
        "plans.Partner",
        "plans.GovernanceBody",
        "plans.Membership",
        "plans.Plan",
        "priorities.Priority",
        "priorities.Strategy",
    ),
    MEASURES: ("measures.Measure", "measures.ReportingPeriod", "measures.Return"),
    CONSULTATIONS: (
        "consultations.EngagementGroup",
        "consultations.Consultation",
        "consultations.ConsultationDocument",
        "consultations.Feedback",
        "consultations.Commitment",
        "consultations.CommitmentUpdate",
    ),
    REPORTS: ("plans.ProgressReport", "plans.ReportNotReceived"),
}
UNWATCHED = frozenset({"measures.ReminderLog"})  # a log of e-mails sent; no page caches it
AREAS = tuple(WATCHED)

TIMEOUT = 24 * 60 * 60  # seconds; entries are also unreachable as soon as a version changes
CSRF_PLACEHOLDER = "sscpcachedcsrftokenplaceholder"

T = TypeVar("T")


def bump(*areas: str) -> None:
    """Give each area a new version, in the caller's transaction (so the new version becomes
    visible to other connections exactly when the write does)."""
    now = timezone.now()
    for area in areas:
        if area not in WATCHED:
            raise ValueError(f"Unknown data area {area!r}; expected one of {AREAS}.")
        version = secrets.randbits(62)
        if not DataVersion.objects.filter(area=area).update(version=version, changed_at=now):
            DataVersion.objects.update_or_create(
                area=area, defaults={"version": version, "changed_at": now}
            )


def versions(*areas: str) -> dict[str, int]:
    """The current version of each area, in one query (0 for an area never written)."""
    found = dict(DataVersion.objects.filter(area__in=areas).values_list("area", "version"))
    return {area: found.get(area, 0) for area in areas}


_SKIPPED_DIRS = {"node_modules", "staticfiles", "tests", "screenshots", "docs", "__pycache__"}


@functools.cache
def release() -> str:
    """A fingerprint of the code and templates this process runs (``SSCP_RELEASE`` when set):
    part of every key, so a release that changes how a page is built never serves a page
    cached by the previous one, and no cache needs flushing after a deployment."""
    if os.environ.get("SSCP_RELEASE"):
        return os.environ["SSCP_RELEASE"]
    digest = hashlib.blake2b(digest_size=6)
    for root, dirs, files in os.walk(settings.BASE_DIR):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            if name.endswith((".py", ".html")):
                path = Path(root, name)
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(key: Iterable[Hashable], areas: Iterable[str]) -> str:
    """The cache key for ``key`` at the current versions of ``areas`` (one query)."""
    areas = tuple(areas)
    current = versions(*areas)
    stamp = ".".join(f"{area}{current[area]}" for area in areas)
    return f"sscp:{release()}:" + ":".join(str(part) for part in key) + ":" + stamp


def get_or_build(*, key: Iterable[Hashable], areas: Iterable[str], build: Callable[[], T]) -> T:
    """The value cached under ``key`` at the current versions of ``areas``, or ``build()``'s
    value, cached. ``build`` must return something picklable that never depends on the user
    beyond what ``key`` says."""
    full_key = cache_key(key, areas)
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, TIMEOUT)
    return value


def fragment(
    request,
    template_name: str,
    context: dict[str, Any],
    *,
    key: Iterable[Hashable],
    areas: Iterable[str],
) -> SafeString:
    """``template_name`` rendered with ``context`` (no request: no context processors, no
    ``user``), cached under ``key`` and the versions of ``areas``. A ``{% csrf_token %}`` in the
    fragment is rendered as a placeholder and replaced by this request's token on the way out,
    so cached forms post correctly for every user."""
    html = get_or_build(
        key=key,
        areas=areas,
        build=lambda: render_to_string(template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}),
    )
    # A page being rendered for the page cache keeps the placeholder: the page cache puts each
    # request's own token in (sscp.page_cache), never this one's.
    if CSRF_PLACEHOLDER in html and not getattr(request, "_sscp_page_cache_rendering", False):
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it


# --- invalidation -------------------------------------------------------------------------------


def _area_bumper(area: str):
    def bump_area(sender, **kwargs):
        if kwargs.get("raw"):  # loaddata: the fixture is loaded as it is; bump after it if needed
            return
        action = kwargs.get("action")
        if action is not None and not action.startswith("post_"):
            return  # m2m_changed: pre_add/pre_remove/pre_clear; post_* follows in the same atomic
        bump(area)

    bump_area.__name__ = f"bump_{area}"
    return bump_area


_RECEIVERS = {area: _area_bumper(area) for area in AREAS}


def connect_signals() -> None:
    """Bump an area on every save, delete and many-to-many change of its models (from
    ``SscpConfig.ready``)."""
    for area, labels in WATCHED.items():
        receiver = _RECEIVERS[area]
        for label in labels:
            model = apps.get_model(label)
            uid = f"sscp.cache_versions:{label}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid)
            post_delete.connect(receiver, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(receiver, sender=through, dispatch_uid=f"{uid}.{field.name}")
