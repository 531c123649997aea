"""What children, young people and stakeholders told the partnership, and what it promised."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class EngagementGroup(models.Model):
    """A group the partnership consults: Youth Forum, parent carer forum, CAMHS group, ..."""

    class Kind(models.TextChoices):
        CHILDREN_YOUNG_PEOPLE = "cyp", "Children and young people"
        PARENTS_CARERS = "parents", "Parents and carers"
        PROFESSIONALS = "professionals", "Professionals and organisations"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consultations:group_detail", kwargs={"pk": self.pk})


class Consultation(models.Model):
    """A consultation that shaped a plan's priorities."""

    class Method(models.TextChoices):
        SURVEY = "survey", "Survey"
        WORKSHOP = "workshop", "Workshop"
        FOCUS_EVENT = "focus_event", "Focus event"
        FORUM_WEEK = "forum_week", "Forum week"
        ANNUAL_CONVERSATION = "annual_conversation", "Annual conversation"
        ROADSHOW = "roadshow", "Roadshow"
        MEETING = "meeting", "Meeting"

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    start_date = models.DateField()
    end_date = models.DateField()
    methods = models.JSONField(default=list, blank=True, help_text="Method values, see Method.")
    summary = models.TextField(blank=True)
    children_reached = models.PositiveIntegerField(null=True, blank=True)
    professionals_reached = models.PositiveIntegerField(null=True, blank=True)
    groups = models.ManyToManyField(EngagementGroup, blank=True, related_name="consultations")

    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="consultation_ends_on_or_after_start",
                violation_error_message="A consultation cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation_detail", kwargs={"slug": self.slug})

    @property
    def period_in_words(self) -> str:
        """When it ran, as a young reader would say it: "in October 2020", "between June and
        October 2021", "in 2018 and 2019"."""
        start, end = self.start_date, self.end_date
        if (start.year, start.month) == (end.year, end.month):
            return f"in {end:%B %Y}"
        if start.year == end.year:
            return f"between {start:%B} and {end:%B %Y}"
        if end.year == start.year + 1:
            return f"in {start.year} and {end.year}"
        return f"from {start.year} to {end.year}"

    @property
    def method_labels(self) -> list[str]:
        labels = dict(self.Method.choices)
        return [labels.get(m, m) for m in self.methods]


class ConsultationDocument(models.Model):
    """A document or link about a consultation: the survey, a report back, a film, a paper.

    Some papers exist only on request, so the link is optional and ``note`` says where to find it.
    """

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=200)
    url = models.URLField("link", max_length=500, blank=True)
    note = models.CharField(
        max_length=300, blank=True, help_text="What it is, or where to find it if not online."
    )
    order = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "order", "pk"]
        verbose_name = "consultation document"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.consultation.get_absolute_url() + f"#document-{self.pk}"


class Feedback(models.Model):
    """One thing children and young people told us ("you said"), linked to priorities."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="feedback"
    )
    said = models.TextField(help_text="What they told us, in plain words.")
    priorities = models.ManyToManyField("priorities.Priority", blank=True, related_name="feedback")
    not_linked = models.BooleanField(
        default=False, help_text="Deliberately not linked to any priority."
    )
    order = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["consultation", "order"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return self.said[:80]

    def get_absolute_url(self) -> str:
        return self.consultation.get_absolute_url() + f"#feedback-{self.pk}"


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self):
        """Open commitments whose due date has passed."""
        return self.open().filter(due_date__lt=timezone.localdate())


class Commitment(models.Model):
    """What the partnership promised in response ("we did")."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_DONE = "not_done", "Not done"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="commitments"
    )
    feedback = models.ForeignKey(
        Feedback, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments"
    )
    promise = models.TextField()
    owner_body = models.ForeignKey(
        "plans.GovernanceBody", on_delete=models.PROTECT, related_name="commitments"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(blank=True, help_text="Why it was not done.")

    # How the "You said, we did" page names each status for a young reader.
    YOUNG_READER_STATUS = {
        Status.PLANNED: "Not started yet",
        Status.IN_PROGRESS: "We are working on it",
        Status.DONE: "Done",
        Status.NOT_DONE: "We could not do this",
    }

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_done") | ~Q(status_reason=""),
                name="commitment_not_done_has_reason",
                violation_error_message="Say why the commitment was not done.",
            ),
        ]

    def __str__(self) -> str:
        return self.promise[:80]

    def get_absolute_url(self) -> str:
        return self.consultation.get_absolute_url() + f"#commitment-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Still open after its due date: flagged wherever the commitment is listed."""
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def status_for_young_people(self) -> str:
        return self.YOUNG_READER_STATUS[self.status]


# The statuses of a commitment still being worked on.
OPEN_STATUSES = (Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS)


class CommitmentUpdate(models.Model):
    """A dated update on a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return self.commitment.get_absolute_url()
