from django.urls import path

from plans import report_views, views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("governance/", views.GovernanceView.as_view(), name="governance"),
    path("governance/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan_detail"),
]

# Progress reports (issue 5). They come first, so that they also answer the report list and
# report page paths above (the views there are no longer used).
urlpatterns = [
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
    *urlpatterns,
]
