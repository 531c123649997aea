"""What the yearly report tells people: the partner leads when a report is ready for them to
sign, those who had signed when an edit removed their sign-off, and everyone who reads it when
it is published. Called inside the change's transaction (``notifications.services.notify``);
e-mail goes after the commit."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from notifications.models import Kind
from notifications.services import notify
from yearly.models import YearlyReport


def _partner_leads():
    return get_user_model().objects.filter(partner_leads__partner__is_statutory=True).distinct()


def ready_for_sign_off(report: YearlyReport, *, by) -> None:
    notify(
        kind=Kind.YEARLY_REPORT,
        recipients=_partner_leads(),
        exclude=[by],
        title=f"{report} is ready for you to sign",
        body=f"The yearly report for {report.year_label} is ready for sign-off by the three "
        "statutory partners. Read it and sign for your organisation.",
        url=report.get_absolute_url(),
        event_key=f"yearly:{report.pk}:ready:{report.history.count()}",
    )


def sign_offs_cleared(report: YearlyReport, *, signers, by, what: str) -> None:
    notify(
        kind=Kind.YEARLY_REPORT,
        recipients=signers,
        exclude=[by],
        title=f"{report} changed after you signed it",
        body=f"The business manager changed {what} after you signed the yearly report for "
        f"{report.year_label}, so every sign-off has been removed. Read it again and sign it "
        "again.",
        url=report.get_absolute_url(),
        event_key=f"yearly:{report.pk}:cleared:{report.history.count()}",
    )


def published(report: YearlyReport, *, by) -> None:
    notify(
        kind=Kind.YEARLY_REPORT,
        recipients=_partner_leads(),
        exclude=[by],
        title=f"{report} published",
        body=f"The yearly report for {report.year_label} is published.",
        url=report.get_absolute_url(),
        event_key=f"yearly:{report.pk}:published",
    )
