from django.urls import path

from plans import report_views, views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
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
    path("governance/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("governance/<slug:slug>/edit/", views.BodyUpdateView.as_view(), name="body_edit"),
    path("governance/<slug:slug>/history/", views.BodyHistoryView.as_view(), name="body_history"),
    path(
        "governance/<slug:slug>/members/new/",
        views.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    # progress reports (issue 5): list, drafting, publishing, versions, reading, Word
    path("reports/", report_views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", report_views.ReportCreateView.as_view(), name="report_create"),
    path("reports/<int:pk>/", report_views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", report_views.ReportEditView.as_view(), name="report_edit"),
    path(
        "reports/<int:pk>/not-received/",
        report_views.ReportNotReceivedView.as_view(),
        name="report_not_received",
    ),
    path(
        "reports/<int:pk>/publish/", report_views.ReportPublishView.as_view(), name="report_publish"
    ),
    path(
        "reports/<int:pk>/new-version/",
        report_views.ReportSupersedeView.as_view(),
        name="report_supersede",
    ),
    path(
        "reports/<int:pk>/compare/", report_views.ReportCompareView.as_view(), name="report_compare"
    ),
    path(
        "reports/<int:pk>/download.docx",
        report_views.ReportDocxView.as_view(),
        name="report_docx",
    ),
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<slug:slug>/edit/", views.PlanUpdateView.as_view(), name="plan_edit"),
    path("<slug:slug>/start-next/", views.PlanStartNextView.as_view(), name="plan_start_next"),
    path("<slug:slug>/delete/", views.PlanDeleteView.as_view(), name="plan_delete"),
    path("<slug:slug>/history/", views.PlanHistoryView.as_view(), name="plan_history"),
]
