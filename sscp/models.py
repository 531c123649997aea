from django.conf import settings
from django.db import models


class DataVersion(models.Model):
    """The version of one area of data (plans, measures, ...), changed in the same transaction
    as every write to that area, so a cached page keyed by it can never outlive its data.

    ``version`` is a fresh random number on every change rather than a counter: a rolled-back
    transaction (or a test) can never hand out again a number some cache entry was made under.
    Read and changed only through ``sscp.cache``.
    """

    area = models.CharField(max_length=32, primary_key=True)
    version = models.BigIntegerField()
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.area} {self.version}"


class PasswordChangeFailures(models.Model):
    """Wrong current passwords given on the password change page by one person: how many, and
    when the last counted one was. Kept in the database so that every app server and worker
    counts together. Read and changed only through ``sscp.sign_in``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)
    last_failed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "password change failures"

    def __str__(self):
        return f"{self.count} wrong current password(s), last at {self.last_failed_at}"


class OutgoingEmail(models.Model):
    """One e-mail waiting to go, or gone: written in the same transaction as the change it tells
    of, sent after that transaction commits, retried when the mail server fails, and never sent
    twice (a message is claimed under a row lock before it goes). Read and changed only through
    ``sscp.mail``."""

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True, help_text="The HTML version, when there is one.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="outgoing_due")]

    def __str__(self):
        state = "sent" if self.sent_at else f"waiting ({self.attempts} attempts)"
        return f"{self.subject} to {self.to}: {state}"
