import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.models import GovernanceBody, Membership, Partner, Plan, ProgressReport
from tests.factories import (
    GovernanceBodyFactory,
    MembershipFactory,
    PartnerFactory,
    PlanFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- Plan: constraints ------------------------------------------------------------------------


def test_plan_factory_builds_a_valid_draft_plan():
    plan = PlanFactory()
    plan.full_clean()
    assert plan.status == Plan.Status.DRAFT
    assert plan.end_date == datetime.date(2025, 3, 31)


@pytest.mark.parametrize("days_after_start", [0, -1])
def test_plan_must_end_after_it_starts(violates, days_after_start):
    start = datetime.date(2022, 4, 1)
    with violates("plan_ends_after_start"):
        PlanFactory(start_date=start, end_date=start + datetime.timedelta(days=days_after_start))


@pytest.mark.parametrize("status", [Plan.Status.APPROVED, Plan.Status.ACTIVE, Plan.Status.CLOSED])
def test_approved_active_or_closed_plan_needs_approval_date(violates, status):
    with violates("plan_approved_has_approval_date"):
        PlanFactory(status=status, approval_date=None)


@pytest.mark.parametrize("status", [Plan.Status.DRAFT, Plan.Status.CONSULTATION])
def test_draft_or_consultation_plan_needs_no_approval_date(status):
    assert PlanFactory(status=status, approval_date=None).pk


def test_only_one_plan_can_be_active(violates):
    PlanFactory(active=True)
    with violates("one_active_plan"):
        PlanFactory(active=True)


def test_many_plans_can_be_closed():
    PlanFactory(closed=True)
    PlanFactory(closed=True)
    PlanFactory(active=True)
    assert Plan.objects.count() == 3


def test_plan_cannot_be_its_own_predecessor(violates):
    plan = PlanFactory()
    plan.predecessor = plan
    with violates("plan_not_own_predecessor"):
        plan.save()


def test_plan_slug_is_unique():
    PlanFactory(slug="2022-25")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(slug="2022-25")


# --- Plan: display, URLs, queries -------------------------------------------------------------


def test_plan_str_prefers_short_title():
    plan = PlanFactory(
        title="Children and Young People's Plan", short_title="Our Plan", slug="2019-22"
    )
    assert str(plan) == "Our Plan 2019-22"


def test_plan_str_falls_back_to_title():
    plan = PlanFactory(title="Children and Young People's Plan", short_title="", slug="2022-25")
    assert str(plan) == "Children and Young People's Plan 2022-25"


def test_plan_url_is_its_detail_page_by_slug():
    plan = PlanFactory(slug="2022-25")
    assert plan.get_absolute_url() == reverse("plans:plan_detail", kwargs={"slug": "2022-25"})
    assert "2022-25" in plan.get_absolute_url()


def test_active_returns_only_the_active_plan():
    PlanFactory(closed=True)
    PlanFactory()
    active = PlanFactory(active=True)
    assert list(Plan.objects.active()) == [active]


def test_chronological_orders_plans_by_start_date():
    later = PlanFactory(start_date=datetime.date(2022, 4, 1))
    earlier = PlanFactory(start_date=datetime.date(2016, 4, 1))
    middle = PlanFactory(start_date=datetime.date(2019, 4, 1))
    assert list(Plan.objects.chronological()) == [earlier, middle, later]


def test_plans_list_newest_first_by_default():
    earlier = PlanFactory(start_date=datetime.date(2019, 4, 1))
    later = PlanFactory(start_date=datetime.date(2022, 4, 1))
    assert list(Plan.objects.all()) == [later, earlier]


def test_successor_is_reachable_from_predecessor():
    earlier = PlanFactory(closed=True)
    later = PlanFactory(predecessor=earlier)
    assert earlier.successor == later


# --- Plan: history ----------------------------------------------------------------------------


def test_plan_history_records_who_changed_it(manager):
    plan = PlanFactory(vision="Old vision")
    assert plan.history.count() == 1
    assert plan.history.first().history_type == "+"

    plan.vision = "New vision"
    plan._history_user = manager
    plan.save()

    assert plan.history.count() == 2
    latest = plan.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == manager
    assert latest.vision == "New vision"
    assert latest.prev_record.vision == "Old vision"


def test_plan_history_records_deletion():
    plan = PlanFactory()
    plan_id = plan.pk
    plan.delete()
    assert Plan.history.filter(id=plan_id).first().history_type == "-"


# --- Partner ----------------------------------------------------------------------------------


def test_partner_str_is_its_name():
    assert str(PartnerFactory(name="Avon and Somerset Constabulary")) == (
        "Avon and Somerset Constabulary"
    )


def test_statutory_partners_are_listed_first():
    voluntary = PartnerFactory(name="A voluntary group")
    statutory = PartnerFactory(name="Z county council", statutory=True)
    assert list(Partner.objects.all()) == [statutory, voluntary]


# --- GovernanceBody ---------------------------------------------------------------------------


def test_body_cannot_be_its_own_parent(violates):
    body = GovernanceBodyFactory()
    body.parent = body
    with violates("body_not_own_parent"):
        body.save()


def test_body_str_and_url():
    body = GovernanceBodyFactory(name="Neglect Subgroup", slug="neglect")
    assert str(body) == "Neglect Subgroup"
    assert body.get_absolute_url() == reverse("plans:body_detail", kwargs={"slug": "neglect"})
    assert "neglect" in body.get_absolute_url()


def test_active_bodies_exclude_inactive_ones():
    active = GovernanceBodyFactory()
    GovernanceBodyFactory(is_active=False)
    assert list(GovernanceBody.objects.active()) == [active]


def test_subgroups_are_subgroups_and_boards():
    subgroup = GovernanceBodyFactory(name="A subgroup", kind=GovernanceBody.Kind.SUBGROUP)
    board = GovernanceBodyFactory(name="B board", kind=GovernanceBody.Kind.BOARD)
    GovernanceBodyFactory(kind=GovernanceBody.Kind.EXECUTIVE)
    GovernanceBodyFactory(kind=GovernanceBody.Kind.FORUM)
    assert list(GovernanceBody.objects.subgroups()) == [subgroup, board]


def test_children_hang_from_their_parent():
    executive = GovernanceBodyFactory(kind=GovernanceBody.Kind.EXECUTIVE)
    subgroup = GovernanceBodyFactory(parent=executive)
    assert list(executive.children.all()) == [subgroup]


# --- Membership -------------------------------------------------------------------------------


def test_user_has_one_membership_per_body(violates):
    membership = MembershipFactory(chair=True)
    with violates("one_membership_per_user_body"):
        MembershipFactory(user=membership.user, body=membership.body, data_lead=True)


def test_user_can_belong_to_several_bodies():
    user = UserFactory()
    MembershipFactory(user=user, chair=True)
    MembershipFactory(user=user, data_lead=True)
    assert user.memberships.count() == 2


def test_membership_str_names_user_role_and_body():
    user = UserFactory(username="jsmith")
    body = GovernanceBodyFactory(name="Neglect Subgroup")
    membership = MembershipFactory(user=user, body=body, deputy_chair=True)
    assert str(membership) == "jsmith — Deputy chair, Neglect Subgroup"


def test_reporting_roles_are_chairs_deputies_and_data_leads():
    chair = MembershipFactory(chair=True)
    deputy = MembershipFactory(deputy_chair=True)
    data_lead = MembershipFactory(data_lead=True)
    MembershipFactory(role=Membership.Role.MEMBER)
    assert set(Membership.objects.reporting_roles()) == {chair, deputy, data_lead}


# --- ProgressReport ---------------------------------------------------------------------------


def test_one_report_version_per_plan_and_quarter(violates):
    report = ProgressReportFactory()
    with violates("one_report_version_per_quarter"):
        ProgressReportFactory(plan=report.plan, period=report.period, version=report.version)


def test_a_second_version_of_a_report_is_allowed():
    report = ProgressReportFactory(published=True)
    second = ProgressReportFactory(plan=report.plan, period=report.period, version=2)
    assert second.pk


@pytest.mark.parametrize(
    "missing", [{"snapshot": None}, {"published_at": None}], ids=["no snapshot", "no time"]
)
@pytest.mark.parametrize(
    "status", [ProgressReport.Status.PUBLISHED, ProgressReport.Status.SUPERSEDED]
)
def test_published_report_must_be_frozen(violates, status, missing):
    with violates("published_report_is_frozen"):
        ProgressReportFactory(published=True, status=status, **missing)


def test_published_report_factory_is_frozen():
    report = ProgressReportFactory(published=True)
    assert report.snapshot is not None
    assert report.published_at is not None


def test_report_str_names_plan_quarter_and_version():
    report = ProgressReportFactory(
        plan=PlanFactory(slug="2022-25"),
        period=ReportingPeriodFactory(financial_year=2023, quarter=2),
        version=3,
    )
    assert str(report) == "2022-25 progress report, Q2 2023-24 (v3)"


def test_report_url_is_its_detail_page():
    report = ProgressReportFactory()
    assert report.get_absolute_url() == reverse("plans:report_detail", kwargs={"pk": report.pk})
    assert str(report.pk) in report.get_absolute_url()


def test_published_reports_exclude_drafts():
    published = ProgressReportFactory(published=True)
    ProgressReportFactory()
    assert list(ProgressReport.objects.published()) == [published]
