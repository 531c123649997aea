"""The partnership, its governance, its plans and the progress reports made on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Partner(models.Model):
    """An organisation in the partnership; the three statutory partners share the duty."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    is_statutory = models.BooleanField(
        default=False, help_text="One of the three statutory safeguarding partners."
    )
    lead_role = models.CharField(
        max_length=200, blank=True, help_text="Role title of the partner's lead representative."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_statutory", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:governance") + f"#partner-{self.pk}"


class PartnerLead(models.Model):
    """A person who leads a statutory partner in the partnership: they sign the yearly report
    for it. A partner may have more than one (a deputy), a person may lead more than one."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_leads"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "user"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="one_lead_row_per_partner")
        ]

    def __str__(self) -> str:
        return f"Lead of {self.partner}"


class GovernanceBodyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def subgroups(self):
        return self.filter(kind__in=[GovernanceBody.Kind.SUBGROUP, GovernanceBody.Kind.BOARD])


class GovernanceBody(models.Model):
    """A group in the partnership's governance tree: Executive, business group, subgroups, ..."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "Executive"
        BUSINESS_GROUP = "business_group", "Business group"
        SUBGROUP = "subgroup", "Subgroup"
        BOARD = "board", "Board"
        PANEL = "panel", "Panel"
        FORUM = "forum", "Forum"
        COMMITTEE = "committee", "Committee"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one reports to.",
    )
    lead_partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="bodies"
    )
    remit = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    objects = GovernanceBodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "governance bodies"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="body_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:body_detail", kwargs={"slug": self.slug})


class MembershipQuerySet(models.QuerySet):
    def reporting_roles(self):
        """Memberships whose holder reports measures for the body (chairs and data leads)."""
        return self.filter(role__in=Membership.REPORTING_ROLES)


class Membership(models.Model):
    """A user's role in a governance body."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        DEPUTY_CHAIR = "deputy_chair", "Deputy chair"
        DATA_LEAD = "data_lead", "Data lead"
        MEMBER = "member", "Member"

    REPORTING_ROLES = (Role.CHAIR, Role.DEPUTY_CHAIR, Role.DATA_LEAD)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    role_title = models.CharField(
        max_length=200, blank=True, help_text="The holder's job title, e.g. Head of Early Help."
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "body"], name="one_membership_per_user_body"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.body}"

    def get_absolute_url(self) -> str:
        return self.body.get_absolute_url()


class PlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Plan.Status.ACTIVE)

    def visible(self, *, drafts: bool):
        """The plans a reader sees: every plan, or every plan but drafts (``plans.rules``
        says who sees drafts)."""
        return self.filter(plan_visibility("", drafts=drafts))

    def chronological(self):
        return self.order_by("start_date")


def plan_visibility(via: str, *, drafts: bool) -> Q:
    """A filter for rows under a plan (reached through ``via``, e.g. ``"priority__plan"``; ``""``
    for plans themselves) that keeps them all, or only those whose plan is not a draft. Lists
    filter with it in the database, so hiding drafts costs no query."""
    if drafts:
        return Q()
    field = f"{via}__status" if via else "status"
    return ~Q(**{field: Plan.Status.DRAFT})


class Plan(models.Model):
    """A three-year Children and Young People's Plan: a vision and a few priorities."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONSULTATION = "consultation", "In consultation"
        APPROVED = "approved", "Approved"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    APPROVED_STATUSES = (Status.APPROVED, Status.ACTIVE, Status.CLOSED)

    title = models.CharField(max_length=300)
    short_title = models.CharField(
        max_length=100, blank=True, help_text='The name people use, e.g. "Our Plan".'
    )
    slug = models.SlugField(max_length=20, unique=True, help_text="For example 2022-25.")
    start_date = models.DateField()
    end_date = models.DateField()
    vision = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approval_date = models.DateField(null=True, blank=True)
    approved_by = models.CharField(
        max_length=200, blank=True, help_text="Who approved it, e.g. the County Council's Cabinet."
    )
    decision_reference = models.CharField(max_length=100, blank=True)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        help_text="The plan this one builds on.",
    )

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="plan_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "active", "closed"])
                | Q(approval_date__isnull=False),
                name="plan_approved_has_approval_date",
            ),
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="active"), name="one_active_plan"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("id")), name="plan_not_own_predecessor"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        """What people call the plan: "Our Plan 2019-22", "Children and ... Plan 2022-25"."""
        title = self.short_title or self.title
        return title if self.slug in title else f"{title} {self.slug}"

    @property
    def is_draft(self) -> bool:
        return self.status == Plan.Status.DRAFT

    @property
    def in_consultation(self) -> bool:
        return self.status == Plan.Status.CONSULTATION


class ProgressReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProgressReport.Status.PUBLISHED)


