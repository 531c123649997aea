from django.urls import path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="consultation_list"),
    path("<slug:slug>/", views.ConsultationDetailView.as_view(), name="consultation_detail"),
]
