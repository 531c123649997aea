"""Rules that change yearly reports: start one for a year, write its sections and enter its
figures, mark it ready for sign-off, sign it for a statutory partner, publish it frozen, and
correct a published report with a new version. One function each, called by the views, the
demo and the tests alike, each in one transaction: a refused change saves nothing.

Every change to a report saves the report itself, so its history is the version the shared
stale-edit check compares (``sscp.editing.ensure_unchanged_since``). Any change after a partner
has signed removes every sign-off and tells those who had signed: they signed another text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from plans.models import Partner
from sscp.editing import LONG_TEXT_LENGTH, SHORT_TEXT_LENGTH, ensure_unchanged_since
from sscp.history import HISTORY_REASON_LENGTH
from yearly import notices
from yearly.models import YearlyReport, YearlySignOff, year_label
from yearly.paper import build_paper, missing_contents
from yearly.rules import can_edit_yearly_reports, leads_partner
from yearly.sections import BY_KEY, FIGURE_SECTIONS, PRIORITY_PREFIX, focus_key
from yearly.selectors import statutory_partners, year_data

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A section runs to a few pages; a correction note to a paragraph or two.
SECTION_TEXT_LENGTH = LONG_TEXT_LENGTH
FIGURE_ROWS = 20


def _refuse_unless_manager(user: User) -> None:
    if not can_edit_yearly_reports(user):
        raise PermissionDenied("Only the business manager writes and publishes yearly reports.")


def _locked(report: YearlyReport) -> YearlyReport:
    return YearlyReport.objects.select_for_update(of=("self",)).get(pk=report.pk)


def _save(report: YearlyReport, *, user: User, reason: str) -> YearlyReport:
    report.full_clean()
    report._history_user = user
    report._change_reason = reason[:HISTORY_REASON_LENGTH]
    report.save()
    return report


def _refuse_unless_editable(report: YearlyReport) -> None:
    if not report.is_editable:
        raise ValidationError(
            f"{report} is {report.get_status_display().lower()}: a published report never "
            "changes. Start a correction (a new version) to change it.",
            code="frozen",
        )


def _clear_sign_offs(report: YearlyReport, *, user: User, what: str) -> None:
    """Remove every sign-off of ``report`` and tell those who had signed."""
    sign_offs = list(report.sign_offs.select_related("signed_by", "partner"))
    if not sign_offs:
        return
    for sign_off in sign_offs:
        sign_off._history_user = user
        sign_off.delete()
    notices.sign_offs_cleared(report, signers=[s.signed_by for s in sign_offs], by=user, what=what)


# --- starting and writing ---------------------------------------------------------------------


@transaction.atomic
def yearly_create(*, financial_year: int, user: User) -> YearlyReport:
    """Start the report for ``financial_year``; refused when the year already has one."""
    _refuse_unless_manager(user)
    existing = YearlyReport.objects.filter(financial_year=financial_year).first()
    if existing is not None:
        raise ValidationError(
            {
                "financial_year": f"There is already a yearly report for "
                f"{year_label(financial_year)}. Open it from the list of yearly reports; to "
                "change a published one, start a correction from its page."
            },
            code="exists",
        )
    report = YearlyReport(financial_year=financial_year)
    return _save(report, user=user, reason="Started")


def _check_text(text: str, label: str, limit: int = SECTION_TEXT_LENGTH) -> str:
    text = (text or "").replace("\r\n", "\n")
    if len(text) > limit:
        raise ValidationError(
            {label: f"Too long: at most {limit:,} characters (it has {len(text):,}). Nothing "
             "has been saved."},
            code="too_long",
        )  # fmt: skip
    return text


def section_title(key: str) -> str:
    if key in BY_KEY:
        return BY_KEY[key].title
    return "a priority"


@transaction.atomic
def yearly_section_update(
    *,
    report: YearlyReport,
    key: str,
    text: str,
    focus: str | None = None,
    rows: list[dict[str, Any]] | None = None,
    user: User,
    seen_change: int | None,
) -> YearlyReport:
    """Save one section's text (and a priority's focus for next year, or a figures section's
    rows). Refused when the report changed after the form was opened, is frozen, or the text
    is too long; clears any sign-offs."""
    _refuse_unless_manager(user)
    if key not in BY_KEY and not key.startswith(PRIORITY_PREFIX):
        raise ValidationError("There is no such section in the yearly report.", code="section")
    report = _locked(report)
    _refuse_unless_editable(report)
    ensure_unchanged_since(report, seen_change)
    texts = dict(report.texts or {})
    texts[key] = _check_text(text, "text")
    if focus is not None:
        texts[focus_key(key)] = _check_text(focus, "focus")
    report.texts = texts
    if rows is not None:
        if key not in FIGURE_SECTIONS:
            raise ValidationError("This section has no figures.", code="figures")
        figures = dict(report.figures or {})
        figures[key] = _clean_rows(rows)
        report.figures = figures
    title = section_title(key)
    _save(report, user=user, reason=f"Edited {title}")
    _clear_sign_offs(report, user=user, what=title)
    return report


def _clean_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figure rows as stored: a label, a number and a percentage (strings or None)."""
    if len(rows) > FIGURE_ROWS:
        raise ValidationError(f"At most {FIGURE_ROWS} rows of figures.", code="rows")
    cleaned = []
    for row in rows:
        label = _check_text(row.get("label", ""), "label", SHORT_TEXT_LENGTH).strip()
        number, percent = row.get("number"), row.get("percent")
        if not label and number is None and percent is None:
            continue
        if not label:
            raise ValidationError("Give each row of figures a name.", code="label")
        if percent is not None and not (Decimal(0) <= Decimal(percent) <= Decimal(100)):
            raise ValidationError("A percentage is from 0 to 100.", code="percent")
        cleaned.append(
            {
                "label": label,
                "number": None if number is None else int(number),
                "percent": None if percent is None else str(Decimal(percent).normalize()),
            }
        )
    return cleaned


