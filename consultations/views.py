"""Consultation pages. Everyone with a role reads them; business managers change them.

Views are thin: reads come from ``selectors``, changes and their rules from ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from consultations import selectors, services
from consultations.filters import CommitmentFilter, ConsultationFilter, EngagementGroupFilter
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
from consultations.readability import PLAIN_READING_AGE, readability
from consultations.tables import CommitmentTable, EngagementGroupTable
from sscp import roles
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.page_cache import CachedPageMixin


def _consultations_crumb() -> tuple[str, str]:
    return ("Consultations", reverse("consultations:consultation_list"))


def _groups_crumb() -> tuple[str, str]:
    return ("Engagement groups", reverse("consultations:group_list"))


class ReadMixin(RoleRequiredMixin, BreadcrumbsMixin):
    permission = roles.can_view_consultations

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_manage", roles.can_manage_consultations(self.request.user))
        return super().get_context_data(**kwargs)


class ManageMixin(RoleRequiredMixin, BreadcrumbsMixin):
    permission = roles.can_manage_consultations


# --- reading ----------------------------------------------------------------------------------


class ConsultationListView(ReadMixin, CachedPageMixin, FilterView):
    template_name = "consultations/consultation_list.html"
    context_object_name = "consultations"
    filterset_class = ConsultationFilter

    def get_queryset(self):
        return selectors.consultation_list()

    def get_context_data(self, **kwargs):
        kwargs["plans"] = selectors.plans_with_consultations()
        return super().get_context_data(**kwargs)


class ConsultationDetailView(ReadMixin, CachedPageMixin, DetailView):
    template_name = "consultations/consultation_detail.html"
    context_object_name = "consultation"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.consultation_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [_consultations_crumb(), (self.object.title, None)]


class ConsultationHistoryView(ReadMixin, DetailView):
    template_name = "consultations/history.html"
    context_object_name = "consultation"

    def get_object(self, queryset=None):
        return get_object_or_404(Consultation.objects.select_related("plan"), **self.kwargs)

    def get_context_data(self, **kwargs):
        kwargs["entries"] = selectors.consultation_history(self.object)
        kwargs["subject"] = self.object.title
        kwargs["back_url"] = self.object.get_absolute_url()
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            (self.object.title, self.object.get_absolute_url()),
            ("Changes", None),
        ]


class CommitmentListView(ReadMixin, SingleTableMixin, FilterView):
    template_name = "consultations/commitment_list.html"
    table_class = CommitmentTable
    filterset_class = CommitmentFilter
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.commitment_list()

    def get_breadcrumbs(self):
        return [_consultations_crumb(), ("Commitments", None)]


class GroupListView(ReadMixin, SingleTableMixin, FilterView):
    template_name = "consultations/group_list.html"
    table_class = EngagementGroupTable
    filterset_class = EngagementGroupFilter
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.group_list()

    def get_breadcrumbs(self):
        return [_consultations_crumb(), ("Engagement groups", None)]


class GroupDetailView(ReadMixin, DetailView):
    template_name = "consultations/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.group_detail(self.kwargs["pk"]))

    def get_breadcrumbs(self):
        return [_consultations_crumb(), _groups_crumb(), (self.object.name, None)]


class GroupHistoryView(ReadMixin, DetailView):
    template_name = "consultations/history.html"
    context_object_name = "group"
    model = EngagementGroup

    def get_context_data(self, **kwargs):
        kwargs["entries"] = selectors.group_history(self.object)
        kwargs["subject"] = self.object.name
        kwargs["back_url"] = self.object.get_absolute_url()
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            _groups_crumb(),
            (self.object.name, self.object.get_absolute_url()),
            ("Changes", None),
        ]


class YouSaidWeDidView(ReadMixin, TemplateView):
    """A plan's consultations told for a young reader: what was said, done and still open."""

    template_name = "consultations/you_said_we_did.html"

    @cached_property
    def page(self) -> selectors.YouSaidWeDid:
        return selectors.you_said_we_did(self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        kwargs["page"] = self.page
        kwargs["plan"] = self.page.plan
        if roles.can_manage_consultations(self.request.user):
            kwargs["reading_check"] = _reading_check(self.page)
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        return [_consultations_crumb(), (f"You said, we did: {self.page.plan.slug}", None)]


def _reading_check(page: selectors.YouSaidWeDid) -> dict:
    """For the manager: how hard the page's words are to read, and which texts are hardest."""
    texts = []
    for story in page.stories:
        for item in story.items:
            texts.append((item.feedback.said, "feedback_edit", item.feedback.pk))
        for commitment in story.commitments:
            texts.append((commitment.promise, "commitment_edit", commitment.pk))
            texts.extend((u.text, "update_edit", u.pk) for u in commitment.updates.all())
    hard = []
    for text, url_name, pk in texts:
        score = readability(text)
        if not score.is_plain:
            url = reverse(f"consultations:{url_name}", kwargs={"pk": pk})
            hard.append({"text": text, "url": url, "age": score.reading_age})
    return {
        "whole": readability("\n".join(text for text, _, _ in texts)),
        "hard": hard,
        "target_age": PLAIN_READING_AGE,
    }


class PriorityFeedbackView(ReadMixin, TemplateView):
    """What children, young people and stakeholders said that informed one priority."""

    template_name = "consultations/priority_feedback.html"

    @cached_property
    def found(self) -> selectors.PriorityFeedback:
        return selectors.priority_feedback(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        kwargs["found"] = self.found
        kwargs["priority"] = self.found.priority
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        priority = self.found.priority
        return [
            ("Plans", reverse("plans:plan_list")),
            (priority.plan.slug, priority.plan.get_absolute_url()),
            (priority.title, priority.get_absolute_url()),
            ("What informed it", None),
        ]


# --- changing: the manager ------------------------------------------------------------------


class SaveView(ManageMixin):
    """A create or edit form whose ``save`` calls a service; the service's refusals show on
    the form, and nothing is saved half-way."""

    template_name = "consultations/form.html"
    heading = ""
    intro = ""
    submit_label = "Save"

    def save(self, form):
        raise NotImplementedError

    def success_message(self, obj) -> str:
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        return self.get_success_url()

    def get_heading(self) -> str:
        return self.heading

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(self.object))
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.get_heading())
        kwargs.setdefault("intro", self.intro)
        kwargs.setdefault("submit_label", self.submit_label)
        kwargs.setdefault("cancel_url", self.get_cancel_url())
        return super().get_context_data(**kwargs)

    def version(self, form) -> int | None:
        return form.cleaned_data.get("version")


