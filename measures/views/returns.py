"""Returns: My returns, the return form with its RAG preview, a return's page, and the
review (approve, send back) and reopening of returns."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from measures import queue, selectors, services, upload
from measures.forms import ReopenForm, ReturnForm, ReviewForm, SendBackForm
from measures.models import EDITABLE_STATUSES, Measure, Rag, Return
from measures.rules import (
    can_act_on_returns,
    can_edit_return,
    can_reopen_return,
    can_review_return,
    can_review_returns,
    can_submit_return,
    can_view_collection,
    can_view_my_returns,
    can_view_return,
    can_view_unapproved_returns,
    measure_hidden_from,
    reporting_body_ids_of,
    return_hidden_from,
    submitted_it_themselves,
)
from measures.tables import PastReturnsTable
from measures.views.mixins import LoadsAfterRoleCheck
from plans.models import GovernanceBody
from plans.rules import can_view_draft_plans
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import paginate_table


def stale_text(error: services.StaleReturnError) -> str:
    """The refusal of a stale change, with what changed, as one message."""
    changed = "; ".join(f"{c.field}: {c.before} → {c.after}" for c in error.changes)
    return f"{error.messages[0]} What changed: {changed or 'nothing visible'}."


class MyReturnsView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, TemplateView):
    """What is due from my bodies in each open quarter, what was sent back, and past quarters."""

    permission = can_view_my_returns
    template_name = "measures/my_returns.html"
    page_cache_per_user = True
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.RETURNS)
    page_cache_params = ("page", "per_page")  # the past returns table

    def get_breadcrumbs(self):
        return [("My returns", None)]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        body_ids = reporting_body_ids_of(self.request.user)
        draft_plans = can_view_draft_plans(self.request.user)
        quarters = []
        for period in selectors.open_periods():
            measures = list(selectors.returns_due(body_ids, period, draft_plans=draft_plans))
            for measure in measures:
                measure.this_return = measure.period_returns[0] if measure.period_returns else None
            quarters.append(
                {
                    "period": period,
                    "days_left": (period.deadline - today).days,
                    "measures": measures,
                    "sent_back": [
                        m
                        for m in measures
                        if m.this_return and m.this_return.status == Return.Status.RETURNED
                    ],
                    "drafts": sum(
                        1
                        for m in measures
                        if m.this_return and m.this_return.status == Return.Status.DRAFT
                    ),
                    "to_start": sum(1 for m in measures if m.this_return is None),
                }
            )
        past = PastReturnsTable(selectors.my_past_returns(body_ids, draft_plans=draft_plans))
        paginate_table(self.request, past, per_page=25)
        bodies = GovernanceBody.objects.filter(pk__in=body_ids).order_by("name")
        return super().get_context_data(
            quarters=quarters, past=past, bodies=bodies, today=today, **kwargs
        )


class ReturnEditView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, TemplateView):
    """The return form for one measure in one quarter: preview the RAG, save a draft, submit."""

    template_name = "measures/return_form.html"

    def load(self, request, *args, **kwargs):
        found = selectors.return_for_entry(kwargs["measure_pk"], kwargs["period_pk"])
        if found is None:
            raise Http404("No such measure or quarter.")
        self.measure, self.period, self.ret, self.previous = found
        if measure_hidden_from(request.user, self.measure):
            raise Http404("No such measure or quarter.")
        if not can_submit_return(request.user, self.measure):
            raise PermissionDenied
        if self.ret is not None and self.ret.status not in EDITABLE_STATUSES:
            messages.info(
                request,
                f"This return is {self.ret.get_status_display().lower()}, so it cannot be edited.",
            )
            return redirect("measures:return_detail", pk=self.ret.pk)
        return None

    def get_breadcrumbs(self):
        crumbs = [("My returns", reverse("measures:my_returns"))]
        if can_view_collection(self.request.user):
            crumbs = [("Quarters", reverse("measures:period_list"))]
            crumbs.append((str(self.period), self.period.get_absolute_url()))
        return [*crumbs, (f"{self.measure.title}: {self.period}", None)]

    def get(self, request, *args, **kwargs):
        form = ReturnForm(initial=ReturnForm.initial_for(self.ret), measure=self.measure)
        return self.render_to_response(self.get_context_data(form=form))

    def _shown_rag(self, form: ReturnForm | None) -> str | None:
        """The RAG beside the figure: what the typed value earns once the form has been posted
        (none while the value is wrong, so no earlier rating sits beside its error), else the
        saved return's."""
        if form is None or not form.is_bound:
            return self.ret.calculated_rag if self.ret is not None else None
        if form.has_error("value") or not hasattr(form, "cleaned_data"):
            return None
        value = form.cleaned_data.get("value")
        if form.cleaned_data.get("not_available") or value is None:
            return None
        return None if self.measure.value_error(value) else self.measure.rag_for(value)

    def get_context_data(self, **kwargs):
        preview_rag = self._shown_rag(kwargs.get("form"))
        return super().get_context_data(
            measure=self.measure,
            period=self.period,
            ret=self.ret,
            previous=self.previous,
            preview_rag=preview_rag,
            preview_label=Rag(preview_rag).label if preview_rag else None,
            days_left=(self.period.deadline - timezone.localdate()).days,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ReturnForm(request.POST, measure=self.measure)
        action = request.POST.get("action", "draft")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        figures = form.figures()
        if action == "preview":
            return self.render_to_response(self.get_context_data(form=form))
        if action == "submit" and form.asks_if_unusual(ret.value for ret in self.previous):
            return self.render_to_response(self.get_context_data(form=form), status=400)
        save = services.return_submit if action == "submit" else services.return_save_draft
        try:
            ret = save(
                measure=self.measure,
                period=self.period,
                user=request.user,
                figures=figures,
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleReturnError as error:
            _, _, self.ret, self.previous = selectors.return_for_entry(
                self.measure.pk, self.period.pk
            )
            fresh = ReturnForm(initial=ReturnForm.initial_for(self.ret), measure=self.measure)
            return self.render_to_response(
                self.get_context_data(form=fresh, stale=error, yours=figures), status=409
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if action == "submit":
            messages.success(
                request, f"Your return for {self.measure} in {self.period} has been submitted."
            )
            return redirect("measures:return_detail", pk=ret.pk)
        messages.success(request, "Draft saved. It has not been submitted yet.")
        return redirect(
            "measures:return_edit", measure_pk=self.measure.pk, period_pk=self.period.pk
        )


class ReturnDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    """One return: its figures, its history with reasons, and the review actions."""

    object_hidden = return_hidden_from
    object_permission = can_view_return
    template_name = "measures/return_detail.html"
    context_object_name = "ret"

    def get_queryset(self):
        return selectors.return_detail(self.kwargs["pk"])

    def get_breadcrumbs(self):
        measure = self.object.measure
        return [
            (measure.title, measure.get_absolute_url()),
            (f"Return for {self.object.period}", None),
        ]

    def get_context_data(self, **kwargs):
        ret = self.object
        user = self.request.user
        version = {"version": ret.version}
        can_review = can_review_return(user, ret)
        return super().get_context_data(
            history=selectors.return_history(ret)
            if can_view_unapproved_returns(user, ret.measure)
            else None,
            can_review=can_review,
            confirming=can_review and not can_review_returns(user),
            own_submission=submitted_it_themselves(user, ret),
            can_reopen=can_reopen_return(user, ret),
            can_edit=can_edit_return(user, ret),
            approve_form=kwargs.pop("approve_form", ReviewForm(initial=version)),
            send_back_form=kwargs.pop("send_back_form", SendBackForm(initial=version)),
            **kwargs,
        )


def next_in_queue(request, ret: Return, done: str):
    """After reviewing ``ret`` with "... and next": say what happened and go to the next return
    in the reviewer's queue, or, when it is empty, to the quarter's collection status (a
    chair's home page, for a chair or deputy chair confirming figures)."""
    following = queue.review_queue_after(request.user, ret)
    if following.pk is not None:
        messages.success(request, f"{done} Next: {following.label} ({following.left} left).")
        return redirect("measures:return_detail", pk=following.pk)
    messages.success(request, f"{done} Your review queue is empty: nothing else waits for you.")
    if can_view_collection(request.user):
        return redirect(ret.period)
    return redirect("home")


class ReturnReviewView(RoleRequiredMixin, View):
    """POST only: approve or send back a submitted return, then back to its page, or with
    ``then=next`` on to the next return in the reviewer's queue."""

    permission = can_act_on_returns
    action = ""  # "approve" or "send_back"

    def post(self, request, pk):
        ret = get_object_or_404(selectors.return_detail(pk))
        form = (SendBackForm if self.action == "send_back" else ReviewForm)(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("Check the form and try again.")
            if self.action == "approve":
                services.return_approve(
                    ret=ret, user=request.user, expected_version=form.cleaned_data["version"]
                )
                done = f"Approved: {ret.measure} for {ret.period} is locked."
            else:
                services.return_send_back(
                    ret=ret,
                    user=request.user,
                    feedback=form.cleaned_data["feedback"],
                    expected_version=form.cleaned_data["version"],
                )
                done = (
                    f"Sent back for amendment: {ret.measure} for {ret.period}. "
                    f"{ret.measure.reporting_body} can now see your feedback and amend it."
                )
            if request.POST.get("then") == "next":
                return next_in_queue(request, ret, done)
            messages.success(request, done)
        except services.StaleReturnError as error:
            messages.error(request, stale_text(error))
        except ValidationError as error:
            if self.action == "send_back" and (form.errors or hasattr(error, "error_dict")):
                if hasattr(error, "error_dict"):
                    form.add_error(None, error)
                view = ReturnDetailView(request=request, kwargs={"pk": pk})
                view.object = ret
                context = view.get_context_data(object=ret, send_back_form=form)
                return render(request, view.template_name, context, status=400)
            messages.error(request, " ".join(error.messages))
        return redirect("measures:return_detail", pk=ret.pk)


class ReturnReopenView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, FormView):
    """Confirmation with a reason (GET) and the reopening (POST) of an approved return."""

    template_name = "measures/return_reopen.html"
    form_class = ReopenForm

    def load(self, request, *args, **kwargs):
        self.ret = get_object_or_404(selectors.return_detail(kwargs["pk"]))
        if not can_reopen_return(request.user, self.ret):
            raise PermissionDenied
        return None

    def get_initial(self):
        return {"version": self.ret.version}

    def get_breadcrumbs(self):
        return [
            (self.ret.measure.title, self.ret.measure.get_absolute_url()),
            (
                f"Return for {self.ret.period}",
                reverse("measures:return_detail", args=[self.ret.pk]),
            ),
            ("Reopen", None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(ret=self.ret, **kwargs)

    def form_valid(self, form):
        try:
            services.return_reopen(
                ret=self.ret,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Reopened: {self.ret.measure.reporting_body} can amend and resubmit the return.",
        )
        return redirect("measures:return_detail", pk=self.ret.pk)


class RagPreviewView(RoleRequiredMixin, View):
    """GET ?value=…: the RAG the value would earn, as JSON, for the return form's script."""

    def get(self, request, pk):
        measure = get_object_or_404(Measure.objects.select_related("priority__plan"), pk=pk)
        if measure_hidden_from(request.user, measure):
            raise Http404
        if not can_submit_return(request.user, measure):
            raise PermissionDenied
        try:
            value = upload.parse_decimal(request.GET.get("value", ""))
        except ValueError:
            value, problem = None, "Enter a number."
        else:
            problem = measure.value_error(value) or "" if value is not None else ""
        rag = measure.rag_for(value)
        return JsonResponse({"rag": rag, "label": Rag(rag).label, "problem": problem})
