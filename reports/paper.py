"""A progress report as the committee paper it becomes: every figure and text the paper shows,
as plain data that JSON keeps exactly (strings, numbers, lists, dicts).

``build_paper`` makes it from the quarter's data (``report_selectors.report_data``). A draft's
preview is built afresh each time it is viewed; ``report_publish`` stores the paper in
``ProgressReport.snapshot``, and from then on the page, the print view and the Word download
read only that, so later changes to returns, measures or plans never change a published paper.

Figures are approved returns only: a measure whose return for the quarter is not approved has
no figure, and the paper says plainly whether its return was received (and awaits approval) or
not received at all, and where it had got to.
"""

from __future__ import annotations

import copy
import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.dateformat import format as format_date

from measures.charts import rag_distribution_chart, trend_chart
from measures.formatting import in_unit
from measures.models import Measure, Rag, ReportingPeriod, Return
from reports.front import date_text as _date_text
from reports.front import front, implications
from reports.learning import learning

if TYPE_CHECKING:
    from plans.models import ProgressReport
    from reports.selectors import ReportData

SCHEMA = 1
NOT_RECEIVED = "not_received"
COUNT_CATEGORIES = [
    (Rag.GREEN.value, "Green"),
    (Rag.AMBER.value, "Amber"),
    (Rag.RED.value, "Red"),
    (Rag.NOT_RATED.value, "Not rated"),
    (NOT_RECEIVED, "Not yet approved"),  # received and awaiting approval, or not received
]
_RAG_RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
_RETURN_STAGE = {
    None: "No return started",
    Return.Status.DRAFT: "Return started but not submitted",
    Return.Status.SUBMITTED: "Submitted, awaiting review",
    Return.Status.RETURNED: "Sent back to the body for amendment",
}
# The numbered sections of the paper, in order; the page, the print view and the Word download
# all number them from this list.
SECTIONS = [
    ("summary", "Summary"),
    ("issues", "Issues for consideration and recommendations"),
    ("background", "Background"),
    ("progress", "Progress by priority"),
    ("exceptions", "Exceptions: red and deteriorating measures"),
    ("not_received", "Returns not yet approved"),
    ("consultations", "Consultations undertaken"),
    ("implications", "Implications"),
    ("learning", "Learning and assurance"),
    ("papers", "Background papers"),
]
SECTION_NUMBER = {key: number for number, (key, _) in enumerate(SECTIONS, start=1)}
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def _month_span(start: datetime.date, end: datetime.date) -> str:
    if (start.year, start.month) == (end.year, end.month):
        return format_date(start, "F Y")
    if start.year == end.year:
        return f"{format_date(start, 'F')} to {format_date(end, 'F Y')}"
    return f"{format_date(start, 'F Y')} to {format_date(end, 'F Y')}"


def _day_span(start: datetime.date, end: datetime.date) -> str:
    first = format_date(start, "j F") if start.year == end.year else _date_text(start)
    return f"{first} to {_date_text(end)}"


def _period(period: ReportingPeriod | None) -> dict | None:
    if period is None:
        return None
    return {
        "label": period.label,
        "financial_year": period.financial_year,
        "quarter": period.quarter,
        "start": period.start_date.isoformat(),
        "dates": _day_span(period.start_date, period.end_date),
    }


def background_papers(text: str) -> list[dict[str, str]]:
    """The background papers written one a line; a web address (http or https) at the end of a
    line links the paper. Any other text, markup included, stays text."""
    papers = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        found = [None, *_URL.finditer(line)][-1]
        if found is not None and found.end() == len(line):
            url = found.group(0).rstrip(".,;)")
            title = line[: found.start()].strip().rstrip(":–—-|").strip() or url
            papers.append({"title": title, "url": url})
        else:
            papers.append({"title": line, "url": ""})
    return papers


# --- figures ----------------------------------------------------------------------------------


def _sent_in(ret: Return | None) -> bool:
    """Whether a return not yet approved was received: submitted, or sent back for amendment."""
    return ret is not None and ret.status in (Return.Status.SUBMITTED, Return.Status.RETURNED)


def _missing(ret: Return | None) -> str:
    """What a measure without an approved figure shows: whether its return came in."""
    return "Received, not yet approved" if _sent_in(ret) else "Not received"


