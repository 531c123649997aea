"""Bulk upload of a quarter's returns from a CSV or XLSX file: choose the file, check every row,
then import all or nothing; and the template to fill in."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from measures import exports, selectors, upload
from measures.forms import ReturnUploadForm
from measures.models import ReportingPeriod
from measures.rules import can_upload_returns
from measures.views.mixins import LoadsAfterRoleCheck
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin

UPLOAD_SESSION_KEY = "measures_return_upload"


class ReturnUploadView(RoleRequiredMixin, BreadcrumbsMixin, FormView):
    """Step 1 of the bulk upload: choose the quarter and the file; every row is checked."""

    permission = can_upload_returns
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

    permission = can_upload_returns
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

    permission = can_upload_returns

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
