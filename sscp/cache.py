"""The one cache module: data versions that make stale entries unreachable, and whole pages
served from the cache.

**Data versions.** The data is split into a few areas (``PLANS``, ``MEASURES``,
``CONSULTATIONS``, ``REPORTS``, ``ASSURANCE``). Each area has one row in ``sscp.DataVersion``
whose ``version`` changes *inside the transaction* of every write to the area: ``post_save`` /
``post_delete`` / ``m2m_changed`` on each model in ``WATCHED`` call ``bump``, so services, the
admin, management commands and the shell all invalidate; code that writes with
``QuerySet.update()`` or ``bulk_create`` (which send no signals) calls ``bump`` itself. Because
the new version commits together with the data, a reader that sees the new data sees the new
version and misses the cache; no process can serve an entry built from older data once the
write has committed, whichever cache it uses (a shared Redis, or each worker's own local
memory).

**Whole pages.** A page that many people read and that changes only when the partnership's data
changes is rendered once and its HTML kept under:

* the path and the query parameters the view declares it reads (``page_cache_params``: filters,
  sorting, page number, chosen quarter), each with the value the view reads (the last, for a
  repeated one, as ``QueryDict.get`` gives); the view is handed only those, so a parameter it
  does not read neither makes a new entry (junk cannot flood the cache) nor reaches the page
  (its links cannot carry junk to the next reader), and a view that declares none is keyed
  without a query string;
* the reader's *audience* (``settings.SSCP_CACHE_AUDIENCE``, a function of the user: their
  roles, so two readers with the same roles share a page); for a page that turns on no body's
  rules (``page_cache_by_kind``) only the kind of reader (``SSCP_CACHE_AUDIENCE_KIND``:
  manager, scrutiny member, reporter), so reporters of every body share it; or the user
  themselves for pages that are personal (``per_user``);
* today's date (pages count days to deadlines and flag late returns);
* the data version of each area the page shows (``page_cache_areas``; every area unless the
  view names fewer), read in one query: a write to one of them makes the page unreachable, so a
  page can never outlive its data, and an access decision that depends on the data (a draft
  plan or report, another body's return) is never served from an older state. Every page that
  names fewer areas keeps ``PLANS`` (plans' status, bodies and memberships, on which access
  turns). Returns are two areas: ``RETURNS`` moves on every change to any return, ``FIGURES``
  only when a return becomes or stops being approved, so saving or submitting a draft leaves
  the pages that show approved figures alone (the Plan on a Page, strategies, readers' measure
  pages, reports).

Only ``200`` responses to GET are stored: pages (``text/html``) and downloads (CSV, XLSX and
Word files, with their ``Content-Disposition``), never a refusal, a redirect or a stream. Access
is still checked on every request: ``CachedPageMixin`` must come after the mixin that checks
access (``RoleRequiredMixin`` or one built on it), and refuses at class definition otherwise.
Two parts of every page belong to the request and are filled in on the way out: the CSRF token
and the signed-in person's name in the header (rendered as placeholders). A request with
messages to show (after a save) renders afresh and stores nothing. Switched off with
``SSCP_PAGE_CACHE = False`` (the test settings do, so tests read ``response.context``).

A published progress report's paper is not cached here: it is stored with the report when it
is published (``plans.ProgressReport.paper_html`` and ``paper_docx``).

The kernel imports no app: the audience function and the watched models are named by strings.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import escape
from django.utils.module_loading import import_string

from sscp.mixins import RoleRequiredMixin
from sscp.models import DataVersion

PLANS = "plans"  # plans, priorities, strategies, governance bodies, partners, memberships
MEASURES = "measures"  # measures and quarters (their definitions and dates)
RETURNS = "returns"  # every return, work in progress included (drafts, submissions, reviews)
FIGURES = "figures"  # approved returns: a return that becomes, or stops being, approved
CONSULTATIONS = "consultations"  # consultations, feedback, commitments
REPORTS = "reports"  # progress reports
ASSURANCE = "assurance"  # the risk register, reviews, recommendations and their actions

# Every model whose rows a cached fragment may show, by area. A model added to one of these
# apps must be listed here or in UNWATCHED (a test checks).
WATCHED: dict[str, tuple[str, ...]] = {
    PLANS: (
        "plans.Partner",
        "plans.PartnerLead",
        "plans.GovernanceBody",
        "plans.Membership",
        "plans.Plan",
        "priorities.Priority",
        "priorities.Strategy",
    ),
    MEASURES: ("measures.Measure", "measures.ReportingPeriod"),
    RETURNS: ("measures.Return",),
    FIGURES: (),  # moved by a watched row's ``changed_data_areas()`` (see ``connect_signals``)
    CONSULTATIONS: (
        "consultations.EngagementGroup",
        "consultations.Consultation",
        "consultations.ConsultationDocument",
        "consultations.Feedback",
        "consultations.Commitment",
        "consultations.CommitmentUpdate",
    ),
    REPORTS: ("plans.ProgressReport", "plans.ReportNotReceived", "plans.ReportSignOff"),
    ASSURANCE: (
        "assurance.Risk",
        "assurance.RiskReview",
        "assurance.LearningTheme",
        "assurance.Review",
        "assurance.Recommendation",
        "assurance.Action",
        "assurance.ActionUpdate",
    ),
}
# Logs no cached page shows: reminders sent, and the manager's chases (the chase page is not
# cached).
UNWATCHED = frozenset({"measures.ReminderLog", "measures.Chase"})
AREAS = tuple(WATCHED)

TIMEOUT = 24 * 60 * 60  # seconds; entries are also unreachable as soon as a version changes
CSRF_PLACEHOLDER = "sscpcachedcsrftokenplaceholder"
USER_PLACEHOLDER = "sscpcacheduserlabelplaceholder"
BELL_PLACEHOLDER = "sscpcachedunreadcountplaceholder"
CACHE_HEADER = "X-Page-Cache"  # "hit" or "miss": what the load test counts
_RENDERING_ATTR = "_sscp_page_cache_rendering"  # set while a page is rendered to be stored


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
    current = versions(*tuple(areas))
    return f"sscp:{release()}:" + ":".join(str(part) for part in key) + ":" + stamp(current)


def stamp(current: dict[str, int]) -> str:
    """The versions ``current`` (from ``versions``) as one string, in their order."""
    return ".".join(f"{area}{version}" for area, version in current.items())


# --- invalidation -------------------------------------------------------------------------------


def _area_bumper(area: str):
    def bump_area(sender, **kwargs):
        if kwargs.get("raw"):  # loaddata: the fixture is loaded as it is; bump after it if needed
            return
        action = kwargs.get("action")
        if action is not None and not action.startswith("post_"):
            return  # m2m_changed: pre_add/pre_remove/pre_clear; post_* follows in the same atomic
        instance = kwargs.get("instance")
        more = getattr(instance, "changed_data_areas", None)
        bump(area, *(more() if more is not None and action is None else ()))

    bump_area.__name__ = f"bump_{area}"
    return bump_area


_RECEIVERS = {area: _area_bumper(area) for area in AREAS}


def connect_signals() -> None:
    """Bump an area on every save, delete and many-to-many change of its models (from
    ``SscpConfig.ready``). A row that also moves other areas on a save or delete names them in
    its ``changed_data_areas()`` (a return that becomes or stops being approved: ``FIGURES``)."""
    for area, labels in WATCHED.items():
        receiver = _RECEIVERS[area]
        for label in labels:
            model = apps.get_model(label)
            uid = f"sscp.cache:{label}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid)
            post_delete.connect(receiver, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(receiver, sender=through, dispatch_uid=f"{uid}.{field.name}")


# --- whole pages -------------------------------------------------------------------------------


def enabled() -> bool:
    return getattr(settings, "SSCP_PAGE_CACHE", True)


@functools.cache
def _tables_of_areas() -> dict[str, frozenset[str]]:
    """The database tables of each area's watched models (and their many-to-many tables); a
    model whose rows move other areas as well (``changed_data_areas``) counts for those too."""
    tables: dict[str, set[str]] = {}
    for area, labels in WATCHED.items():
        for label in labels:
            model = apps.get_model(label)
            names = {model._meta.db_table}
            names |= {f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many}
            for name in names:
                tables.setdefault(name, set()).add(area)
                if hasattr(model, "changed_data_areas"):
                    tables[name].add(FIGURES)
    return {name: frozenset(areas) for name, areas in tables.items()}


class UndeclaredArea(ImproperlyConfigured):
    """A cached page read a table of a data area it does not name: it could outlive a write."""


def _check_areas(path: str, areas: frozenset[str]):
    """A database wrapper refusing any query of a table whose areas the page does not name
    (``settings.SSCP_PAGE_CACHE_CHECK_AREAS``, on in the tests: every test that builds a
    cached page checks its ``page_cache_areas``)."""
    watched = _tables_of_areas()

    def check(execute, sql, params, many, context):
        for table, table_areas in watched.items():
            if not table_areas & areas and f'"{table}"' in sql:
                raise UndeclaredArea(
                    f"{path} reads {table} (area {' or '.join(sorted(table_areas))}) but names "
                    f"only {', '.join(sorted(areas))} in page_cache_areas."
                )
        return execute(sql, params, many, context)

    return check


def rendering_for_cache(request: HttpRequest) -> bool:
    """Whether this request's page is being rendered to be cached (placeholders wanted)."""
    return getattr(request, _RENDERING_ATTR, False)


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


