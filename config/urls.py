from django.contrib import admin
from django.urls import include, path

import bookcase.urls
import plans.urls
import priorities.urls
import reports.urls
from config import views

# The URL names have always been plans:... and priorities:...; the pages behind them now live in
# several apps (plans, reports, bookcase, priorities), composed here in their old order so that
# fixed paths (reports/, new/, timeline/, governance/new/) come before routes that take a slug.
plans_urls = (
    reports.urls.urlpatterns
    + plans.urls.governance_urlpatterns
    + bookcase.urls.fixed_urlpatterns
    + plans.urls.urlpatterns
    + bookcase.urls.plan_urlpatterns,
    "plans",
)
priorities_urls = (
    priorities.urls.urlpatterns + bookcase.urls.strategy_urlpatterns,
    "priorities",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("accounts/session/", views.session_status, name="session_status"),
    path("accounts/", include("config.account_urls")),
    path("plans/", include(plans_urls)),
    path("", include(priorities_urls)),  # /strategies/... and /priorities/...
    path("measures/", include("measures.urls")),
    path("consultations/", include("consultations.urls")),
    path("assurance/", include("assurance.urls")),
    path("yearly/", include("yearly.urls")),
    path("people/", include("people.urls")),
    path("notifications/", include("notifications.urls")),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
]