def _figure(ret: Return | None, measure: Measure, missing: str = "Not received") -> str:
    if ret is None:
        return missing
    if ret.not_available:
        return "Not available"
    return in_unit(ret.value, measure.unit)


def _target(measure: Measure) -> str:
    if measure.polarity == Measure.Polarity.NONE or measure.target is None:
        return "No target (monitored)"
    return in_unit(measure.target, measure.unit)


def _trend(measure: Measure, now: Return | None, before: Return | None) -> tuple[str, str]:
    """(key, words) for the change in the figure since the previous quarter."""
    if now is None or now.value is None:
        return "none", "No figure this quarter"
    if before is None or before.value is None:
        return "none", "No figure last quarter to compare"
    was = in_unit(before.value, measure.unit)
    if now.value == before.value:
        return "same", f"No change from {was}"
    direction = "up" if now.value > before.value else "down"
    if measure.polarity == Measure.Polarity.NONE:
        return direction, f"{direction.capitalize()} from {was}"
    better = (now.value > before.value) == (measure.polarity == Measure.Polarity.HIGHER)
    return (
        ("better", f"Better: {direction} from {was}")
        if better
        else (
            "worse",
            f"Worse: {direction} from {was}",
        )
    )


def _rag_key(ret: Return | None) -> str:
    return NOT_RECEIVED if ret is None else ret.rag


def _counts(now: list[str], before: list[str] | None) -> list[dict[str, Any]]:
    rows = []
    for key, label in COUNT_CATEGORIES:
        count = now.count(key)
        previous = before.count(key) if before is not None else None
        if previous is None:
            change = ""
        elif count == previous:
            change = "No change"
        else:
            change = f"{'Up' if count > previous else 'Down'} {abs(count - previous)}"
        rows.append(
            {"rag": key, "label": label, "count": count, "previous": previous, "change": change}
        )
    return rows


def _counts_sentence(rows: list[dict[str, Any]], total: int) -> str:
    if not total:
        return "No measures are reported for this quarter."
    parts = [f"{row['count']} {row['label'].lower()}" for row in rows if row["count"]]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"Of {total} measure{'s' if total != 1 else ''}: {listed}."


def _exception_reasons(now: Return | None, before: Return | None, trend: str) -> list[str]:
    if now is None:
        return []
    reasons = []
    if now.rag == Rag.RED:
        reasons.append("Rated red")
    fell = (
        before is not None
        and now.rag in _RAG_RANK
        and before.rag in _RAG_RANK
        and _RAG_RANK[now.rag] > _RAG_RANK[before.rag]
    )
    if fell:
        reasons.append(f"Rating fell from {Rag(before.rag).label} to {Rag(now.rag).label}")
    elif trend == "worse" and now.rag in (Rag.AMBER, Rag.RED):
        reasons.append("Figure worse than last quarter")
    return reasons


def _history(data: ReportData, measure: Measure) -> list[dict[str, Any]]:
    points = []
    for period in [*reversed(data.earlier_periods), data.period]:
        ret = data.approved(measure, period)
        if ret is None:
            continue
        points.append(
            {
                **_period(period),
                "value": None if ret.value is None else str(ret.value),
                "not_available": ret.not_available,
                "rag": ret.rag,
            }
        )
    return points


# --- the paper --------------------------------------------------------------------------------


