"""Reads for the yearly report: the list, one report, and the year's data a draft is built
from. Each runs a fixed number of queries, however large the partnership."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from assurance.models import Action, Review
from consultations.models import Commitment, Consultation
from measures.models import Measure, ReportingPeriod, Return
from plans.models import GovernanceBody, Partner, PartnerLead, Plan
from priorities.models import Priority
from yearly.models import YearlyReport, YearlySignOff


def year_bounds(financial_year: int) -> tuple[datetime.date, datetime.date]:
    """1 April of the year to 31 March of the next."""
    return datetime.date(financial_year, 4, 1), datetime.date(financial_year + 1, 3, 31)


def report_list(*, statuses) -> QuerySet[YearlyReport]:
    """Reports with one of ``statuses``, newest year first, every version (1 query)."""
    return (
        YearlyReport.objects.filter(status__in=statuses)
        .defer("snapshot", "texts", "figures")
        .order_by("-financial_year", "-version")
    )


def report_page(pk: int) -> QuerySet[YearlyReport]:
    """One report with who published it and the version it corrects (1 query)."""
    return (
        YearlyReport.objects.filter(pk=pk)
        .select_related("published_by", "supersedes")
        .defer("supersedes__snapshot", "supersedes__texts", "supersedes__figures")
    )


def report_versions(report: YearlyReport) -> list[YearlyReport]:
    """Every version of the report's year, newest first (1 query)."""
    return list(
        YearlyReport.objects.filter(financial_year=report.financial_year)
        .only("pk", "version", "status", "published_at", "financial_year")
        .order_by("-version")
    )


def statutory_partners(report: YearlyReport | None = None) -> list[Partner]:
    """The statutory partners, each with ``signed_at`` and ``signer_first``/``signer_last`` of
    its sign-off of ``report`` (None when it has not signed), in one query."""
    partners = Partner.objects.filter(is_statutory=True).order_by("name")
    if report is not None:
        sign_off = YearlySignOff.objects.filter(report_id=report.pk, partner=OuterRef("pk"))
        partners = partners.annotate(
            signed_at=Subquery(sign_off.values("signed_at")[:1]),
            signer_first=Subquery(sign_off.values("signed_by__first_name")[:1]),
            signer_last=Subquery(sign_off.values("signed_by__last_name")[:1]),
        )
    return list(partners)


def leads_of(partner: Partner) -> QuerySet:
    """The active people who lead ``partner``."""
    return PartnerLead.objects.filter(partner=partner, user__is_active=True).select_related("user")


@dataclass(frozen=True)
class ThemeCount:
    """A learning theme and how many of the year's reviews found it."""

    name: str
    review_count: int


@dataclass
class YearData:
    """What a yearly report shows from the rest of the product, for one financial year."""

    financial_year: int
    start: datetime.date
    end: datetime.date
    today: datetime.date
    plan: Plan | None
    priorities: list[Priority]
    bodies: list[GovernanceBody]
    reviews: list[Review]
    themes: list[ThemeCount]
    overdue_actions: list[Action]  # each with ``priority_id``, one row per linked priority
    measures: list[Measure]
    returns: list[Return]  # approved, in the year's quarters
    consultations: list[Consultation]
    feedback: dict[int, list[str]]  # what children and young people said, by consultation id
    commitments: list[Commitment]
    partners: list[Partner] = field(default_factory=list)


