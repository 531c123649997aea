"""factory-boy factories for every model; each builds a row every database constraint accepts.

Defaults describe the ordinary case (a draft plan, a percentage measure where higher is better,
a draft return); traits and the helpers at the end give the other common states.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from measures.models import Measure, ReportingPeriod, Return
from plans.models import GovernanceBody, Membership, Partner, Plan, ProgressReport
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS
from priorities.models import Priority, Strategy
from reports.services import report_store_paper

DEMO_PASSWORD = "sscp-demo"


# --- people -----------------------------------------------------------------------------------


def _join_group(name: str) -> factory.PostGeneration:
    def join(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get_or_create(name=name)[0])

    return factory.PostGeneration(join)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(DEMO_PASSWORD)
    is_active = True


class ManagerFactory(UserFactory):
    """A partnership business manager."""

    username = factory.Sequence(lambda n: f"manager{n}")
    groups = _join_group(BUSINESS_MANAGERS)


class ScrutinyFactory(UserFactory):
    """A member of the council's scrutiny committee."""

    username = factory.Sequence(lambda n: f"scrutiny{n}")
    groups = _join_group(SCRUTINY_MEMBERS)


# --- governance -------------------------------------------------------------------------------


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    is_statutory = False

    class Params:
        statutory = factory.Trait(is_statutory=True, lead_role="Director of Children's Services")


class GovernanceBodyFactory(DjangoModelFactory):
    class Meta:
        model = GovernanceBody

    name = factory.Sequence(lambda n: f"Subgroup {n}")
    slug = factory.LazyAttribute(lambda b: slugify(b.name))
    kind = GovernanceBody.Kind.SUBGROUP
    is_active = True


