from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_tables2 import RequestConfig

from measures import charts, exports, selectors, services, upload
from measures.filters import CollectionFilter
from measures.forms import (
    DeadlineForm,
    MeasureForm,
    PeriodCreateForm,
    ReopenForm,
    ReturnForm,
    ReturnUploadForm,
    ReviewForm,
    SendBackForm,
)
from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.tables import CollectionTable, PastReturnsTable
from plans.models import GovernanceBody
from priorities.models import Priority
from sscp import roles
from sscp.editing import ConfirmView, ServiceCreateView, ServiceUpdateView
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.page_cache import CachedPageMixin


class MeasureDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_plans
    object_permission = roles.can_view_measure
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return selectors.measure_detail(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        returns = self.object.returns_newest_first
        shows_unapproved = roles.can_view_unapproved_returns(self.request.user, self.object)
        if not shows_unapproved:
            returns = [ret for ret in returns if ret.status == Return.Status.APPROVED]
        # issue 4: the trend chart of the returns shown, and where this user may enter one
        can_enter = roles.can_submit_return(self.request.user, self.object)
        return super().get_context_data(
            returns=returns,
            shows_unapproved=shows_unapproved,
            trend=charts.trend_chart(self.object, returns),
            entry_periods=list(selectors.open_periods()) if can_enter else [],
            can_view_details=shows_unapproved,
            can_edit_measure=roles.can_edit_measure(self.request.user, self.object),
            **kwargs,
        )

    def get_breadcrumbs(self):
        plan = self.object.priority.plan
        return [
            ("Plans", reverse("plans:plan_list")),
            (str(plan), plan.get_absolute_url()),
            (self.object.title, None),
        ]


class PeriodListView(RoleRequiredMixin, CachedPageMixin, ListView):
    permission = roles.can_view_collection
    template_name = "measures/period_list.html"
    context_object_name = "periods"

    def get_queryset(self):
        return selectors.period_list()


# === returns and quarters (issue 4) ==========================================================
# Collection status, quarter management, My returns, the return form, review, bulk upload and
# the RAG preview. Rules live in measures.services; access in sscp.roles.


class LoadsAfterRoleCheck:
    """Calls ``load(request, **kwargs)`` after RoleRequiredMixin (listed before it) has checked
    the role, so a refused user learns nothing about the object; ``load`` may answer instead of
    the view (a redirect) by returning a response."""

    def load(self, request, *args, **kwargs):
        return None

    def dispatch(self, request, *args, **kwargs):
        response = self.load(request, *args, **kwargs)
        return response or super().dispatch(request, *args, **kwargs)


def _first_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def stale_text(error: services.StaleReturnError) -> str:
    """The refusal of a stale change, with what changed, as one message."""
    changed = "; ".join(f"{c.field}: {c.before} → {c.after}" for c in error.changes)
    return f"{error.messages[0]} What changed: {changed or 'nothing visible'}."


class PeriodDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    """The quarter's collection status: every measure due with its return, filterable by body,
    priority, status and RAG, sortable, with totals, late flags and CSV/XLSX export."""

    permission = roles.can_view_collection
    template_name = "measures/period_detail.html"
    context_object_name = "period"
    model = ReportingPeriod
    per_page = 50

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.today = timezone.localdate()
        rows = selectors.collection_status(self.object)
        self.filter = CollectionFilter(
            request.GET or None,
            queryset=rows,
            period=self.object,
            today=self.today,
            bodies=GovernanceBody.objects.filter(measures__in=rows.values("pk")).distinct(),
            priorities=Priority.objects.filter(measures__in=rows.values("pk"))
            .select_related("plan")
            .distinct()
            .order_by("order"),
        )
        self.table = CollectionTable(self.filter.qs, period=self.object, today=self.today)
        export = request.GET.get("export")
        if export in exports.CONTENT_TYPES:
            headers, data = self.table.export_rows()
            return exports.download(
                exports.dataset(headers, data),
                file_format=export,
                filename=f"returns-{self.object.financial_year}-q{self.object.quarter}",
            )
        RequestConfig(request, paginate={"per_page": self.per_page}).configure(self.table)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        return super().get_context_data(
            summary=selectors.collection_summary(self.object, self.today),
            filter=self.filter,
            table=self.table,
            shown=self.table.paginator.count,
            today=self.today,
            history=selectors.period_history(self.object)[:20],
            export_query=query.urlencode(),
            **kwargs,
        )


class PeriodCreateView(RoleRequiredMixin, BreadcrumbsMixin, FormView):
    permission = roles.can_manage_periods
    template_name = "measures/period_form.html"
    form_class = PeriodCreateForm

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), ("Set up a quarter", None)]

    def form_valid(self, form):
        try:
            period = services.period_create(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{period} is set up. Open it when returns can start.")
        return redirect(period)


class PeriodActionView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, TemplateView):
    """A confirmation page (GET) and the change (POST) for opening or closing a quarter."""

    permission = roles.can_manage_periods
    template_name = "measures/period_confirm.html"
    action = ""  # "open" or "close"

    def load(self, request, *args, **kwargs):
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["pk"])
        return None

    def get_breadcrumbs(self):
        return [
            ("Quarters", reverse("measures:period_list")),
            (str(self.period), self.period.get_absolute_url()),
            (f"{self.action.capitalize()} {self.period}", None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, action=self.action, **kwargs)

    def post(self, request, *args, **kwargs):
        change = services.period_open if self.action == "open" else services.period_close
        try:
            change(period=self.period, user=request.user)
        except ValidationError as error:
            messages.error(request, _first_message(error))
        else:
            done = "open for returns" if self.action == "open" else "closed"
            messages.success(request, f"{self.period} is now {done}.")
        return redirect(self.period)


class PeriodDeadlineView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, FormView):
    permission = roles.can_manage_periods
    template_name = "measures/period_deadline.html"
    form_class = DeadlineForm

    def load(self, request, *args, **kwargs):
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["pk"])
        return None

    def get_initial(self):
        return {"deadline": self.period.deadline}

    def get_breadcrumbs(self):
        return [
            ("Quarters", reverse("measures:period_list")),
            (str(self.period), self.period.get_absolute_url()),
            ("Change the deadline", None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)

    def form_valid(self, form):
        try:
            period = services.period_change_deadline(
                period=self.period, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"The deadline for {period} is now {period.deadline:%d %B %Y}."
        )
        return redirect(period)


class MyReturnsView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, TemplateView):
    """What is due from my bodies in each open quarter, what was sent back, and past quarters."""

    permission = roles.can_view_my_returns
    template_name = "measures/my_returns.html"
    page_cache_per_user = True

    def get_breadcrumbs(self):
        return [("My returns", None)]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        body_ids = roles.roles_of(self.request.user).reporting_body_ids
        quarters = []
        for period in selectors.open_periods():
            measures = list(selectors.returns_due(body_ids, period))
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
        past = PastReturnsTable(selectors.my_past_returns(body_ids))
        RequestConfig(self.request, paginate={"per_page": 25}).configure(past)
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
        if not roles.can_submit_return(request.user, self.measure):
            raise PermissionDenied
        if self.ret is not None and self.ret.status not in services.EDITABLE_STATUSES:
            messages.info(
                request,
                f"This return is {self.ret.get_status_display().lower()}, so it cannot be edited.",
            )
            return redirect("measures:return_detail", pk=self.ret.pk)
        return None

    def get_breadcrumbs(self):
        crumbs = [("My returns", reverse("measures:my_returns"))]
        if roles.can_view_collection(self.request.user):
            crumbs = [("Quarters", reverse("measures:period_list"))]
            crumbs.append((str(self.period), self.period.get_absolute_url()))
        return [*crumbs, (f"{self.measure.title}: {self.period}", None)]

    def get(self, request, *args, **kwargs):
        form = ReturnForm(initial=ReturnForm.initial_for(self.ret), measure=self.measure)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        preview_rag = kwargs.pop("preview_rag", None)
        if preview_rag is None and self.ret is not None:
            preview_rag = self.ret.calculated_rag
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
            value = None if figures.not_available else figures.value
            problem = self.measure.value_error(value) if value is not None else None
            if problem:
                form.add_error("value", problem)
            return self.render_to_response(
                self.get_context_data(
                    form=form, preview_rag=self.measure.rag_for(value), previewed=True
                )
            )
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

    object_permission = roles.can_view_return
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
        can_review = roles.can_review_return(user, ret)
        return super().get_context_data(
            history=selectors.return_history(ret)
            if roles.can_view_unapproved_returns(user, ret.measure)
            else None,
            can_review=can_review,
            own_submission=ret.status == Return.Status.SUBMITTED
            and roles.roles_of(user).is_manager
            and ret.submitted_by_id == user.pk,
            can_reopen=roles.can_reopen_return(user, ret),
            can_edit=roles.can_submit_return(user, ret.measure)
            and ret.status in services.EDITABLE_STATUSES
            and ret.period.is_open,
            approve_form=kwargs.pop("approve_form", ReviewForm(initial=version)),
            send_back_form=kwargs.pop("send_back_form", SendBackForm(initial=version)),
            **kwargs,
        )


