"""The yearly report's pages: the list, a report (a draft's live preview, or a published
report's frozen copy), writing a section, and the steps from draft to published: ready for
sign-off, each partner's sign-off, publishing, and a correction. Access is ``yearly.rules``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, FormView, TemplateView

from plans.models import Partner
from sscp.editing import (
    ConfirmView,
    FormPageMixin,
    ObjectPageMixin,
    ServiceCreateView,
    ServiceUpdateView,
    add_service_errors,
)
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.people import person_name
from yearly import paper as papers
from yearly import selectors, services
from yearly.forms import CorrectionForm, SectionForm, YearlyReportForm
from yearly.models import YearlyReport
from yearly.rules import (
    can_correct_yearly_report,
    can_edit_yearly_reports,
    can_publish_yearly_report,
    can_sign_yearly_reports,
    can_view_yearly_reports,
    leads_partner,
    readable_statuses,
    yearly_report_hidden_from,
)
from yearly.sections import BY_KEY, PRIORITY, PRIORITY_PREFIX

LIST = ("Yearly reports", "yearly:report_list")


class YearlyListView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    """The yearly reports the reader may open, newest year first."""

    permission = can_view_yearly_reports
    template_name = "yearly/report_list.html"

    def get_breadcrumbs(self):
        return [(LIST[0], None)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            reports=selectors.report_list(statuses=readable_statuses(user)),
            can_edit=can_edit_yearly_reports(user),
            **kwargs,
        )


class YearlyObjectMixin:
    object_hidden = yearly_report_hidden_from
    context_object_name = "report"

    def get_queryset(self):
        return selectors.report_page(self.kwargs["pk"])

    def parent_breadcrumbs(self):
        return [(LIST[0], reverse(LIST[1]))]


class YearlyCreateView(ServiceCreateView):
    permission = can_edit_yearly_reports
    form_class = YearlyReportForm
    list_page = LIST
    page_title = "Start a yearly report"
    intro = (
        "The report for a financial year: its sections follow the partnership's published "
        "reports. Reviews, consultations, measures and governance are filled in from what SSCP "
        "Plans holds; you write the rest."
    )
    submit_label = "Start the report"
    success_message = "{object} has been started."

    def perform(self, form):
        return services.yearly_create(
            financial_year=form.cleaned_data["financial_year"], user=self.request.user
        )


class YearlyDetailView(YearlyObjectMixin, RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    """A report: a draft's live preview (managers, and partner leads once it is ready for
    sign-off), or a published report's frozen copy."""

    permission = can_view_yearly_reports
    template_name = "yearly/report_detail.html"

    def get_breadcrumbs(self):
        return [*self.parent_breadcrumbs(), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        user, report = self.request.user, self.object
        partners = selectors.statutory_partners(report)
        paper = papers.with_charts(papers.report_paper(report, partners))
        can_edit = can_edit_yearly_reports(user, report)
        return super().get_context_data(
            paper=paper,
            partners=[
                {
                    "partner": partner,
                    "signed_at": partner.signed_at,
                    "signer": person_name_of(partner),
                    "can_sign": report.status == YearlyReport.Status.READY
                    and partner.signed_at is None
                    and leads_partner(user, partner),
                }
                for partner in partners
            ],
            missing=papers.missing_contents(paper) if can_edit else [],
            versions=selectors.report_versions(report),
            can_edit=can_edit,
            can_publish=can_publish_yearly_report(user, report),
            can_correct=can_correct_yearly_report(user, report),
            priority_kind=PRIORITY,
            **kwargs,
        )


def person_name_of(partner) -> str:
    if partner.signed_at is None:
        return ""
    return person_name(_Named(partner.signer_first or "", partner.signer_last or ""))


class _Named:
    def __init__(self, first: str, last: str):
        self.first, self.last = first, last

    def get_full_name(self) -> str:
        return f"{self.first} {self.last}".strip()


class YearlySectionView(YearlyObjectMixin, ServiceUpdateView):
    """Write one section: its text, a priority's focus for next year, or a table of figures."""

    permission = can_edit_yearly_reports
    object_permission = can_edit_yearly_reports
    form_class = SectionForm
    template_name = "yearly/section_form.html"
    submit_label = "Save the section"

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        key = self.kwargs["key"]
        if key not in BY_KEY and not key.startswith(PRIORITY_PREFIX):
            raise Http404("No such section.")
        return report

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "key": self.kwargs["key"]}

    def section_title(self) -> str:
        key = self.kwargs["key"]
        if key in BY_KEY:
            return BY_KEY[key].title
        return "Priority: narrative and focus for next year"

    def get_page_title(self):
        return f"{self.section_title()}: {self.object}"

    def get_page_crumb(self):
        return self.section_title()

    def get_intro(self):
        key = self.kwargs["key"]
        hint = (
            BY_KEY[key].hint
            if key in BY_KEY
            else (
                "What the partnership did on this priority and how well it worked. The year's "
                "measures and the areas with little or no progress are added for you."
            )
        )
        return f"{hint} Saving removes any partner's sign-off: they sign the report again."

    def object_url(self):
        return f"{self.object.get_absolute_url()}#section-{self.kwargs['key']}"

    def get_success_message(self):
        return f"{self.section_title()} has been saved."

    def get_success_url(self):
        return self.object_url()

    def perform(self, form):
        key = self.kwargs["key"]
        return services.yearly_section_update(
            report=self.object,
            key=key,
            text=form.cleaned_data["text"],
            focus=form.cleaned_data.get("focus") if form.is_priority else None,
            rows=form.figure_rows() if form.row_names else None,
            user=self.request.user,
            seen_change=form.seen_change,
        )


