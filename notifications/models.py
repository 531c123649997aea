"""Notifications: each hand-over between people (a return submitted, sent back, approved; a
quarter opened; a report published ...) tells the people who must act or should know, in the
app and, as each person prefers, by e-mail at once or in a daily digest."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Kind(models.TextChoices):
    QUARTER_OPENED = "quarter_opened", "A quarter opened for returns"
    DEADLINE = "deadline", "Returns due soon or overdue"
    DEADLINE_CHANGED = "deadline_changed", "A quarter's deadline moved"
    CHASE = "chase", "A reminder from the business manager"
    RETURN_SUBMITTED = "return_submitted", "A return submitted for review"
    RETURN_SENT_BACK = "return_sent_back", "A return sent back for amendment"
    RETURN_APPROVED = "return_approved", "A return approved"
    RETURN_REOPENED = "return_reopened", "An approved return reopened"
    REPORT_PUBLISHED = "report_published", "A progress report published"
    COMMITMENT = "commitment", "Commitments to young people due or overdue"
    ACTION_DUE = "action_due", "Review actions due soon or overdue"
    YEARLY_REPORT = "yearly_report", "A yearly report to sign, changed after signing, or published"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "By e-mail straight away"
    DIGEST = "digest", "In a daily e-mail digest"
    IN_APP = "in_app", "In SSCP Plans only"


# Kinds that ask the reader to do something: the home page's "waiting for you".
ACTION_KINDS = (
    Kind.DEADLINE,
    Kind.CHASE,
    Kind.RETURN_SUBMITTED,
    Kind.RETURN_SENT_BACK,
    Kind.RETURN_REOPENED,
    Kind.COMMITMENT,
    Kind.ACTION_DUE,
)


class Notification(models.Model):
    """One thing one person is told. ``event_key`` names the change it tells of, so one change
    never tells the same person twice (a retried or double-submitted change included)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, help_text="Where the thing is, a path on this site.")
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)
    email = models.ForeignKey(
        "sscp.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The e-mail that carried it (at once or in a digest).",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="one_notification_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self):
        return f"{self.title} (to {self.recipient_id})"

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", kwargs={"pk": self.pk})


class Preference(models.Model):
    """How one person wants one kind of notification; without a row, ``DEFAULT_DELIVERY``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.kind} {self.delivery}"


DEFAULT_DELIVERY = dict.fromkeys(Kind, Delivery.IMMEDIATE)
