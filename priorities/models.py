"""The shelves and books of the bookcase: a plan's priorities and the strategies behind them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class PriorityQuerySet(models.QuerySet):
    def current(self):
        """Priorities that have not been retired."""
        return self.filter(retired_on__isnull=True)

    def for_plan(self, plan):
        return self.filter(plan=plan)


class Priority(models.Model):
    """A priority (a shelf) of one plan; it may carry forward priorities of earlier plans."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    continues = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="continued_by",
        help_text="Priorities of earlier plans that this one carries forward.",
    )
    retired_on = models.DateField(null=True, blank=True)
    retired_reason = models.TextField(blank=True)

    objects = PriorityQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[continues])

    class Meta:
        ordering = ["plan", "order"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="priority_order_unique_in_plan"),
            models.CheckConstraint(condition=Q(order__gte=1), name="priority_order_positive"),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | ~Q(retired_reason=""),
                name="retired_priority_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return (
            reverse("plans:plan_detail", kwargs={"slug": self.plan.slug}) + f"#priority-{self.pk}"
        )

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    @property
    def long_label(self) -> str:
        """The priority with its plan, where priorities of several plans are listed together:
        "Healthy Lives (2019-22)"."""
        return f"{self.title} ({self.plan.slug})"


class StrategyQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(status=Strategy.Status.RETIRED)

    def owned_by(self, body):
        return self.filter(owner_body=body)


class Strategy(models.Model):
    """An underpinning strategy (a book), owned by an accountable body with a lead role.

    Independent of any one plan: one strategy can stand on the shelves of several plans.
    """

    class Status(models.TextChoices):
        IN_DEVELOPMENT = "in_development", "In development"
        PUBLISHED = "published", "Published"
        UNDER_REVIEW = "under_review", "Under review"
        RETIRED = "retired", "Retired"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(blank=True)
    owner_body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.PROTECT, related_name="strategies"
    )
    lead_role = models.CharField(max_length=200, help_text="Role title of the accountable lead.")
    governance_route = models.CharField(
        max_length=300, blank=True, help_text="How the strategy reports, e.g. to the Executive."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    review_date = models.DateField(null=True, blank=True)
    document_url = models.URLField(blank=True)
    priorities = models.ManyToManyField(Priority, blank=True, related_name="strategies")

    objects = StrategyQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:strategy_detail", kwargs={"slug": self.slug})
