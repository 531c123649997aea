"""Written text in a Word document: the blocks of ``sscp.markdown`` (paragraphs, bullet and
numbered lists with bold, italic and linked runs) as Word paragraphs, runs and hyperlinks.

Lists are real Word lists: each list paragraph carries numbering properties (``w:numPr``)
pointing at a numbering definition this module adds to the document (a bullet one, and a
decimal one restarted for every numbered list), so Word renumbers, indents and reads them as
lists, and a screen reader announces them. Text is written as runs, never parsed by Word, so
markup stays text; characters XML cannot hold are dropped (``sscp.text.xml_safe``).
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from sscp.markdown import blocks
from sscp.text import xml_safe

LEVELS = 3  # lists nest this deep; deeper items sit at the last level
LINK_COLOUR = RGBColor(0x1D, 0x35, 0x57)


def clean(text: Any) -> str:
    """``text`` as a string Word can hold (``sscp.text.xml_safe``)."""
    return xml_safe("" if text is None else str(text))


def _set(element, tag: str, **values: str):
    child = OxmlElement(tag)
    for name, value in values.items():
        child.set(qn(f"w:{name}"), value)
    element.append(child)
    return child


def add_hyperlink(paragraph, text: str, url: str, *, bold: bool = False, italic: bool = False):
    """A link to ``url`` reading ``text`` at the end of ``paragraph``."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    run = paragraph.add_run(clean(text))
    run.bold, run.italic = bold or None, italic or None
    run.font.underline = True
    run.font.color.rgb = LINK_COLOUR
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def add_runs(paragraph, runs: list[dict[str, Any]]) -> None:
    """``runs`` (``sscp.markdown``) at the end of ``paragraph``: a "\\n" run is a line break."""
    for item in runs:
        if item["text"] == "\n":
            paragraph.add_run().add_break()
        elif item["href"]:
            add_hyperlink(
                paragraph, item["text"], item["href"], bold=item["bold"], italic=item["italic"]
            )
        else:
            run = paragraph.add_run(clean(item["text"]))
            run.bold, run.italic = item["bold"] or None, item["italic"] or None


class Lists:
    """The numbering definitions of one document's lists."""

    def __init__(self, document):
        self.document = document
        self.numbering = document.part.numbering_part.element
        self.abstract: dict[str, str] = {}
        self.bullets = ""

    def _next_id(self, tag: str, attribute: str) -> int:
        found = [int(el.get(qn(attribute))) for el in self.numbering.findall(qn(tag))]
        return max(found, default=0) + 1

    def _abstract_id(self, kind: str) -> str:
        if kind in self.abstract:
            return self.abstract[kind]
        number = str(self._next_id("w:abstractNum", "w:abstractNumId"))
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), number)
        _set(abstract, "w:multiLevelType", val="hybridMultilevel")
        for level in range(LEVELS):
            lvl = _set(abstract, "w:lvl", ilvl=str(level))
            _set(lvl, "w:start", val="1")
            _set(lvl, "w:numFmt", val="bullet" if kind == "bullet" else "decimal")
            _set(lvl, "w:lvlText", val="•" if kind == "bullet" else f"%{level + 1}.")
            _set(lvl, "w:lvlJc", val="left")
            _set(_set(lvl, "w:pPr"), "w:ind", left=str(720 * (level + 1)), hanging="360")
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:  # definitions come before the lists that use them
            self.numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        self.abstract[kind] = number
        return number

    def new_list(self, kind: str, start: int = 1) -> str:
        """The numbering id for a new list: bullet lists share one; each numbered list
        restarts at ``start``."""
        if kind == "bullet" and self.bullets:
            return self.bullets
        number = str(self._next_id("w:num", "w:numId"))
        num = _set(self.numbering, "w:num", numId=number)
        _set(num, "w:abstractNumId", val=self._abstract_id(kind))
        if kind != "bullet":
            override = _set(num, "w:lvlOverride", ilvl="0")
            _set(override, "w:startOverride", val=str(start))
        else:
            self.bullets = number
        return number

    def add_list(self, block: dict[str, Any], container=None) -> None:
        """A list block (``sscp.markdown.blocks``) as list paragraphs at the end of
        ``container`` (the document, or a table cell)."""
        num_id = self.new_list(block["kind"], block.get("start", 1))
        for item in block["items"]:
            paragraph = (container or self.document).add_paragraph(style="List Paragraph")
            properties = paragraph._p.get_or_add_pPr()
            numbering = OxmlElement("w:numPr")
            _set(numbering, "w:ilvl", val=str(min(item["level"], LEVELS - 1)))
            _set(numbering, "w:numId", val=num_id)
            if properties.pStyle is None:
                properties.insert(0, numbering)
            else:
                properties.pStyle.addnext(numbering)
            add_runs(paragraph, item["runs"])


def add_blocks(container, lists: Lists, found: list[dict[str, Any]], *, empty: str = "") -> None:
    """``found`` (``sscp.markdown.blocks``, paragraphs perhaps numbered by
    ``reports.narrative``) at the end of ``container`` (the document, or a table cell);
    ``empty`` in italics when there are none."""
    if not found and empty:
        container.add_paragraph().add_run(empty).italic = True
    for block in found:
        if block["kind"] == "paragraph":
            paragraph = container.add_paragraph()
            if block.get("number"):
                paragraph.add_run(f"{block['number']}\t").bold = True
            add_runs(paragraph, block["runs"])
        else:
            lists.add_list(block, container)


def fill_cell(cell, lists: Lists, text: str) -> None:
    """``text`` (the Markdown subset) as the whole content of a table cell."""
    found = blocks(text)
    if not found:
        cell.text = clean(text)
        return
    first = cell.paragraphs[0]._p  # a new cell holds one empty paragraph: the text replaces it
    add_blocks(cell, lists, found)
    first.getparent().remove(first)