def build_paper(data: ReportData) -> dict[str, Any]:
    """The paper for ``data.report``: its front sheet, narrative sections, progress by priority
    with RAG counts against the previous quarter, exceptions, returns not received,
    consultations and commitments, implications with the open risks, learning and assurance
    (the quarter's completed reviews, overdue actions) and background papers."""
    report, plan, period = data.report, data.plan, data.period
    previous_period = data.previous_period
    has_previous = previous_period is not None and any(
        data.approved(measure, previous_period) for measure in data.measures
    )

    priorities = []
    exceptions = []
    # figures that moved the wrong way while still on target: the paper names them, so that
    # "no exceptions" never reads as "nothing got worse" beside a table that says "Worse"
    worse_not_exceptions = []
    all_now: list[str] = []
    all_before: list[str] = []
    for priority in data.priorities:
        rows, now_keys, before_keys = [], [], []
        for measure in (m for m in data.measures if m.priority_id == priority.pk):
            now = data.approved(measure, period)
            before = data.approved(measure, previous_period)
            trend, trend_text = _trend(measure, now, before)
            mark = data.marks.get(measure.pk)
            missing = _missing(data.this_quarter(measure))
            row = {
                "measure_id": measure.pk,
                "title": measure.title,
                "reporting_body": measure.reporting_body.name,
                "strategy": measure.strategy.title if measure.strategy else "",
                "unit": measure.unit,
                "polarity": measure.polarity,
                "target": None if measure.target is None else str(measure.target),
                "target_text": _target(measure),
                "received": now is not None,
                "value_text": _figure(now, measure, missing),
                "not_available_reason": now.not_available_reason if now else "",
                "rag": _rag_key(now),
                "rag_label": Rag(now.rag).label if now else missing,
                "rag_override_reason": now.rag_override_reason if now else "",
                "previous_text": _figure(before, measure) if has_previous else "",
                "previous_rag": _rag_key(before) if has_previous else "",
                "previous_rag_label": (
                    (Rag(before.rag).label if before else "Not received") if has_previous else ""
                ),
                "trend": trend,
                "trend_text": trend_text,
                "commentary": now.commentary if now else (mark.note if mark else ""),
                "next_steps": now.next_steps if now else "",
                "history": _history(data, measure),
            }
            rows.append(row)
            now_keys.append(row["rag"])
            before_keys.append(_rag_key(before))
            reasons = _exception_reasons(now, before, trend)
            if trend == "worse" and not reasons:
                worse_not_exceptions.append(
                    {"title": row["title"], "rag_label": row["rag_label"], "trend_text": trend_text}
                )
            if reasons:
                exceptions.append(
                    {
                        **row,
                        "priority_order": priority.order,
                        "priority_title": priority.title,
                        "reasons": "; ".join(reasons),
                    }
                )
        all_now += now_keys
        all_before += before_keys
        counts = _counts(now_keys, before_keys if has_previous else None)
        priorities.append(
            {
                "order": priority.order,
                "title": priority.title,
                "description": priority.description,
                "rag_counts": counts,
                "sentence": _counts_sentence(counts, len(rows)),
                "measures": rows,
            }
        )
    overall = _counts(all_now, all_before if has_previous else None)

    not_received = [
        {
            "measure_id": measure.pk,
            "title": measure.title,
            "priority_title": measure.priority.title,
            "reporting_body": measure.reporting_body.name,
            "stage": _RETURN_STAGE[ret.status if ret else None],
            "received": _sent_in(ret),
            "marked": measure.pk in data.marks,
            "note": data.marks[measure.pk].note if measure.pk in data.marks else "",
        }
        for measure, ret in data.awaiting()
    ]
    not_received.sort(key=lambda row: not row["received"])  # received first, as the paper groups

    return {
        "schema": SCHEMA,
        "title": f"Progress report on the {plan.name}: {period.label}",
        "plan": {
            "name": plan.name,
            "slug": plan.slug,
            "title": plan.title,
            "years": _day_span(plan.start_date, plan.end_date),
            "vision": plan.vision,
        },
        "period": _period(period),
        "previous_period": _period(previous_period) if has_previous else None,
        "front": front(report, data.sign_offs),
        "text": {
            "summary": report.summary,
            "issues": report.issues_for_consideration,
            "background": report.background,
            "consultations": report.consultations_undertaken,
        },
        "implications": implications(report, data.risks),
        "learning": learning(data.reviews, data.overdue_actions, data.as_at),
        "background_papers": background_papers(report.background_papers),
        "overall": {
            "rag_counts": overall,
            "total": len(all_now),
            "sentence": _counts_sentence(overall, len(all_now)),
        },
        "priorities": priorities,
        "exceptions": exceptions,
        "worse_not_exceptions": worse_not_exceptions,
        "not_received": not_received,
        "consultations": [
            {
                "title": consultation.title,
                "dates": _month_span(consultation.start_date, consultation.end_date),
                "methods": ", ".join(consultation.method_labels),
                "children_reached": (
                    intcomma(consultation.children_reached) if consultation.children_reached else ""
                ),
                "groups": ", ".join(group.name for group in consultation.groups.all()),
                "summary": consultation.summary,
                "for_this_plan": consultation.plan_id == plan.pk,
            }
            for consultation in data.consultations
        ],
        "commitments": [_commitment(commitment) for commitment in data.commitments],
    }