@functools.cache
def _audience_function() -> Callable:
    return import_string(settings.SSCP_CACHE_AUDIENCE)


@functools.cache
def _audience_kind_function() -> Callable:
    return import_string(settings.SSCP_CACHE_AUDIENCE_KIND)


@functools.cache
def _bell_function() -> Callable:
    return import_string(settings.SSCP_CACHE_BELL)


def unread_count(user) -> int:
    """The header's count of unread notifications (``settings.SSCP_CACHE_BELL``)."""
    return _bell_function()(user)


def audience(user) -> tuple:
    """What a shared page may differ by between two users (``settings.SSCP_CACHE_AUDIENCE``)."""
    return tuple(_audience_function()(user))


def declared_query(query: QueryDict, params: Iterable[str]) -> QueryDict:
    """Of ``query``, the parameters in ``params`` only, in that order, each with the value a
    view reads (``QueryDict.get`` gives the last of a repeated one): one key for one page."""
    declared = QueryDict(mutable=True)
    for name in params:
        if name in query:
            declared[name] = query[name]
    declared._mutable = False
    return declared


def page_key(request: HttpRequest, *, per_user: bool, by_kind: bool = False) -> tuple:
    """The key of the page ``request`` asks for; its query string already ``declared_query``.
    Kept per person (``per_user``), per kind of reader (``by_kind``: manager, scrutiny member,
    reporter, ``settings.SSCP_CACHE_AUDIENCE_KIND``) or per set of roles (the default)."""
    query = request.GET.urlencode()
    if per_user:
        variant = ("user", request.user.pk)
    elif by_kind:
        variant = tuple(_audience_kind_function()(request.user))
    else:
        variant = audience(request.user)
    return ("page", request.path, query, *variant, timezone.localdate().isoformat())


