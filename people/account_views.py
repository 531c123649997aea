"""The people pages everyone has: their own account, and the page an invitation's link opens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView

from people import selectors, services
from people.forms import ChoosePasswordForm
from people.rules import can_view_own_account
from people.tables import roles_text
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.people import person_name


class MyAccountView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    permission = can_view_own_account
    template_name = "people/my_account.html"

    def get_breadcrumbs(self):
        return [("My account", None)]

    def get_context_data(self, **kwargs):
        me = selectors.person(self.request.user.pk)
        return super().get_context_data(
            me=me,
            roles=roles_text(me),
            sign_ins=selectors.sign_in_history(self.request.user),
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class AcceptInvitationView(FormView):
    """The page an invitation's link opens. A link that cannot be used (expired, used,
    withdrawn, or not a link we sent) gets a page saying what to do, with 410 Gone, and
    creates nothing."""

    template_name = "people/accept_invitation.html"
    form_class = ChoosePasswordForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = services.invitation_for(kwargs["token"])
        reason = (
            "unknown" if self.invitation is None else self.invitation.why_unusable(timezone.now())
        )
        if reason:
            return render(
                request, "people/invitation_unusable.html", {"reason": reason}, status=410
            )
        if request.user.is_authenticated and request.user.pk != self.invitation.user_id:
            return render(
                request, "people/invitation_unusable.html", {"reason": "signed_in"}, status=409
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invitation.user}

    def get_context_data(self, **kwargs):
        request = self.request
        request.session["people_invitation"] = self.invitation.pk
        return super().get_context_data(
            person=self.invitation.user, invitation=self.invitation, **kwargs
        )

    def form_valid(self, form):
        try:
            person = services.accept_invitation(
                request=self.request,
                invitation=self.invitation,
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        login(self.request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            f"Welcome, {person_name(person)}: your password is set and you are signed in.",
        )
        return redirect("home")