# --- completeness, sign-off and publication ---------------------------------------------------


def yearly_paper(report: YearlyReport) -> dict[str, Any]:
    """The report as it stands now, built from the year's data."""
    data = year_data(report.financial_year)
    data.partners = statutory_partners()
    return build_paper(report, data)


def _refuse_missing(paper: dict[str, Any], doing: str) -> None:
    missing = missing_contents(paper)
    if missing:
        names = "; ".join(f"{item['content']}: {item['section']}" for item in missing)
        raise ValidationError(
            f"The report cannot be {doing} while a required part is empty ({names}).",
            code="incomplete",
        )


@transaction.atomic
def yearly_ready(*, report: YearlyReport, user: User, seen_change: int | None) -> YearlyReport:
    """Send a complete draft for sign-off by the three partners."""
    _refuse_unless_manager(user)
    report = _locked(report)
    if report.status != YearlyReport.Status.DRAFT:
        raise ValidationError(
            f"{report} is {report.get_status_display().lower()}, not a draft.", code="status"
        )
    ensure_unchanged_since(report, seen_change)
    _refuse_missing(yearly_paper(report), "sent for sign-off")
    report.status = YearlyReport.Status.READY
    _save(report, user=user, reason="Ready for sign-off")
    notices.ready_for_sign_off(report, by=user)
    return report


@transaction.atomic
def yearly_sign(
    *, report: YearlyReport, partner: Partner, user: User, seen_change: int | None
) -> YearlySignOff:
    """Sign the report for ``partner``: only a lead of that statutory partner, once, while the
    report is ready for sign-off and unchanged since the signer opened it."""
    if not partner.is_statutory or not leads_partner(user, partner):
        raise ValidationError(
            f"Only a lead of {partner} can sign the yearly report for it.", code="not_lead"
        )
    report = _locked(report)
    if report.status != YearlyReport.Status.READY:
        raise ValidationError(
            f"{report} is {report.get_status_display().lower()}: it can be signed only when "
            "it is ready for sign-off.",
            code="status",
        )
    ensure_unchanged_since(report, seen_change)
    existing = report.sign_offs.filter(partner=partner).select_related("signed_by").first()
    if existing is not None:
        raise ValidationError(f"{partner} has already signed this report.", code="already_signed")
    sign_off = YearlySignOff(
        report=report, partner=partner, signed_by=user, signed_at=timezone.now()
    )
    sign_off._history_user = user
    sign_off.full_clean()
    sign_off.save()
    return sign_off


def publish_refusals(report: YearlyReport, paper: dict[str, Any], partners) -> list[str]:
    """Why the report cannot be published yet (empty when it can)."""
    problems = []
    if report.status != YearlyReport.Status.READY:
        problems.append("Mark the report ready for sign-off first.")
    unsigned = [partner.name for partner in partners if partner.signed_at is None]
    if unsigned:
        problems.append(f"Still to sign: {', '.join(unsigned)}.")
    if not partners:
        problems.append("The partnership has no statutory partners to sign the report.")
    return problems


@transaction.atomic
def yearly_publish(*, report: YearlyReport, user: User, seen_change: int | None) -> YearlyReport:
    """Publish a report every statutory partner has signed: freeze its paper in
    ``snapshot``. A correction supersedes the version it corrects."""
    _refuse_unless_manager(user)
    report = _locked(report)
    ensure_unchanged_since(report, seen_change)
    paper = yearly_paper(report)
    _refuse_missing(paper, "published")
    problems = publish_refusals(report, paper, statutory_partners(report))
    if problems:
        raise ValidationError(problems, code="not_ready")
    report.snapshot = paper
    report.status = YearlyReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = user
    _save(report, user=user, reason="Published")
    if report.supersedes_id:
        earlier = _locked(report.supersedes)
        earlier.status = YearlyReport.Status.SUPERSEDED
        _save(earlier, user=user, reason=f"Superseded by version {report.version}")
    notices.published(report, by=user)
    return report


@transaction.atomic
def yearly_correct(*, report: YearlyReport, user: User, note: str) -> YearlyReport:
    """Start a correction of the published report: a new draft version with its text and
    figures and a note of what changed. The published report stays until it is published."""
    _refuse_unless_manager(user)
    report = _locked(report)
    if report.status != YearlyReport.Status.PUBLISHED:
        raise ValidationError("Only the published version can be corrected.", code="not_published")
    if YearlyReport.objects.filter(supersedes=report).exists():
        raise ValidationError(
            "A correction of this report is already being written: carry on with it.",
            code="already_correcting",
        )
    note = _check_text(note, "note", SHORT_TEXT_LENGTH).strip()
    if not note:
        raise ValidationError({"note": "Say what the correction changes: readers will see it."})
    highest = YearlyReport.objects.filter(financial_year=report.financial_year).aggregate(
        highest=Max("version")
    )["highest"]
    new = YearlyReport(
        financial_year=report.financial_year,
        version=highest + 1,
        texts=dict(report.texts or {}),
        figures=dict(report.figures or {}),
        supersedes=report,
        change_note=note,
    )
    return _save(new, user=user, reason=f"Correction of version {report.version}")