class ConsultationChildMixin:
    """For pages under one consultation: ``self.consultation`` from the URL's slug."""

    @cached_property
    def consultation(self) -> Consultation:
        return get_object_or_404(
            Consultation.objects.select_related("plan"), slug=self.kwargs["slug"]
        )

    def get_success_url(self) -> str:
        saved = getattr(self, "object", None)
        return saved.get_absolute_url() if saved else self.consultation.get_absolute_url()

    def get_cancel_url(self) -> str:
        return self.consultation.get_absolute_url()

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            (self.consultation.title, self.consultation.get_absolute_url()),
            (self.get_heading(), None),
        ]


class ObjectOfConsultationMixin(ConsultationChildMixin):
    """For pages about one row that belongs to a consultation (feedback, a commitment...)."""

    @cached_property
    def consultation(self) -> Consultation:
        return self.object.consultation

    def get_queryset(self):
        return self.model.objects.select_related("consultation__plan")


# groups


class GroupCreateView(SaveView, CreateView):
    model = EngagementGroup
    form_class = EngagementGroupForm
    heading = "Add an engagement group"
    submit_label = "Add group"

    def save(self, form):
        return services.group_save(group=form.instance, user=self.request.user)

    def success_message(self, obj):
        return f"Added {obj.name} to the engagement groups."

    def get_success_url(self):
        return (
            self.object.get_absolute_url() if self.object else reverse("consultations:group_list")
        )

    def get_cancel_url(self):
        return reverse("consultations:group_list")

    def get_breadcrumbs(self):
        return [_consultations_crumb(), _groups_crumb(), (self.heading, None)]


class GroupUpdateView(SaveView, UpdateView):
    model = EngagementGroup
    form_class = EngagementGroupForm
    submit_label = "Save changes"

    def get_heading(self):
        return f"Edit {self.object.name}"

    def save(self, form):
        return services.group_save(
            group=form.instance, user=self.request.user, expected_version=self.version(form)
        )

    def success_message(self, obj):
        return f"Saved the changes to {obj.name}."

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            _groups_crumb(),
            (self.object.name, self.object.get_absolute_url()),
            ("Edit", None),
        ]


# consultations


class ConsultationCreateView(SaveView, CreateView):
    model = Consultation
    form_class = ConsultationForm
    heading = "Add a consultation"
    submit_label = "Add consultation"

    def get_initial(self):
        initial = super().get_initial()
        from plans.models import Plan

        plan = Plan.objects.filter(slug=self.request.GET.get("plan", "")).first()
        if plan:
            initial["plan"] = plan
        return initial

    def save(self, form):
        return services.consultation_save(
            consultation=form.instance, groups=form.cleaned_data["groups"], user=self.request.user
        )

    def success_message(self, obj):
        return (
            f"Added the consultation “{obj.title}”. Now add what you were told and what the "
            "partnership promised."
        )

    def get_success_url(self):
        return (
            self.object.get_absolute_url()
            if self.object
            else reverse("consultations:consultation_list")
        )

    def get_cancel_url(self):
        return reverse("consultations:consultation_list")

    def get_breadcrumbs(self):
        return [_consultations_crumb(), (self.heading, None)]


