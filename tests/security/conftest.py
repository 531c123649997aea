"""The world every security test works in: one object behind every URL, owned by two bodies so
a chair and a data lead each have something that is not theirs to reach for."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from assurance.models import ActionUpdate, evidence_path
from measures.models import ReportingPeriod
from notifications.models import Delivery, Kind, Notification
from plans.models import Membership, PartnerLead
from tests.factories import (
    ActionFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationDocumentFactory,
    ConsultationFactory,
    EngagementGroupFactory,
    FeedbackFactory,
    MeasureFactory,
    PartnerFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    ReviewFactory,
    RiskFactory,
    StrategyFactory,
    UserFactory,
)
from yearly.models import YearlyReport


def _period(year: int, quarter: int, **kwargs) -> ReportingPeriod:
    start, end = ReportingPeriod.quarter_dates(year, quarter)
    return ReportingPeriodFactory(
        financial_year=year, quarter=quarter, start_date=start, end_date=end, **kwargs
    )


@pytest.fixture
def lead_partner(db):
    return PartnerFactory(name="Statutory partner", statutory=True)


@pytest.fixture
def partnerlead(lead_partner):
    """The lead of one statutory partner, with no other role."""
    user = UserFactory(username="partnerlead")
    PartnerLead.objects.create(partner=lead_partner, user=user)
    return user


@pytest.fixture
def world(
    lead_partner, db, settings, tmp_path, manager, chair, chair_body, datalead, datalead_body
):
    """An active plan with a priority, a strategy, a measure reported by each body, an open and a
    closed quarter, returns in every state the URLs need, a consultation with its feedback,
    commitment, update and document, an engagement group, a draft and a published report, a
    review with an action of the chair's body and an update with an evidence file."""
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, title="Keeping children and young people safe")
    strategy = StrategyFactory(
        title="Early Help Strategy", owner_body=chair_body, priorities=[priority]
    )
    open_period = _period(2024, 4, is_open=True)
    closed_period = _period(2024, 3, is_open=False)
    chair_measure = MeasureFactory(
        priority=priority, strategy=strategy, reporting_body=chair_body, title="Chair measure"
    )
    datalead_measure = MeasureFactory(
        priority=priority, reporting_body=datalead_body, title="Data lead measure"
    )
    chair_submitted = ReturnFactory(
        measure=chair_measure, period=open_period, submitted=True, commentary="Chair figures"
    )
    chair_approved = ReturnFactory(measure=chair_measure, period=closed_period, approved=True)
    datalead_submitted = ReturnFactory(
        measure=datalead_measure, period=closed_period, submitted=True
    )
    group = EngagementGroupFactory(name="Children in Care Council")
    consultation = ConsultationFactory(plan=plan, title="Plan consultation 2021", groups=[group])
    feedback = FeedbackFactory(consultation=consultation, priorities=[priority])
    commitment = CommitmentFactory(
        consultation=consultation, feedback=feedback, owner_body=chair_body
    )
    update = CommitmentUpdateFactory(commitment=commitment, author=manager)
    document = ConsultationDocumentFactory(consultation=consultation)
    draft = ProgressReportFactory(plan=plan, period=closed_period, summary="Draft summary text")
    published = ProgressReportFactory(
        plan=plan, period=closed_period, version=2, published=True, summary="Published summary"
    )
    risk = RiskFactory(plan=plan, priority=priority, owner_body=chair_body)
    review = ReviewFactory(lead_body=chair_body)
    action = ActionFactory(recommendation__review=review, owner_body=chair_body)
    settings.MEDIA_ROOT = tmp_path
    evidence = ActionUpdate.objects.create(
        action=action,
        status=action.status,
        text="Minutes attached.",
        written_by=chair,
        evidence_file=default_storage.save(evidence_path("pdf"), ContentFile(b"%PDF-1.7\n%%EOF\n")),
        evidence_name="Minutes.pdf",
        evidence_size=15,
        evidence_type="pdf",
    )
    notification = Notification.objects.create(
        recipient=chair,
        kind=Kind.RETURN_APPROVED,
        title="Return approved",
        url=chair_approved.get_absolute_url(),
        event_key="matrix",
        delivery=Delivery.IN_APP,
    )
    yearly_draft = YearlyReport.objects.create(financial_year=2023)
    yearly_ready = YearlyReport.objects.create(financial_year=2022, status="ready")
    yearly_published = YearlyReport.objects.create(
        financial_year=2021, status="published", snapshot={}, published_at=notification.created_at
    )
    other_lead = PartnerLead.objects.create(
        partner=lead_partner, user=UserFactory(username="otherlead")
    )
    return {
        "other_lead": other_lead,
        "yearly_draft": yearly_draft,
        "yearly_ready": yearly_ready,
        "yearly_published": yearly_published,
        "lead_partner": lead_partner,
        "notification": notification,
        "risk": risk,
        "review": review,
        "recommendation": action.recommendation,
        "action": action,
        "evidence": evidence,
        "plan": plan,
        "priority": priority,
        "strategy": strategy,
        "chair_body": chair_body,
        "datalead_body": datalead_body,
        "chair_membership": Membership.objects.get(user=chair, body=chair_body),
        "person": chair,
        "open_period": open_period,
        "closed_period": closed_period,
        "chair_measure": chair_measure,
        "datalead_measure": datalead_measure,
        "chair_submitted": chair_submitted,
        "chair_approved": chair_approved,
        "datalead_submitted": datalead_submitted,
        "group": group,
        "consultation": consultation,
        "feedback": feedback,
        "commitment": commitment,
        "update": update,
        "document": document,
        "draft_report": draft,
        "published_report": published,
    }


# Tables whose rows a request may legitimately touch without changing any data: sessions,
# sign-in attempts and the admin's own log.
_NOT_DATA = {"sessions", "axes", "admin", "contenttypes"}


def data_snapshot() -> dict[str, list[dict]]:
    """Every row of every data table, so a refused request can be shown to have changed none."""
    snapshot = {}
    for model in apps.get_models():
        if model._meta.app_label in _NOT_DATA or model._meta.proxy:
            continue
        snapshot[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return snapshot


@pytest.fixture
def snapshot():
    return data_snapshot
