"""The paper's written sections laid out as the council's papers do: each paragraph numbered
within its section (section 2's paragraphs are 2.1, 2.2, ...), lists left unnumbered under the
paragraph that introduces them, and the parts that follow a section's text numbered on from it.

The paper keeps the Markdown its author wrote (``reports.paper``); ``with_narrative`` parses it
once (``sscp.markdown.blocks``) into what the page (``reports.stored``) and the Word download
(``reports.word``) both lay out, so the two always number the same paragraphs the same way.
"""

from __future__ import annotations

from typing import Any

from reports.paper import SECTION_NUMBER
from sscp.markdown import blocks

NARRATIVE = ("summary", "issues", "background", "consultations")


def numbered(text: str, section: int) -> list[dict[str, Any]]:
    """``text``'s blocks, each paragraph with its ``number`` ("2.1", "2.2", ...)."""
    found = blocks(text)
    count = 0
    for block in found:
        if block["kind"] == "paragraph":
            count += 1
            block["number"] = f"{section}.{count}"
    return found


def _next_number(found: list[dict[str, Any]], section: int) -> str:
    paragraphs = sum(1 for block in found if block["kind"] == "paragraph")
    return f"{section}.{paragraphs + 1}"


def with_narrative(paper: dict[str, Any]) -> dict[str, Any]:
    """``paper`` with ``narrative`` (each written section's numbered blocks), ``numbering``
    (the numbers of the parts that follow a section's text: the summary's "at a glance"
    paragraph and the consultations' two tables) and each implication's ``blocks``."""
    if "narrative" in paper:
        return paper
    text = paper.get("text", {})
    narrative = {key: numbered(text.get(key, ""), SECTION_NUMBER[key]) for key in NARRATIVE}
    consultations = SECTION_NUMBER["consultations"]
    after = len([b for b in narrative["consultations"] if b["kind"] == "paragraph"])
    paper["narrative"] = narrative
    paper["numbering"] = {
        "glance": _next_number(narrative["summary"], SECTION_NUMBER["summary"]),
        "consultation_list": f"{consultations}.{after + 1}",
        "commitment_list": f"{consultations}.{after + 2}",
    }
    implications = SECTION_NUMBER["implications"]
    for index, part in enumerate(paper.get("implications", []), start=1):
        part["number"] = f"{implications}.{index}"
        part["blocks"] = blocks(part.get("text", ""))
    return paper
