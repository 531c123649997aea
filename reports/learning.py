"""The paper's "Learning and assurance" section: the reviews the partnership completed in the
quarter and the review actions overdue on the day the paper is built. Plain data for the paper
(``reports.paper.build_paper``), frozen with it on publication, so a later change to a review or
an action never changes a published paper.

What a review shows is what scrutiny may read of it: its kind, title and completion; a rapid
review's timeliness and decision; a published LCSPR's or audit's learning themes. Never its
findings or summary, which are the reviews register's to show to those allowed to see them.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from assurance.models import Review
from assurance.workingdays import RAPID_REVIEW_WORKING_DAYS
from reports.front import date_text

if TYPE_CHECKING:
    from assurance.models import Action

NO_REVIEWS = "No reviews were completed in the quarter."
NO_OVERDUE = "No review actions were overdue."
# What a paper published before it reported learning and assurance says in this section.
NOT_REPORTED = "This version of the paper did not report on learning and assurance."


def _timing(review: Review) -> str:
    days = review.days_taken
    if days is None:
        return ""
    within = "within" if days <= RAPID_REVIEW_WORKING_DAYS else "not within"
    return (
        f"{days} working day{'s' if days != 1 else ''} "
        f"({within} {RAPID_REVIEW_WORKING_DAYS} working days)"
    )


def review_row(review: Review) -> dict[str, Any]:
    """A completed review as the paper lists it (with its ``theme_names``, as
    ``assurance.selectors.reviews_completed_between`` gives it)."""
    published_summary = (
        review.status == Review.Status.PUBLISHED and review.kind in Review.SUMMARY_KINDS
    )
    return {
        "kind": review.kind,
        "kind_label": review.get_kind_display(),
        "title": review.title,
        "completed": date_text(review.completed_on),
        "timing": _timing(review) if review.is_rapid else "",
        "within_timescale": (
            review.days_taken <= RAPID_REVIEW_WORKING_DAYS
            if review.is_rapid and review.days_taken is not None
            else None
        ),
        "decision": review.get_decision_display() if review.is_rapid else "",
        "themes": list(review.theme_names) if published_summary else [],
    }


def overdue_row(action: Action, today: datetime.date) -> dict[str, Any]:
    """An overdue action (its owner and recommendation's review loaded)."""
    days = (today - action.due_on).days
    return {
        "body": action.owner_body.name,
        "action": action.text,
        "lead_role": action.lead_role,
        "review": action.recommendation.review.title,
        "recommendation": action.recommendation.number,
        "due": date_text(action.due_on),
        "days_overdue": days,
        "overdue_text": f"{days} day{'s' if days != 1 else ''}",
    }


def learning(reviews: list[Review], overdue: list[Action], as_at: datetime.date) -> dict[str, Any]:
    """The section: the quarter's completed ``reviews`` and the ``overdue`` actions on
    ``as_at``, the day the paper is built."""
    return {
        "as_at": date_text(as_at),
        "reviews": [review_row(review) for review in reviews],
        "overdue_actions": [overdue_row(action, as_at) for action in overdue],
    }
