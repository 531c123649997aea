"""Navigation shown to each person: only what their role may use."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from assurance.rules import can_track_actions, can_view_reviews, can_view_risks
from measures.rules import can_view_collection, can_view_my_returns
from people.rules import can_manage_people
from plans.roles import roles_of
from plans.rules import can_view_plans
from reports.rules import can_view_reports
from search.rules import can_search
from sscp import cache
from yearly.rules import can_view_yearly_reports


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    personal = {
        "user_label": cache.user_label(user),
        "unread_notifications": SimpleLazyObject(lambda: cache.unread_count(user)),
    }
    if cache.rendering_for_cache(request):  # filled in per request (sscp.cache)
        personal = {
            "user_label": cache.USER_PLACEHOLDER,
            "csrf_token": cache.CSRF_PLACEHOLDER,
            "unread_notifications": cache.BELL_PLACEHOLDER,
        }
    items = [("Home", reverse("home"))]
    if can_view_plans(user):
        items += [
            ("Plans", reverse("plans:plan_list")),
            ("Strategies", reverse("priorities:strategy_list")),
            ("Governance", reverse("plans:governance")),
            ("Consultations", reverse("consultations:consultation_list")),
        ]
    if can_view_my_returns(user):
        items.append(("My returns", reverse("measures:my_returns")))
    if can_view_collection(user):
        items.append(("Quarters", reverse("measures:period_list")))
    if can_view_reports(user):
        items.append(("Reports", reverse("plans:report_list")))
    if can_view_yearly_reports(user):
        items.append(("Yearly report", reverse("yearly:report_list")))
    if can_view_risks(user):
        items.append(("Risks", reverse("assurance:risk_list")))
    if can_view_reviews(user):
        items.append(("Reviews", reverse("assurance:review_list")))
    if can_track_actions(user):
        items.append(("Actions", reverse("assurance:action_tracker")))
    if can_manage_people(user):
        items.append(("People", reverse("people:list")))
    # The current item is the one whose URL is the longest prefix of this page's path, so
    # /plans/governance/ marks Governance and not Plans as well.
    path = request.path
    matches = [url for _, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "current": url == current} for label, url in items
        ],
        "search_box": can_search(user),
        "idle_seconds": settings.SSCP_IDLE_MINUTES * 60,
        "two_factor_banner": (
            not settings.SSCP_REQUIRE_MANAGER_TWO_FACTOR and roles_of(user).is_manager
        ),
        **personal,
    }
