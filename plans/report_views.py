"""Progress report pages: the list by plan and quarter, starting and writing a draft, marking
returns not received, publishing, new versions, the paper itself (screen and print), the
previous quarter beside it, and the Word download. Rules live in ``plans.report_services``,
access in ``sscp.roles``; a published paper is shown from its snapshot only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.views import View
from django.views.generic import FormView, TemplateView

from measures.models import Measure
from plans import report_selectors as selectors
from plans import report_services as services
from plans.models import ProgressReport
from plans.report_docx import CONTENT_TYPE, paper_docx
from plans.report_forms import (
    NotReceivedForm,
    PublishForm,
    ReportCreateForm,
    ReportForm,
    SupersedeForm,
)
from plans.report_paper import (
    SECTION_NUMBER,
    SECTIONS,
    frozen_facts,
    frozen_title,
    paper_for,
    with_charts,
)
from sscp import cache_versions, roles
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.page_cache import CachedPageMixin

PAPER_TEMPLATE = "plans/reports/includes/_paper.html"


def _crumbs(report: ProgressReport | None, *tail: tuple[str, str | None]):
    crumbs = [("Progress reports", reverse("plans:report_list"))]
    if report is not None:
        crumbs.append((_name(report), report.get_absolute_url() if tail else None))
    return [*crumbs, *tail]


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _name(report: ProgressReport) -> str:
    """The report as its paper names it: a published one keeps the plan's name it was
    published under."""
    plan = frozen_facts(report)["plan_name"] or report.plan.name
    version = f", version {report.version}" if report.version > 1 else ""
    return f"{plan}, {report.period}{version}"


class ReportMixin(RoleRequiredMixin, BreadcrumbsMixin):
    """Loads ``self.report`` after the role check, then asks ``report_permission``."""

    report_permission = None
    # Pages that always show the frozen paper read its snapshot with the row; the others
    # leave it (it can run to megabytes) and read it only if a cached paper must be rebuilt.
    with_snapshot = False

    def dispatch(self, request, *args, **kwargs):
        if self.permission is not None and not type(self).permission(request.user):
            raise PermissionDenied
        self.report = get_object_or_404(
            selectors.report_page(kwargs["pk"], with_snapshot=self.with_snapshot)
        )
        if self.report_permission is not None and not type(self).report_permission(
            request.user, self.report
        ):
            raise PermissionDenied
        response = self.refuse_state(request)
        return response or super().dispatch(request, *args, **kwargs)

    def refuse_state(self, request):
        """A redirect with a message when the report's status rules the page out."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


class DraftOnlyMixin(ReportMixin):
    """Pages that change a draft: a manager arriving at a published one is sent to it."""

    permission = roles.can_draft_reports

    def refuse_state(self, request):
        if roles.can_edit_report(request.user, self.report):
            return None
        messages.info(
            request,
            "This report is published, and a published paper never changes. To correct it, "
            "start a new version.",
        )
        return redirect(self.report)


# --- reading ----------------------------------------------------------------------------------


class ReportListView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, TemplateView):
    permission = roles.can_view_reports
    template_name = "plans/reports/report_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            reports=selectors.report_list(include_drafts=roles.can_edit_report(user)),
            can_draft=roles.can_draft_reports(user),
            **kwargs,
        )


