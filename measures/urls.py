from django.urls import path

from measures import views

app_name = "measures"
urlpatterns = [
    path("<int:pk>/", views.MeasureDetailView.as_view(), name="measure_detail"),
    path("new/", views.MeasureCreateView.as_view(), name="measure_create"),
    path("<int:pk>/edit/", views.MeasureUpdateView.as_view(), name="measure_edit"),
    path("<int:pk>/delete/", views.MeasureDeleteView.as_view(), name="measure_delete"),
    path("<int:pk>/history/", views.MeasureHistoryView.as_view(), name="measure_history"),
    path("quarters/", views.PeriodListView.as_view(), name="period_list"),
    path("quarters/<int:pk>/", views.PeriodDetailView.as_view(), name="period_detail"),
    # --- returns and quarters (issue 4) ---
    path("quarters/new/", views.PeriodCreateView.as_view(), name="period_create"),
    path(
        "quarters/<int:pk>/open/",
        views.PeriodActionView.as_view(action="open"),
        name="period_open",
    ),
    path(
        "quarters/<int:pk>/close/",
        views.PeriodActionView.as_view(action="close"),
        name="period_close",
    ),
    path("quarters/<int:pk>/deadline/", views.PeriodDeadlineView.as_view(), name="period_deadline"),
    path("my-returns/", views.MyReturnsView.as_view(), name="my_returns"),
    path(
        "<int:measure_pk>/quarters/<int:period_pk>/return/",
        views.ReturnEditView.as_view(),
        name="return_edit",
    ),
    path("<int:pk>/rag/", views.RagPreviewView.as_view(), name="rag_preview"),
    path("returns/<int:pk>/", views.ReturnDetailView.as_view(), name="return_detail"),
    path(
        "returns/<int:pk>/approve/",
        views.ReturnReviewView.as_view(action="approve"),
        name="return_approve",
    ),
    path(
        "returns/<int:pk>/send-back/",
        views.ReturnReviewView.as_view(action="send_back"),
        name="return_send_back",
    ),
    path("returns/<int:pk>/reopen/", views.ReturnReopenView.as_view(), name="return_reopen"),
    path("returns/upload/", views.ReturnUploadView.as_view(), name="upload"),
    path("returns/upload/check/", views.ReturnUploadPreviewView.as_view(), name="upload_preview"),
    path(
        "returns/upload/template/<int:pk>.<str:file_format>",
        views.ReturnUploadTemplateView.as_view(),
        name="upload_template",
    ),
]
