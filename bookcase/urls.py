"""The whole-plan pages keep the URLs and names they always had: in the ``plans`` namespace
(``plans:plan_detail``, ``plans:timeline``, ``plans:body_detail``, ``plans:plan_start_next``) and
the ``priorities`` one (``priorities:strategy_detail``), composed in ``config.urls``."""

from django.urls import path

from bookcase import views

# Under /plans/, before the plans' own routes that take a slug.
fixed_urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("governance/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
]

# Under /plans/, last: any plan slug.
plan_urlpatterns = [
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<slug:slug>/start-next/", views.PlanStartNextView.as_view(), name="plan_start_next"),
]

# At the site root, after the strategies' fixed routes (strategies/new/).
strategy_urlpatterns = [
    path("strategies/<slug:slug>/", views.StrategyDetailView.as_view(), name="strategy_detail"),
]
