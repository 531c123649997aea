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
]
