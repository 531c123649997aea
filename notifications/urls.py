from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("read/", views.MarkReadView.as_view(), name="mark_read"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("email-log/", views.EmailLogView.as_view(), name="email_log"),
    path("<int:pk>/", views.OpenView.as_view(), name="open"),
]
