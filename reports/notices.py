"""What publishing a progress report tells people: the scrutiny committee, every body's chairs
and deputy chairs (the partners' leads among them) and the business managers. Called inside
the publishing transaction (``notifications.services.notify``)."""

from __future__ import annotations

from notifications import recipients
from notifications.models import Kind
from notifications.services import notify
from plans.models import ProgressReport


def report_published(report: ProgressReport, *, by) -> None:
    notify(
        kind=Kind.REPORT_PUBLISHED,
        recipients=recipients.committee_readers(),
        exclude=[by],
        title=f"Progress report published: {report}",
        body=f"The progress report on {report.plan} for {report.period} (version "
        f"{report.version}) is published for the scrutiny committee.",
        url=report.get_absolute_url(),
        event_key=f"report:{report.pk}:published",
    )
