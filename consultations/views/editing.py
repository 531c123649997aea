"""Consultation pages where business managers add, change and delete consultations, feedback,
commitments and their updates, documents and engagement groups.

Views are thin: they are the shared edit pages of ``sscp.editing``, and each form is saved, and
each delete made, by a service (``services``), which holds the rules.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from consultations import services
from consultations.forms import (
    CommitmentForm,
    CommitmentUpdateForm,
    ConsultationDocumentForm,
    ConsultationForm,
    EngagementGroupForm,
    FeedbackForm,
)
from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from consultations.rules import can_manage_consultations
from consultations.views.reading import consultations_crumb, groups_crumb
from plans.models import Plan
from sscp.editing import ConfirmView, ServiceCreateView, ServiceUpdateView


class FormMixin:
    """Every form here is for business managers."""

    permission = can_manage_consultations


def _under(consultation: Consultation, page: str) -> list[tuple[str, str | None]]:
    """Breadcrumbs to a page under a consultation."""
    return [
        consultations_crumb(),
        (consultation.title, consultation.get_absolute_url()),
        (page, None),
    ]


class NewPartMixin:
    """A form adding a part (feedback, a commitment, a document) to the consultation whose slug
    is in the URL."""

    @cached_property
    def consultation(self) -> Consultation:
        return get_object_or_404(
            Consultation.objects.select_related("plan"), slug=self.kwargs["slug"]
        )

    def get_cancel_url(self) -> str:
        return self.consultation.get_absolute_url()

    def get_breadcrumbs(self):
        return _under(self.consultation, self.get_page_title())


class PartMixin:
    """A page about one part of a consultation, under the consultation: the breadcrumbs and
    Cancel lead back to the consultation."""

    def get_queryset(self):
        return self.model.objects.select_related("consultation__plan")

    @property
    def consultation(self) -> Consultation:
        return self.object.consultation

    def parent_breadcrumbs(self):
        return [consultations_crumb()]

    def object_label(self) -> str:
        return self.consultation.title

    def object_url(self) -> str:
        return self.consultation.get_absolute_url()


class DeleteView(ConfirmView):
    """GET asks first, listing what goes with the thing (or saying why it cannot be deleted);
    POST deletes it through the service, which refuses again if it must."""

    permission = can_manage_consultations
    page_crumb = "Delete"
    submit_label = "Yes, delete it"
    cancel_label = "No, keep it"

    def what(self) -> str:
        raise NotImplementedError

    def consequences(self) -> list[str]:
        return []

    def delete_refusals(self) -> list[str]:
        return []

    def delete(self) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()

    @cached_property
    def refusal(self) -> str:
        return " ".join(self.delete_refusals())

    def get_page_title(self) -> str:
        return "This cannot be deleted" if self.refusal else f"Delete {self.what()}?"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            refusal=self.refusal,
            consequences=self.consequences(),
            consequences_intro="This will also delete or change:",
            note="Its history stays in the record of changes. You cannot undo this from here.",
            **kwargs,
        )

    def perform(self) -> tuple[str, str]:
        message, next_url = f"Deleted {self.what()}.", self.get_success_url()
        self.delete()
        return message, next_url


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# --- engagement groups --------------------------------------------------------------------------


class GroupFormMixin(FormMixin):
    form_class = EngagementGroupForm

    def perform(self, form):
        return services.group_save(
            group=form.instance, user=self.request.user, seen_change=form.seen_change
        )


class GroupObjectMixin:
    model = EngagementGroup

    def parent_breadcrumbs(self):
        return [consultations_crumb(), groups_crumb()]


class GroupCreateView(GroupFormMixin, ServiceCreateView):
    list_page = ("Engagement groups", "consultations:group_list")
    page_title = "Add an engagement group"
    submit_label = "Add group"
    success_message = "Added {object.name} to the engagement groups."

    def parent_breadcrumbs(self):
        return [consultations_crumb()]


class GroupUpdateView(GroupFormMixin, GroupObjectMixin, ServiceUpdateView):
    page_crumb = "Edit"
    success_message = "Saved the changes to {object.name}."

    def get_page_title(self):
        return f"Edit {self.object.name}"


class GroupDeleteView(GroupObjectMixin, DeleteView):
    def what(self):
        return f"the engagement group {self.object.name}"

    def delete_refusals(self):
        return services.group_delete_refusals(self.object)

    def delete(self):
        services.group_delete(group=self.object, user=self.request.user)

    def get_success_url(self):
        return reverse("consultations:group_list")


# --- consultations ------------------------------------------------------------------------------


class ConsultationFormMixin(FormMixin):
    form_class = ConsultationForm

    def perform(self, form):
        return services.consultation_save(
            consultation=form.instance,
            groups=form.cleaned_data["groups"],
            user=self.request.user,
            seen_change=form.seen_change,
        )


class ConsultationObjectMixin:
    model = Consultation

    def parent_breadcrumbs(self):
        return [consultations_crumb()]


class ConsultationCreateView(ConsultationFormMixin, ServiceCreateView):
    list_page = ("Consultations", "consultations:consultation_list")
    page_title = "Add a consultation"
    submit_label = "Add consultation"
    success_message = (
        "Added the consultation “{object.title}”. Now add what you were told and what the "
        "partnership promised."
    )

    def get_initial(self):
        initial = super().get_initial()
        plan = Plan.objects.filter(slug=self.request.GET.get("plan", "")).first()
        if plan:
            initial["plan"] = plan
        return initial


class ConsultationUpdateView(ConsultationFormMixin, ConsultationObjectMixin, ServiceUpdateView):
    page_title = "Edit the consultation"
    page_crumb = "Edit"
    success_message = "Saved the changes to “{object.title}”."

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # A form that fails validation has already copied its (possibly blank) slug and title
        # onto the object: breadcrumbs and Cancel use the saved ones.
        self.saved_title, self.saved_url = obj.title, obj.get_absolute_url()
        return obj

    def object_label(self):
        return self.saved_title

    def object_url(self):
        return self.saved_url


class ConsultationDeleteView(ConsultationObjectMixin, DeleteView):
    def what(self):
        return f"the consultation “{self.object.title}”"

    def consequences(self):
        feedback = self.object.feedback.count()
        commitments = self.object.commitments.count()
        updates = CommitmentUpdate.objects.filter(commitment__consultation=self.object).count()
        documents = self.object.documents.count()
        return [
            f"{_plural(feedback, 'thing', 'things')} we were told",
            f"{_plural(commitments, 'commitment', 'commitments')} and "
            f"{_plural(updates, 'update', 'updates')} on them",
            _plural(documents, "document or link", "documents and links"),
        ]

    def delete(self):
        services.consultation_delete(consultation=self.object, user=self.request.user)

    def get_success_url(self):
        return reverse("consultations:consultation_list")


# --- feedback -----------------------------------------------------------------------------------


class FeedbackFormMixin(FormMixin):
    form_class = FeedbackForm

    def perform(self, form):
        form.instance.consultation = self.consultation
        return services.feedback_save(
            feedback=form.instance,
            priorities=form.cleaned_data["priorities"],
            user=self.request.user,
            seen_change=form.seen_change,
        )


class FeedbackCreateView(FeedbackFormMixin, NewPartMixin, ServiceCreateView):
    page_title = "Add something we were told"
    submit_label = "Add"
    success_message = "Added what we were told, with the priorities it informed."


class FeedbackUpdateView(FeedbackFormMixin, PartMixin, ServiceUpdateView):
    model = Feedback
    page_title = "Edit what we were told"
    success_message = "Saved the changes to what we were told."


class FeedbackDeleteView(PartMixin, DeleteView):
    model = Feedback

    def what(self):
        return f"“{self.object}”"

    def consequences(self):
        answering = self.object.commitments.count()
        if not answering:
            return []
        return [
            f"{_plural(answering, 'commitment answers', 'commitments answer')} it: "
            f"{'it stays' if answering == 1 else 'they stay'}, no longer tied to it"
        ]

    def delete(self):
        services.feedback_delete(feedback=self.object, user=self.request.user)


# --- commitments --------------------------------------------------------------------------------


class CommitmentFormMixin(FormMixin):
    form_class = CommitmentForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation": self.consultation}

    def perform(self, form):
        form.instance.consultation = self.consultation
        return services.commitment_save(
            commitment=form.instance,
            user=self.request.user,
            update_text=form.cleaned_data.get("update_text", ""),
            update_date=form.cleaned_data.get("update_date"),
            seen_change=form.seen_change,
        )


class CommitmentCreateView(CommitmentFormMixin, NewPartMixin, ServiceCreateView):
    page_title = "Add a commitment"
    intro = "What the partnership promised in response to this consultation."
    submit_label = "Add commitment"
    success_message = "Added the commitment."

    def get_initial(self):
        initial = super().get_initial()
        feedback = self.request.GET.get("feedback", "")
        if feedback.isdigit():
            initial["feedback"] = int(feedback)
        return initial


class CommitmentUpdateView(CommitmentFormMixin, PartMixin, ServiceUpdateView):
    model = Commitment
    page_title = "Edit the commitment"
    intro = "Change its status here; marking it done needs an update saying what was done."

    def get_success_message(self):
        return f"Saved the commitment: {self.object.get_status_display().lower()}."


class CommitmentDeleteView(PartMixin, DeleteView):
    model = Commitment

    def what(self):
        return f"the commitment “{self.object}”"

    def consequences(self):
        updates = self.object.updates.count()
        return [_plural(updates, "update", "updates") + " on it"] if updates else []

    def delete(self):
        services.commitment_delete(commitment=self.object, user=self.request.user)


# --- updates on commitments ---------------------------------------------------------------------


class CommitmentUpdateFormMixin(FormMixin):
    """An update is shown, and Cancel returns, on its commitment."""

    form_class = CommitmentUpdateForm

    def get_intro(self):
        return f"On the commitment: “{self.commitment.promise}”"

    def get_cancel_url(self):
        return self.commitment.get_absolute_url()

    def perform(self, form):
        form.instance.commitment = self.commitment
        return services.commitment_update_save(
            update=form.instance, user=self.request.user, seen_change=form.seen_change
        )


class UpdateObjectMixin(PartMixin):
    model = CommitmentUpdate

    def get_queryset(self):
        return CommitmentUpdate.objects.select_related("commitment__consultation__plan")

    @property
    def commitment(self) -> Commitment:
        return self.object.commitment

    @property
    def consultation(self) -> Consultation:
        return self.commitment.consultation

    def get_cancel_url(self):
        return self.commitment.get_absolute_url()


class CommitmentUpdateCreateView(CommitmentUpdateFormMixin, ServiceCreateView):
    page_title = "Add an update"
    submit_label = "Add update"
    success_message = "Added the update."

    @cached_property
    def commitment(self) -> Commitment:
        return get_object_or_404(
            Commitment.objects.select_related("consultation__plan"), pk=self.kwargs["pk"]
        )

    def get_initial(self):
        return {**super().get_initial(), "date": timezone.localdate()}

    def get_breadcrumbs(self):
        return _under(self.commitment.consultation, self.get_page_title())


class CommitmentUpdateUpdateView(CommitmentUpdateFormMixin, UpdateObjectMixin, ServiceUpdateView):
    page_title = "Edit an update"
    success_message = "Saved the update."


class CommitmentUpdateDeleteView(UpdateObjectMixin, DeleteView):
    page_crumb = "Delete an update"

    def what(self):
        return f"the update of {self.object.date:%-d %B %Y}"

    def delete_refusals(self):
        return services.commitment_update_delete_refusals(self.object)

    def delete(self):
        services.commitment_update_delete(update=self.object, user=self.request.user)


# --- documents and links ------------------------------------------------------------------------


class DocumentFormMixin(FormMixin):
    form_class = ConsultationDocumentForm

    def perform(self, form):
        form.instance.consultation = self.consultation
        return services.document_save(
            document=form.instance, user=self.request.user, seen_change=form.seen_change
        )


class DocumentCreateView(DocumentFormMixin, NewPartMixin, ServiceCreateView):
    page_title = "Add a document or link"
    submit_label = "Add"
    success_message = "Added “{object.title}”."


class DocumentUpdateView(DocumentFormMixin, PartMixin, ServiceUpdateView):
    model = ConsultationDocument
    page_title = "Edit a document or link"
    success_message = "Saved “{object.title}”."


class DocumentDeleteView(PartMixin, DeleteView):
    model = ConsultationDocument

    def what(self):
        return f"“{self.object.title}”"

    def delete(self):
        services.document_delete(document=self.object, user=self.request.user)
