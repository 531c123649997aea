from django.urls import path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="consultation_list"),
    path("new/", views.ConsultationCreateView.as_view(), name="consultation_create"),
    # commitments across every consultation, and changes to one commitment
    path("commitments/", views.CommitmentListView.as_view(), name="commitment_list"),
    path(
        "commitments/<int:pk>/edit/",
        views.CommitmentUpdateView.as_view(),
        name="commitment_edit",
    ),
    path(
        "commitments/<int:pk>/delete/",
        views.CommitmentDeleteView.as_view(),
        name="commitment_delete",
    ),
    path(
        "commitments/<int:pk>/updates/new/",
        views.CommitmentUpdateCreateView.as_view(),
        name="update_create",
    ),
    path("updates/<int:pk>/edit/", views.CommitmentUpdateUpdateView.as_view(), name="update_edit"),
    path(
        "updates/<int:pk>/delete/",
        views.CommitmentUpdateDeleteView.as_view(),
        name="update_delete",
    ),
    path("feedback/<int:pk>/edit/", views.FeedbackUpdateView.as_view(), name="feedback_edit"),
    path("feedback/<int:pk>/delete/", views.FeedbackDeleteView.as_view(), name="feedback_delete"),
    path("documents/<int:pk>/edit/", views.DocumentUpdateView.as_view(), name="document_edit"),
    path(
        "documents/<int:pk>/delete/",
        views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    # engagement groups
    path("groups/", views.GroupListView.as_view(), name="group_list"),
    path("groups/new/", views.GroupCreateView.as_view(), name="group_create"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", views.GroupUpdateView.as_view(), name="group_edit"),
    path("groups/<int:pk>/delete/", views.GroupDeleteView.as_view(), name="group_delete"),
    path("groups/<int:pk>/history/", views.GroupHistoryView.as_view(), name="group_history"),
    # pages per plan and per priority
    path(
        "plans/<slug:slug>/you-said-we-did/",
        views.YouSaidWeDidView.as_view(),
        name="you_said_we_did",
    ),
    path(
        "priorities/<int:pk>/",
        views.PriorityFeedbackView.as_view(),
        name="priority_feedback",
    ),
    # one consultation (its slug never takes a word used above: services.RESERVED_SLUGS)
    path("<slug:slug>/", views.ConsultationDetailView.as_view(), name="consultation_detail"),
    path(
        "<slug:slug>/edit/",
        views.ConsultationUpdateView.as_view(),
        name="consultation_edit",
    ),
    path(
        "<slug:slug>/delete/",
        views.ConsultationDeleteView.as_view(),
        name="consultation_delete",
    ),
    path(
        "<slug:slug>/history/",
        views.ConsultationHistoryView.as_view(),
        name="consultation_history",
    ),
    path(
        "<slug:slug>/feedback/new/",
        views.FeedbackCreateView.as_view(),
        name="feedback_create",
    ),
    path(
        "<slug:slug>/commitments/new/",
        views.CommitmentCreateView.as_view(),
        name="commitment_create",
    ),
    path(
        "<slug:slug>/documents/new/",
        views.DocumentCreateView.as_view(),
        name="document_create",
    ),
]
