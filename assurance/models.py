"""The partnership's risk register: each risk scored likelihood x impact (1-5 each), with the
scores of every review kept so that its trend shows over time.

A risk's current scores change only by a review (``services.risk_review``), which keeps the
scores it gave; editing a risk changes its description, owner, controls and target.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from assurance.workingdays import working_days_between
from sscp.uploads import KINDS, FileKind

ONE_TO_FIVE = "Choose a number from 1 to 5."
SCORE_VALIDATORS = [MinValueValidator(1, ONE_TO_FIVE), MaxValueValidator(5, ONE_TO_FIVE)]
LIKELIHOOD_HELP = "1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain."
IMPACT_HELP = "1 negligible, 2 minor, 3 moderate, 4 major, 5 catastrophic."


def score_field(label: str, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=SCORE_VALIDATORS, help_text=help_text)


def in_range(*names: str) -> Q:
    condition = Q()
    for name in names:
        condition &= Q(**{f"{name}__gte": 1, f"{name}__lte": 5})
    return condition


def band_of(score: int) -> str:
    """The band a score falls in (``settings.SSCP_RISK_BANDS``: the lowest score of each)."""
    band = ""
    for lowest, name in settings.SSCP_RISK_BANDS:
        if score >= lowest:
            band = name
    return band


class Scored:
    """Likelihood x impact and its band, for whatever has both: a risk now, a review of it, a
    cell of the heat map."""

    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return band_of(self.score)


class RiskQuerySet(models.QuerySet):
    def with_score(self):
        """Each risk's current score as ``current_score``, to sort and filter by."""
        return self.annotate(current_score=F("likelihood") * F("impact"))


