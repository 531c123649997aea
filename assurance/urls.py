from django.urls import path

from assurance.views import actions, reviews, risks, tracker

app_name = "assurance"

urlpatterns = [
    path("risks/", risks.RiskListView.as_view(), name="risk_list"),
    path("risks/new/", risks.RiskCreateView.as_view(), name="risk_create"),
    path("risks/<int:pk>/", risks.RiskDetailView.as_view(), name="risk_detail"),
    path("risks/<int:pk>/edit/", risks.RiskUpdateView.as_view(), name="risk_edit"),
    path("risks/<int:pk>/review/", risks.RiskReviewView.as_view(), name="risk_review"),
    path("risks/<int:pk>/history/", risks.RiskHistoryView.as_view(), name="risk_history"),
    path("reviews/", reviews.ReviewListView.as_view(), name="review_list"),
    path("reviews/new/", reviews.ReviewCreateView.as_view(), name="review_create"),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/edit/", reviews.ReviewUpdateView.as_view(), name="review_edit"),
    path("reviews/<int:pk>/history/", reviews.ReviewHistoryView.as_view(), name="review_history"),
    path(
        "reviews/<int:pk>/recommendations/new/",
        actions.RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path(
        "recommendations/<int:pk>/actions/new/",
        actions.ActionCreateView.as_view(),
        name="action_create",
    ),
    path("actions/", tracker.ActionTrackerView.as_view(), name="action_tracker"),
    path(
        "actions/export/<str:file_format>/",
        tracker.ActionExportView.as_view(),
        name="action_export",
    ),
    path("actions/<int:pk>/", actions.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", actions.ActionEditView.as_view(), name="action_edit"),
    path("actions/<int:pk>/update/", actions.ActionUpdateView.as_view(), name="action_update"),
    path("actions/<int:pk>/sign-off/", actions.ActionSignOffView.as_view(), name="action_sign_off"),
    path(
        "actions/<int:pk>/send-back/", actions.ActionSendBackView.as_view(), name="action_send_back"
    ),
    path(
        "actions/updates/<int:pk>/evidence/",
        actions.ActionEvidenceView.as_view(),
        name="action_evidence",
    ),
]
