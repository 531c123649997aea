"""The yearly report as a plain, JSON-ready dict: what the page shows and what publishing
freezes in ``YearlyReport.snapshot``. ``build_paper`` assembles it from the report's own text
and figures and the year's data (``yearly.selectors.YearData``); ``frozen_paper`` gives a
published report's stored copy. Later parts (Word, PDF) read the same dict.

Text is kept as written (the Markdown subset of ``sscp.markdown``) and rendered when shown, as
the progress report's snapshot does. Dates are ISO strings and decimals strings, so the
snapshot reads back exactly as it was stored.
"""

from __future__ import annotations

import copy
import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format

from assurance.models import Review
from measures.charts import trend_chart
from measures.models import Measure, Rag
from reports.paper import history_as_returns
from yearly import tree
from yearly.models import YearlyReport, year_label
from yearly.sections import (
    FIGURES,
    FILLED,
    PRIORITIES_AFTER,
    PRIORITY,
    REQUIREMENTS,
    SECTIONS,
    focus_key,
    priority_key,
)
from yearly.selectors import YearData, statutory_partners, year_data

SCHEMA = 1


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _long_date(value: str | None) -> str:
    return date_format(datetime.date.fromisoformat(value), "j F Y") if value else ""


# --- the parts the product fills ---------------------------------------------------------------


def _governance(data: YearData) -> list[dict[str, Any]]:
    """The bodies as a tree (each with its ``children``), roots first, by name."""
    children: dict[int | None, list] = defaultdict(list)
    known = {body.pk for body in data.bodies}
    for body in data.bodies:
        parent = body.parent_id if body.parent_id in known else None
        children[parent].append(body)

    def node(body, depth: int) -> dict[str, Any]:
        below = children.get(body.pk, []) if depth < 10 else []
        return {
            "name": body.name,
            "kind": body.get_kind_display(),
            "children": [node(child, depth + 1) for child in below],
        }

    return [node(body, 0) for body in children[None]]


def _review_row(review: Review) -> dict[str, Any]:
    return {
        "title": review.title,
        "kind": review.kind,
        "kind_label": review.get_kind_display(),
        "status": review.get_status_display(),
        "notified_on": _long_date(_day(review.notified_on)),
        "completed_on": _long_date(_day(review.completed_on)),
        "days_taken": review.days_taken,
        "late": review.is_late if review.is_rapid else False,
        "decision": review.get_decision_display() if review.decision else "",
        "summary": review.summary,
        "findings": review.findings,
        "agencies": review.partner_count + len(review.other_agency_list),
    }


def _reviews(data: YearData) -> dict[str, Any]:
    rows = [_review_row(review) for review in data.reviews if review.kind != Review.Kind.SECTION_11]
    kinds = Counter(row["kind_label"] for row in rows)
    rapid = [row for row in rows if row["kind"] == Review.Kind.RAPID]
    return {
        "reviews": rows,
        "by_kind": [{"label": label, "count": count} for label, count in sorted(kinds.items())],
        "rapid_count": len(rapid),
        "rapid_on_time": sum(1 for row in rapid if row["completed_on"] and not row["late"]),
        "rapid_late": sum(1 for row in rapid if row["late"]),
        "decisions": [row for row in rows if row["decision"]],
    }


def _learning(data: YearData) -> dict[str, Any]:
    return {"themes": [{"name": t.name, "count": t.review_count} for t in data.themes]}


def _section11(data: YearData) -> dict[str, Any]:
    audits = [_review_row(r) for r in data.reviews if r.kind == Review.Kind.SECTION_11]
    return {"audits": audits, "agencies": sum(audit["agencies"] for audit in audits)}


