"""The inbox (everyone's own notifications), opening one, marking them read, the preferences
page, and the business managers' log of every e-mail sent."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, TemplateView

from notifications import selectors, services
from notifications.filters import EmailLogFilter, InboxFilter
from notifications.forms import PreferencesForm
from notifications.models import Notification
from notifications.rules import can_view_email_log, can_view_own_notifications
from sscp.mail import MAX_ATTEMPTS
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import page_of, query_without

INBOX_CRUMB = ("Notifications", "notifications:inbox")


class NotificationPageMixin(RoleRequiredMixin, BreadcrumbsMixin):
    """The tabs' context: the e-mail log tab is shown to those who may read it."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_email_log=can_view_email_log(self.request.user), **kwargs
        )


class InboxView(NotificationPageMixin, TemplateView):
    permission = can_view_own_notifications
    template_name = "notifications/inbox.html"
    per_page = 25

    def get_breadcrumbs(self):
        return [("Notifications", None)]

    def get_context_data(self, **kwargs):
        found = InboxFilter(self.request.GET or None, queryset=selectors.inbox(self.request.user))
        return super().get_context_data(
            filter=found,
            page=page_of(self.request, found.qs, per_page=self.per_page),
            filter_query=query_without(self.request),
            **kwargs,
        )


class OpenView(RoleRequiredMixin, View):
    """Following a notification marks it read and goes to the thing it is about."""

    permission = can_view_own_notifications

    def get(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        services.mark_read(user=request.user, pks=[notification.pk])
        if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
            return redirect("notifications:inbox")
        return redirect(notification.url)


class MarkReadView(RoleRequiredMixin, View):
    """POST: mark one notification (``pk`` in the form) or all of them read."""

    permission = can_view_own_notifications

    def post(self, request):
        pk = request.POST.get("pk")
        if pk is not None:
            if not pk.isdigit():
                messages.error(request, "That notification could not be found.")
                return redirect("notifications:inbox")
            changed = services.mark_read(user=request.user, pks=[int(pk)])
            messages.success(
                request, "Marked as read." if changed else "That notification was already read."
            )
        else:
            changed = services.mark_read(user=request.user)
            messages.success(
                request,
                f"Marked {changed} notification{'s' if changed != 1 else ''} as read."
                if changed
                else "Nothing was unread.",
            )
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("notifications:inbox")


class PreferencesView(NotificationPageMixin, FormView):
    permission = can_view_own_notifications
    template_name = "notifications/preferences.html"
    form_class = PreferencesForm

    def get_breadcrumbs(self):
        return [(INBOX_CRUMB[0], reverse(INBOX_CRUMB[1])), ("E-mail preferences", None)]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "initial_choices": services.preferences_of(self.request.user),
        }

    def form_valid(self, form):
        services.save_preferences(user=self.request.user, choices=form.cleaned_data)
        messages.success(self.request, "Your e-mail preferences are saved.")
        return redirect("notifications:preferences")

    def form_invalid(self, form):
        messages.error(self.request, "Choose one of the options for each kind. Nothing was saved.")
        return super().form_invalid(form)


class EmailLogView(NotificationPageMixin, TemplateView):
    permission = can_view_email_log
    template_name = "notifications/email_log.html"
    per_page = 50

    def get_breadcrumbs(self):
        return [(INBOX_CRUMB[0], reverse(INBOX_CRUMB[1])), ("E-mail log", None)]

    def get_context_data(self, **kwargs):
        found = EmailLogFilter(self.request.GET or None, queryset=selectors.email_log())
        return super().get_context_data(
            filter=found,
            page=page_of(self.request, found.qs, per_page=self.per_page),
            filter_query=query_without(self.request),
            max_attempts=MAX_ATTEMPTS,
            **kwargs,
        )
