from django.urls import path

from measures import views

app_name = "measures"
urlpatterns = [
    path("<int:pk>/", views.MeasureDetailView.as_view(), name="measure_detail"),
    path("quarters/", views.PeriodListView.as_view(), name="period_list"),
    path("quarters/<int:pk>/", views.PeriodDetailView.as_view(), name="period_detail"),
]
