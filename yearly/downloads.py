"""The yearly report as files to download, for whoever may open its page (``yearly.rules``):
Word (``yearly.word``, written with the progress report's writer) and a tagged PDF (drawn by the
progress report's ``reports.pdf.paper_pdf`` from the page's own sections). A published report's
files are made from its frozen snapshot, so they never change; a draft's from the year's data
as it is now, marked draft."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from reports.pdf import CONTENT_TYPE as PDF_CONTENT_TYPE
from reports.pdf import paper_pdf
from reports.word_writer import CONTENT_TYPE as DOCX_CONTENT_TYPE
from sscp.mixins import RoleRequiredMixin
from yearly import paper as papers
from yearly.models import YearlyReport
from yearly.rules import can_view_yearly_reports
from yearly.sections import PRIORITY
from yearly.views import YearlyObjectMixin
from yearly.word import yearly_docx


def sections_html(report: YearlyReport, paper: dict[str, Any]) -> str:
    """The report's sections as the page shows them (charts included), without edit links."""
    return render_to_string(
        "yearly/includes/_paper.html",
        {
            "paper": papers.with_charts(paper),
            "report": report,
            "can_edit": False,
            "priority_kind": PRIORITY,
        },
    )


class YearlyDownloadView(YearlyObjectMixin, RoleRequiredMixin, SingleObjectMixin, View):
    permission = can_view_yearly_reports
    content_type = ""
    extension = ""

    def content(self, report: YearlyReport, paper: dict[str, Any], *, draft: bool) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        report = self.get_object()
        draft = report.is_editable
        name = slugify(
            f"sscp yearly report {report.year_label}"
            + (f" v{report.version}" if report.version > 1 else "")
            + (" draft" if draft else "")
        )
        content = self.content(report, papers.report_paper(report), draft=draft)
        response = HttpResponse(content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{self.extension}"'
        return response


class YearlyDocxView(YearlyDownloadView):
    content_type = DOCX_CONTENT_TYPE
    extension = "docx"

    def content(self, report, paper, *, draft):
        return yearly_docx(paper, draft=draft)


class YearlyPdfView(YearlyDownloadView):
    content_type = PDF_CONTENT_TYPE
    extension = "pdf"

    def content(self, report, paper, *, draft):
        return paper_pdf(sections_html(report, paper), title=paper["title"], draft=draft)
