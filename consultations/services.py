"""Changes to consultations, feedback, commitments, documents and engagement groups.

Every function validates before it writes, writes inside one transaction, records who made the
change in the history, and raises ``ValidationError`` keyed by the form field a person would
correct. A change to an existing row locks it first, and is refused when someone else has saved
the row since the form was opened (``seen_change``: see ``sscp.editing``). The ``*_refusals``
functions hold the rules: each returns why an action cannot go ahead (empty when it can). Forms
call them to show the reasons beside the fields, and the writing functions call them again, and
refuse, so that no caller can skip them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from priorities.models import Priority
from sscp.editing import ensure_unchanged_since

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Addresses under /consultations/ that a consultation's slug must not take.
RESERVED_SLUGS = frozenset(
    {"new", "commitments", "groups", "plans", "priorities", "feedback", "updates", "documents"}
)

NEEDS_PRIORITY = (
    "Link this to at least one priority it informed, or tick “Not linked to a priority”."
)
LINKED_AND_NOT_LINKED = (
    "Either link this to priorities or tick “Not linked to a priority”, not both."
)
DONE_NEEDS_UPDATE = (
    "Say what was done: a commitment marked done needs an update saying what was done."
)
NOT_DONE_NEEDS_REASON = "Say why the commitment was not done."


# --- saving with history ----------------------------------------------------------------------


def _save(obj: models.Model, *, user: User | None) -> None:
    obj._history_user = user
    obj.full_clean()
    obj.save()


def _save_with_links(
    obj: models.Model, *, user: User | None, links: dict[str, Iterable[models.Model]]
) -> None:
    """Save ``obj`` and set its many-to-many ``links``, recording ONE history entry.

    django-simple-history would otherwise record an entry for every link added or removed. The
    row and its links are saved with history paused; then the post_save signal is sent once, so
    the history entry (created or changed) holds the fields and the links together.
    """
    created = obj._state.adding
    obj._history_user = user
    obj.full_clean()
    obj.skip_history_when_saving = True
    try:
        obj.save()
        for name, related in links.items():
            getattr(obj, name).set(list(related))
    finally:
        del obj.skip_history_when_saving
    post_save.send(
        sender=type(obj),
        instance=obj,
        created=created,
        update_fields=None,
        raw=False,
        using=router.db_for_write(type(obj), instance=obj),
    )


def _delete(obj: models.Model, *, user: User | None) -> None:
    obj._history_user = user
    obj.delete()


def _refuse_if_any(refusals: dict[str, str] | list[str]) -> None:
    """Refuse the change with the reasons a ``*_refusals`` function gave, if it gave any."""
    if refusals:
        raise ValidationError(refusals)


# --- engagement groups ------------------------------------------------------------------------


@transaction.atomic
def group_save(
    *, group: EngagementGroup, user: User | None, seen_change: int | None = None
) -> EngagementGroup:
    """Create or change an engagement group (its fields already set on ``group``)."""
    if group.pk:
        ensure_unchanged_since(group, seen_change)
    group.name = group.name.strip()
    _save(group, user=user)
    return group


def group_delete_refusals(group: EngagementGroup) -> list[str]:
    """Why ``group`` cannot be deleted. A group that took part in a consultation stays: it is
    part of the record of who was consulted. Only a group added by mistake can be deleted."""
    used = group.consultations.count()
    if used:
        return [
            f"{group.name} took part in {used} consultation{'s' if used != 1 else ''}, so it "
            "cannot be deleted: it is part of the record of who was consulted. You can change "
            "its name or description instead."
        ]
    return []


@transaction.atomic
def group_delete(*, group: EngagementGroup, user: User | None) -> None:
    """Delete a group that took part in no consultation."""
    _refuse_if_any(group_delete_refusals(group))
    _delete(group, user=user)


# --- consultations ----------------------------------------------------------------------------


def consultation_save_refusals(
    *,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    children_reached: int | None,
    professionals_reached: int | None,
    slug: str = "",
    methods: Iterable[str] = (),
) -> dict[str, str]:
    """Why a consultation cannot be saved, by form field: dates out of order, a negative
    count, an unknown method, or a slug that is the address of another page."""
    errors = {}
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = (
            "The end date must be the same as or after the start date "
            f"({start_date:%-d %B %Y}): a consultation cannot end before it starts."
        )
    for field, who in (
        ("children_reached", "children and young people"),
        ("professionals_reached", "professionals"),
    ):
        count = children_reached if field == "children_reached" else professionals_reached
        if count is not None and count < 0:
            errors[field] = f"The number of {who} reached cannot be less than 0."
    unknown = [method for method in methods if method not in Consultation.Method.values]
    if unknown:
        errors["methods"] = f"Unknown method: {', '.join(unknown)}."
    if slug in RESERVED_SLUGS:
        errors["slug"] = (
            f"“{slug}” is already the address of another page. Choose a different web address."
        )
    return errors


def _free_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:90].strip("-") or "consultation"
    taken = (
        set(
            Consultation.objects.filter(slug__startswith=base)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        | RESERVED_SLUGS
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def consultation_save(
    *,
    consultation: Consultation,
    groups: Iterable[EngagementGroup],
    user: User | None,
    seen_change: int | None = None,
) -> Consultation:
    """Create or change a consultation with the groups it reached.

    A blank slug is made from the title. Refuses an end before the start, negative counts, a
    reserved slug and an edit of a consultation someone else has saved since ``seen_change``.
    """
    if consultation.pk:
        ensure_unchanged_since(consultation, seen_change)
    consultation.slug = consultation.slug or _free_slug(
        consultation.title, exclude_pk=consultation.pk
    )
    _refuse_if_any(
        consultation_save_refusals(
            start_date=consultation.start_date,
            end_date=consultation.end_date,
            children_reached=consultation.children_reached,
            professionals_reached=consultation.professionals_reached,
            slug=consultation.slug,
            methods=consultation.methods,
        )
    )
    _save_with_links(consultation, user=user, links={"groups": groups})
    return consultation


@transaction.atomic
def consultation_delete(*, consultation: Consultation, user: User | None) -> None:
    """Delete a consultation with its feedback, commitments, updates and documents; the history
    of each is kept."""
    for update in CommitmentUpdate.objects.filter(commitment__consultation=consultation):
        _delete(update, user=user)
    for model in (Commitment, ConsultationDocument):
        for row in model.objects.filter(consultation=consultation):
            _delete(row, user=user)
    for item in Feedback.objects.filter(consultation=consultation):
        _delete(item, user=user)
    _delete(consultation, user=user)


# --- feedback ---------------------------------------------------------------------------------


def feedback_save_refusals(*, priorities: Iterable[Priority], not_linked: bool) -> dict[str, str]:
    """Why an item we were told cannot be saved, by form field: every item says which
    priorities it informed, or says plainly that it informed none."""
    linked = bool(list(priorities))
    if not linked and not not_linked:
        return {"priorities": NEEDS_PRIORITY}
    if linked and not_linked:
        return {"not_linked": LINKED_AND_NOT_LINKED}
    return {}


@transaction.atomic
def feedback_save(
    *,
    feedback: Feedback,
    priorities: Iterable[Priority],
    user: User | None,
    seen_change: int | None = None,
) -> Feedback:
    """Create or change one thing we were told, with the priorities it informed.

    A new item goes to the end of its consultation's list.
    """
    priorities = list(priorities)
    if feedback.pk:
        ensure_unchanged_since(feedback, seen_change)
    else:
        last = Feedback.objects.filter(consultation=feedback.consultation).aggregate(
            last=models.Max("order")
        )["last"]
        feedback.order = (last or 0) + 1
    _refuse_if_any(feedback_save_refusals(priorities=priorities, not_linked=feedback.not_linked))
    _save_with_links(feedback, user=user, links={"priorities": priorities})
    return feedback


@transaction.atomic
def feedback_delete(*, feedback: Feedback, user: User | None) -> None:
    """Delete one item; commitments that answered it stay, no longer tied to it."""
    for commitment in feedback.commitments.all():
        commitment.feedback = None
        _save(commitment, user=user)
    _delete(feedback, user=user)


# --- commitments ------------------------------------------------------------------------------


def commitment_save_refusals(
    *,
    consultation: Consultation,
    status: str,
    status_reason: str,
    feedback: Feedback | None,
    previous_status: str | None,
    has_updates: bool,
    update_text: str,
    update_date: datetime.date | None,
) -> dict[str, str]:
    """Why a commitment, and the update that may come with a change of status, cannot be
    saved, by form field. The rules:

    - not done needs a reason;
    - done needs an update saying what was done: a new one when it becomes done, or at least
      one already there when it stays done;
    - the item it answers was said in the same consultation;
    - an update's date is not in the future.
    """
    errors = {}
    if status == Commitment.Status.NOT_DONE and not status_reason.strip():
        errors["status_reason"] = NOT_DONE_NEEDS_REASON
    if status == Commitment.Status.DONE and not update_text.strip():
        becomes_done = previous_status != Commitment.Status.DONE
        if becomes_done or not has_updates:
            errors["update_text"] = DONE_NEEDS_UPDATE
    if feedback is not None and feedback.consultation_id != consultation.pk:
        errors["feedback"] = "Choose something that was said in this consultation."
    if update_text.strip():
        # the update's own rules, shown beside the commitment form's update fields
        refusals = commitment_update_save_refusals(date=update_date, text=update_text)
        errors.update({f"update_{field}": reason for field, reason in refusals.items()})
    return errors


@transaction.atomic
def commitment_save(
    *,
    commitment: Commitment,
    user: User | None,
    update_text: str = "",
    update_date: datetime.date | None = None,
    seen_change: int | None = None,
) -> Commitment:
    """Create or change a commitment; ``update_text`` adds a dated update at the same time.

    A reason given for "not done" is cleared when the status is anything else.
    """
    previous_status = None
    has_updates = False
    if commitment.pk:
        ensure_unchanged_since(commitment, seen_change)
        previous_status = (
            Commitment.objects.filter(pk=commitment.pk).values_list("status", flat=True).get()
        )
        has_updates = commitment.updates.exists()
    if commitment.status != Commitment.Status.NOT_DONE:
        commitment.status_reason = ""
    _refuse_if_any(
        commitment_save_refusals(
            consultation=commitment.consultation,
            status=commitment.status,
            status_reason=commitment.status_reason,
            feedback=commitment.feedback,
            previous_status=previous_status,
            has_updates=has_updates,
            update_text=update_text,
            update_date=update_date,
        )
    )
    _save(commitment, user=user)
    if update_text.strip():
        _save(
            CommitmentUpdate(
                commitment=commitment, date=update_date, text=update_text.strip(), author=user
            ),
            user=user,
        )
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment, user: User | None) -> None:
    """Delete a commitment and its updates; the history of each is kept."""
    for update in commitment.updates.all():
        _delete(update, user=user)
    _delete(commitment, user=user)


# --- updates on commitments -------------------------------------------------------------------


def commitment_update_save_refusals(*, date: datetime.date | None, text: str) -> dict[str, str]:
    """Why a dated update on a commitment cannot be saved, by form field: it needs a date, not
    in the future, and words saying what happened."""
    errors = {}
    if date is None:
        errors["date"] = "Give the date of the update."
    elif date > timezone.localdate():
        errors["date"] = "An update cannot be dated in the future."
    if not text.strip():
        errors["text"] = "Say what happened."
    return errors


@transaction.atomic
def commitment_update_save(
    *, update: CommitmentUpdate, user: User | None, seen_change: int | None = None
) -> CommitmentUpdate:
    """Add or correct a dated update on a commitment; the first author is kept."""
    if update.pk:
        ensure_unchanged_since(update, seen_change)
    else:
        update.author = user
    _refuse_if_any(commitment_update_save_refusals(date=update.date, text=update.text))
    _save(update, user=user)
    return update


def commitment_update_delete_refusals(update: CommitmentUpdate) -> list[str]:
    """Why ``update`` cannot be deleted. The last update of a done commitment stays: it says
    what was done."""
    commitment = update.commitment
    if (
        commitment.status == Commitment.Status.DONE
        and not commitment.updates.exclude(pk=update.pk).exists()
    ):
        return [
            "This is the only update saying what was done for a commitment marked done, so it "
            "cannot be deleted. Add another update first, or change the commitment's status."
        ]
    return []


@transaction.atomic
def commitment_update_delete(*, update: CommitmentUpdate, user: User | None) -> None:
    """Delete an update, unless it is the one saying what a done commitment did."""
    _refuse_if_any(commitment_update_delete_refusals(update))
    _delete(update, user=user)


# --- documents and links ----------------------------------------------------------------------


@transaction.atomic
def document_save(
    *, document: ConsultationDocument, user: User | None, seen_change: int | None = None
) -> ConsultationDocument:
    """Add or change a document; one without a link needs a note saying where to find it."""
    if document.pk:
        ensure_unchanged_since(document, seen_change)
    else:
        last = ConsultationDocument.objects.filter(consultation=document.consultation).aggregate(
            last=models.Max("order")
        )["last"]
        document.order = (last or 0) + 1
    if not document.url and not document.note.strip():
        _refuse_if_any({"note": "Give a link, or say where the document can be found."})
    _save(document, user=user)
    return document


@transaction.atomic
def document_delete(*, document: ConsultationDocument, user: User | None) -> None:
    _delete(document, user=user)
