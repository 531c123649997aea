from django.urls import path

from measures.views import chasing, definitions, quarters, returns, review, upload

app_name = "measures"
urlpatterns = [
    # A measure's page and its definition.
    path("<int:pk>/", definitions.MeasureDetailView.as_view(), name="measure_detail"),
    path("new/", definitions.MeasureCreateView.as_view(), name="measure_create"),
    path("<int:pk>/edit/", definitions.MeasureUpdateView.as_view(), name="measure_edit"),
    path("<int:pk>/delete/", definitions.MeasureDeleteView.as_view(), name="measure_delete"),
    path("<int:pk>/history/", definitions.MeasureHistoryView.as_view(), name="measure_history"),
    # Quarters and their collection status.
    path("quarters/", quarters.PeriodListView.as_view(), name="period_list"),
    path("quarters/<int:pk>/", quarters.PeriodDetailView.as_view(), name="period_detail"),
    path("quarters/new/", quarters.PeriodCreateView.as_view(), name="period_create"),
    path(
        "quarters/plan/<slug:slug>/",
        quarters.PlanQuartersCreateView.as_view(),
        name="period_create_for_plan",
    ),
    path("quarters/<int:pk>/chase/", chasing.ChaseView.as_view(), name="period_chase"),
    path(
        "quarters/<int:pk>/open/",
        quarters.PeriodActionView.as_view(action="open"),
        name="period_open",
    ),
    path(
        "quarters/<int:pk>/close/",
        quarters.PeriodActionView.as_view(action="close"),
        name="period_close",
    ),
    path(
        "quarters/<int:pk>/deadline/",
        quarters.PeriodDeadlineView.as_view(),
        name="period_deadline",
    ),
    # Entering and reviewing returns.
    path("my-returns/", returns.MyReturnsView.as_view(), name="my_returns"),
    path(
        "<int:measure_pk>/quarters/<int:period_pk>/return/",
        returns.ReturnEditView.as_view(),
        name="return_edit",
    ),
    path("<int:pk>/rag/", returns.RagPreviewView.as_view(), name="rag_preview"),
    path("returns/<int:pk>/", returns.ReturnDetailView.as_view(), name="return_detail"),
    path(
        "returns/<int:pk>/approve/",
        returns.ReturnReviewView.as_view(action="approve"),
        name="return_approve",
    ),
    path(
        "returns/<int:pk>/send-back/",
        returns.ReturnReviewView.as_view(action="send_back"),
        name="return_send_back",
    ),
    path("returns/<int:pk>/reopen/", returns.ReturnReopenView.as_view(), name="return_reopen"),
    # The review queue and approving returns on target several at a time.
    path("review/", review.ReviewQueueView.as_view(), name="review_queue"),
    path("review/approve/", review.BulkApproveView.as_view(), name="review_bulk_approve"),
    # Bulk upload of returns.
    path("returns/upload/", upload.ReturnUploadView.as_view(), name="upload"),
    path("returns/upload/check/", upload.ReturnUploadPreviewView.as_view(), name="upload_preview"),
    path(
        "returns/upload/template/<int:pk>.<str:file_format>",
        upload.ReturnUploadTemplateView.as_view(),
        name="upload_template",
    ),
]
