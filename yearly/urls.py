from django.urls import path

from yearly import downloads, views

app_name = "yearly"

urlpatterns = [
    path("", views.YearlyListView.as_view(), name="report_list"),
    path("new/", views.YearlyCreateView.as_view(), name="report_create"),
    path("<int:pk>/", views.YearlyDetailView.as_view(), name="report_detail"),
    path("<int:pk>/download.docx", downloads.YearlyDocxView.as_view(), name="report_docx"),
    path("<int:pk>/download.pdf", downloads.YearlyPdfView.as_view(), name="report_pdf"),
    path("<int:pk>/sections/<slug:key>/", views.YearlySectionView.as_view(), name="section_edit"),
    path("<int:pk>/ready/", views.YearlyReadyView.as_view(), name="report_ready"),
    path("<int:pk>/sign/<int:partner>/", views.YearlySignView.as_view(), name="report_sign"),
    path("<int:pk>/publish/", views.YearlyPublishView.as_view(), name="report_publish"),
    path("<int:pk>/correct/", views.YearlyCorrectView.as_view(), name="report_correct"),
]