def year_data(financial_year: int, *, today: datetime.date | None = None) -> YearData:
    """The year's data, in eight queries whatever its size: the priorities of the plan in force
    (with the plan), the governance bodies, the reviews and audits of the year (with how many
    partners took part in each) and their learning themes, overdue actions of reviews linked to
    those priorities, the priorities' measures, their approved returns for the year's quarters,
    the consultations held in the year with what children and young people said in them, and
    the commitments made."""
    start, end = year_bounds(financial_year)
    today = today or timezone.localdate()
    priorities = list(
        Priority.objects.select_related("plan")
        .filter(plan__start_date__lte=end, plan__end_date__gte=start)
        .exclude(plan__status=Plan.Status.DRAFT)
        .filter(Q(retired_on__isnull=True) | Q(retired_on__gt=start))
        .order_by("-plan__start_date", "order", "pk")
    )
    plan = priorities[0].plan if priorities else None
    priorities = [priority for priority in priorities if priority.plan_id == getattr(plan, "pk", 0)]
    in_year = (
        Q(notified_on__range=(start, end))
        | Q(completed_on__range=(start, end))
        | Q(commissioned_on__range=(start, end))
        | Q(published_on__range=(start, end))
    )
    reviews, themes = _reviews_and_themes(in_year)
    priority_ids = [priority.pk for priority in priorities]
    overdue = list(
        Action.objects.overdue(today)
        .filter(recommendation__review__priorities__in=priority_ids)
        .annotate(priority_id=F("recommendation__review__priorities"))
        .select_related("owner_body", "recommendation__review")
        .order_by("due_on", "pk")
    )
    measures = list(
        Measure.objects.filter(priority_id__in=priority_ids).order_by("priority_id", "title", "pk")
    )
    returns = list(
        Return.objects.filter(
            measure__priority_id__in=priority_ids,
            period__financial_year=financial_year,
            status=Return.Status.APPROVED,
        )
        .select_related("period")
        .order_by("period__start_date")
    )
    consultations, said = _consultations_and_feedback(start, end)
    return YearData(
        financial_year=financial_year,
        start=start,
        end=end,
        today=today,
        plan=plan,
        priorities=priorities,
        bodies=list(
            GovernanceBody.objects.active().only("pk", "name", "kind", "parent_id").order_by("name")
        ),
        reviews=reviews,
        themes=themes,
        overdue_actions=overdue,
        measures=measures,
        returns=returns,
        consultations=consultations,
        feedback=said,
        commitments=list(
            Commitment.objects.filter(
                consultation__start_date__lte=end, consultation__end_date__gte=start
            )
            .exclude(consultation__plan__status=Plan.Status.DRAFT)
            .select_related("owner_body")
            .order_by("due_date", "pk")
        ),
    )


def _reviews_and_themes(in_year: Q) -> tuple[list[Review], list[ThemeCount]]:
    """The year's reviews and audits, each with ``partner_count``, and their learning themes
    with how many reviews found each, most found first: one query, a row per review and theme
    (a review without a theme has one row, with no theme)."""
    rows = list(
        Review.objects.filter(in_year)
        .annotate(
            partner_count=Count("partners", distinct=True),
            theme_id=F("themes__pk"),
            theme_name=F("themes__name"),
        )
        .order_by("kind", "notified_on", "commissioned_on", "title", "pk", "theme_name")
    )
    reviews = list({review.pk: review for review in rows}.values())
    found = Counter((row.theme_id, row.theme_name) for row in rows if row.theme_id is not None)
    themes = [ThemeCount(name, count) for (_, name), count in found.items()]
    return reviews, sorted(themes, key=lambda theme: (-theme.review_count, theme.name))


def _consultations_and_feedback(
    start: datetime.date, end: datetime.date
) -> tuple[list[Consultation], dict[int, list[str]]]:
    """The consultations held between ``start`` and ``end`` (not a draft plan's), by start
    date, and what children and young people said in each, in its order: one query, a row per
    consultation and piece of feedback (a consultation without feedback has one row)."""
    rows = list(
        Consultation.objects.filter(start_date__lte=end, end_date__gte=start)
        .exclude(plan__status=Plan.Status.DRAFT)
        .annotate(said=F("feedback__said"))
        .order_by("start_date", "title", "pk", "feedback__order", "feedback__pk")
    )
    consultations = list({consultation.pk: consultation for consultation in rows}.values())
    said: dict[int, list[str]] = {consultation.pk: [] for consultation in consultations}
    for row in rows:
        if row.said is not None:
            said[row.pk].append(row.said)
    return consultations, said


def periods_of(financial_year: int) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(financial_year=financial_year).order_by("quarter")
