"""A progress report as a Word document (.docx), from the same paper the page shows
(``reports.paper``): the same numbered sections, headings, tables and RAG words, ready to
go into the committee's papers.

The written sections go in as their Markdown's paragraphs, real Word lists, bold, italic and
links (``reports.word_text``), numbered as on the page (``reports.narrative``). Everything
people typed goes in as text runs, so nothing becomes a field or a formula; characters XML
cannot hold are dropped, and a pasted vertical tab (Word's soft line break) becomes a line
break (``sscp.text.xml_safe``). Links go only to http, https and mailto addresses.
"""

from __future__ import annotations

from typing import Any

from reports import figures
from reports.narrative import with_narrative
from reports.paper import SECTION_NUMBER, SECTIONS
from reports.word_learning import write_learning
from reports.word_text import add_hyperlink, clean
from reports.word_writer import CONTENT_TYPE, DocxWriter, rag_text

__all__ = ["CONTENT_TYPE", "paper_docx", "rag_text"]


class _Writer(DocxWriter):
    def __init__(self, paper: dict[str, Any], *, draft: bool):
        self.paper = with_narrative(paper)
        self.draft = draft
        self.empty = "Not written yet." if draft else "None."
        super().__init__(
            footer=f"{self.paper['title']} · version {self.paper['front'].get('version', 1)}"
            + (" · DRAFT" if draft else "")
        )

    def section(self, key: str, *, new_page: bool = False):
        title = dict(SECTIONS)[key]
        return self.heading(f"{SECTION_NUMBER[key]}. {title}", 1, new_page=new_page)

    # --- the paper -----------------------------------------------------------------------------

    def write(self) -> bytes:
        paper = self.paper
        self.front()
        narrative = paper["narrative"]
        self.section("summary")
        self.text(narrative["summary"], empty=self.empty)
        overall = paper["overall"]
        if overall.get("sentence"):
            glance = self.doc.add_paragraph()
            glance.add_run(f"{paper['numbering']['glance']}\t").bold = True
            glance.add_run("This quarter at a glance: ").bold = True
            glance.add_run(clean(overall["sentence"]))
        self.section("issues")
        self.text(narrative["issues"], empty=self.empty)
        self.section("background")
        self.text(narrative["background"], empty=self.empty)
        self.progress()
        self.exceptions()
        self.not_received()
        self.consultations()
        self.implications()
        write_learning(self)
        self.papers()
        return self.save()

    def front(self) -> None:
        paper, front = self.paper, self.paper["front"]
        if self.draft:
            self.para(
                "DRAFT – not published. Figures change until the report is published.", bold=True
            )
        self.heading(paper["title"], 0)
        rows = [
            ("Committee", front.get("committee")),
            ("Meeting date", front.get("meeting_date")),
            ("Quarter", f"{paper['period']['label']} ({paper['period'].get('dates', '')})"),
            ("Lead officer", front.get("lead_officer")),
            ("Author", front.get("author")),
            ("Contact", front.get("contact")),
            ("Cabinet member", front.get("cabinet_member")),
            ("Division and local member", front.get("divisions")),
            ("Forward plan reference", front.get("forward_plan_reference")),
            ("Version", str(front.get("version", 1))),
        ]
        if front.get("supersede_reason"):
            rows.append(
                (
                    f"Replaces version {front.get('supersedes_version')} because",
                    front["supersede_reason"],
                )
            )
        self.facts([(label, value) for label, value in rows if value])
        if front.get("sign_off"):
            self.table(
                ["Sign-off", "Seen by (role title)", "Date"],
                [[row["role"], row["seen_by"] or "–", row["date"]] for row in front["sign_off"]],
                caption="Report sign-off",
            )

    def implications(self) -> None:
        self.section("implications")
        parts = self.paper["implications"]
        if not parts:
            self.para(self.empty, italic=True)
        for part in parts:
            self.heading(f"{part['number']} {part['title']}", 2)
            self.text(part["blocks"], empty=self.empty)
            if part.get("score"):
                self.table(
                    ["Likelihood", "Impact", "Risk score"],
                    [[part["likelihood"], part["impact"], part["score"]]],
                    caption="Risk score (likelihood x impact, each 1 to 5)",
                )
            if part.get("register"):
                self.table(
                    ["Reference", "Risk", "Owner", "Likelihood", "Impact", "Score", "Target"],
                    [
                        [
                            r["reference"] or "–",
                            r["title"],
                            r["owner"],
                            r["likelihood"],
                            r["impact"],
                            f"{r['score']} ({r['band'].lower()})",
                            r["target"],
                        ]
                        for r in part["register"]
                    ],
                    caption="The plan's open risks in the partnership's risk register "
                    "(likelihood x impact, each 1 to 5)",
                )

    def _counts_table(self, rows: list[dict], caption: str, previous: dict | None) -> None:
        headers = ["RAG", self.paper["period"]["label"]]
        if previous:
            headers += [previous["label"], "Change"]
        body = []
        for row in rows:
            line = [("rag", row["rag"], row["label"]), row["count"]]
            if previous:
                line += [row["previous"], row["change"]]
            body.append(line)
        self.table(headers, body, caption=caption)

    def progress(self) -> None:
        paper = self.paper
        number = SECTION_NUMBER["progress"]
        previous = paper.get("previous_period")
        self.section("progress")
        self.heading(f"{number}.1 RAG ratings this quarter", 2)
        self.para(paper["overall"].get("sentence", ""))
        self._counts_table(paper["overall"]["rag_counts"], "All measures, by RAG rating", previous)
        if paper["priorities"]:
            self.figure(
                figures.rag_png(paper),
                figures.rag_alt(paper),
                "Chart: measures at each RAG rating, by priority",
            )
            categories = [row["label"] for row in paper["overall"]["rag_counts"]]
            self.table(
                ["Priority", *categories],
                [
                    [f"{p['order']}. {p['title']}", *(row["count"] for row in p["rag_counts"])]
                    for p in paper["priorities"]
                ],
                caption="Measures at each RAG rating, by priority",
            )
        trend_header = f"Trend since {previous['label']}" if previous else "Trend"
        for index, priority in enumerate(paper["priorities"], start=2):
            self.heading(
                f"{number}.{index} Priority {priority['order']}: {priority['title']}",
                2,
                new_page=True,
            )
            if priority.get("description"):
                self.para(priority["description"], italic=True)
            self.para(priority.get("sentence", ""))
            if previous:
                self._counts_table(
                    priority["rag_counts"],
                    f"RAG ratings for priority {priority['order']}",
                    previous,
                )
            if not priority["measures"]:
                self.para("No measures are reported under this priority for this quarter.")
                continue
            self.table(
                ["Measure", "Figure", "Target", "RAG", trend_header, "Commentary"],
                [
                    [
                        m["title"],
                        m["value_text"],
                        m["target_text"],
                        ("rag", m["rag"], m["rag_label"]),
                        m["trend_text"],
                        ("markdown", m["commentary"]),
                    ]
                    for m in priority["measures"]
                ],
                caption=f"Measures under priority {priority['order']}",
            )
            for measure in priority["measures"]:
                self.trend(measure)

    def _worse_not_exceptions(self) -> None:
        worse = self.paper.get("worse_not_exceptions") or []
        if not worse:
            return
        self.para(
            f"{'Also, these' if self.paper['exceptions'] else 'These'} measures' figures moved "
            "the wrong way since the previous quarter; they are not exceptions because none is "
            "rated red or amber and none's rating fell:"
        )
        self.lists.add_list(
            {
                "kind": "bullet",
                "items": [
                    {
                        "level": 0,
                        "runs": [
                            {
                                "text": f"{m['title']}: {m['trend_text']} "
                                f"(rated {m['rag_label'].lower()})",
                                "bold": False,
                                "italic": False,
                                "href": "",
                            }
                        ],
                    }
                    for m in worse
                ],
            }
        )

    def exceptions(self) -> None:
        number = SECTION_NUMBER["exceptions"]
        self.section("exceptions", new_page=True)
        exceptions = self.paper["exceptions"]
        if not exceptions:
            self.para(
                "No measure is rated red, and no measure's rating fell or its figure moved the "
                "wrong way while it was short of target."
            )
        for index, item in enumerate(exceptions, start=1):
            self.heading(f"{number}.{index} {item['title']}", 2)
            self.facts(
                [
                    ("Priority", f"{item['priority_order']}. {item['priority_title']}"),
                    ("Why it is here", item["reasons"]),
                    ("Figure", item["value_text"]),
                    ("Target", item["target_text"]),
                    ("RAG", ("rag", item["rag"], item["rag_label"])),
                    ("Trend", item["trend_text"]),
                    ("Reported by", item["reporting_body"]),
                    ("Commentary", ("markdown", item["commentary"] or "None given.")),
                    ("Next steps", ("markdown", item["next_steps"] or "None given.")),
                ]
            )
            self.trend(item)
        self._worse_not_exceptions()

    def not_received(self) -> None:
        self.section("not_received")
        rows = self.paper["not_received"]
        if not rows:
            self.para("Every measure's return for the quarter was received and approved.")
            return
        self.para("These measures have no approved figure this quarter, so the paper shows none.")
        for received, caption in ((True, "Received but not yet approved"), (False, "Not received")):
            group = [r for r in rows if bool(r.get("received")) == received]
            if group:
                self.table(
                    ["Measure", "Reported by", "Where the return had got to", "Note"],
                    [[r["title"], r["reporting_body"], r["stage"], r["note"]] for r in group],
                    caption=caption,
                )

    def consultations(self) -> None:
        numbering = self.paper["numbering"]
        self.section("consultations")
        self.text(self.paper["narrative"]["consultations"])
        self.heading(f"{numbering['consultation_list']} Consultations in the plan's period", 2)
        consultations = self.paper["consultations"]
        if consultations:
            self.table(
                ["Consultation", "When", "Who took part", "How", "Children and young people"],
                [
                    [c["title"], c["dates"], c["groups"], c["methods"], c["children_reached"]]
                    for c in consultations
                ],
            )
        else:
            self.para("No consultations are recorded for the plan's period.")
        self.heading(f"{numbering['commitment_list']} Commitments to children and young people", 2)
        commitments = self.paper["commitments"]
        if commitments:
            self.table(
                ["What we promised", "Owner", "Due", "Status", "Latest update"],
                [
                    [
                        c["promise"],
                        c["owner"],
                        c["due"],
                        c["status_label"]
                        + (f": {c['status_reason']}" if c.get("status_reason") else ""),
                        (
                            f"{c['latest_update']['date']}: {c['latest_update']['text']}"
                            if c["latest_update"]
                            else ""
                        ),
                    ]
                    for c in commitments
                ],
            )
        else:
            self.para("No commitments to children and young people are recorded.")

    def papers(self) -> None:
        self.section("papers")
        papers = self.paper["background_papers"]
        if not papers:
            self.para("None.")
        for index, item in enumerate(papers, start=1):
            paragraph = self.doc.add_paragraph(f"Document {index} – ")
            if item["url"]:
                add_hyperlink(paragraph, item["title"], item["url"])
                paragraph.add_run(f" ({clean(item['url'])})")
            else:
                paragraph.add_run(clean(item["title"]))
        self.para(
            "For sight of individual background papers please contact the report author.",
            italic=True,
        )


def paper_docx(paper: dict[str, Any], *, draft: bool = False) -> bytes:
    """The .docx file of ``paper``; ``draft`` marks it as not published."""
    return _Writer(paper, draft=draft).write()
