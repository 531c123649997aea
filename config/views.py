"""The role-aware home page, the session check and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assurance import selectors as assurance_selectors
from assurance.rules import tracked_body_ids
from measures import selectors as measure_selectors
from measures.rules import can_view_collection
from notifications import selectors as notification_selectors
from plans import selectors as plan_selectors
from plans.roles import roles_of
from plans.rules import can_view_draft_plans
from reports import selectors as report_selectors
from reports.rules import can_edit_report
from sscp import cache
from sscp.idle import idle_seconds

# How many of a reporter's bodies' open actions the home page lists (the tracker has the rest).
HOME_ACTIONS = 10


@require_GET
def home(request):
    """What each person needs first: managers the quarter's collection, reporters what is due
    from their bodies and their bodies' open review actions, scrutiny members the plans and
    published reports."""
    return cache.serve(request, lambda: _home(request), per_user=True)


def _home(request):
    user_roles = roles_of(request.user)
    today = timezone.localdate()
    context = {"roles": user_roles, "today": today}
    if user_roles.has_any_role:
        context["waiting"] = notification_selectors.waiting_for(request.user)
        draft_plans = can_view_draft_plans(request.user)
        context["plans"] = plan_selectors.plan_list(draft_plans=draft_plans)
        period = measure_selectors.current_period(today)
        context["period"] = period
        if period is not None:
            context["days_left"] = (period.deadline - today).days
        if period is not None and can_view_collection(request.user):
            context["summary"] = measure_selectors.collection_summary(
                period, today, viewer=request.user
            )
        if period is not None and user_roles.is_reporter:
            context["due"] = measure_selectors.returns_due(
                user_roles.reporting_body_ids, period, draft_plans=draft_plans
            )
        tracked = tracked_body_ids(request.user)  # whose review actions they update
        if tracked:
            context["open_actions"] = assurance_selectors.open_actions_of(
                tracked, shown=HOME_ACTIONS
            )
        if user_roles.chair_body_ids:
            context["to_confirm"] = measure_selectors.returns_to_confirm(
                request.user, user_roles.chair_body_ids
            )
        context["reports"] = report_selectors.reports_for(
            request.user, include_drafts=can_edit_report(request.user), draft_plans=draft_plans
        )[:5]
    return render(request, "home.html", context)


@require_GET
@never_cache
def session_status(request):
    """Whether the person is still signed in, for how long without use, with which roles, and
    the partnership's data version: what "Stay signed in" asks (a request counts as use, see
    ``sscp.idle``), and the least any signed-in page costs (session, person, roles, data
    versions), which ``make bench`` times as its signed-in floor."""
    user_roles = roles_of(request.user)
    current = cache.versions(*cache.AREAS)
    return JsonResponse(
        {
            "signed_in": True,
            "idle_seconds": idle_seconds(),
            "roles": {
                "manager": user_roles.is_manager,
                "scrutiny": user_roles.is_scrutiny,
                "reporter": user_roles.is_reporter,
            },
            "data_version": cache.stamp(current),
        }
    )


@login_not_required
@require_GET
@never_cache
def health(request):
    """Liveness and database reachability for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