class ConsultationUpdateView(SaveView, UpdateView):
    model = Consultation
    form_class = ConsultationForm
    submit_label = "Save changes"
    heading = "Edit the consultation"

    def save(self, form):
        return services.consultation_save(
            consultation=form.instance,
            groups=form.cleaned_data["groups"],
            user=self.request.user,
            expected_version=self.version(form),
        )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # A form that fails validation has already copied its (possibly blank) slug and title
        # onto the object: cancel and breadcrumbs use the saved ones.
        self.saved_title, self.saved_url = obj.title, obj.get_absolute_url()
        return obj

    def success_message(self, obj):
        return f"Saved the changes to “{obj.title}”."

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.saved_url

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            (self.saved_title, self.saved_url),
            ("Edit", None),
        ]


# feedback


class FeedbackCreateView(ConsultationChildMixin, SaveView, CreateView):
    model = Feedback
    form_class = FeedbackForm
    heading = "Add something we were told"
    submit_label = "Add"

    def save(self, form):
        form.instance.consultation = self.consultation
        return services.feedback_save(
            feedback=form.instance,
            priorities=form.cleaned_data["priorities"],
            user=self.request.user,
        )

    def success_message(self, obj):
        return "Added what we were told, with the priorities it informed."


class FeedbackUpdateView(ObjectOfConsultationMixin, SaveView, UpdateView):
    model = Feedback
    form_class = FeedbackForm
    heading = "Edit what we were told"
    submit_label = "Save changes"

    def save(self, form):
        return services.feedback_save(
            feedback=form.instance,
            priorities=form.cleaned_data["priorities"],
            user=self.request.user,
            expected_version=self.version(form),
        )

    def success_message(self, obj):
        return "Saved the changes to what we were told."


# commitments


class CommitmentFormMixin:
    form_class = CommitmentForm
    model = Commitment

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["consultation"] = self.consultation
        return kwargs

    def save(self, form):
        form.instance.consultation = self.consultation
        return services.commitment_save(
            commitment=form.instance,
            user=self.request.user,
            update_text=form.cleaned_data.get("update_text", ""),
            update_date=form.cleaned_data.get("update_date"),
            expected_version=self.version(form),
        )


class CommitmentCreateView(ConsultationChildMixin, CommitmentFormMixin, SaveView, CreateView):
    heading = "Add a commitment"
    intro = "What the partnership promised in response to this consultation."
    submit_label = "Add commitment"

    def get_initial(self):
        initial = super().get_initial()
        feedback = self.request.GET.get("feedback", "")
        if feedback.isdigit():
            initial["feedback"] = int(feedback)
        return initial

    def success_message(self, obj):
        return "Added the commitment."


class CommitmentUpdateView(ObjectOfConsultationMixin, CommitmentFormMixin, SaveView, UpdateView):
    heading = "Edit the commitment"
    intro = "Change its status here; marking it done needs an update saying what was done."
    submit_label = "Save changes"

    def success_message(self, obj):
        return f"Saved the commitment: {obj.get_status_display().lower()}."


# updates on commitments


class CommitmentUpdateCreateView(SaveView, CreateView):
    model = CommitmentUpdate
    form_class = CommitmentUpdateForm
    heading = "Add an update"
    submit_label = "Add update"

    @cached_property
    def commitment(self) -> Commitment:
        return get_object_or_404(
            Commitment.objects.select_related("consultation__plan"), pk=self.kwargs["pk"]
        )

    def get_initial(self):
        from django.utils import timezone

        return {**super().get_initial(), "date": timezone.localdate()}

    def save(self, form):
        form.instance.commitment = self.commitment
        return services.commitment_update_save(update=form.instance, user=self.request.user)

    def success_message(self, obj):
        return "Added the update."

    def get_success_url(self):
        return self.commitment.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["intro"] = f"On the commitment: “{self.commitment.promise}”"
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        consultation = self.commitment.consultation
        return [
            _consultations_crumb(),
            (consultation.title, consultation.get_absolute_url()),
            (self.heading, None),
        ]


