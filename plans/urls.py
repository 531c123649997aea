from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("governance/", views.GovernanceView.as_view(), name="governance"),
    path("governance/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan_detail"),
]
