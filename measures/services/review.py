"""Approving several returns at once, from the review queue.

Only returns on target are approved in bulk (``measures.rules.on_target``: RAG green, not
changed by hand); anything amber, red, not rated or overridden is worth a look one by one. Each
approval goes through ``return_approve`` with the version the reviewer was shown, in its own
transaction: one return that changed since (or that someone else approved first) is skipped and
reported, and the approvals of the others stand. One transaction for the lot would undo forty
sound approvals because of one late change, and would hold forty row locks while it ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst

from measures import queue
from measures.models import Rag, Return
from measures.rules import on_target, reviews_return, submitted_it_themselves
from measures.services.returns import StaleReturnError, return_approve

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def return_bulk_approve_refusals(*, ret: Return, user: User) -> list[str]:
    """Why the return cannot be approved with others from the review queue (empty when it
    can): it must be submitted, the user's to review and not their own, and on target."""
    if ret.status != Return.Status.SUBMITTED:
        return [f"It is no longer waiting for review: it is {ret.get_status_display().lower()}."]
    if not reviews_return(user, ret):
        return ["It is not yours to review."]
    if submitted_it_themselves(user, ret):
        return [f"You submitted it, so {ret.awaiting_whom} must review it."]
    if ret.is_rag_overridden:
        return [
            f"Its RAG was changed by hand from {ret.get_calculated_rag_display().lower()} to "
            f"{ret.get_rag_display().lower()}: review it on its own page."
        ]
    if not on_target(ret):
        return [
            f"It is not on target (RAG {Rag(ret.rag).label.lower()}): review it on its own page."
        ]
    return []


@dataclass
class BulkApproval:
    """What approving several returns did: those approved, and those skipped with why."""

    approved: list[Return] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (return, why)


def returns_approve_on_target(*, user: User, versions: dict[int, int]) -> BulkApproval:
    """Approve each return in ``versions`` (return id: the version the user was shown) that
    is on target and the user's to review, each in its own transaction through
    ``return_approve``; skip, with the reason, any that is not, or that changed since."""
    result = BulkApproval()
    found = {ret.pk: ret for ret in queue.returns_for_bulk_approval(versions)}
    for pk, version in versions.items():
        ret = found.get(pk)
        if ret is None:
            result.skipped.append((f"Return {pk}", "It no longer exists."))
            continue
        label = f"{ret.measure} for {ret.period}"
        if ret.version != version:
            result.skipped.append((label, "It changed after you checked it: open it to see how."))
            continue
        refusals = return_bulk_approve_refusals(ret=ret, user=user)
        if refusals:
            result.skipped.append((label, " ".join(refusals)))
            continue
        try:
            result.approved.append(return_approve(ret=ret, user=user, expected_version=version))
        except StaleReturnError as error:
            result.skipped.append((label, f"{capfirst(error.changed_by)} changed it a moment ago."))
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", [str(error)]))
            result.skipped.append((label, reason))
    return result