class ReportDetailView(ReportMixin, CachedPageMixin, TemplateView):
    """The paper: a draft's live preview for managers; a published (or superseded) version
    exactly as frozen at publication, for everyone with a role."""

    permission = roles.can_view_reports
    report_permission = roles.can_view_report
    template_name = "plans/reports/report_detail.html"

    def get_breadcrumbs(self):
        return _crumbs(self.report)

    def get_context_data(self, **kwargs):
        user = self.request.user
        report = self.report
        versions = [v for v in selectors.report_versions(report) if roles.can_view_report(user, v)]
        # Built once for the page and the paper; a cached published paper never builds it.
        paper = SimpleLazyObject(lambda: with_charts(paper_for(report)))
        draft = report.status == ProgressReport.Status.DRAFT
        return super().get_context_data(
            paper=paper,
            title=paper["title"] if draft else frozen_title(report),
            paper_html=_paper_html(self.request, report, paper),
            numbers=SECTION_NUMBER,
            versions=versions,
            # the version that replaced this one, or the draft correcting it (managers only)
            newer=min(
                (v for v in versions if v.version > report.version),
                key=lambda v: v.version,
                default=None,
            ),
            previous=selectors.previous_quarter_report(report),
            can_edit=roles.can_edit_report(user, report),
            can_publish=roles.can_publish_report(user, report),
            can_supersede=roles.can_supersede_report(user, report),
            **kwargs,
        )


def _paper_html(request, report: ProgressReport, paper) -> str:
    """The paper's HTML. A published or superseded paper never changes, so it is rendered
    once and cached under its report and lock version (any report write also moves the
    ``REPORTS`` data version); a draft's preview is rendered afresh from today's data."""
    draft = report.status == ProgressReport.Status.DRAFT
    context = {
        "paper": paper,
        "numbers": SECTION_NUMBER,
        "titles": dict(SECTIONS),
        "compact": False,
        "draft": draft,
    }
    if draft:
        return render_to_string(PAPER_TEMPLATE, context)
    return cache_versions.fragment(
        request,
        PAPER_TEMPLATE,
        context,
        key=("report-paper", report.pk, report.lock_version),
        areas=(cache_versions.REPORTS,),
    )


class ReportCompareView(ReportMixin, TemplateView):
    """The previous quarter's published paper beside this one, section by section, so that
    each part of one sits next to the same part of the other."""

    permission = roles.can_view_reports
    report_permission = roles.can_view_report
    template_name = "plans/reports/report_compare.html"
    with_snapshot = True

    def get_breadcrumbs(self):
        return _crumbs(self.report, ("Beside the previous quarter", None))

    def get_context_data(self, **kwargs):
        previous = selectors.previous_quarter_report(self.report, with_paper=True)
        paper = paper_for(self.report)
        previous_paper = paper_for(previous) if previous else None
        return super().get_context_data(
            paper=paper,
            previous=previous,
            previous_paper=previous_paper,
            rows=_compare_rows(previous_paper, paper) if previous_paper else [],
            numbers=SECTION_NUMBER,
            **kwargs,
        )


def _compare_rows(before: dict, now: dict) -> list[dict]:
    """The parts of two papers to show side by side: each a heading and, for either paper,
    the text or the include that shows that part (priorities matched by their number)."""
    titles = dict(SECTIONS)

    def heading(key: str) -> str:
        return f"{SECTION_NUMBER[key]}. {titles[key]}"

    def text(key: str) -> dict:
        return {
            "kind": "text",
            "key": key,
            "heading": heading(key),
            "before": before["text"].get(key, ""),
            "now": now["text"].get(key, ""),
        }

    def part(key: str, template: str, title: str | None = None) -> dict:
        return {
            "kind": "part",
            "key": key,
            "heading": title or heading(key),
            "template": f"plans/reports/includes/{template}",
        }

    progress = SECTION_NUMBER["progress"]
    rows = [
        part("front", "_front.html", "Front sheet"),
        text("summary"),
        text("issues"),
        text("background"),
        part(
            "overall",
            "_overall.html",
            f"{heading('progress')}: {progress}.1 RAG ratings this quarter",
        ),
    ]
    earlier = {priority["order"]: priority for priority in before["priorities"]}
    later = {priority["order"]: priority for priority in now["priorities"]}
    for index, order in enumerate(sorted(earlier.keys() | later.keys()), start=2):
        title = (later.get(order) or earlier[order])["title"]
        rows.append(
            {
                "kind": "priority",
                "key": f"priority-{order}",
                "heading": f"{progress}.{index} Priority {order}: {title}",
                "before": earlier.get(order),
                "now": later.get(order),
            }
        )
    rows += [
        part("exceptions", "_exceptions.html"),
        part("not_received", "_not_received.html"),
        part("consultations", "_consultations.html"),
        text("implications"),
        part("papers", "_papers.html"),
    ]
    return rows


