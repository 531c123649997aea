"""Reading progress reports: the list, the paper (screen and print), the previous quarter beside
it, and the Word and PDF downloads."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from plans.models import ProgressReport
from plans.rules import can_view_draft_plans
from reports import selectors
from reports.narrative import with_narrative
from reports.paper import SECTION_NUMBER, SECTIONS, with_charts
from reports.pdf import CONTENT_TYPE as PDF_CONTENT_TYPE
from reports.pdf import paper_pdf
from reports.rules import (
    can_draft_reports,
    can_edit_report,
    can_manage_word_template,
    can_publish_report,
    can_supersede_report,
    can_view_report,
    can_view_reports,
)
from reports.selectors import frozen_title, paper_for
from reports.services import report_store_paper
from reports.stored import paper_html
from reports.views.common import ReportMixin, report_crumbs
from reports.word import CONTENT_TYPE as DOCX_CONTENT_TYPE
from reports.word import paper_docx
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin

# --- reading ----------------------------------------------------------------------------------


class ReportListView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, TemplateView):
    permission = can_view_reports
    template_name = "reports/report_list.html"
    page_cache_params = ()
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.REPORTS)
    page_cache_by_kind = True

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            reports=selectors.report_list(
                include_drafts=can_edit_report(user), draft_plans=can_view_draft_plans(user)
            ),
            can_draft=can_draft_reports(user),
            can_manage_template=can_manage_word_template(user),
            **kwargs,
        )


class StoredPaperAreasMixin:
    """A published paper is stored with its report, so only the report's row (its status, a
    newer version) and the plan's (access) change its page; a draft's live preview shows
    every area. No body's rules change a report's page: reporters of every body share it."""

    page_cache_by_kind = True

    def get_page_cache_areas(self):
        if self.report.status == ProgressReport.Status.DRAFT:
            return cache.AREAS
        return (cache.PLANS, cache.MEASURES, cache.REPORTS)


class ReportDetailView(ReportMixin, StoredPaperAreasMixin, CachedPageMixin, TemplateView):
    """The paper: a draft's live preview for managers; a published (or superseded) version
    exactly as frozen at publication, for everyone with a role."""

    permission = can_view_reports
    report_permission = can_view_report
    template_name = "reports/report_detail.html"
    page_cache_params = ()
    stored = ("paper_html",)

    def get_breadcrumbs(self):
        return report_crumbs(self.report)

    def get_context_data(self, **kwargs):
        user = self.request.user
        report = self.report
        versions = [v for v in selectors.report_versions(report) if can_view_report(user, v)]
        # Built for a draft's preview only: a published page shows its stored paper.
        paper = SimpleLazyObject(lambda: with_charts(paper_for(report)))
        draft = report.status == ProgressReport.Status.DRAFT
        return super().get_context_data(
            paper=paper,
            title=paper["title"] if draft else frozen_title(report),
            paper_html=_paper_html(report, paper),
            numbers=SECTION_NUMBER,
            versions=versions,
            # the version that replaced this one, or the draft correcting it (managers only)
            newer=min(
                (v for v in versions if v.version > report.version),
                key=lambda v: v.version,
                default=None,
            ),
            previous=selectors.previous_quarter_report(report),
            can_edit=can_edit_report(user, report),
            can_publish=can_publish_report(user, report),
            can_supersede=can_supersede_report(user, report),
            **kwargs,
        )


def _paper_html(report: ProgressReport, paper) -> str:
    """The paper's HTML: a published or superseded paper's copy stored when it was published
    (stored now if it was published before copies were kept); a draft's preview rendered afresh
    from today's data."""
    if report.status == ProgressReport.Status.DRAFT:
        return paper_html(paper, draft=True)
    if not report.paper_html:
        report.paper_html = report_store_paper(report=report).paper_html
    return mark_safe(report.paper_html)  # noqa: S308 - rendered by the template engine at publication


class ReportCompareView(ReportMixin, TemplateView):
    """The previous quarter's published paper beside this one, section by section, so that
    each part of one sits next to the same part of the other."""

    permission = can_view_reports
    report_permission = can_view_report
    template_name = "reports/report_compare.html"
    with_snapshot = True

    def get_breadcrumbs(self):
        return report_crumbs(self.report, ("Beside the previous quarter", None))

    def get_context_data(self, **kwargs):
        previous = selectors.previous_quarter_report(self.report, with_paper=True)
        paper = with_narrative(paper_for(self.report))
        previous_paper = with_narrative(paper_for(previous)) if previous else None
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
            "before": before["narrative"][key],
            "now": now["narrative"][key],
        }

    def part(key: str, template: str, title: str | None = None) -> dict:
        return {
            "kind": "part",
            "key": key,
            "heading": title or heading(key),
            "template": f"reports/includes/{template}",
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
        part("implications", "_implications.html"),
        part("learning", "_learning.html"),
        part("papers", "_papers.html"),
    ]
    return rows


class PaperDownloadView(ReportMixin, StoredPaperAreasMixin, CachedPageMixin, View):
    """The paper as a file to download, for whoever may read the report: a draft's made
    afresh and marked draft; a published paper's from what was stored at publication."""

    permission = can_view_reports
    report_permission = can_view_report
    page_cache_params = ()
    content_type = ""
    extension = ""

    def content(self, report: ProgressReport, *, draft: bool) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        report = self.report
        draft = report.status == ProgressReport.Status.DRAFT
        name = slugify(
            f"progress report {report.plan.slug} {report.period.label} v{report.version}"
            f"{' draft' if draft else ''}"
        )
        response = HttpResponse(self.content(report, draft=draft), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{self.extension}"'
        return response


class ReportDocxView(PaperDownloadView):
    """The paper as a Word document, built from the same paper the page shows."""

    stored = ("paper_docx",)
    content_type = DOCX_CONTENT_TYPE
    extension = "docx"

    def content(self, report, *, draft):
        if draft:
            return paper_docx(paper_for(report), draft=True)
        # the file stored when it was published (stored now if it was published before)
        return report.paper_docx or report_store_paper(report=report).paper_docx


class ReportPdfView(PaperDownloadView):
    """The paper as a tagged PDF of the print view: a published paper's drawn from its HTML
    stored at publication, so it shows exactly what the committee received."""

    stored = ("paper_html",)
    content_type = PDF_CONTENT_TYPE
    extension = "pdf"

    def content(self, report, *, draft):
        if draft:
            paper = with_charts(paper_for(report))
            return paper_pdf(paper_html(paper, draft=True), title=paper["title"], draft=True)
        html = report.paper_html or report_store_paper(report=report).paper_html
        return paper_pdf(html, title=frozen_title(report), draft=False)