class ProgressReport(models.Model):
    """A quarterly progress report on a plan to the council's scrutiny committee.

    On publication ``snapshot`` freezes every figure and text the paper shows, so a published
    paper never changes, and ``paper_html`` and ``paper_docx`` keep it rendered for the page and
    the Word download; a correction is a new version that supersedes it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(
        "measures.ReportingPeriod", on_delete=models.PROTECT, related_name="reports"
    )
    version = models.PositiveSmallIntegerField(default=1)
    committee = models.CharField(
        max_length=200, default="Scrutiny for Policies, Children and Families Committee"
    )
    meeting_date = models.DateField(null=True, blank=True)
    lead_officer = models.CharField(max_length=200, blank=True, help_text="Role title.")
    author = models.CharField(max_length=200, blank=True, help_text="Role title.")
    cabinet_member = models.CharField(
        max_length=200, blank=True, help_text="Role title, e.g. Lead Member for Children."
    )
    divisions = models.CharField(
        max_length=200,
        blank=True,
        default="All (county-wide implications)",
        help_text="Divisions and local members the report concerns.",
    )
    summary = models.TextField(blank=True)
    issues_for_consideration = models.TextField(blank=True)
    background = models.TextField(blank=True)
    consultations_undertaken = models.TextField(
        blank=True,
        help_text="How children, young people and partners were consulted; the consultations "
        "and commitments recorded for the plan follow it in the paper.",
    )
    contact = models.EmailField(
        blank=True, help_text="A shared mailbox for questions, never a person's address."
    )
    forward_plan_reference = models.CharField(max_length=30, blank=True)
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    hr_implications = models.TextField(blank=True)
    risk_implications = models.TextField(blank=True)
    risk_likelihood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    risk_impact = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    equalities_implications = models.TextField(blank=True)
    other_implications = models.TextField(blank=True)
    background_papers = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    supersede_reason = models.TextField(blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    # The paper as published, rendered once when it is published (``report_publish``) and served
    # as it is from then on: its HTML on the page and its Word file. A draft stores neither.
    paper_html = models.TextField(blank=True, default="", editable=False)
    paper_docx = models.BinaryField(blank=True, default=b"", editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProgressReportQuerySet.as_manager()
    # The stored copies are drawn from the snapshot, which the history already keeps.
    history = HistoricalRecords(excluded_fields=["paper_html", "paper_docx"])

    class Meta:
        ordering = ["-period__start_date", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period", "version"], name="one_report_version_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(snapshot__isnull=False) & Q(published_at__isnull=False)),
                name="published_report_is_frozen",
            ),
            models.CheckConstraint(
                condition=(Q(risk_likelihood__isnull=True) | Q(risk_likelihood__range=(1, 5)))
                & (Q(risk_impact__isnull=True) | Q(risk_impact__range=(1, 5))),
                name="report_risk_scored_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(supersede_reason=""),
                name="new_report_version_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug} progress report, {self.period} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("plans:report_detail", kwargs={"pk": self.pk})

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The narrative sections in the order the committee's papers use."""
        return [
            ("Summary", self.summary),
            ("Issues for consideration and recommendations", self.issues_for_consideration),
            ("Background", self.background),
            ("Consultations undertaken", self.consultations_undertaken),
            ("Financial implications", self.financial_implications),
            ("Legal implications", self.legal_implications),
            ("HR implications", self.hr_implications),
            ("Risk implications", self.risk_implications),
            ("Equalities implications", self.equalities_implications),
            ("Other implications", self.other_implications),
            ("Background papers", self.background_papers),
        ]


class ReportSignOff(models.Model):
    """Who saw a draft report before it went to the committee, one row per role of the
    council's sign-off table: the date they signed it off, or the date it was sent to them
    when no answer is needed or has come. Role titles only, never people's names."""

    class Role(models.TextChoices):
        LEGAL = "legal", "County Solicitor (legal)"
        MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"
        FINANCE = "finance", "Corporate Finance"
        HR = "hr", "Human Resources"
        PROCUREMENT_ICT = "procurement_ict", "Procurement / ICT"
        SENIOR_MANAGER = "senior_manager", "Senior Manager"
        LOCAL_MEMBER = "local_member", "Local Member(s)"
        OPPOSITION = "opposition", "Opposition Spokesperson"
        SCRUTINY_CHAIR = "scrutiny_chair", "Relevant Scrutiny Chair"
        CABINET_MEMBER = "cabinet_member", "Cabinet Member"

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="sign_offs")
    role = models.CharField(max_length=30, choices=Role.choices)
    seen_by = models.CharField(max_length=200, blank=True, help_text="Role title, never a name.")
    signed_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "role"], name="one_sign_off_per_report_role"),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True)
                | Q(sent_on__isnull=True)
                | Q(sent_on__lte=models.F("signed_on")),
                name="sign_off_sent_before_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} sign-off of {self.report}"

    def clean(self) -> None:
        today = timezone.localdate()
        errors = {}
        if self.signed_on and self.signed_on > today:
            errors["signed_on"] = "A sign-off date cannot be in the future."
        if self.sent_on and self.sent_on > today:
            errors["sent_on"] = "The date it was sent cannot be in the future."
        if not errors and self.signed_on and self.sent_on and self.sent_on > self.signed_on:
            errors["sent_on"] = "It was sent after it was signed off: check the dates."
        if errors:
            raise ValidationError(errors, code="sign_off_date")

    @property
    def is_empty(self) -> bool:
        return not (self.seen_by or self.signed_on or self.sent_on)


class ReportNotReceived(models.Model):
    """A measure the business manager has marked as not received for one progress report, so
    that the report may be published without its figure; the paper lists it with the note."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="not_received_marks"
    )
    measure = models.ForeignKey("measures.Measure", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True, help_text="What the committee should know, if anything.")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "measure__title"]
        verbose_name = "measure marked not received"
        verbose_name_plural = "measures marked not received"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "measure"], name="one_not_received_mark_per_report_measure"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} not received for {self.report}"

    def get_absolute_url(self) -> str:
        return reverse("plans:report_not_received", kwargs={"pk": self.report_id})
