"""The Word writer every downloadable paper is written with (the progress report's
``reports.word``, the yearly report's ``yearly.word``): a document in the Word template
(``reports.word_template``) with a footer naming the paper and its page number, real headings,
written text as Word paragraphs and lists (``reports.word_text``), tables with a repeated bold
header row and RAG cells that read in black and white, and charts as pictures with alternative
text, their figures in a table after them (``reports.figures``).

Everything people typed goes in as text runs, so nothing becomes a field or a formula;
characters XML cannot hold are dropped (``sscp.text.xml_safe``).
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from measures.models import Rag
from reports import figures
from reports.word_template import template_document
from reports.word_text import Lists, add_blocks, clean, fill_cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The RAG's shape as a character, so that it reads in black and white as on the page.
RAG_SHAPE = {
    "green": "●",
    "amber": "▲",
    "red": "■",
    "not_rated": "○",
    "not_received": "–",
}
RAG_SHADING = {"green": "EAF6EC", "amber": "FFF4E0", "red": "FDECEC"}


def rag_text(rag: str, label: str) -> str:
    return f"{RAG_SHAPE.get(rag, '')} {clean(label)}".strip()


class DocxWriter:
    """A document being written; a paper's writer adds its sections and calls ``save``."""

    def __init__(self, *, footer: str):
        # the template's styles, page set-up and header (the logo) with an empty body
        self.doc = template_document()
        self.lists = Lists(self.doc)
        paragraph = self.doc.sections[-1].footer.paragraphs[0]
        paragraph.text = clean(footer + " · page ")
        self._page_number(paragraph)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    @staticmethod
    def _page_number(paragraph) -> None:
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def heading(self, text: str, level: int, *, new_page: bool = False):
        paragraph = self.doc.add_heading(clean(text), level=level)
        paragraph.paragraph_format.page_break_before = new_page
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def text(self, blocks: list[dict[str, Any]], *, empty: str = "") -> None:
        """A written section's blocks (``reports.narrative``): numbered paragraphs, lists."""
        add_blocks(self.doc, self.lists, blocks, empty=empty)

    def para(self, text: str, *, bold: bool = False, italic: bool = False):
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(clean(text))
        run.bold, run.italic = bold, italic
        return paragraph

    def table(self, headers: list[str], rows: list[list[Any]], *, caption: str = ""):
        """A table with a bold header row; a cell given as ("rag", key, label) shows the RAG's
        shape and word on its tint, one given as ("markdown", text) the text's paragraphs and
        lists."""
        if caption:
            self.para(caption, bold=True).paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean(header)).bold = True
        self._repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                self._fill(cell, value)
        self.doc.add_paragraph()
        return table

    def facts(self, rows: list[tuple[str, Any]]) -> None:
        """A two-column table of labels (bold) and values, without a header row."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(clean(label)).bold = True
            self._fill(cells[1], value)
        self.doc.add_paragraph()

    def _fill(self, cell, value: Any) -> None:
        if isinstance(value, tuple) and value[0] == "markdown":
            fill_cell(cell, self.lists, value[1])
        elif isinstance(value, tuple) and value[0] == "rag":
            _, key, label = value
            cell.text = rag_text(key, label)
            self._shade(cell, RAG_SHADING.get(key))
        else:
            cell.text = clean(value)

    @staticmethod
    def _repeat_header(row) -> None:
        properties = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)

    @staticmethod
    def _shade(cell, fill: str | None) -> None:
        if not fill:
            return
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)

    def figure(self, png: bytes, alt: str, caption: str) -> None:
        """A chart as a picture with ``alt`` as its alternative text; the caller puts the
        chart's figures in a table after it, so nothing is only in the picture."""
        self.para(caption, bold=True).paragraph_format.keep_with_next = True
        picture = self.doc.add_picture(io.BytesIO(png), width=Mm(160))
        picture._inline.docPr.set("descr", clean(alt))
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True

    def trend(self, item: dict) -> None:
        """A measure's trend chart over its stored quarters, then its figures as a table."""
        if not item.get("history"):
            return
        # an exception's chart is its measure's under its priority: drawn once (see
        # figures.trend_png), shown twice
        self.figure(
            figures.trend_png(item), figures.trend_alt(item), f"Chart: trend of {item['title']}"
        )
        self.table(
            ["Quarter", "Figure", "RAG"],
            [
                [point["label"], point["text"], ("rag", point["rag"], _rag_label(point["rag"]))]
                for point in figures.trend_points(item)
            ],
            caption=f"Figures in the chart of {item['title']}, oldest quarter first "
            f"(target {item['target_text']})",
        )


def _rag_label(rag: str) -> str:
    return Rag(rag).label if rag in Rag.values else "Not received"
