from django.urls import path

from plans import views

# No app_name: config.urls puts these, the progress reports' and the whole-plan pages' URLs in
# the one "plans" namespace (plans:plan_detail, plans:report_list ...), as they always were, and
# in their old order: the fixed governance paths come before a body's page (bookcase.urls), and
# a plan's own pages before the routes that take any plan slug.
governance_urlpatterns = [
    path("governance/", views.GovernanceView.as_view(), name="governance"),
    path("governance/new/", views.BodyCreateView.as_view(), name="body_create"),
    path(
        "governance/members/<int:pk>/edit/",
        views.MembershipUpdateView.as_view(),
        name="membership_edit",
    ),
    path(
        "governance/members/<int:pk>/remove/",
        views.MembershipDeleteView.as_view(),
        name="membership_delete",
    ),
]

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("governance/<slug:slug>/edit/", views.BodyUpdateView.as_view(), name="body_edit"),
    path("governance/<slug:slug>/history/", views.BodyHistoryView.as_view(), name="body_history"),
    path(
        "governance/<slug:slug>/members/new/",
        views.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    path("<slug:slug>/edit/", views.PlanUpdateView.as_view(), name="plan_edit"),
    path("<slug:slug>/delete/", views.PlanDeleteView.as_view(), name="plan_delete"),
    path("<slug:slug>/history/", views.PlanHistoryView.as_view(), name="plan_history"),
]
