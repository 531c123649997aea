from django.urls import path

from consultations.views import editing, reading

app_name = "consultations"
urlpatterns = [
    path("", reading.ConsultationListView.as_view(), name="consultation_list"),
    path("new/", editing.ConsultationCreateView.as_view(), name="consultation_create"),
    # commitments across every consultation, and changes to one commitment
    path("commitments/", reading.CommitmentListView.as_view(), name="commitment_list"),
    path(
        "commitments/<int:pk>/edit/",
        editing.CommitmentUpdateView.as_view(),
        name="commitment_edit",
    ),
    path(
        "commitments/<int:pk>/delete/",
        editing.CommitmentDeleteView.as_view(),
        name="commitment_delete",
    ),
    path(
        "commitments/<int:pk>/updates/new/",
        editing.CommitmentUpdateCreateView.as_view(),
        name="update_create",
    ),
    path(
        "updates/<int:pk>/edit/", editing.CommitmentUpdateUpdateView.as_view(), name="update_edit"
    ),
    path(
        "updates/<int:pk>/delete/",
        editing.CommitmentUpdateDeleteView.as_view(),
        name="update_delete",
    ),
    path("feedback/<int:pk>/edit/", editing.FeedbackUpdateView.as_view(), name="feedback_edit"),
    path("feedback/<int:pk>/delete/", editing.FeedbackDeleteView.as_view(), name="feedback_delete"),
    path("documents/<int:pk>/edit/", editing.DocumentUpdateView.as_view(), name="document_edit"),
    path(
        "documents/<int:pk>/delete/",
        editing.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    # engagement groups
    path("groups/", reading.GroupListView.as_view(), name="group_list"),
    path("groups/new/", editing.GroupCreateView.as_view(), name="group_create"),
    path("groups/<int:pk>/", reading.GroupDetailView.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", editing.GroupUpdateView.as_view(), name="group_edit"),
    path("groups/<int:pk>/delete/", editing.GroupDeleteView.as_view(), name="group_delete"),
    path("groups/<int:pk>/history/", reading.GroupHistoryView.as_view(), name="group_history"),
    # pages per plan and per priority
    path(
        "plans/<slug:slug>/you-said-we-did/",
        reading.YouSaidWeDidView.as_view(),
        name="you_said_we_did",
    ),
    path(
        "priorities/<int:pk>/",
        reading.PriorityFeedbackView.as_view(),
        name="priority_feedback",
    ),
    # one consultation (its slug never takes a word used above: services.RESERVED_SLUGS)
    path("<slug:slug>/", reading.ConsultationDetailView.as_view(), name="consultation_detail"),
    path(
        "<slug:slug>/edit/",
        editing.ConsultationUpdateView.as_view(),
        name="consultation_edit",
    ),
    path(
        "<slug:slug>/delete/",
        editing.ConsultationDeleteView.as_view(),
        name="consultation_delete",
    ),
    path(
        "<slug:slug>/history/",
        reading.ConsultationHistoryView.as_view(),
        name="consultation_history",
    ),
    path(
        "<slug:slug>/feedback/new/",
        editing.FeedbackCreateView.as_view(),
        name="feedback_create",
    ),
    path(
        "<slug:slug>/commitments/new/",
        editing.CommitmentCreateView.as_view(),
        name="commitment_create",
    ),
    path(
        "<slug:slug>/documents/new/",
        editing.DocumentCreateView.as_view(),
        name="document_create",
    ),
]
