"""The partnership's yearly report: the statutory twelve-monthly report on what the partnership
did in a financial year and how well its arrangements worked.

A report holds only what people write or enter: each section's text (``texts``, by section
key), the small tables of figures entered for the year (``figures``: training and the child
death overview panel) and the three partners' sign-offs. Everything else it shows (reviews,
consultations, measures, governance) is read from the rest of the product while it is a draft
(``yearly.selectors``), and frozen with the text in ``snapshot`` when it is published: a
published report never changes, and a correction is a new version with a note of what changed.

The text lives in JSON fields on the report rather than a row per section, so that every edit
is one save of the report: its history (django-simple-history) is the version the shared
stale-edit check compares (``sscp.editing``), and a sign-off is refused when the report changed
after the signer opened it, whichever section changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


def year_label(financial_year: int) -> str:
    """``2020`` -> ``"2020-21"``: the financial year from 1 April 2020 to 31 March 2021."""
    return f"{financial_year}-{(financial_year + 1) % 100:02d}"


class YearlyReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=YearlyReport.Status.PUBLISHED)


class YearlyReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready for sign-off"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"

    EDITABLE = (Status.DRAFT, Status.READY)
    FROZEN = (Status.PUBLISHED, Status.SUPERSEDED)

    financial_year = models.PositiveSmallIntegerField(
        help_text="The year it starts in: 2020 for April 2020 to March 2021."
    )
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    texts = models.JSONField(default=dict, blank=True, editable=False)
    figures = models.JSONField(default=dict, blank=True, editable=False)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    change_note = models.TextField("What changed", blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = YearlyReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "version"], name="one_yearly_report_version_per_year"
            ),
            # Only a correction (a new version) may join a year's report.
            models.UniqueConstraint(
                fields=["financial_year"],
                condition=Q(supersedes__isnull=True),
                name="one_yearly_report_per_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "ready"])
                | (Q(snapshot__isnull=False) & Q(published_at__isnull=False)),
                name="published_yearly_report_is_frozen",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(change_note=""),
                name="yearly_correction_says_what_changed",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" (version {self.version})" if self.version > 1 else ""
        return f"Yearly report {self.year_label}{suffix}"

    def get_absolute_url(self) -> str:
        return reverse("yearly:report_detail", kwargs={"pk": self.pk})

    @property
    def year_label(self) -> str:
        return year_label(self.financial_year)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def text_of(self, key: str) -> str:
        value = (self.texts or {}).get(key, "")
        return value if isinstance(value, str) else ""


class YearlySignOff(models.Model):
    """One statutory partner's sign-off of a yearly report, by a lead of that partner. Any
    edit to the report afterwards removes every sign-off (``yearly.services``)."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="sign_offs")
    partner = models.ForeignKey("plans.Partner", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "partner"], name="one_yearly_sign_off_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} sign-off of {self.report}"
