"""The people pages: who has access, invitations, the people audit, and each person's own
account page."""

from django.urls import path

from people import account_views, lead_views, views

app_name = "people"

urlpatterns = [
    path("", views.PeopleListView.as_view(), name="list"),
    path("invite/", views.InviteView.as_view(), name="invite"),
    path("audit/", views.AuditView.as_view(), name="audit"),
    path("me/", account_views.MyAccountView.as_view(), name="my_account"),
    path("invitation/<str:token>/", account_views.AcceptInvitationView.as_view(), name="accept"),
    path("<int:pk>/", views.PersonView.as_view(), name="person"),
    path("<int:pk>/roles/", views.RolesView.as_view(), name="roles"),
    path("<int:pk>/memberships/add/", views.AddMembershipView.as_view(), name="add_membership"),
    path(
        "memberships/<int:pk>/remove/",
        views.RemoveMembershipView.as_view(),
        name="remove_membership",
    ),
    path(
        "<int:pk>/partner-leads/add/",
        lead_views.AddPartnerLeadView.as_view(),
        name="add_partner_lead",
    ),
    path(
        "partner-leads/<int:pk>/remove/",
        lead_views.RemovePartnerLeadView.as_view(),
        name="remove_partner_lead",
    ),
    path("<int:pk>/deactivate/", views.DeactivateView.as_view(), name="deactivate"),
    path("<int:pk>/reactivate/", views.ReactivateView.as_view(), name="reactivate"),
    path("<int:pk>/invitation/resend/", views.ResendInvitationView.as_view(), name="resend"),
    path("<int:pk>/invitation/withdraw/", views.WithdrawInvitationView.as_view(), name="withdraw"),
    path("<int:pk>/two-factor/reset/", views.ResetTwoFactorView.as_view(), name="reset_two_factor"),
]