_CSRF = CSRF_PLACEHOLDER.encode()
_USER = USER_PLACEHOLDER.encode()
_BELL = BELL_PLACEHOLDER.encode()
_PLACEHOLDERS = re.compile(
    b"(" + re.escape(_CSRF) + b"|" + re.escape(_USER) + b"|" + re.escape(_BELL) + b")"
)


def _segments(html: bytes) -> list[bytes]:
    """The page cut at its placeholders (odd items), as stored: filling them in is one join,
    not a search through a page that can run to megabytes."""
    return _PLACEHOLDERS.split(html)


def _personalise(request: HttpRequest, segments: list[bytes]) -> bytes:
    """The page with this request's CSRF token, this user's name and their unread count in
    (pages are UTF-8). The count is read only when the page shows it."""
    values = {
        _CSRF: lambda: get_token(request).encode(),
        _USER: lambda: escape(user_label(request.user)).encode(),
        _BELL: lambda: str(unread_count(request.user)).encode(),
    }
    filled = {}
    parts = []
    for i, part in enumerate(segments):
        if i % 2:
            if part not in filled:
                filled[part] = values[part]()
            part = filled[part]
        parts.append(part)
    return b"".join(parts)


def serve(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    *,
    per_user: bool = False,
    params: Iterable[str] = (),
    areas: Iterable[str] = AREAS,
    by_kind: bool = False,
) -> HttpResponse:
    """The page from the cache, or ``render()``'s response (stored when it is a page). The view
    reads the query parameters ``params`` only (``declared_query``), cache on or off, so what
    it shows is what the key says; the page is kept until a write to one of ``areas``, the data
    areas it shows (every area unless the view says fewer)."""
    if request.method in ("GET", "HEAD"):
        request.GET = declared_query(request.GET, params)
    areas = tuple(areas)
    if getattr(settings, "SSCP_PAGE_CACHE_CHECK_AREAS", False) and set(areas) != set(AREAS):
        unchecked = render
        checked = frozenset(areas)

        def render():
            with connection.execute_wrapper(_check_areas(request.path, checked)):
                response = unchecked()
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # templates read lazily: check their queries too
                return response

    if request.method != "GET" or not request.user.is_authenticated or not enabled():
        return render()
    if len(get_messages(request)):  # messages are the request's own: render, store nothing
        return render()
    full_key = cache_key(page_key(request, per_user=per_user, by_kind=by_kind), areas)
    stored = cache.get(full_key)
    if stored is not None:
        response = _response(request, *stored)
        response[CACHE_HEADER] = "hit"
        return response

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
        _store(full_key, stored, len(response.content))
        response = _response(request, *stored)
    elif disposition is not None:  # a download (CSV, XLSX, Word) carries no placeholder
        _store(full_key, (response.content, content_type, disposition), len(response.content))
    response[CACHE_HEADER] = "miss"
    return response


