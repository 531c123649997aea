"""The partnership's risk register: each risk scored likelihood x impact (1-5 each), with the
scores of every review kept so that its trend shows over time.

A risk's current scores change only by a review (``services.risk_review``), which keeps the
scores it gave; editing a risk changes its description, owner, controls and target.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

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


class Risk(models.Model):
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
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return band_of(self.score)

    @property
    def target_score(self) -> int:
        return self.target_likelihood * self.target_impact

    @property
    def target_band(self) -> str:
        return band_of(self.target_score)

    @property
    def is_review_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.review_date < timezone.localdate()


class RiskReview(models.Model):
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

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return band_of(self.score)