class ReportDocxView(ReportMixin, CachedPageMixin, View):
    """The paper as a Word document, built from the same paper the page shows."""

    permission = roles.can_view_reports
    report_permission = roles.can_view_report

    def get(self, request, *args, **kwargs):
        report = self.report
        draft = report.status == ProgressReport.Status.DRAFT
        if draft:
            content = paper_docx(paper_for(report), draft=True)
        else:  # a published paper never changes: build its file once
            content = cache_versions.get_or_build(
                key=("report-docx", report.pk, report.lock_version),
                areas=(cache_versions.REPORTS,),
                build=lambda: paper_docx(paper_for(report)),
            )
        name = slugify(
            f"progress report {report.plan.slug} {report.period.label} v{report.version}"
            f"{' draft' if draft else ''}"
        )
        response = HttpResponse(content, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response


# --- drafting ---------------------------------------------------------------------------------


class ReportCreateView(RoleRequiredMixin, BreadcrumbsMixin, FormView):
    permission = roles.can_draft_reports
    template_name = "plans/reports/report_create.html"
    form_class = ReportCreateForm

    def get_breadcrumbs(self):
        return _crumbs(None, ("Start a report", None))

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
            self.request, f"Report started: {_name(report)}. Write its sections below."
        )
        return redirect("plans:report_edit", pk=report.pk)


class ReportEditView(DraftOnlyMixin, FormView):
    template_name = "plans/reports/report_form.html"
    form_class = ReportForm

    def get_breadcrumbs(self):
        return _crumbs(self.report, ("Write", None))

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

    template_name = "plans/reports/report_not_received.html"

    def get_breadcrumbs(self):
        return _crumbs(self.report, ("Returns not received", None))

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
            messages.success(request, f"{count} measure{pluralize(count)} marked as not received.")
            return redirect("plans:report_not_received", pk=self.report.pk)
        measure = Measure.objects.filter(pk=_int(request.POST.get("measure"))).first()
        if measure is None:
            messages.error(request, "Choose a measure from the list.")
            return redirect("plans:report_not_received", pk=self.report.pk)
        try:
            if request.POST.get("action") == "unmark":
                services.report_unmark_not_received(
                    report=self.report, measure=measure, user=request.user
                )
                messages.success(request, f"{measure} is no longer marked as not received.")
            else:
                form = NotReceivedForm(request.POST, prefix=f"m{measure.pk}")
                note = form.cleaned_data["note"] if form.is_valid() else ""
                services.report_mark_not_received(
                    report=self.report,
                    measure=measure,
                    user=request.user,
                    note=note,
                )
                messages.success(request, f"{measure} is marked as not received.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("plans:report_not_received", pk=self.report.pk)


class ReportPublishView(DraftOnlyMixin, FormView):
    """Confirmation: GET says what publishing does and what stops it; POST publishes."""

    template_name = "plans/reports/report_publish.html"
    form_class = PublishForm

    def get_breadcrumbs(self):
        return _crumbs(self.report, ("Publish", None))

    def get_initial(self):
        return {"lock_version": self.report.lock_version}

    def get_context_data(self, **kwargs):
        data = selectors.report_data(self.report)
        return super().get_context_data(
            problems=services.publish_problems(self.report, data),
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
            f"Published: {_name(report)}. The paper is now frozen and scrutiny members can "
            "read it.",
        )
        return redirect(report)


class ReportSupersedeView(ReportMixin, FormView):
    """Start a new version of a published paper, with the reason the committee will see."""

    permission = roles.can_draft_reports
    report_permission = roles.can_supersede_report
    template_name = "plans/reports/report_supersede.html"
    form_class = SupersedeForm

    def get_breadcrumbs(self):
        return _crumbs(self.report, ("New version", None))

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