class MembershipFactory(DjangoModelFactory):
    """A plain member by default; use the role traits or the helpers below for reporters."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(GovernanceBodyFactory)
    role = Membership.Role.MEMBER

    class Params:
        chair = factory.Trait(role=Membership.Role.CHAIR, role_title="Chair")
        deputy_chair = factory.Trait(role=Membership.Role.DEPUTY_CHAIR, role_title="Deputy chair")
        data_lead = factory.Trait(role=Membership.Role.DATA_LEAD, role_title="Data lead")


# --- plans and reports ------------------------------------------------------------------------


class PlanFactory(DjangoModelFactory):
    """A draft 2022-25 plan (three UK financial years) with a unique slug."""

    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Children and Young People's Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    start_date = datetime.date(2022, 4, 1)
    end_date = factory.LazyAttribute(
        lambda p: p.start_date.replace(year=p.start_date.year + 3) - datetime.timedelta(days=1)
    )
    vision = "Children and young people are safe, healthy and happy."
    status = Plan.Status.DRAFT

    class Params:
        approved = factory.Trait(
            status=Plan.Status.APPROVED,
            approval_date=factory.LazyAttribute(
                lambda p: p.start_date - datetime.timedelta(days=30)
            ),
            approved_by="County Council Cabinet",
        )
        active = factory.Trait(
            status=Plan.Status.ACTIVE,
            approval_date=factory.LazyAttribute(
                lambda p: p.start_date - datetime.timedelta(days=30)
            ),
        )
        closed = factory.Trait(
            status=Plan.Status.CLOSED,
            approval_date=factory.LazyAttribute(
                lambda p: p.start_date - datetime.timedelta(days=30)
            ),
        )


class ReportingPeriodFactory(DjangoModelFactory):
    """A quarter with its real dates and a deadline a month after it ends.

    The sequence walks quarters from 2040-41 so that it does not collide with the real years
    (2016 onwards) tests spell out.
    """

    class Meta:
        model = ReportingPeriod

    financial_year = factory.Sequence(lambda n: 2040 + n // 4)
    quarter = factory.Sequence(lambda n: n % 4 + 1)
    start_date = factory.LazyAttribute(
        lambda p: ReportingPeriod.quarter_dates(p.financial_year, p.quarter)[0]
    )
    end_date = factory.LazyAttribute(
        lambda p: ReportingPeriod.quarter_dates(p.financial_year, p.quarter)[1]
    )
    deadline = factory.LazyAttribute(lambda p: p.end_date + datetime.timedelta(days=30))
    is_open = False


class ProgressReportFactory(DjangoModelFactory):
    class Meta:
        model = ProgressReport
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    version = 1
    summary = "Progress against the plan's priorities this quarter."
    status = ProgressReport.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=ProgressReport.Status.PUBLISHED,
            snapshot=factory.LazyFunction(lambda: {"measures": []}),
            published_at=factory.LazyFunction(timezone.now),
            published_by=factory.SubFactory(ManagerFactory),
        )

    @factory.post_generation
    def stored_paper(self, create, extracted, **kwargs):
        """A published report stores its paper, as ``report_publish`` does (``False`` leaves
        it without, as a report published before papers were stored)."""
        if create and extracted is not False and self.status != ProgressReport.Status.DRAFT:
            stored = report_store_paper(report=self)
            self.paper_html, self.paper_docx = stored.paper_html, stored.paper_docx


# --- priorities and strategies ----------------------------------------------------------------


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n}")
    description = "What the partnership will do."

    class Params:
        retired = factory.Trait(
            retired_on=datetime.date(2023, 3, 31), retired_reason="Merged into another priority."
        )

    @factory.post_generation
    def continues(self, create, extracted, **kwargs):
        if create and extracted:
            self.continues.add(*extracted)


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Strategy {n}")
    slug = factory.LazyAttribute(lambda s: slugify(s.title))
    owner_body = factory.SubFactory(GovernanceBodyFactory)
    lead_role = "Head of Early Help"
    governance_route = "Reports to the Executive"
    status = Strategy.Status.PUBLISHED

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.priorities.add(*extracted)


# --- measures and returns ---------------------------------------------------------------------


class MeasureFactory(DjangoModelFactory):
    """A percentage where higher is better: target 60, amber down to 55."""

    class Meta:
        model = Measure

    priority = factory.SubFactory(PriorityFactory)
    reporting_body = factory.SubFactory(GovernanceBodyFactory)
    strategy = factory.SubFactory(
        StrategyFactory, owner_body=factory.SelfAttribute("..reporting_body")
    )
    title = factory.Sequence(lambda n: f"Measure {n}")
    definition = "Share of children seen within the timescale."
    unit = Measure.Unit.PERCENTAGE
    polarity = Measure.Polarity.HIGHER
    baseline = Decimal("50")
    target = Decimal("60")
    tolerance = Decimal("5")
    data_source = "Children's social care case system"
    active = True

    class Params:
        lower_is_better = factory.Trait(
            unit=Measure.Unit.DAYS,
            polarity=Measure.Polarity.LOWER,
            baseline=Decimal("30"),
            target=Decimal("20"),
            tolerance=Decimal("3"),
        )
        monitored = factory.Trait(
            unit=Measure.Unit.COUNT,
            polarity=Measure.Polarity.NONE,
            baseline=None,
            target=None,
            tolerance=Decimal("0"),
        )


class ReturnFactory(DjangoModelFactory):
    """A draft return whose RAG is the one its value earns; traits for the later states."""

    class Meta:
        model = Return
        # The trait is called ``not_available``, so the field is declared under another name.
        rename = {"unavailable": "not_available"}

    measure = factory.SubFactory(MeasureFactory)
    period = factory.SubFactory(ReportingPeriodFactory, is_open=True)
    value = Decimal("58")
    calculated_rag = factory.LazyAttribute(lambda r: r.measure.rag_for(r.value))
    rag = factory.SelfAttribute("calculated_rag")
    commentary = "Steady progress this quarter."
    created_by = factory.SubFactory(UserFactory)
    status = Return.Status.DRAFT
    unavailable = False

    class Params:
        submitted = factory.Trait(
            status=Return.Status.SUBMITTED,
            submitted_by=factory.SelfAttribute("created_by"),
            submitted_at=factory.LazyFunction(timezone.now),
        )
        approved = factory.Trait(
            status=Return.Status.APPROVED,
            submitted_by=factory.SelfAttribute("created_by"),
            submitted_at=factory.LazyFunction(timezone.now),
            reviewed_by=factory.SubFactory(ManagerFactory),
            reviewed_at=factory.LazyFunction(timezone.now),
        )
        returned = factory.Trait(
            status=Return.Status.RETURNED,
            submitted_by=factory.SelfAttribute("created_by"),
            submitted_at=factory.LazyFunction(timezone.now),
            reviewed_by=factory.SubFactory(ManagerFactory),
            reviewed_at=factory.LazyFunction(timezone.now),
            feedback="Please explain the fall since last quarter.",
        )
        not_available = factory.Trait(
            value=None,
            unavailable=True,
            not_available_reason="The case system migration delayed the figure.",
        )


# --- consultations ----------------------------------------------------------------------------


class EngagementGroupFactory(DjangoModelFactory):
    class Meta:
        model = EngagementGroup

    name = factory.Sequence(lambda n: f"Youth Forum {n}")
    kind = EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.LazyAttribute(lambda c: slugify(c.title))
    start_date = datetime.date(2021, 9, 1)
    end_date = datetime.date(2021, 11, 30)
    methods = factory.LazyFunction(lambda: [Consultation.Method.SURVEY])
    summary = "What children and young people told us about the next plan."

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback
        skip_postgeneration_save = True

    consultation = factory.SubFactory(ConsultationFactory)
    said = factory.Sequence(lambda n: f"We want adults to listen to us ({n}).")
    order = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.priorities.add(*extracted)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    consultation = factory.SubFactory(ConsultationFactory)
    feedback = factory.SubFactory(
        FeedbackFactory, consultation=factory.SelfAttribute("..consultation")
    )
    promise = factory.Sequence(lambda n: f"We will involve young people in interviews ({n}).")
    owner_body = factory.SubFactory(GovernanceBodyFactory)
    due_date = datetime.date(2023, 3, 31)
    status = Commitment.Status.PLANNED

    class Params:
        done = factory.Trait(status=Commitment.Status.DONE)
        not_done = factory.Trait(
            status=Commitment.Status.NOT_DONE, status_reason="Funding was withdrawn."
        )


class CommitmentUpdateFactory(DjangoModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    date = datetime.date(2022, 6, 30)
    text = "Young people sat on two interview panels this quarter."
    author = factory.SubFactory(UserFactory)


class ConsultationDocumentFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationDocument

    consultation = factory.SubFactory(ConsultationFactory)
    title = factory.Sequence(lambda n: f"Survey results {n}")
    url = factory.Sequence(lambda n: f"https://example.org/survey-{n}.pdf")
    order = factory.Sequence(lambda n: n + 1)


# --- helpers for body roles -------------------------------------------------------------------


def member_of(body: GovernanceBody, role: str, user=None):
    """Give ``user`` (a new one if none) ``role`` in ``body``; returns the user."""
    user = user or UserFactory()
    MembershipFactory(user=user, body=body, role=role)
    return user


def chair_of(body: GovernanceBody, user=None):
    return member_of(body, Membership.Role.CHAIR, user)


def deputy_chair_of(body: GovernanceBody, user=None):
    return member_of(body, Membership.Role.DEPUTY_CHAIR, user)


def data_lead_of(body: GovernanceBody, user=None):
    return member_of(body, Membership.Role.DATA_LEAD, user)


# --- reminders --------------------------------------------------------------------------------


class ReminderLogFactory(DjangoModelFactory):
    """A reminder e-mail sent today."""

    class Meta:
        model = "measures.ReminderLog"

    recipient = factory.SubFactory(UserFactory)
    sent_on = factory.LazyFunction(timezone.localdate)
    email = factory.SelfAttribute("recipient.email")
    items = 2
    overdue = 1


# --- risks ------------------------------------------------------------------------------------


class RiskFactory(DjangoModelFactory):
    """An open risk to an approved plan, scored 3 x 5 = 15 (high) now, 2 x 5 target, reviewed
    yearly."""

    class Meta:
        model = "assurance.Risk"

    plan = factory.SubFactory(PlanFactory, approved=True)
    reference = factory.Sequence(lambda n: f"ORG{n:04d}")
    title = factory.Sequence(lambda n: f"Risk {n}")
    cause = "Improvement is not sustained across the partnership."
    consequence = "Poorer outcomes for children."
    owner_role = "Director of Children's Services"
    owner_body = factory.SubFactory(GovernanceBodyFactory)
    likelihood = 3
    impact = 5
    target_likelihood = 2
    target_impact = 5
    review_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


# --- reviews ----------------------------------------------------------------------------------


class LearningThemeFactory(DjangoModelFactory):
    class Meta:
        model = "assurance.LearningTheme"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


class ReviewFactory(DjangoModelFactory):
    """A rapid review in progress, notified on Monday 14 April 2025 (due 8 May 2025, over
    Easter and the May bank holiday)."""

    class Meta:
        model = "assurance.Review"

    kind = "rapid"
    title = factory.Sequence(lambda n: f"Rapid review {n}")
    lead_body = factory.SubFactory(GovernanceBodyFactory)
    status = "in_progress"
    notified_on = datetime.date(2025, 4, 14)
    due_on = datetime.date(2025, 5, 8)


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = "assurance.Recommendation"

    review = factory.SubFactory(ReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Agencies should ask about fathers and male carers in every assessment."


class ActionFactory(DjangoModelFactory):
    """An action not started, due in 90 days."""

    class Meta:
        model = "assurance.Action"

    recommendation = factory.SubFactory(RecommendationFactory)
    text = "Add a question about fathers and male carers to the early help assessment."
    owner_body = factory.SubFactory(GovernanceBodyFactory)
    lead_role = "Head of early help"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
