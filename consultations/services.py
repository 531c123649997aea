"""Changes to consultations, feedback, commitments, documents and engagement groups.

Every function validates before it writes, writes inside one transaction, records who made the
change in the history, and raises ``ValidationError`` keyed by the form field a person would
correct. The ``check_*`` functions hold the rules; forms call them to show errors beside the
fields, and the writing functions call them again so that no caller can skip them.
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

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from priorities.models import Priority

# Addresses under /consultations/ that a consultation's slug must not take.
RESERVED_SLUGS = frozenset(
    {"new", "commitments", "groups", "plans", "priorities", "feedback", "updates", "documents"}
)

STALE_MESSAGE = (
    "Someone else saved a change to this since you opened the form, so your changes were not "
    "saved. Reload the page to see the latest version, then make your changes again."
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


# --- versions (no lost updates) ---------------------------------------------------------------


def edit_version(obj: models.Model) -> int:
    """A number that changes whenever ``obj`` is saved: the id of its newest history record.

    Forms carry it; a save whose number no longer matches is refused (see ``STALE_MESSAGE``).
    """
    newest = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return newest or 0


def _check_version(obj: models.Model, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != edit_version(obj):
        raise ValidationError(STALE_MESSAGE, code="stale")


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


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


# --- engagement groups ------------------------------------------------------------------------


@transaction.atomic
def group_save(
    *, group: EngagementGroup, user: User | None, expected_version: int | None = None
) -> EngagementGroup:
    """Create or change an engagement group (its fields already set on ``group``)."""
    if group.pk:
        _check_version(group, expected_version)
    group.name = group.name.strip()
    _save(group, user=user)
    return group


def check_group_delete(group: EngagementGroup) -> None:
    """A group that took part in a consultation stays: it is part of the record of who was
    consulted. Only a group added by mistake can be deleted."""
    used = group.consultations.count()
    if used:
        raise ValidationError(
            f"{group.name} took part in {used} consultation{'s' if used != 1 else ''}, so it "
            "cannot be deleted: it is part of the record of who was consulted. You can change "
            "its name or description instead.",
            code="in_use",
        )


@transaction.atomic
def group_delete(*, group: EngagementGroup, user: User | None) -> None:
    """Delete a group that took part in no consultation."""
    check_group_delete(group)
    _delete(group, user=user)


# --- consultations ----------------------------------------------------------------------------


def check_consultation(
    *,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    children_reached: int | None,
    professionals_reached: int | None,
    slug: str = "",
    methods: Iterable[str] = (),
) -> None:
    """Dates in order, counts not negative, known methods, a slug that is free to use."""
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
    _raise(errors)


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
    expected_version: int | None = None,
) -> Consultation:
    """Create or change a consultation with the groups it reached.

    A blank slug is made from the title. Refuses an end before the start, negative counts, a
    reserved slug and a version someone else has changed since the form was opened.
    """
    if consultation.pk:
        _check_version(consultation, expected_version)
    consultation.slug = consultation.slug or _free_slug(
        consultation.title, exclude_pk=consultation.pk
    )
    check_consultation(
        start_date=consultation.start_date,
        end_date=consultation.end_date,
        children_reached=consultation.children_reached,
        professionals_reached=consultation.professionals_reached,
        slug=consultation.slug,
        methods=consultation.methods,
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


def check_feedback(*, priorities: Iterable[Priority], not_linked: bool) -> None:
    """Every item says which priorities it informed, or says plainly that it informed none."""
    linked = bool(list(priorities))
    if not linked and not not_linked:
        _raise({"priorities": NEEDS_PRIORITY})
    if linked and not_linked:
        _raise({"not_linked": LINKED_AND_NOT_LINKED})


@transaction.atomic
def feedback_save(
    *,
    feedback: Feedback,
    priorities: Iterable[Priority],
    user: User | None,
    expected_version: int | None = None,
) -> Feedback:
    """Create or change one thing we were told, with the priorities it informed.

    A new item goes to the end of its consultation's list.
    """
    priorities = list(priorities)
    if feedback.pk:
        _check_version(feedback, expected_version)
    else:
        last = Feedback.objects.filter(consultation=feedback.consultation).aggregate(
            last=models.Max("order")
        )["last"]
        feedback.order = (last or 0) + 1
    check_feedback(priorities=priorities, not_linked=feedback.not_linked)
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


def check_commitment(
    *,
    consultation: Consultation,
    status: str,
    status_reason: str,
    feedback: Feedback | None,
    previous_status: str | None,
    has_updates: bool,
    update_text: str,
    update_date: datetime.date | None,
) -> None:
    """The rules of a commitment and the update that may come with a change of status.

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
        errors.update(_update_date_errors(update_date))
    _raise(errors)


