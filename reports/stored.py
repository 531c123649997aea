"""A published paper rendered once: its HTML (the paper part of the page) and its Word file,
made from the frozen snapshot when the report is published and kept on the report
(``ProgressReport.paper_html`` and ``paper_docx``). The page and the download serve them as
they are, so reading a published paper costs the same however large the plan, and no later
write anywhere can change or evict it. A draft's preview is rendered afresh from today's data
with the same ``paper_html``.

Nothing per reader goes in the stored HTML: it is rendered without a request (no CSRF token,
no user's name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from reports.narrative import with_narrative
from reports.paper import SECTION_NUMBER, SECTIONS, frozen_paper, with_charts
from reports.word import paper_docx

if TYPE_CHECKING:
    from plans.models import ProgressReport

PAPER_TEMPLATE = "reports/includes/_paper.html"


def paper_html(paper: dict[str, Any], *, draft: bool) -> str:
    """The paper's part of the report page, from a paper that has its charts (``with_charts``);
    its written sections laid out and numbered here (``with_narrative``)."""
    return render_to_string(
        PAPER_TEMPLATE,
        {
            "paper": with_narrative(paper),
            "numbers": SECTION_NUMBER,
            "titles": dict(SECTIONS),
            "compact": False,
            "draft": draft,
        },
    )


def published_copies(report: ProgressReport) -> tuple[str, bytes]:
    """The published ``report``'s HTML and Word file, drawn from its snapshot alone (its plan
    and period loaded)."""
    return (
        paper_html(with_charts(frozen_paper(report)), draft=False),
        paper_docx(frozen_paper(report)),
    )