class YearlyConfirmView(YearlyObjectMixin, ConfirmView):
    template_name = "yearly/confirm.html"
    stale_check = True
    submit_class = "btn-primary"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("submit_class", self.submit_class)
        return super().get_context_data(**kwargs)


class YearlyReadyView(YearlyConfirmView):
    permission = can_edit_yearly_reports
    page_title = "Send for sign-off"
    submit_label = "Send for sign-off"

    def get_context_data(self, **kwargs):
        report = self.object
        if report.status != YearlyReport.Status.DRAFT:
            kwargs["refusal"] = f"{report} is {report.get_status_display().lower()}, not a draft."
        else:
            missing = papers.missing_contents(services.yearly_paper(report))
            if missing:
                kwargs["refusal"] = (
                    "The report cannot go for sign-off while a part the statutory guidance "
                    "requires is empty. Fill in:"
                )
                kwargs["missing"] = missing
            kwargs["consequences"] = [
                "ask the lead of each statutory partner to read and sign the report;",
                "keep it open to your edits, but any edit removes every sign-off made.",
            ]
        return super().get_context_data(**kwargs)

    def perform(self):
        services.yearly_ready(
            report=self.object, user=self.request.user, seen_change=self.seen_change
        )
        return "The report is ready for sign-off; the partners' leads have been told.", (
            self.object.get_absolute_url()
        )


class YearlySignView(YearlyConfirmView):
    permission = can_sign_yearly_reports
    submit_label = "Sign the report"

    def dispatch(self, request, *args, **kwargs):
        self.partner = get_object_or_404(Partner, pk=kwargs["partner"], is_statutory=True)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Sign for {self.partner}"

    def get_context_data(self, **kwargs):
        report = self.object
        if not leads_partner(self.request.user, self.partner):
            kwargs["refusal"] = f"Only a lead of {self.partner} can sign the report for it."
        elif report.status != YearlyReport.Status.READY:
            kwargs["refusal"] = f"{report} is not waiting for sign-off."
        elif report.sign_offs.filter(partner=self.partner).exists():
            kwargs["refusal"] = f"{self.partner} has already signed this report."
        else:
            kwargs["consequences"] = [
                f"record that {self.partner} has read and agrees {report}, as it is now;",
                "if the business manager changes it afterwards, every sign-off is removed "
                "and you are asked to sign again.",
            ]
        return super().get_context_data(**kwargs)

    def perform(self):
        services.yearly_sign(
            report=self.object,
            partner=self.partner,
            user=self.request.user,
            seen_change=self.seen_change,
        )
        return f"Signed for {self.partner}.", self.object.get_absolute_url()


class YearlyPublishView(YearlyConfirmView):
    permission = can_edit_yearly_reports
    page_title = "Publish the yearly report"
    submit_label = "Publish"

    def get_context_data(self, **kwargs):
        report = self.object
        paper = services.yearly_paper(report) if report.is_editable else None
        missing = papers.missing_contents(paper) if paper else []
        problems = (
            services.publish_refusals(report, paper, selectors.statutory_partners(report))
            if paper
            else [f"{report} is already {report.get_status_display().lower()}."]
        )
        if missing or problems:
            kwargs["refusal"] = "The report cannot be published yet."
            kwargs["problems"] = problems
            kwargs["missing"] = missing
        else:
            kwargs["consequences"] = [
                "freeze the report as it is now: later changes to reviews, measures or "
                "consultations never change it;",
                "show it to everyone with a role;",
            ] + (
                [f"mark version {report.supersedes.version} superseded."]
                if report.supersedes_id
                else []
            )
        return super().get_context_data(**kwargs)

    def perform(self):
        services.yearly_publish(
            report=self.object, user=self.request.user, seen_change=self.seen_change
        )
        return f"{self.object} is published.", self.object.get_absolute_url()


class YearlyCorrectView(
    YearlyObjectMixin, RoleRequiredMixin, ObjectPageMixin, FormPageMixin, FormView
):
    """Start a correction: a new version, with a note of what changed."""

    permission = can_edit_yearly_reports
    form_class = CorrectionForm
    page_title = "Correct the published report"
    intro = (
        "A published report never changes. A correction is a new version, a draft with the "
        "same text, signed and published again; the published version stays until then."
    )
    submit_label = "Start the correction"

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self._report()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self._report()
        return super().post(request, *args, **kwargs)

    def _report(self):
        return self.unless_hidden(get_object_or_404(self.get_queryset()))

    def get_context_data(self, **kwargs):
        if not can_correct_yearly_report(self.request.user, self.object):
            kwargs.setdefault("refusal", f"{self.object} is not the published version.")
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            new = services.yearly_correct(
                report=self.object, user=self.request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{new} has been started as a draft.")
        return HttpResponseRedirect(new.get_absolute_url())
