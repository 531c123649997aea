from django.urls import path

from priorities import views

app_name = "priorities"
urlpatterns = [
    path("", views.StrategyListView.as_view(), name="strategy_list"),
    path("<slug:slug>/", views.StrategyDetailView.as_view(), name="strategy_detail"),
]
