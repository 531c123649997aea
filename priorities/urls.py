from django.urls import path

from priorities import views

# Mounted at the site root: strategies under /strategies/, a plan's priorities under
# /priorities/.
# No app_name: config.urls puts these and the strategy page (bookcase.urls) in the one
# "priorities" namespace.
urlpatterns = [
    path("strategies/", views.StrategyListView.as_view(), name="strategy_list"),
    path("strategies/new/", views.StrategyCreateView.as_view(), name="strategy_create"),
    path("strategies/<slug:slug>/edit/", views.StrategyUpdateView.as_view(), name="strategy_edit"),
    path(
        "strategies/<slug:slug>/history/",
        views.StrategyHistoryView.as_view(),
        name="strategy_history",
    ),
    path(
        "priorities/new/<slug:plan_slug>/",
        views.PriorityCreateView.as_view(),
        name="priority_create",
    ),
    path("priorities/<int:pk>/edit/", views.PriorityUpdateView.as_view(), name="priority_edit"),
    path("priorities/<int:pk>/move/", views.PriorityMoveView.as_view(), name="priority_move"),
    path("priorities/<int:pk>/retire/", views.PriorityRetireView.as_view(), name="priority_retire"),
    path("priorities/<int:pk>/delete/", views.PriorityDeleteView.as_view(), name="priority_delete"),
    path(
        "priorities/<int:pk>/history/",
        views.PriorityHistoryView.as_view(),
        name="priority_history",
    ),
]
