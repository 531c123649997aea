"""Writing progress reports: starting a draft, writing it, marking returns not received,
publishing it, and starting a new version of a published one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.views.generic import FormView, TemplateView

from measures.models import Measure
from reports import selectors, services
from reports.forms import (
    NotReceivedForm,
    PublishForm,
    ReportCreateForm,
    ReportForm,
    SupersedeForm,
)
from reports.rules import (
    can_draft_reports,
    can_supersede_report,
)
from reports.views.common import (
    DraftOnlyMixin,
    ReportMixin,
    int_or_none,
    report_crumbs,
    report_name,
)
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin

# --- drafting ---------------------------------------------------------------------------------


class ReportCreateView(RoleRequiredMixin, BreadcrumbsMixin, FormView):
    permission = can_draft_reports
    template_name = "reports/report_create.html"
    form_class = ReportCreateForm

    def get_breadcrumbs(self):
        return report_crumbs(None, ("Start a report", None))

    def form_valid(self, form):
        try:
            report = services.report_create(
                plan=form.cleaned_data["plan"],
                period=form.cleaned_data["period"],
                user=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"Report started: {report_name(report)}. Write its sections below."
        )
        return redirect("plans:report_edit", pk=report.pk)


class ReportEditView(DraftOnlyMixin, FormView):
    template_name = "reports/report_form.html"
    form_class = ReportForm

    def get_breadcrumbs(self):
        return report_crumbs(self.report, ("Write", None))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.report
        kwargs.setdefault("initial", {})["lock_version"] = self.report.lock_version
        return kwargs

    def form_valid(self, form):
        try:
            services.report_update(
                report=self.report,
                user=self.request.user,
                changes=form.changes(),
                expected_version=form.cleaned_data["lock_version"],
                sign_offs=form.sign_offs(),
            )
        except services.StaleReportError as error:
            self.report = get_object_or_404(selectors.report_page(self.report.pk))
            fresh = ReportForm(
                instance=self.report, initial={"lock_version": self.report.lock_version}
            )
            yours = [
                (form.fields[name].label, value) for name, value in form.changes().items() if value
            ]
            return self.render_to_response(
                self.get_context_data(form=fresh, stale=error, yours=yours), status=409
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "Report saved. It is still a draft.")
        if "preview" in self.request.POST:
            return redirect(self.report)
        return redirect("plans:report_edit", pk=self.report.pk)


class ReportNotReceivedView(DraftOnlyMixin, TemplateView):
    """The measures without an approved return this quarter: mark each as not received (with
    a note for the committee), or take the mark back."""

    template_name = "reports/report_not_received.html"

    def get_breadcrumbs(self):
        return report_crumbs(self.report, ("Returns not yet approved", None))

    def get_context_data(self, **kwargs):
        data = selectors.report_data(self.report)
        rows = [
            {
                "measure": measure,
                "ret": ret,
                "mark": data.marks.get(measure.pk),
                "form": NotReceivedForm(
                    initial={"note": getattr(data.marks.get(measure.pk), "note", "")},
                    prefix=f"m{measure.pk}",
                ),
            }
            for measure, ret in data.awaiting()
        ]
        return super().get_context_data(
            rows=rows,
            measure_count=len(data.measures),
            unmarked=sum(1 for row in rows if row["mark"] is None),
            all_form=NotReceivedForm(prefix="all"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "mark_remaining":
            form = NotReceivedForm(request.POST, prefix="all")
            count = services.report_mark_remaining_not_received(
                report=self.report,
                user=request.user,
                note=form.cleaned_data["note"] if form.is_valid() else "",
            )
            messages.success(
                request,
                f"{count} measure{pluralize(count)} marked to go into the paper without a figure.",
            )
            return redirect("plans:report_not_received", pk=self.report.pk)
        measure = Measure.objects.filter(pk=int_or_none(request.POST.get("measure"))).first()
        if measure is None:
            messages.error(request, "Choose a measure from the list.")
            return redirect("plans:report_not_received", pk=self.report.pk)
        try:
            if request.POST.get("action") == "unmark":
                services.report_unmark_not_received(
                    report=self.report, measure=measure, user=request.user
                )
                messages.success(
                    request,
                    f"{measure} is no longer marked: approve its return before publishing, "
                    "or mark it again.",
                )
            else:
                form = NotReceivedForm(request.POST, prefix=f"m{measure.pk}")
                note = form.cleaned_data["note"] if form.is_valid() else ""
                services.report_mark_not_received(
                    report=self.report,
                    measure=measure,
                    user=request.user,
                    note=note,
                )
                messages.success(
                    request, f"{measure} is marked to go into the paper without a figure."
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("plans:report_not_received", pk=self.report.pk)


class ReportPublishView(DraftOnlyMixin, FormView):
    """Confirmation: GET says what publishing does and what stops it; POST publishes."""

    template_name = "reports/report_publish.html"
    form_class = PublishForm

    def get_breadcrumbs(self):
        return report_crumbs(self.report, ("Publish", None))

    def get_initial(self):
        return {"lock_version": self.report.lock_version}

    def get_context_data(self, **kwargs):
        data = selectors.report_data(self.report)
        return super().get_context_data(
            problems=services.report_publish_refusals(self.report, data),
            measure_count=len(data.measures),
            marked=[m for m, _ in data.awaiting() if m.pk in data.marks],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            report = services.report_publish(
                report=self.report,
                user=self.request.user,
                expected_version=form.cleaned_data["lock_version"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            f"Published: {report_name(report)}. The paper is now frozen and scrutiny members can "
            "read it.",
        )
        return redirect(report)


class ReportSupersedeView(ReportMixin, FormView):
    """Start a new version of a published paper, with the reason the committee will see."""

    permission = can_draft_reports
    report_permission = can_supersede_report
    template_name = "reports/report_supersede.html"
    form_class = SupersedeForm

    def get_breadcrumbs(self):
        return report_crumbs(self.report, ("New version", None))

    def form_valid(self, form):
        try:
            new = services.report_supersede(
                report=self.report, user=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Version {new.version} started as a draft. Version {self.report.version} stays "
            "published until you publish this one.",
        )
        return redirect("plans:report_edit", pk=new.pk)