def _update_date_errors(date: datetime.date | None) -> dict[str, str]:
    if date is None:
        return {"update_date": "Give the date of the update."}
    if date > timezone.localdate():
        return {"update_date": "An update cannot be dated in the future."}
    return {}


@transaction.atomic
def commitment_save(
    *,
    commitment: Commitment,
    user: User | None,
    update_text: str = "",
    update_date: datetime.date | None = None,
    expected_version: int | None = None,
) -> Commitment:
    """Create or change a commitment; ``update_text`` adds a dated update at the same time.

    A reason given for "not done" is cleared when the status is anything else.
    """
    previous_status = None
    has_updates = False
    if commitment.pk:
        _check_version(commitment, expected_version)
        previous_status = (
            Commitment.objects.filter(pk=commitment.pk).values_list("status", flat=True).get()
        )
        has_updates = commitment.updates.exists()
    if commitment.status != Commitment.Status.NOT_DONE:
        commitment.status_reason = ""
    check_commitment(
        consultation=commitment.consultation,
        status=commitment.status,
        status_reason=commitment.status_reason,
        feedback=commitment.feedback,
        previous_status=previous_status,
        has_updates=has_updates,
        update_text=update_text,
        update_date=update_date,
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


@transaction.atomic
def commitment_update_save(
    *, update: CommitmentUpdate, user: User | None, expected_version: int | None = None
) -> CommitmentUpdate:
    """Add or correct a dated update on a commitment; the first author is kept."""
    if update.pk:
        _check_version(update, expected_version)
    else:
        update.author = user
    errors = {
        "date" if key == "update_date" else key: message
        for key, message in _update_date_errors(update.date).items()
    }
    if not update.text.strip():
        errors["text"] = "Say what happened."
    _raise(errors)
    _save(update, user=user)
    return update


def check_commitment_update_delete(update: CommitmentUpdate) -> None:
    """The last update of a done commitment stays: it says what was done."""
    commitment = update.commitment
    if (
        commitment.status == Commitment.Status.DONE
        and not commitment.updates.exclude(pk=update.pk).exists()
    ):
        raise ValidationError(
            "This is the only update saying what was done for a commitment marked done, so it "
            "cannot be deleted. Add another update first, or change the commitment's status.",
            code="last_update_of_done",
        )


@transaction.atomic
def commitment_update_delete(*, update: CommitmentUpdate, user: User | None) -> None:
    check_commitment_update_delete(update)
    _delete(update, user=user)


# --- documents and links ----------------------------------------------------------------------


@transaction.atomic
def document_save(
    *, document: ConsultationDocument, user: User | None, expected_version: int | None = None
) -> ConsultationDocument:
    """Add or change a document; one without a link needs a note saying where to find it."""
    if document.pk:
        _check_version(document, expected_version)
    else:
        last = ConsultationDocument.objects.filter(consultation=document.consultation).aggregate(
            last=models.Max("order")
        )["last"]
        document.order = (last or 0) + 1
    if not document.url and not document.note.strip():
        _raise({"note": "Give a link, or say where the document can be found."})
    _save(document, user=user)
    return document


@transaction.atomic
def document_delete(*, document: ConsultationDocument, user: User | None) -> None:
    _delete(document, user=user)
