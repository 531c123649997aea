from django.urls import path

from assurance.views import reviews, risks

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
]