class CommitmentUpdateUpdateView(SaveView, UpdateView):
    model = CommitmentUpdate
    form_class = CommitmentUpdateForm
    heading = "Edit an update"
    submit_label = "Save changes"

    def get_queryset(self):
        return CommitmentUpdate.objects.select_related("commitment__consultation__plan")

    def save(self, form):
        return services.commitment_update_save(
            update=form.instance, user=self.request.user, expected_version=self.version(form)
        )

    def success_message(self, obj):
        return "Saved the update."

    def get_success_url(self):
        return self.object.commitment.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["intro"] = f"On the commitment: “{self.object.commitment.promise}”"
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self):
        consultation = self.object.commitment.consultation
        return [
            _consultations_crumb(),
            (consultation.title, consultation.get_absolute_url()),
            (self.heading, None),
        ]


# documents


class DocumentCreateView(ConsultationChildMixin, SaveView, CreateView):
    model = ConsultationDocument
    form_class = ConsultationDocumentForm
    heading = "Add a document or link"
    submit_label = "Add"

    def save(self, form):
        form.instance.consultation = self.consultation
        return services.document_save(document=form.instance, user=self.request.user)

    def success_message(self, obj):
        return f"Added “{obj.title}”."


class DocumentUpdateView(ObjectOfConsultationMixin, SaveView, UpdateView):
    model = ConsultationDocument
    form_class = ConsultationDocumentForm
    heading = "Edit a document or link"
    submit_label = "Save changes"

    def save(self, form):
        return services.document_save(
            document=form.instance, user=self.request.user, expected_version=self.version(form)
        )

    def success_message(self, obj):
        return f"Saved “{obj.title}”."


# --- deleting: a confirmation page first --------------------------------------------------------


class DeleteView(ManageMixin, SingleObjectMixin, TemplateView):
    """GET shows what will be deleted and what goes with it; POST deletes it.

    ``blocker`` names a service check that refuses the delete; the page then explains why.
    """

    template_name = "consultations/confirm_delete.html"
    blocker = None

    def what(self) -> str:
        raise NotImplementedError

    def consequences(self) -> list[str]:
        return []

    def delete(self) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def refusal(self) -> str:
        if self.blocker is None:
            return ""
        try:
            type(self).blocker(self.object)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        what = self.what()
        success_url = self.get_success_url()
        try:
            self.delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.get_cancel_url())
        messages.success(request, f"Deleted {what}.")
        return HttpResponseRedirect(success_url)

    def get_context_data(self, **kwargs):
        kwargs.update(
            what=self.what(),
            consequences=self.consequences(),
            refusal=self.refusal(),
            cancel_url=self.get_cancel_url(),
        )
        return super().get_context_data(**kwargs)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class GroupDeleteView(DeleteView):
    model = EngagementGroup
    blocker = services.check_group_delete

    def what(self):
        return f"the engagement group {self.object.name}"

    def delete(self):
        services.group_delete(group=self.object, user=self.request.user)

    def get_success_url(self):
        return reverse("consultations:group_list")

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            _groups_crumb(),
            (self.object.name, self.object.get_absolute_url()),
            ("Delete", None),
        ]


class ConsultationDeleteView(DeleteView):
    model = Consultation

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

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            (self.object.title, self.object.get_absolute_url()),
            ("Delete", None),
        ]


class ChildDeleteView(ObjectOfConsultationMixin, DeleteView):
    def get_cancel_url(self):
        return self.consultation.get_absolute_url()

    def get_breadcrumbs(self):
        return [
            _consultations_crumb(),
            (self.consultation.title, self.consultation.get_absolute_url()),
            ("Delete", None),
        ]


class FeedbackDeleteView(ChildDeleteView):
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


class CommitmentDeleteView(ChildDeleteView):
    model = Commitment

    def what(self):
        return f"the commitment “{self.object}”"

    def consequences(self):
        updates = self.object.updates.count()
        return [_plural(updates, "update", "updates") + " on it"] if updates else []

    def delete(self):
        services.commitment_delete(commitment=self.object, user=self.request.user)


class DocumentDeleteView(ChildDeleteView):
    model = ConsultationDocument

    def what(self):
        return f"“{self.object.title}”"

    def delete(self):
        services.document_delete(document=self.object, user=self.request.user)


class CommitmentUpdateDeleteView(DeleteView):
    model = CommitmentUpdate
    blocker = services.check_commitment_update_delete

    def get_queryset(self):
        return CommitmentUpdate.objects.select_related("commitment__consultation__plan")

    def what(self):
        return f"the update of {self.object.date:%-d %B %Y}"

    def delete(self):
        services.commitment_update_delete(update=self.object, user=self.request.user)

    def get_success_url(self):
        return self.object.commitment.get_absolute_url()

    def get_cancel_url(self):
        return self.object.commitment.get_absolute_url()

    def get_breadcrumbs(self):
        consultation = self.object.commitment.consultation
        return [
            _consultations_crumb(),
            (consultation.title, consultation.get_absolute_url()),
            ("Delete an update", None),
        ]
