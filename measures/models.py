"""Measures, the quarters they are reported for, and the quarterly returns."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sscp.cache import FIGURES


class Rag(models.TextChoices):
    """Red / amber / green; shown with its word and a shape, never by colour alone."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    NOT_RATED = "not_rated", "Not rated"


class MeasureQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def reported_by(self, bodies):
        return self.filter(reporting_body__in=bodies)


class Measure(models.Model):
    """A measure a strategy contributes to a priority, reported quarterly by one body."""

    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        PERCENTAGE = "percentage", "Percentage"
        DAYS = "days", "Days"
        RATE = "rate", "Rate per 10,000 children"
        SCORE = "score", "Score"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NONE = "none", "No target (monitored)"

    priority = models.ForeignKey(
        "priorities.Priority", on_delete=models.PROTECT, related_name="measures"
    )
    strategy = models.ForeignKey(
        "priorities.Strategy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    reporting_body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.PROTECT, related_name="measures"
    )
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    baseline = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        help_text="How far short of target is still amber rather than red.",
    )
    data_source = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    reporting_from = models.DateField(
        "first quarter of reporting",
        null=True,
        blank=True,
        help_text="Returns are due for the quarters whose deadline is on or after this date, so "
        "a measure added after a quarter's deadline is not overdue for that quarter. Empty: "
        "every quarter of its plan.",
    )

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority__plan", "priority__order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tolerance__gte=0), name="measure_tolerance_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(unit="percentage")
                | (
                    (Q(target__isnull=True) | Q(target__gte=0, target__lte=100))
                    & (Q(baseline__isnull=True) | Q(baseline__gte=0, baseline__lte=100))
                ),
                name="measure_percentage_within_0_100",
            ),
            models.CheckConstraint(
                condition=Q(polarity="none", target__isnull=True)
                | (~Q(polarity="none") & Q(target__isnull=False)),
                name="measure_target_matches_polarity",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("measures:measure_detail", kwargs={"pk": self.pk})

    def value_error(self, value: Decimal) -> str | None:
        """Why ``value`` cannot be this measure's figure, or None when it can: a percentage
        lies within 0-100, a count is a whole number, and only a score may be negative."""
        if self.unit == self.Unit.PERCENTAGE and not Decimal("0") <= value <= Decimal("100"):
            return "A percentage must be between 0 and 100."
        if self.unit != self.Unit.SCORE and value < 0:
            return f"A {self.get_unit_display().lower()} cannot be negative."
        if self.unit == self.Unit.COUNT and value != value.to_integral_value():
            return "A count must be a whole number."
        return None

    def rag_for(self, value: Decimal | None) -> str:
        """The RAG a value earns against this measure's target, tolerance and polarity."""
        if value is None or self.target is None or self.polarity == self.Polarity.NONE:
            return Rag.NOT_RATED
        shortfall = (
            self.target - value if self.polarity == self.Polarity.HIGHER else value - self.target
        )
        if shortfall <= 0:
            return Rag.GREEN
        if shortfall <= self.tolerance:
            return Rag.AMBER
        return Rag.RED


class ReportingPeriodQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def closed_before(self, day: datetime.date):
        return self.filter(end_date__lt=day)

    def with_return_counts(self, **counts: str | None):
        """Each quarter with, for each ``name=status``, how many of its returns are in that
        status (``None``: all). Counted per quarter on the (quarter, status) index rather than
        by joining every return ever made and grouping them, so a page of quarters costs the
        same however many returns there are."""

        def counted(status: str | None) -> Coalesce:
            returns = Return.objects.filter(period=OuterRef("pk"))
            if status is not None:
                returns = returns.filter(status=status)
            number = returns.order_by().values("period").annotate(n=Count("*")).values("n")
            return Coalesce(Subquery(number, output_field=models.IntegerField()), 0)

        return self.annotate(**{name: counted(status) for name, status in counts.items()})


class ReportingPeriod(models.Model):
    """A quarter of a UK financial year (Q1 = April to June ... Q4 = January to March)."""

    financial_year = models.PositiveSmallIntegerField(
        help_text="The calendar year the financial year starts in: 2022 for 2022-23."
    )
    quarter = models.PositiveSmallIntegerField()
    start_date = models.DateField()
    end_date = models.DateField()
    deadline = models.DateField(help_text="Returns are due by this date.")
    is_open = models.BooleanField(default=False, help_text="Returns can be entered and submitted.")
    deadline_reason = models.TextField(
        blank=True, help_text="Why the deadline was last moved; earlier reasons are in the history."
    )

    objects = ReportingPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "quarter"], name="one_period_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("end_date")), name="deadline_after_quarter_end"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("measures:period_detail", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        return f"Q{self.quarter} {self.financial_year}-{(self.financial_year + 1) % 100:02d}"

    @staticmethod
    def quarter_dates(financial_year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
        """First and last day of a financial-year quarter; ValueError unless quarter is 1-4."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"A financial year has quarters 1 to 4, not {quarter}.")
        first_month = (3 + 3 * (quarter - 1)) % 12 + 1
        year = financial_year if quarter < 4 else financial_year + 1
        start = datetime.date(year, first_month, 1)
        next_start = (
            datetime.date(year + 1, 1, 1)
            if first_month == 10
            else datetime.date(year, first_month + 3, 1)
        )
        return start, next_start - datetime.timedelta(days=1)


class ReturnQuerySet(models.QuerySet):
    def for_period(self, period):
        return self.filter(period=period)

    def overdue(self, today: datetime.date):
        return self.filter(period__deadline__lt=today, status__in=EDITABLE_STATUSES)


class Return(models.Model):
    """One measure's figure for one quarter, with its RAG, commentary and review trail."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Sent back for amendment"
        APPROVED = "approved", "Approved"

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="returns")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="returns")
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    not_available = models.BooleanField(default=False)
    not_available_reason = models.TextField(blank=True)
    calculated_rag = models.CharField(max_length=10, choices=Rag.choices, default=Rag.NOT_RATED)
    rag = models.CharField(max_length=10, choices=Rag.choices, default=Rag.NOT_RATED)
    rag_override_reason = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    feedback = models.TextField(blank=True, help_text="The reviewer's feedback when returned.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    entered_by_manager = models.BooleanField(
        default=False,
        help_text="Submitted by a business manager on the body's behalf (figures received by "
        "e-mail): the body's chair or deputy chair, or another business manager, confirms it.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1,
        help_text="Raised by every change made through the services; a stale version is refused.",
    )

    objects = ReturnQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period__start_date", "measure__title"]
        # The review queue reads returns by status; the quarters' counts by quarter and status.
        indexes = [
            models.Index(fields=["status", "period"], name="return_status_period"),
            models.Index(fields=["period", "status"], name="return_period_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="one_return_per_measure_period"
            ),
            models.CheckConstraint(
                condition=Q(not_available=False)
                | (Q(value__isnull=True) & ~Q(not_available_reason="")),
                name="return_not_available_has_reason_no_value",
            ),
            models.CheckConstraint(
                condition=Q(rag=models.F("calculated_rag")) | ~Q(rag_override_reason=""),
                name="return_rag_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(value__isnull=False) | Q(not_available=True),
                name="return_beyond_draft_has_value",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(submitted_by__isnull=False) & Q(submitted_at__isnull=False)),
                name="return_beyond_draft_was_submitted",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (Q(reviewed_by__isnull=False) & ~Q(reviewed_by=models.F("submitted_by"))),
                name="return_approved_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} — {self.period}"

    def get_absolute_url(self) -> str:
        return (
            reverse("measures:measure_detail", kwargs={"pk": self.measure_id})
            + f"#return-{self.pk}"
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._status_when_read = instance.__dict__.get("status")
        return instance

    def changed_data_areas(self) -> tuple[str, ...]:
        """Besides every page that shows returns, a save or delete of this return changes the
        pages that show approved figures only when it is, or was when read, approved: saving or
        submitting a draft leaves the Plan on a Page and the readers' pages in the page cache
        (``sscp.cache``)."""
        approved = self.Status.APPROVED
        was = getattr(self, "_status_when_read", None)
        return (FIGURES,) if approved in (self.status, was) else ()

    @property
    def awaiting_whom(self) -> str:
        """Who may approve the return while it is submitted: the business manager, or for
        figures a manager entered on the body's behalf, the body's chair or deputy chair or
        another business manager (``measures.rules.can_review_return``)."""
        if self.entered_by_manager:
            return (
                f"the chair or deputy chair of {self.measure.reporting_body}, or another "
                "business manager"
            )
        return "a business manager"

    def clean(self) -> None:
        """The CHECK constraints' rules in words, so that a save breaking one is refused with a
        message rather than a database error (the services check most of them first)."""
        errors: dict[str, str | list[str]] = {}
        general: list[str] = []  # rules no form field answers for
        beyond_draft = self.status != self.Status.DRAFT
        if self.not_available:
            if self.value is not None:
                errors["value"] = "Leave the value empty when the figure is not available."
            if not self.not_available_reason:
                errors["not_available_reason"] = "Say why the figure is not available."
        elif beyond_draft and self.value is None:
            errors["value"] = "Enter the value, or tick “Not available” and say why."
        if self.rag != self.calculated_rag and not self.rag_override_reason:
            errors["rag_override_reason"] = (
                f"Say why the RAG is {self.get_rag_display().lower()} rather than the calculated "
                f"{self.get_calculated_rag_display().lower()}."
            )
        if beyond_draft and (self.submitted_by_id is None or self.submitted_at is None):
            general.append("A return that has left draft must say who submitted it, and when.")
        if self.status == self.Status.APPROVED:
            if self.reviewed_by_id is None:
                general.append("An approved return must say who approved it.")
            elif self.reviewed_by_id == self.submitted_by_id:
                general.append(
                    "You submitted this return, so another business manager must review it: "
                    "nobody reviews a return they submitted."
                )
        if general:
            errors[NON_FIELD_ERRORS] = general
        if errors:
            raise ValidationError(errors)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_rag_overridden(self) -> bool:
        return self.rag != self.calculated_rag


# A return in these statuses is with its body: it can still be changed, and it is still to be
# submitted (overdue once the deadline passes, and listed in reminders). Submitted returns wait
# for review; approved ones are locked.
EDITABLE_STATUSES = (Return.Status.DRAFT, Return.Status.RETURNED)


class ReminderLog(models.Model):
    """One reminder e-mail sent to one person on one day: makes the reminders idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="return_reminders"
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    email = models.EmailField()
    items = models.PositiveIntegerField(help_text="How many returns the e-mail listed.")
    overdue = models.PositiveIntegerField(help_text="How many of them were overdue.")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "sent_on"], name="one_return_reminder_per_person_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.email} on {self.sent_on:%d %b %Y}"


class Chase(models.Model):
    """The business manager's reminder, sent now, to one body about its outstanding returns for
    one quarter: who sent it and when. A body is not chased twice within an hour."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="chases")
    body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.CASCADE, related_name="chases"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(help_text="How many people it went to.")
    outstanding = models.PositiveIntegerField(help_text="How many returns it listed.")

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["period", "body", "sent_at"], name="chase_recent")]

    def __str__(self) -> str:
        return f"Chase of {self.body_id} for {self.period} at {self.sent_at:%d %b %Y %H:%M}"