def _commitment(commitment) -> dict[str, Any]:
    updates = list(commitment.updates.all())
    latest = updates[0] if updates else None
    return {
        "promise": commitment.promise,
        "owner": commitment.owner_body.name,
        "due": _date_text(commitment.due_date),
        "status": commitment.status,
        "status_label": commitment.get_status_display(),
        "status_reason": commitment.status_reason,
        "latest_update": (
            {"date": _date_text(latest.date), "text": latest.text} if latest else None
        ),
        "consultation": commitment.consultation.title,
    }


# --- reading a paper back ---------------------------------------------------------------------


def empty_paper(report: ProgressReport) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "title": f"Progress report: {report.period}",
        "plan": {"name": "", "slug": "", "title": "", "years": "", "vision": ""},
        "period": {"label": str(report.period), "dates": ""},
        "previous_period": None,
        "front": {"version": report.version},
        "text": {},
        "implications": [],
        "learning": None,  # a paper published before the section existed
        "background_papers": [],
        "overall": {"rag_counts": [], "total": 0, "sentence": ""},
        "priorities": [],
        "exceptions": [],
        "worse_not_exceptions": [],
        "not_received": [],
        "consultations": [],
        "commitments": [],
    }


def frozen_paper(report: ProgressReport) -> dict[str, Any]:
    """The published paper exactly as stored, as a copy the caller may decorate. A snapshot
    of another shape (made by hand, or before publishing built papers) shows an empty paper
    rather than failing; one that lacks some part shows that part empty."""
    paper = empty_paper(report)
    snapshot = report.snapshot
    if isinstance(snapshot, dict) and snapshot.get("schema") == SCHEMA:
        paper.update(copy.deepcopy(snapshot))
    earlier = paper["text"].pop("implications", "")
    if earlier and not paper["implications"]:  # published when implications were one text
        paper["implications"] = [{"key": "other", "title": "Implications", "text": earlier}]
    return paper


def history_as_returns(exception: dict[str, Any]) -> tuple[Measure, list[Return]]:
    """An exception's stored trend as unsaved Measure and Return objects, the shapes the
    trend chart draws (``measures.charts.trend_chart``); nothing is read from the database."""
    measure = Measure(
        title=exception["title"],
        unit=exception["unit"],
        polarity=exception["polarity"],
        target=None if exception["target"] is None else Decimal(exception["target"]),
    )
    returns = []
    for point in exception["history"]:
        period = ReportingPeriod(
            financial_year=point["financial_year"],
            quarter=point["quarter"],
            start_date=datetime.date.fromisoformat(point["start"]),
        )
        returns.append(
            Return(
                measure=measure,
                period=period,
                value=None if point["value"] is None else Decimal(point["value"]),
                not_available=point["not_available"],
                rag=point["rag"],
            )
        )
    return measure, returns


def with_charts(paper: dict[str, Any]) -> dict[str, Any]:
    """``paper`` with its charts laid out from its own figures (no query): ``rag_chart``, the
    RAG distribution by priority, and on each exception a ``chart`` of its trend with the
    ``chart_measure`` it is drawn for."""
    paper["rag_chart"] = rag_distribution_chart(
        [
            (
                f"Priority {priority['order']}",
                [(row["rag"], row["label"], row["count"]) for row in priority["rag_counts"]],
            )
            for priority in paper["priorities"]
            if priority["rag_counts"]
        ]
    )
    for exception in paper["exceptions"]:
        measure, returns = history_as_returns(exception)
        exception["chart_measure"] = measure
        exception["chart"] = trend_chart(measure, returns)
    for row in (row for priority in paper["priorities"] for row in priority["measures"]):
        if row.get("history"):  # papers published before each measure kept its trend have none
            row["chart_measure"], returns = history_as_returns(row)
            row["chart"] = trend_chart(row["chart_measure"], returns)
    return paper
