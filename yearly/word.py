"""The yearly report as a Word document (.docx), from the same paper the page shows
(``yearly.paper``: a published report's frozen snapshot, a draft's live paper), written with the
progress report's writer (``reports.word_writer``): the template's styles and logo, a Heading 1
for every section, the written text as Word paragraphs and lists, tables for the figures, the
reviews, the commitments and the measures, and each measure's trend chart as a picture with
alternative text, its figures in a table after it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from measures.formatting import in_unit
from reports.word_writer import DocxWriter
from sscp.markdown import blocks
from yearly import tree
from yearly.sections import FIGURES, FILLED, PRIORITY


def _line(text: str, level: int = 0) -> dict[str, Any]:
    run = {"text": text, "bold": False, "italic": False, "href": ""}
    return {"level": level, "runs": [run]}


class YearlyWriter(DocxWriter):
    def __init__(self, paper: dict[str, Any], *, draft: bool):
        self.paper, self.draft = paper, draft
        super().__init__(footer=paper["title"] + (" · DRAFT" if draft else ""))

    def bullets(self, lines: list[dict[str, Any]]) -> None:
        if lines:
            self.lists.add_list({"kind": "bullet", "items": lines})

    def written(self, text: str, *, empty: str = "") -> None:
        self.text(blocks(text or ""), empty=empty)

    def write(self) -> bytes:
        paper = self.paper
        if self.draft:
            self.para(
                "DRAFT – not published. Figures change until the report is published.", bold=True
            )
        self.heading(paper["title"], 0)
        self.para(f"Financial year {paper['year']}")
        for section in paper["sections"]:
            self.heading(section["title"], 1, new_page=section["kind"] == PRIORITY)
            empty = "Not written yet." if section["kind"] in ("written", PRIORITY) else ""
            self.written(section["text"], empty=empty)
            if section["key"] == "introduction" and paper["partners"]:
                self.para("Signed for the statutory partners by:")
                self.bullets(
                    [
                        _line(p.get("signer") or f"{p['lead_role'] or 'The lead'}, {p['name']}")
                        for p in paper["partners"]
                    ]
                )
            elif section["key"] == "governance":
                self.governance()
            elif section["kind"] == FILLED:
                getattr(self, f"filled_{section['key']}")(section["data"], bool(section["text"]))
            elif section["kind"] == FIGURES:
                self.figures(section)
            elif section["kind"] == PRIORITY:
                self.priority(section["data"])
        return self.save()

    # --- the sections -------------------------------------------------------------------------

    def governance(self) -> None:
        bodies = self.paper["governance"]
        if not bodies:
            self.para("No bodies are recorded.")
            return
        self.para("The partnership's bodies and whom each reports to:")
        lines: list[dict[str, Any]] = []

        def walk(nodes: list[dict[str, Any]], depth: int) -> None:
            for node in nodes:
                lines.append(_line(f"{node['name']} ({node['kind'].lower()})", depth))
                walk(node["children"], depth + 1)

        walk(bodies, 0)
        self.bullets(lines)
        layout = self.paper.get("governance_tree") or tree.layout(bodies)
        if layout["nodes"]:
            self.figure(
                tree.tree_png(layout),
                tree.tree_alt(layout),
                "Chart: the governance tree (the same bodies as the list above)",
            )

    def filled_reviews(self, d: dict[str, Any], written: bool) -> None:
        if not d["reviews"]:
            if not written:
                self.para("The reviews register holds no review for this year.")
            return
        self.para(
            f"{d['rapid_count']} rapid review{'s' if d['rapid_count'] != 1 else ''} in "
            f"{self.paper['year']}: {d['rapid_on_time']} completed within 15 working days"
            + (f", {d['rapid_late']} late." if d["rapid_late"] else ".")
        )
        self.bullets([_line(f"{k['label']}: {k['count']}") for k in d["by_kind"]])
        self.table(
            ["Review", "Kind", "Status", "Timeliness", "Decision"],
            [
                [r["title"], r["kind_label"], r["status"], _timeliness(r), r["decision"] or "–"]
                for r in d["reviews"]
            ],
            caption=f"Reviews and audits of {self.paper['year']}",
        )

    def filled_learning(self, d: dict[str, Any], written: bool) -> None:
        if d["themes"]:
            self.para("Learning themes of the year's reviews and audits:")
            self.bullets(
                [
                    _line(f"{t['name']} ({t['count']} review{'s' if t['count'] != 1 else ''})")
                    for t in d["themes"]
                ]
            )
        elif not written:
            self.para("No learning themes were recorded for this year's reviews.")

    def filled_section11(self, d: dict[str, Any], written: bool) -> None:
        if not d["audits"]:
            if not written:
                self.para("The reviews register holds no Section 11 audit for this year.")
            return
        self.para(
            f"{d['agencies']} agenc{'y' if d['agencies'] == 1 else 'ies'} took part in the "
            f"Section 11 audit{'s' if len(d['audits']) != 1 else ''} of {self.paper['year']}."
        )
        for audit in d["audits"]:
            self.heading(audit["title"], 2)
            self.written(audit["summary"])
            if audit["findings"]:
                self.para("Findings:", bold=True)
                self.written(audit["findings"])

    def filled_young_people(self, d: dict[str, Any], written: bool) -> None:
        if not (d["consultations"] or d["commitments"]):
            if not written:
                self.para("No consultation with children and young people is recorded.")
            return
        if d["children_reached"]:
            self.para(
                f"{d['children_reached']} children and young people took part in the year's "
                "consultations."
            )
        for c in d["consultations"]:
            self.heading(c["title"], 2)
            self.para(f"{c['start']} to {c['end']}")
            if c["messages"]:
                self.para("What they told us:")
                self.bullets([_line(message) for message in c["messages"]])
        if d["commitments"]:
            self.table(
                ["What we said we would do", "Who", "By", "Status"],
                [
                    [c["promise"], c["owner"], c["due"] or "–", c["status"]]
                    for c in d["commitments"]
                ],
                caption="Commitments made to children and young people, and where they stand",
            )

    def figures(self, section: dict[str, Any]) -> None:
        if not section["rows"]:
            if not section["text"]:
                self.para("No figures have been entered for this year.")
            return
        headers = (
            ["Course or measure", "Attended", "Confident afterwards"]
            if section["key"] == "training"
            else ["Figure", "Number", "Percentage"]
        )
        self.table(
            headers,
            [
                [
                    row["label"],
                    "–" if row.get("number") is None else row["number"],
                    "–" if row.get("percent") is None else f"{row['percent']}%",
                ]
                for row in section["rows"]
            ],
            caption=f"{section['title']}: figures for {self.paper['year']}",
        )

    def priority(self, d: dict[str, Any]) -> None:
        measures = [_with_target_text(m) for m in d["measures"]]
        self.heading("The year's measures", 2)
        if not d["has_returns"]:
            self.para(
                "There are no approved quarterly returns for this priority's measures in "
                f"{self.paper['year']}, so no figures or charts can be shown."
            )
        else:
            self.table(
                ["Measure", "Target", "Latest quarter", "Latest figure", "RAG"],
                [_measure_row(m) for m in measures],
                caption=f"Measures of priority {d['order']} in {self.paper['year']}",
            )
            for measure in measures:
                self.trend(measure)
        self.heading("Areas with little or no progress", 2)
        lines = [_line(text) for text in d["little_progress"]] + [
            _line(f"Overdue action from {a['review']} ({a['owner']}, due {a['due']}): {a['text']}")
            for a in d["overdue_actions"]
        ]
        if lines:
            self.bullets(lines)
        else:
            self.para(
                "None found: no measure was rated red in its last quarter or got worse over the "
                "year, and no action from a review of this priority is overdue."
            )
        self.heading("Focus for next year", 2)
        self.written(d["focus"], empty="Not written yet.")


def _timeliness(review: dict[str, Any]) -> str:
    if review["kind"] != "rapid":
        return "–"
    if review["late"]:
        return "Late"
    return "Within 15 working days" if review["completed_on"] else "Under way"


def _with_target_text(measure: dict[str, Any]) -> dict[str, Any]:
    target = measure.get("target")
    text = "no target" if target is None else in_unit(Decimal(target), measure["unit"])
    return {**measure, "target_text": text}


def _measure_row(measure: dict[str, Any]) -> list[Any]:
    if not measure["history"]:
        return [measure["title"], measure["target_text"], "–", "No approved figure", "–"]
    last = measure["history"][-1]
    figure = (
        "Not available"
        if last["not_available"] or last["value"] is None
        else in_unit(Decimal(last["value"]), measure["unit"])
    )
    return [
        measure["title"],
        measure["target_text"],
        last["label"],
        figure,
        ("rag", last["rag"], last["rag_label"]),
    ]


def yearly_docx(paper: dict[str, Any], *, draft: bool) -> bytes:
    """The .docx file of the yearly report's ``paper``; ``draft`` marks it as not published."""
    return YearlyWriter(paper, draft=draft).write()