class ReturnReviewView(RoleRequiredMixin, View):
    """POST only: approve or send back a submitted return, then back to its page."""

    permission = roles.can_view_collection
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
                messages.success(request, f"Approved: {ret.measure} for {ret.period} is locked.")
            else:
                services.return_send_back(
                    ret=ret,
                    user=request.user,
                    feedback=form.cleaned_data["feedback"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(
                    request,
                    f"Returned for amendment: {ret.measure.reporting_body} can now see your "
                    "feedback and amend the return.",
                )
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
            messages.error(request, _first_message(error))
        return redirect("measures:return_detail", pk=ret.pk)


class ReturnReopenView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, FormView):
    """Confirmation with a reason (GET) and the reopening (POST) of an approved return."""

    template_name = "measures/return_reopen.html"
    form_class = ReopenForm

    def load(self, request, *args, **kwargs):
        self.ret = get_object_or_404(selectors.return_detail(kwargs["pk"]))
        if not roles.can_reopen_return(request.user, self.ret):
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
        measure = get_object_or_404(Measure, pk=pk)
        if not roles.can_submit_return(request.user, measure):
            raise PermissionDenied
        try:
            value = upload.parse_decimal(request.GET.get("value", ""))
        except ValueError:
            value, problem = None, "Enter a number."
        else:
            problem = measure.value_error(value) or "" if value is not None else ""
        rag = measure.rag_for(value)
        return JsonResponse({"rag": rag, "label": Rag(rag).label, "problem": problem})


UPLOAD_SESSION_KEY = "measures_return_upload"


class ReturnUploadView(RoleRequiredMixin, BreadcrumbsMixin, FormView):
    """Step 1 of the bulk upload: choose the quarter and the file; every row is checked."""

    permission = roles.can_upload_returns
    template_name = "measures/upload_form.html"
    form_class = ReturnUploadForm

    def get_breadcrumbs(self):
        return [("Quarters", reverse("measures:period_list")), ("Upload returns", None)]

    def get_initial(self):
        return {"period": self.request.GET.get("period")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(periods=selectors.open_periods(), **kwargs)

    def form_valid(self, form):
        period = form.cleaned_data["period"]
        submit = form.cleaned_data["then"] == ReturnUploadForm.SUBMIT
        try:
            rows = upload.read_file(form.cleaned_data["file"])
            upload.check_rows(period=period, rows=rows, user=self.request.user, submit=submit)
        except upload.UploadError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        self.request.session[UPLOAD_SESSION_KEY] = {
            "period": period.pk,
            "submit": submit,
            "filename": form.cleaned_data["file"].name,
            "rows": [row.to_session() for row in rows],
        }
        return redirect("measures:upload_preview")


class ReturnUploadPreviewView(
    RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, TemplateView
):
    """Step 2: each row with its error or the RAG it will get; import all or nothing."""

    permission = roles.can_upload_returns
    template_name = "measures/upload_preview.html"

    def load(self, request, *args, **kwargs):
        self.pending = request.session.get(UPLOAD_SESSION_KEY)
        if not self.pending:
            messages.info(request, "Upload a file first.")
            return redirect("measures:upload")
        self.period = ReportingPeriod.objects.filter(pk=self.pending["period"]).first()
        if self.period is None:
            del request.session[UPLOAD_SESSION_KEY]
            return redirect("measures:upload")
        self.rows = [upload.UploadRow.from_session(row) for row in self.pending["rows"]]
        return None

    def get_breadcrumbs(self):
        return [
            ("Quarters", reverse("measures:period_list")),
            ("Upload returns", reverse("measures:upload")),
            ("Check the upload", None),
        ]

    def get_context_data(self, **kwargs):
        bad = sum(1 for row in self.rows if not row.ok)
        return super().get_context_data(
            period=self.period,
            rows=self.rows,
            bad=bad,
            good=len(self.rows) - bad,
            submit=self.pending["submit"],
            filename=self.pending["filename"],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "cancel" in request.POST:
            del request.session[UPLOAD_SESSION_KEY]
            messages.info(request, "Upload cancelled: nothing was imported.")
            return redirect("measures:upload")
        try:
            saved = upload.import_rows(
                period=self.period, rows=self.rows, user=request.user, submit=self.pending["submit"]
            )
        except upload.UploadError as error:
            saved = False
            messages.error(request, f"{error} Nothing was imported.")
        if saved:
            del request.session[UPLOAD_SESSION_KEY]
            state = "submitted for review" if self.pending["submit"] else "saved as drafts"
            messages.success(
                request, f"Imported {len(self.rows)} returns for {self.period}, {state}."
            )
            return redirect(self.period)
        self.pending["rows"] = [row.to_session() for row in self.rows]
        request.session[UPLOAD_SESSION_KEY] = self.pending
        messages.error(
            request,
            "Nothing was imported: some rows can no longer be saved. Fix them and upload again.",
        )
        return self.render_to_response(self.get_context_data(), status=400)


class ReturnUploadTemplateView(RoleRequiredMixin, View):
    """A CSV or XLSX template for a quarter: one row per measure collected."""

    permission = roles.can_upload_returns

    def get(self, request, pk, file_format):
        period = get_object_or_404(ReportingPeriod, pk=pk)
        if file_format not in exports.CONTENT_TYPES:
            raise Http404("No such format.")
        headers, rows = upload.template_rows(period)
        return exports.download(
            exports.dataset(headers, rows),
            file_format=file_format,
            filename=f"returns-template-{period.financial_year}-q{period.quarter}",
        )


# --- measure definitions: editing and history -------------------------------------------------


class MeasureObjectMixin:
    """Pages about one measure's definition, under its plan."""

    queryset = Measure.objects.select_related("priority__plan", "strategy", "reporting_body")
    context_object_name = "measure"

    def parent_breadcrumbs(self):
        plan = self.object.priority.plan
        return [("Plans", reverse("plans:plan_list")), (str(plan), plan.get_absolute_url())]


class MeasureCreateView(ServiceCreateView):
    """A new measure; ``?priority=`` and ``?strategy=`` choose where it starts."""

    permission = roles.can_edit_measure
    form_class = MeasureForm
    page_title = "New measure"
    submit_label = "Create measure"
    success_message = "The measure “{object}” has been added."

    def get_initial(self):
        return {
            name: self.request.GET[name]
            for name in ("priority", "strategy")
            if self.request.GET.get(name, "").isdigit()
        }

    def perform(self, form):
        return services.measure_create(measure=form.instance)


class MeasureUpdateView(MeasureObjectMixin, ServiceUpdateView):
    permission = roles.can_edit_measure
    object_permission = roles.can_edit_measure
    form_class = MeasureForm
    intro = "Returns already made keep the RAG they were given when they were made."
    submit_label = "Save measure"
    success_message = "The measure “{object}” has been saved."

    def get_page_title(self):
        return f"Edit the measure “{self.object.title}”"

    def perform(self, form):
        return services.measure_update(measure=form.instance, seen_change=form.seen_change)


class MeasureDeleteView(MeasureObjectMixin, ConfirmView):
    """A measure no return has been made for can be deleted; others can be made inactive."""

    permission = roles.can_edit_measure
    object_permission = roles.can_edit_measure
    submit_label = "Delete measure"

    def get_page_title(self):
        return f"Delete the measure “{self.object.title}”"

    def get_context_data(self, **kwargs):
        refusal = services.measure_delete_refusal(self.object)
        if refusal:
            return super().get_context_data(
                refusal=refusal,
                alternative_url=reverse("measures:measure_edit", kwargs={"pk": self.object.pk}),
                alternative_label="Edit it instead",
                **kwargs,
            )
        return super().get_context_data(
            consequences=[f"delete the measure “{self.object}”, which has no returns."],
            **kwargs,
        )

    def perform(self):
        measure = self.object
        services.measure_delete(measure=measure)
        return f"The measure “{measure}” has been deleted.", measure.priority.get_absolute_url()


class MeasureHistoryView(MeasureObjectMixin, ObjectHistoryView):
    pass
