from django.contrib import admin
from django.urls import include, path

from sscp import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("accounts/", include("sscp.account_urls")),
    path("plans/", include("plans.urls")),
    path("", include("priorities.urls")),  # /strategies/... and /priorities/...
    path("measures/", include("measures.urls")),
    path("consultations/", include("consultations.urls")),
    path("admin/", admin.site.urls),
]