class Risk(Scored, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="risks")
    priority = models.ForeignKey(
        "priorities.Priority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
        help_text="Leave empty for a risk to the whole plan.",
    )
    reference = models.CharField(
        max_length=30, blank=True, help_text="The council's risk reference, e.g. ORG0009."
    )
    title = models.CharField(max_length=200)
    cause = models.TextField(help_text="What could make it happen.")
    consequence = models.TextField(help_text="What would follow for children and families.")
    owner_role = models.CharField("Owner (role title)", max_length=200)
    owner_body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.PROTECT, related_name="risks"
    )
    likelihood = score_field("Likelihood now", LIKELIHOOD_HELP)
    impact = score_field("Impact now", IMPACT_HELP)
    target_likelihood = score_field("Target likelihood", LIKELIHOOD_HELP)
    target_impact = score_field("Target impact", IMPACT_HELP)
    existing_controls = models.TextField(blank=True)
    further_actions = models.TextField(blank=True)
    review_date = models.DateField("Next review by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    objects = RiskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "title"]
        constraints = [
            models.CheckConstraint(
                condition=in_range("likelihood", "impact", "target_likelihood", "target_impact"),
                name="risk_scores_from_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("assurance:risk_detail", kwargs={"pk": self.pk})

    @property
    def target_score(self) -> int:
        return self.target_likelihood * self.target_impact

    @property
    def target_band(self) -> str:
        return band_of(self.target_score)

    @property
    def is_review_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.review_date < timezone.localdate()


class RiskReview(Scored, models.Model):
    """One review of a risk: the scores it gave and why. Kept, never changed: the risk's
    trend."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    likelihood = score_field("Likelihood", LIKELIHOOD_HELP)
    impact = score_field("Impact", IMPACT_HELP)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["risk", "reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=in_range("likelihood", "impact"), name="risk_review_scores_from_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk} reviewed on {self.reviewed_on:%d/%m/%Y}"


# --- the reviews register ---------------------------------------------------------------------

NO_IDENTIFYING_DETAILS = "Never a child's or family's name or other identifying details."


class LearningTheme(models.Model):
    """A theme the partnership's reviews and audits keep finding (early help, neglect, ...):
    a managed list, so that reviews can be counted by theme."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReviewQuerySet(models.QuerySet):
    def published_summaries(self):
        """What scrutiny members read: published LCSPRs and audits."""
        return self.filter(status=Review.Status.PUBLISHED, kind__in=Review.SUMMARY_KINDS)


class Review(models.Model):
    """A review of practice or an audit: what was looked at, who led it, what it found and the
    learning themes it raised. A rapid review also keeps its 15-working-day timetable and its
    decision; an LCSPR its author, family involvement and learning briefing; an audit its scope,
    the agencies that took part and its findings."""

    class Kind(models.TextChoices):
        RAPID = "rapid", "Rapid review"
        LCSPR = "lcspr", "Local child safeguarding practice review (LCSPR)"
        AUDIT = "audit", "Multi-agency audit"
        SECTION_11 = "section11", "Section 11 audit"
        NATIONAL = "national", "National panel review"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        PUBLISHED = "published", "Published"

    class Decision(models.TextChoices):
        LCSPR = "lcspr", "Progress to an LCSPR"
        NO_LCSPR = "no_lcspr", "Not progressing to an LCSPR"

    SUMMARY_KINDS = (Kind.LCSPR, Kind.AUDIT, Kind.SECTION_11)
    AUDIT_KINDS = (Kind.AUDIT, Kind.SECTION_11)
    DONE = (Status.COMPLETE, Status.PUBLISHED)

    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200, help_text=NO_IDENTIFYING_DETAILS)
    lead_body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(blank=True, help_text=NO_IDENTIFYING_DETAILS)
    priorities = models.ManyToManyField(
        "priorities.Priority", blank=True, related_name="reviews", verbose_name="plan priorities"
    )
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="reviews", verbose_name="learning themes"
    )
    # a rapid review
    notified_on = models.DateField(
        "Serious incident notified on",
        null=True,
        blank=True,
        help_text="Rapid reviews: the due date is 15 working days later.",
    )
    due_on = models.DateField("Due by", null=True, blank=True, editable=False)
    completed_on = models.DateField("Completed on", null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    panel_told_on = models.DateField("National panel told on", null=True, blank=True)
    # an LCSPR
    commissioned_on = models.DateField("Commissioned on", null=True, blank=True)
    author_role = models.CharField(
        "Independent author (role)",
        max_length=200,
        blank=True,
        help_text="A role title, never a name.",
    )
    family_involvement = models.TextField(blank=True, help_text=NO_IDENTIFYING_DETAILS)
    published_on = models.DateField("Published on", null=True, blank=True)
    briefing_url = models.URLField("Learning briefing (link)", blank=True)
    # an audit
    scope = models.TextField(blank=True, help_text=NO_IDENTIFYING_DETAILS)
    partners = models.ManyToManyField(
        "plans.Partner", blank=True, related_name="reviews", verbose_name="partners taking part"
    )
    other_agencies = models.TextField(
        "Other agencies taking part",
        blank=True,
        help_text="One a line. " + NO_IDENTIFYING_DETAILS,
    )
    findings = models.TextField(blank=True, help_text=NO_IDENTIFYING_DETAILS)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_on", "-commissioned_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(notified_on__isnull=True)
                | Q(completed_on__gte=F("notified_on")),
                name="review_completed_after_notification",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assurance:review_detail", kwargs={"pk": self.pk})

    def clean(self):
        # here rather than in the service, so that the form names the field instead of the
        # database constraint that would refuse it
        errors = {}
        for field, what in (("completed_on", "completed"), ("panel_told_on", "told the panel")):
            value = getattr(self, field)
            if value and self.notified_on and value < self.notified_on:
                errors[field] = (
                    f"The date {what} cannot be before the notification "
                    f"({self.notified_on:%d/%m/%Y})."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_rapid(self) -> bool:
        return self.kind == self.Kind.RAPID

    @property
    def is_audit(self) -> bool:
        return self.kind in self.AUDIT_KINDS

    @property
    def days_taken(self) -> int | None:
        """Working days from the notification to completion (a rapid review)."""
        if self.notified_on and self.completed_on:
            return working_days_between(self.notified_on, self.completed_on)
        return None

    @property
    def is_late(self) -> bool:
        """A rapid review completed after its due date, or still open past it."""
        if not self.due_on:
            return False
        return (self.completed_on or timezone.localdate()) > self.due_on

    @property
    def other_agency_list(self) -> list[str]:
        return [line.strip() for line in self.other_agencies.splitlines() if line.strip()]


# --- recommendations and their actions --------------------------------------------------------


class Recommendation(models.Model):
    """What a review recommends; its actions say who does what by when."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("Recommendation", help_text=NO_IDENTIFYING_DETAILS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="one_recommendation_number_per_review"
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#recommendation-{self.pk}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Action.CLOSED)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Action(models.Model):
    """One thing a body does towards a recommendation, with a lead (a role) and a due date. The
    body's reporters update it; a business manager signs it off or sends it back."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        COMPLETE = "complete", "Complete"
        SUPERSEDED = "superseded", "Superseded"

    CLOSED = (Status.COMPLETE, Status.SUPERSEDED)
    PROGRESS = (Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK)

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    text = models.TextField("What will be done", help_text=NO_IDENTIFYING_DETAILS)
    owner_body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.PROTECT, related_name="review_actions"
    )
    lead_role = models.CharField("Lead (role title)", max_length=200)
    due_on = models.DateField("Due by")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    awaiting_sign_off = models.BooleanField(default=False)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation}: {Truncator(self.text).chars(60)}"

    def get_absolute_url(self) -> str:
        return reverse("assurance:action_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ActionUpdate(models.Model):
    """A dated note on an action: progress from its body, or a business manager sending it back
    or signing it off. Kept, never changed."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Progress"
        SENT_BACK = "sent_back", "Sent back"
        SIGNED_OFF = "signed_off", "Signed off"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PROGRESS)
    status = models.CharField(max_length=12, choices=Action.Status.choices)
    text = models.TextField(help_text=NO_IDENTIFYING_DETAILS)
    evidence_url = models.URLField("Evidence (link)", blank=True)
    # An evidence file is stored under a random name (``evidence_path``) and only ever served
    # through the action's access check (``assurance:action_evidence``), never from a public
    # address; the name it was uploaded with is kept to show and to download it by.
    evidence_file = models.FileField("Evidence (file)", blank=True, max_length=200)
    evidence_name = models.CharField("Evidence file name", max_length=200, blank=True)
    evidence_size = models.PositiveIntegerField("Evidence file size (bytes)", default=0)
    evidence_type = models.CharField(
        "Evidence file type",
        max_length=8,
        blank=True,
        choices=[(kind.extension, kind.label) for kind in KINDS.values()],
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["action", "written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {timezone.localdate(self.written_at):%d/%m/%Y}"

    @property
    def evidence_kind(self) -> FileKind | None:
        return KINDS.get(self.evidence_type)


def evidence_path(extension: str) -> str:
    """Where a new evidence file is stored: a name no one can guess from another."""
    return f"assurance/evidence/{uuid.uuid4().hex}.{extension}"