def _store(key: str, value, size: int) -> None:
    """Keep ``value`` unless the cache is each process's own memory and the entry is larger
    than ``SSCP_LOCAL_CACHE_MAX_BYTES``: without a shared cache, every worker would keep its
    own copy of every large page (Redis in production has a memory limit of its own and
    evicts the least recently used; docs/deployment.md)."""
    if size > settings.SSCP_LOCAL_CACHE_MAX_BYTES and _local_memory():
        return
    cache.set(key, value, TIMEOUT)


@functools.cache
def _local_memory() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


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
    """Serve the view's GET pages through ``serve``. It must come after the mixin that checks
    access (``RoleRequiredMixin`` or one built on it), so that check runs first on every
    request; a view class that puts it elsewhere is refused when it is defined.

    Each view names the query parameters it reads in ``page_cache_params`` (its filters, its
    table's sort, page and per_page, a chosen quarter); no default, since a view reading a
    parameter it did not declare would never see it (tests/test_architecture.py checks). It
    names the data areas it shows in ``page_cache_areas`` (or ``get_page_cache_areas`` when
    they depend on the reader); the default is every area."""

    page_cache_per_user = False
    # True: the page turns on no body's rules, so it is kept per kind of reader (manager,
    # scrutiny member, reporter), not per set of roles, and reporters of all bodies share it
    page_cache_by_kind = False
    page_cache_params: tuple[str, ...]
    page_cache_areas: tuple[str, ...] = AREAS

    def get_page_cache_areas(self) -> tuple[str, ...]:
        """The data areas this page shows, for this reader: a write to any other leaves it in
        the cache. ``page_cache_areas`` unless the view says otherwise."""
        return self.page_cache_areas

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        mro = cls.__mro__
        guards = [i for i, klass in enumerate(mro) if klass is RoleRequiredMixin]
        if not guards or guards[0] > mro.index(CachedPageMixin):
            raise ImproperlyConfigured(
                f"{cls.__qualname__}: CachedPageMixin must come after RoleRequiredMixin (or a "
                "mixin built on it), so access is checked before a page is served from the cache."
            )

    def dispatch(self, request, *args, **kwargs):
        parent = super().dispatch
        return serve(
            request,
            lambda: parent(request, *args, **kwargs),
            per_user=self.page_cache_per_user,
            params=self.page_cache_params,
            areas=self.get_page_cache_areas(),
            by_kind=self.page_cache_by_kind,
        )