def _young_people(data: YearData) -> dict[str, Any]:
    return {
        "consultations": [
            {
                "title": c.title,
                "start": _long_date(_day(c.start_date)),
                "end": _long_date(_day(c.end_date)),
                "children_reached": c.children_reached,
                "professionals_reached": c.professionals_reached,
                "messages": data.feedback.get(c.pk, []),
            }
            for c in data.consultations
        ],
        "children_reached": sum(c.children_reached or 0 for c in data.consultations),
        "commitments": [
            {
                "promise": commitment.promise,
                "owner": commitment.owner_body.name,
                "due": _long_date(_day(commitment.due_date)),
                "status": commitment.get_status_display(),
            }
            for commitment in data.commitments
        ],
    }


def _worse(measure: Measure, first: Decimal, last: Decimal) -> bool:
    if measure.polarity == Measure.Polarity.HIGHER:
        return last < first
    if measure.polarity == Measure.Polarity.LOWER:
        return last > first
    return False


def _priority(data: YearData, priority, texts: dict) -> dict[str, Any]:
    returns_of = defaultdict(list)
    for ret in data.returns:
        returns_of[ret.measure_id].append(ret)
    rows, little = [], []
    for measure in (m for m in data.measures if m.priority_id == priority.pk):
        returns = returns_of.get(measure.pk, [])
        history = [
            {
                "financial_year": ret.period.financial_year,
                "quarter": ret.period.quarter,
                "start": _day(ret.period.start_date),
                "label": ret.period.label,
                "value": _dec(ret.value),
                "not_available": ret.not_available,
                "rag": ret.rag,
                "rag_label": Rag(ret.rag).label,
            }
            for ret in returns
        ]
        rows.append(
            {
                "title": measure.title,
                "unit": measure.unit,
                "polarity": measure.polarity,
                "target": _dec(measure.target),
                "history": history,
            }
        )
        if not returns:
            continue
        valued = [ret for ret in returns if ret.value is not None]
        if returns[-1].rag == Rag.RED:
            little.append(f"{measure.title}: rated red in {returns[-1].period.label}.")
        elif len(valued) > 1 and _worse(measure, valued[0].value, valued[-1].value):
            little.append(
                f"{measure.title}: worse in {valued[-1].period.label} than in "
                f"{valued[0].period.label}."
            )
    key = priority_key(priority.pk)
    return {
        "order": priority.order,
        "title": priority.title,
        "measures": rows,
        "has_returns": any(row["history"] for row in rows),
        "little_progress": little,
        "overdue_actions": [
            {
                "text": action.text,
                "review": action.recommendation.review.title,
                "owner": action.owner_body.name,
                "due": _long_date(_day(action.due_on)),
            }
            for action in data.overdue_actions
            if action.priority_id == priority.pk
        ],
        "focus": texts.get(focus_key(key), ""),
    }


FILLERS = {
    "reviews": _reviews,
    "learning": _learning,
    "section11": _section11,
    "young_people": _young_people,
}


def _has_content(key: str, filled: dict[str, Any]) -> bool:
    """Whether the product found anything for a filled section this year."""
    if key == "reviews":
        return bool(filled["reviews"])
    if key == "learning":
        return bool(filled["themes"])
    if key == "section11":
        return bool(filled["audits"])
    if key == "young_people":
        return bool(filled["consultations"] or filled["commitments"])
    return False


def data_year(data: YearData) -> str:
    return year_label(data.financial_year)


# --- the whole report ---------------------------------------------------------------------------


def signer(partner) -> str:
    """Who signs for ``partner``: its lead's role title, with the partner's name unless the
    title already says it ("Chief Executive, Somerset County Council")."""
    role = partner.lead_role or "The lead"
    return role if partner.name in role else f"{role}, {partner.name}"


