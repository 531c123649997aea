"""Navigation shown to each person: only what their role may use."""

from django.urls import reverse

from sscp import cache_versions, page_cache, roles


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    personal = {"user_label": page_cache.user_label(user)}
    if page_cache.rendering_for_cache(request):  # filled in per request (sscp.page_cache)
        personal = {
            "user_label": page_cache.USER_PLACEHOLDER,
            "csrf_token": cache_versions.CSRF_PLACEHOLDER,
        }
    items = [("Home", reverse("home"))]
    if roles.can_view_plans(user):
        items += [
            ("Plans", reverse("plans:plan_list")),
            ("Strategies", reverse("priorities:strategy_list")),
            ("Governance", reverse("plans:governance")),
            ("Consultations", reverse("consultations:consultation_list")),
        ]
    if roles.can_view_my_returns(user):
        items.append(("My returns", reverse("measures:my_returns")))
    if roles.can_view_collection(user):
        items.append(("Quarters", reverse("measures:period_list")))
    if roles.can_view_reports(user):
        items.append(("Reports", reverse("plans:report_list")))
    # The current item is the one whose URL is the longest prefix of this page's path, so
    # /plans/governance/ marks Governance and not Plans as well.
    path = request.path
    matches = [url for _, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "current": url == current} for label, url in items
        ],
        **personal,
    }
