from django.urls import path

from assurance import views

app_name = "assurance"

urlpatterns = [
    path("risks/", views.RiskListView.as_view(), name="risk_list"),
    path("risks/new/", views.RiskCreateView.as_view(), name="risk_create"),
    path("risks/<int:pk>/", views.RiskDetailView.as_view(), name="risk_detail"),
    path("risks/<int:pk>/edit/", views.RiskUpdateView.as_view(), name="risk_edit"),
    path("risks/<int:pk>/review/", views.RiskReviewView.as_view(), name="risk_review"),
    path("risks/<int:pk>/history/", views.RiskHistoryView.as_view(), name="risk_history"),
]