def build_paper(report: YearlyReport, data: YearData) -> dict[str, Any]:
    """The report as it stands: its text and figures with the year's data (no query)."""
    texts = report.texts or {}
    figures = report.figures or {}
    governance = _governance(data)
    sections = []
    for section in SECTIONS:
        entry = {
            "key": section.key,
            "title": section.title,
            "kind": section.kind,
            "text": texts.get(section.key, ""),
        }
        if section.kind == FILLED:
            entry["data"] = FILLERS[section.key](data)
            entry["filled"] = _has_content(section.key, entry["data"])
        elif section.kind == FIGURES:
            entry["rows"] = list(figures.get(section.key, []))
        sections.append(entry)
        if section.key == PRIORITIES_AFTER:
            for priority in data.priorities:
                key = priority_key(priority.pk)
                sections.append(
                    {
                        "key": key,
                        "title": f"Priority {priority.order}: {priority.title}",
                        "kind": PRIORITY,
                        "text": texts.get(key, ""),
                        "data": _priority(data, priority, texts),
                    }
                )
    return {
        "schema": SCHEMA,
        "title": f"Safeguarding children partnership yearly report {data_year(data)}",
        "year": year_label(data.financial_year),
        "plan": {"title": data.plan.title, "slug": data.plan.slug} if data.plan else None,
        "partners": [
            {"name": partner.name, "lead_role": partner.lead_role, "signer": signer(partner)}
            for partner in data.partners
        ],
        "governance": governance,
        "governance_tree": tree.layout(governance),
        "sections": sections,
    }


def frozen_paper(report: YearlyReport) -> dict[str, Any]:
    """A published report's paper exactly as stored (a copy the caller may decorate)."""
    snapshot = report.snapshot
    if isinstance(snapshot, dict) and snapshot.get("schema") == SCHEMA:
        paper = copy.deepcopy(snapshot)
        # frozen before the tree was drawn: its layout follows from the frozen bodies alone
        paper.setdefault("governance_tree", tree.layout(paper["governance"]))
        return paper
    return {"schema": SCHEMA, "title": str(report), "year": report.year_label, "plan": None,
            "partners": [], "governance": [], "governance_tree": tree.layout([]),
            "sections": []}  # fmt: skip


def report_paper(report: YearlyReport, partners=None) -> dict[str, Any]:
    """The paper a reader sees: a draft's live (from the year's data), else the frozen copy."""
    if not report.is_editable:
        return frozen_paper(report)
    data = year_data(report.financial_year)
    data.partners = statutory_partners(report) if partners is None else partners
    return build_paper(report, data)


def with_charts(paper: dict[str, Any]) -> dict[str, Any]:
    """Each priority's measures with the trend chart of their quarters (no query)."""
    for section in paper["sections"]:
        if section["kind"] != PRIORITY:
            continue
        for row in section["data"]["measures"]:
            if row["history"]:
                row["chart_measure"], returns = history_as_returns(row)
                row["chart"] = trend_chart(row["chart_measure"], returns)
    return paper


# --- what the statutory guidance requires ----------------------------------------------------


def _section_empty(section: dict[str, Any]) -> bool:
    text = section.get("text", "").strip()
    if section["kind"] == FILLED:
        return not (section["filled"] or text)
    if section["kind"] == FIGURES:
        return not (section["rows"] or text)
    return not text


def missing_contents(paper: dict[str, Any]) -> list[dict[str, str]]:
    """The required contents that are empty, each with the section to fill in: ``{"content",
    "section", "key"}``. Empty when the report has every one."""
    by_key = {section["key"]: section for section in paper["sections"]}
    priorities = [section for section in paper["sections"] if section["kind"] == PRIORITY]
    missing = []
    for requirement in REQUIREMENTS:
        for key in requirement.sections:
            if key == "priorities":
                if not priorities:
                    missing.append(
                        {
                            "content": requirement.title,
                            "section": "No plan priorities for this year: the plan in force "
                            "has none",
                            "key": "",
                        }
                    )
                for section in priorities:
                    if not section["text"].strip():
                        missing.append(
                            {
                                "content": requirement.title,
                                "section": section["title"],
                                "key": section["key"],
                            }
                        )
            elif _section_empty(by_key[key]):
                missing.append(
                    {"content": requirement.title, "section": by_key[key]["title"], "key": key}
                )
    return missing
