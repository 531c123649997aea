"""Recommendations and their actions: adding them (business managers), an action's page with
its dated updates and their evidence files, updating it (its body's reporters), signing it off
or sending it back (business managers)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView

from assurance import selectors, services
from assurance.forms import ActionForm, ActionSendBackForm, ActionUpdateForm, RecommendationForm
from assurance.models import Action, ActionUpdate, Recommendation, Review
from assurance.rules import (
    action_hidden_from,
    can_edit_actions,
    can_track_actions,
    can_update_action,
    review_hidden_from,
    sign_off_refusal,
)
from assurance.views.reviews import REGISTER
from sscp.editing import (
    ConfirmView,
    FormPageMixin,
    ObjectPageMixin,
    ServiceCreateView,
    ServiceUpdateView,
    add_service_errors,
    last_change_id,
)
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class UnderObjectMixin:
    """A form that adds a child to an object (``parent_model``, found by ``pk``): breadcrumbs
    through the object, Cancel back to it."""

    parent_model = None

    def dispatch(self, request, *args, **kwargs):
        self.parent = get_object_or_404(self.parent_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def parent_queryset(self):
        return self.parent_model.objects.all()

    def get_cancel_url(self):
        return self.parent.get_absolute_url()

    def get_breadcrumbs(self):
        return [
            (REGISTER[0], reverse(REGISTER[1])),
            (str(self.parent), self.parent.get_absolute_url()),
            (self.get_page_title(), None),
        ]


class RecommendationCreateView(UnderObjectMixin, ServiceCreateView):
    permission = can_edit_actions
    parent_model = Review
    form_class = RecommendationForm
    page_title = "Add a recommendation"
    submit_label = "Add the recommendation"
    success_message = "{object} has been added. Now add the actions that answer it."

    def perform(self, form):
        form.instance.review = self.parent
        return services.recommendation_create(recommendation=form.instance)


class ActionCreateView(UnderObjectMixin, ServiceCreateView):
    permission = can_edit_actions
    parent_model = Recommendation
    form_class = ActionForm
    success_message = "The action has been added for {object.owner_body.name}."
    submit_label = "Add the action"

    def parent_queryset(self):
        return Recommendation.objects.select_related("review")

    def get_page_title(self):
        return f"Add an action to {self.parent}"

    def get_intro(self):
        return self.parent.text

    def perform(self, form):
        form.instance.recommendation = self.parent
        return services.action_create(action=form.instance)


class ActionObjectMixin:
    object_hidden = action_hidden_from
    context_object_name = "action"

    def get_queryset(self):
        return Action.objects.select_related("recommendation__review", "owner_body")

    def parent_breadcrumbs(self):
        return [("Action tracker", reverse("assurance:action_tracker"))]

    def object_label(self):
        return f"{self.object.recommendation}, action"


class ActionDetailView(ActionObjectMixin, RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    """An action: what, who, by when, its status (overdue flagged) and every update."""

    permission = can_track_actions
    template_name = "assurance/action_detail.html"

    def get_queryset(self):
        return selectors.action_detail(self.kwargs["pk"])

    def get_breadcrumbs(self):
        return [*self.parent_breadcrumbs(), (self.object_label(), None)]

    def get_context_data(self, **kwargs):
        user, action = self.request.user, self.object
        updates = list(action.updates.all())
        can_edit = can_edit_actions(user)
        return super().get_context_data(
            updates=updates,
            can_update=can_update_action(user, action),
            can_edit=can_edit,
            sign_off_refusal=sign_off_refusal(user, action, updates[-1] if updates else None)
            if can_edit
            else "",
            review_hidden=review_hidden_from(user, action.recommendation.review),
            **kwargs,
        )


class ActionEditView(ActionObjectMixin, ServiceUpdateView):
    permission = can_edit_actions
    object_permission = can_edit_actions
    form_class = ActionForm
    submit_label = "Save the action"
    page_title = "Edit the action"
    success_message = "The action has been saved."

    def perform(self, form):
        return services.action_edit(action=form.instance, seen_change=form.seen_change)


class ActionFormView(
    ActionObjectMixin, RoleRequiredMixin, ObjectPageMixin, FormPageMixin, FormView
):
    """A form about one action whose valid data a service records (``record``)."""

    permission = can_track_actions

    def allowed(self, user, action) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not type(self).permission(request.user):
            return super().dispatch(request, *args, **kwargs)  # refused there
        self.object = self.unless_hidden(get_object_or_404(self.get_queryset(), pk=kwargs["pk"]))
        if not self.allowed(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"last_change": last_change_id(self.object)}

    def form_valid(self, form):
        try:
            message = self.record(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.object.get_absolute_url())


class ActionUpdateView(ActionFormView):
    form_class = ActionUpdateForm
    page_title = "Update the action"
    submit_label = "Save the update"

    def allowed(self, user, action):
        return can_update_action(user, action)

    def get_intro(self):
        return f"{self.object.text} (due {self.object.due_on:%-d %B %Y})"

    def get_initial(self):
        return {**super().get_initial(), "status": self.object.status}

    def record(self, data):
        services.action_update(
            action=self.object,
            status=data["status"],
            text=data["text"],
            evidence_url=data["evidence_url"],
            evidence_file=data["evidence_file"],
            done=data["done"],
            user=self.request.user,
            seen_change=data["last_change"],
        )
        if data["done"]:
            return "Update saved. The business manager has been asked to sign the action off."
        return "Update saved."


class ActionSendBackView(ActionFormView):
    permission = can_edit_actions
    form_class = ActionSendBackForm
    page_title = "Send the action back"
    submit_label = "Send it back"
    intro = "The action stays open; its body sees your reason on the action's page."

    def allowed(self, user, action):
        return can_edit_actions(user) and action.is_open

    def record(self, data):
        services.action_send_back(
            action=self.object,
            reason=data["reason"],
            user=self.request.user,
            seen_change=data["last_change"],
        )
        return "The action has been sent back to its body."


class ActionSignOffView(ActionObjectMixin, ConfirmView):
    permission = can_edit_actions
    page_title = "Sign the action off"
    submit_label = "Sign it off as complete"
    stale_check = True

    def get_context_data(self, **kwargs):
        updates = list(self.object.updates.order_by("written_at", "pk"))
        refusal = sign_off_refusal(self.request.user, self.object, updates[-1] if updates else None)
        consequences = [
            "close the action as complete, signed off by you today;",
            "stop its body from updating it.",
        ]
        return super().get_context_data(refusal=refusal, consequences=consequences, **kwargs)

    def perform(self):
        services.action_sign_off(
            action=self.object, user=self.request.user, seen_change=self.seen_change
        )
        return "The action has been signed off as complete.", self.object.get_absolute_url()


class ActionEvidenceView(RoleRequiredMixin, View):
    """An update's evidence file, as a download: only for those who may read the action (its
    body's reporters and business managers). Files are never served from a public address."""

    permission = can_track_actions
    object_hidden = action_hidden_from

    def get(self, request, *args, **kwargs):
        update = get_object_or_404(
            ActionUpdate.objects.select_related("action").exclude(evidence_file=""),
            pk=kwargs["pk"],
        )
        self.unless_hidden(update.action)
        kind = update.evidence_kind
        response = FileResponse(
            update.evidence_file.open("rb"),
            as_attachment=True,
            filename=update.evidence_name or f"evidence.{kind.extension}",
            content_type=kind.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
