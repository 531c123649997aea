"""What the measures app tells people, and whom: each hand-over of a return (submitted, sent
back, approved, reopened) and each change to a quarter its bodies must know of (opened, its
deadline moved). Called by the services inside the change's transaction
(``notifications.services.notify``); the event key names the change, so it is told once."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from measures import selectors
from measures.models import ReportingPeriod, Return
from notifications import recipients
from notifications.models import Kind
from notifications.services import notify
from plans.models import Plan, plan_visibility
from sscp.people import person_name

TITLES = {
    Kind.RETURN_SUBMITTED: "Return to review",
    Kind.RETURN_SENT_BACK: "Return sent back for amendment",
    Kind.RETURN_APPROVED: "Return approved",
    Kind.RETURN_REOPENED: "Approved return reopened",
}


def return_title(kind: Kind, ret: Return) -> str:
    """What a notification about ``ret`` is called, e.g. "Return approved: <measure>, <quarter>"."""
    return f"{TITLES[kind]}: {ret.measure.title}, {ret.period}"


def return_url(ret: Return) -> str:
    return reverse("measures:return_detail", kwargs={"pk": ret.pk})


def _event(ret: Return, kind: Kind) -> str:
    return f"return:{ret.pk}:{ret.version}:{kind.value}"


def _in_a_draft_plan(ret: Return) -> bool:
    """A draft plan is the business managers' alone: nobody else is told of its returns."""
    return ret.measure.priority.plan.status == Plan.Status.DRAFT


def return_submitted(ret: Return, *, by) -> None:
    """To whoever may review it: the business managers, and for figures a manager entered on
    the body's behalf, the body's chairs and deputy chairs too."""
    reviewers = list(recipients.business_managers())
    if ret.entered_by_manager and not _in_a_draft_plan(ret):
        reviewers += list(recipients.chairs_of([ret.measure.reporting_body_id]))
    notify(
        kind=Kind.RETURN_SUBMITTED,
        recipients=reviewers,
        exclude=[by],
        title=return_title(Kind.RETURN_SUBMITTED, ret),
        body=f"{person_name(by)} submitted the return of {ret.measure.reporting_body} for "
        f"{ret.period}.\n\nCommentary: {ret.commentary or 'none'}",
        url=return_url(ret),
        event_key=_event(ret, Kind.RETURN_SUBMITTED),
    )


def _to_the_body(ret: Return, *, by, kind: Kind, title: str, body: str) -> None:
    """To the body's chairs, deputy chairs and data leads, and to whoever submitted it."""
    people = []
    if not _in_a_draft_plan(ret):
        people += list(recipients.reporters_of([ret.measure.reporting_body_id]))
    if ret.submitted_by is not None:
        people.append(ret.submitted_by)
    notify(
        kind=kind,
        recipients={person.pk: person for person in people}.values(),
        exclude=[by],
        title=title,
        body=body,
        url=return_url(ret),
        event_key=_event(ret, kind),
    )


def return_sent_back(ret: Return, *, by) -> None:
    _to_the_body(
        ret,
        by=by,
        kind=Kind.RETURN_SENT_BACK,
        title=return_title(Kind.RETURN_SENT_BACK, ret),
        body=f"{person_name(by)} sent the return back with this feedback:\n\n{ret.feedback}",
    )


def return_approved(ret: Return, *, by) -> None:
    _to_the_body(
        ret,
        by=by,
        kind=Kind.RETURN_APPROVED,
        title=return_title(Kind.RETURN_APPROVED, ret),
        body=f"{person_name(by)} approved the return; its figures are locked.",
    )


def return_reopened(ret: Return, *, by) -> None:
    _to_the_body(
        ret,
        by=by,
        kind=Kind.RETURN_REOPENED,
        title=return_title(Kind.RETURN_REOPENED, ret),
        body=f"{person_name(by)} reopened the approved return for amendment:\n\n{ret.feedback}",
    )


def _bodies_due(period: ReportingPeriod) -> set[int]:
    """The bodies reporting in the quarter for plans their people can read (not drafts)."""
    return set(
        selectors.measures_due_in(period)
        .filter(plan_visibility("priority__plan", drafts=False))
        .values_list("reporting_body_id", flat=True)
    )


def quarter_opened(period: ReportingPeriod, *, by) -> None:
    notify(
        kind=Kind.QUARTER_OPENED,
        recipients=recipients.reporters_of(_bodies_due(period)),
        exclude=[by],
        title=f"{period} is open for returns, due by {period.deadline:%d %B %Y}",
        body=f"Your bodies' returns for {period} can now be entered and submitted in My "
        f"returns. The deadline is {period.deadline:%d %B %Y}.",
        url=reverse("measures:my_returns"),
        event_key=f"period:{period.pk}:opened:{timezone.now():%Y%m%d%H%M%S%f}",
    )


def deadline_changed(period: ReportingPeriod, *, by, before) -> None:
    notify(
        kind=Kind.DEADLINE_CHANGED,
        recipients=recipients.reporters_of(_bodies_due(period)),
        exclude=[by],
        title=f"{period} returns are now due by {period.deadline:%d %B %Y}",
        body=f"The deadline for {period} moved from {before:%d %B %Y} to "
        f"{period.deadline:%d %B %Y}: {period.deadline_reason}",
        url=reverse("measures:my_returns"),
        event_key=f"period:{period.pk}:deadline:{period.deadline:%Y-%m-%d}:{before:%Y-%m-%d}",
    )
