"""The committee paper as an accessible PDF, drawn by WeasyPrint from the paper's HTML (the same
numbered sections and charts as the page's print view): tagged (PDF/UA-1), in British English,
titled, each chart an SVG whose title becomes its alternative text.

A published paper's PDF is drawn from its HTML stored at publication (``paper_html``), which
never changes, so the PDF says what the committee received; a draft's is drawn from its live
preview and marked draft on every page. WeasyPrint is imported only when a PDF is made, so a
machine without its system libraries (pango) runs everything else.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

CONTENT_TYPE = "application/pdf"
STYLESHEETS = ("css/sscp.css", "css/report.css", "css/paper-pdf.css")


def paper_pdf(paper_html: str, *, title: str, draft: bool) -> bytes:
    """The PDF of a paper from its HTML (``reports.stored.paper_html``) and its title."""
    from weasyprint import CSS, HTML

    document = render_to_string(
        "reports/paper_pdf.html",
        {
            # rendered by the template engine (at publication, or now for a draft)
            "paper_html": mark_safe(paper_html),  # noqa: S308
            "title": title,
            "draft": draft,
        },
    )
    return HTML(string=document).write_pdf(
        stylesheets=[CSS(filename=finders.find(name)) for name in STYLESHEETS],
        pdf_variant="pdf/ua-1",
    )
