"""``manage.py seed_demo``: the demo data it loads, and that loading it twice changes nothing."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

import demo
from consultations.models import Commitment, Consultation, EngagementGroup
from measures.models import Measure, Rag, ReportingPeriod, Return
from measures.rules import can_submit_return
from plans.models import GovernanceBody, Partner, Plan
from plans.roles import roles_of
from priorities.models import Priority, Strategy
from tests.demo.seeding import seed

User = get_user_model()

PRIORITY_TITLES = {
    "2016-19": [
        "Supporting children, families and communities to become more resilient",
        "Promoting healthy outcomes and giving children the best start in life",
        "Improving emotional health and wellbeing",
        "Building skills for life",
        "Providing help early and effectively",
        "Achieving effective multi-agency support for more vulnerable children and young people "
        "and developing an excellent children's social work service",
        "Embedding a think family approach across the workforce",
    ],
    "2019-22": ["Supported Families", "Healthy Lives", "Great Education", "Positive Activities"],
    "2022-25": [
        "Keeping children and young people safe",
        "Supporting physical, emotional health and resilience",
        "Enabling children and young people to learn and thrive",
    ],
}


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


# --- plans and priorities ---------------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
def test_each_plan_has_the_papers_priorities_in_order():
    for slug, titles in PRIORITY_TITLES.items():
        priorities = Priority.objects.filter(plan__slug=slug).order_by("order")
        assert [p.title for p in priorities] == titles
        assert [p.order for p in priorities] == list(range(1, len(titles) + 1))


@pytest.mark.usefixtures("seeded")
def test_plans_cover_financial_years_and_chain_to_their_predecessors():
    plans = {plan.slug: plan for plan in Plan.objects.all()}
    assert set(plans) == {"2016-19", "2019-22", "2022-25"}
    for slug, plan in plans.items():
        start_year = int(slug[:4])
        assert plan.start_date == datetime.date(start_year, 4, 1)
        assert plan.end_date == datetime.date(start_year + 3, 3, 31)
        assert plan.vision
    assert plans["2016-19"].predecessor is None
    assert plans["2019-22"].predecessor == plans["2016-19"]
    assert plans["2022-25"].predecessor == plans["2019-22"]
    assert list(Plan.objects.active()) == [plans["2022-25"]]
    assert plans["2016-19"].status == plans["2019-22"].status == Plan.Status.CLOSED


@pytest.mark.usefixtures("seeded")
def test_our_plan_carries_the_cabinet_decision_and_every_plan_a_reference():
    our_plan = Plan.objects.get(slug="2019-22")
    assert our_plan.short_title == "Our Plan"
    assert our_plan.approval_date == datetime.date(2019, 5, 13)
    assert our_plan.decision_reference == "FP/18/12/05"
    assert our_plan.approved_by == "County Council Cabinet"
    for slug in ("2016-19", "2022-25"):
        assert re.fullmatch(r"FP/\d\d/\d\d/\d\d", Plan.objects.get(slug=slug).decision_reference)


@pytest.mark.usefixtures("seeded")
def test_no_demo_text_tells_users_it_is_illustrative():
    """Notes for developers about where a demo value came from stay in the code: a user reads
    the demo as they would read their own partnership's data."""
    texts = [
        *Plan.objects.values_list("decision_reference", "approved_by", "vision"),
        *Measure.objects.values_list("data_source", "definition", "title"),
    ]
    assert texts
    assert not [text for row in texts for text in row if "illustrative" in (text or "").lower()]


@pytest.mark.usefixtures("seeded")
def test_priorities_carry_forward_earlier_plans_priorities():
    def continued(slug: str, order: int) -> set[str]:
        priority = Priority.objects.get(plan__slug=slug, order=order)
        return {p.title for p in priority.continues.all()}

    assert continued("2019-22", 2) == {
        "Promoting healthy outcomes and giving children the best start in life",
        "Improving emotional health and wellbeing",
    }
    assert continued("2022-25", 1) == {"Supported Families"}
    assert continued("2022-25", 2) == {"Healthy Lives"}
    assert continued("2022-25", 3) == {"Great Education", "Positive Activities"}
    # Every later priority builds on something, and only on earlier plans.
    for priority in Priority.objects.exclude(plan__slug="2016-19"):
        earlier = priority.continues.all()
        assert earlier, priority
        assert all(p.plan.start_date < priority.plan.start_date for p in earlier)


# --- governance and strategies ----------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
def test_three_statutory_partners_with_lead_roles():
    statutory = Partner.objects.filter(is_statutory=True)
    assert {p.name for p in statutory} == {
        "Somerset County Council",
        "Somerset Clinical Commissioning Group",
        "Avon and Somerset Constabulary",
    }
    assert all(p.lead_role for p in statutory)
    assert Partner.objects.filter(is_statutory=False).count() >= 2


@pytest.mark.usefixtures("seeded")
def test_governance_tree_runs_from_the_executive():
    body = {b.name: b for b in GovernanceBody.objects.select_related("parent")}
    executive = body["SSCP Executive"]
    assert executive.parent is None and executive.kind == GovernanceBody.Kind.EXECUTIVE
    business_group = body["Partnership Business Group"]
    assert business_group.parent == executive
    for name in (
        "Early Help Strategic Commissioning Board",
        "Child Exploitation Subgroup",
        "Health Safeguarding Partnership",
        "Corporate Parenting Board",
        "SEND Board",
        "Child Death Overview Panel",
        "Training and Workforce Development Subgroup",
    ):
        assert body[name].parent == business_group, name
    assert body["Child Death Overview Panel"].kind == GovernanceBody.Kind.PANEL
    youth_forum = body["Somerset Youth Forum"]
    assert (youth_forum.kind, youth_forum.parent) == (GovernanceBody.Kind.FORUM, executive)
    committee = body["Scrutiny for Policies, Children and Families Committee"]
    assert (committee.kind, committee.parent) == (GovernanceBody.Kind.COMMITTEE, None)


@pytest.mark.usefixtures("seeded")
def test_strategies_stand_on_the_2022_25_shelves_with_owners():
    assert Strategy.objects.count() >= 8
    for strategy in Strategy.objects.all():
        assert strategy.lead_role and strategy.governance_route and strategy.review_date
    ce = Strategy.objects.get(slug="child-exploitation-strategy")
    assert ce.status == Strategy.Status.IN_DEVELOPMENT
    assert ce.owner_body.name == "Child Exploitation Subgroup"
    assert Strategy.objects.get(slug="early-help-strategy").owner_body.name == (
        "Early Help Strategic Commissioning Board"
    )
    for priority in Priority.objects.filter(plan__slug="2022-25"):
        assert priority.strategies.exists(), priority
    assert Strategy.objects.filter(priorities__plan__slug="2022-25").distinct().count() == (
        Strategy.objects.count()
    )


# --- measures, periods and returns ------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
def test_every_2022_25_priority_has_at_least_three_measures_from_four_bodies():
    measures = Measure.objects.filter(priority__plan__slug="2022-25")
    for priority in Priority.objects.filter(plan__slug="2022-25"):
        assert measures.filter(priority=priority).count() >= 3, priority
    assert measures.values("reporting_body").distinct().count() >= 4
    for measure in measures:
        assert measure.strategy is not None
        assert measure.baseline is not None
        assert (measure.target is None) == (measure.polarity == Measure.Polarity.NONE)
        assert measure.data_source, measure


@pytest.mark.usefixtures("seeded")
def test_measures_use_the_figures_in_the_twelve_monthly_report():
    baselines = {
        "Care leavers in suitable accommodation": Decimal("96.4"),
        "Staff accessing SSCP multi-agency safeguarding training": Decimal("1051"),
        "Delegates confident that training will improve their practice": Decimal("96"),
        "Delegates reporting improved understanding of inter-agency working": Decimal("79"),
        "Delegates reporting improved understanding of their own responsibilities": Decimal("85"),
        "Agencies with a completed Section 11 self-assessment": Decimal("21"),
        "Children and young people taking part in SSCP consultation and engagement": Decimal(
            "2500"
        ),
        "Somerset child deaths reviewed by the Child Death Overview Panel": Decimal("16"),
    }
    for title, baseline in baselines.items():
        measure = Measure.objects.get(title=title)
        assert measure.baseline == baseline, title
        assert "SSCP twelve-monthly report 2020-21" in measure.data_source
    cdop = Measure.objects.get(title__startswith="Somerset child deaths")
    assert cdop.polarity == Measure.Polarity.NONE and cdop.target is None


@pytest.mark.usefixtures("seeded")
def test_twelve_quarters_with_six_week_deadlines_and_only_the_last_open():
    periods = ReportingPeriod.objects.order_by("start_date")
    assert [(p.financial_year, p.quarter) for p in periods] == [
        (fy, q) for fy in (2022, 2023, 2024) for q in (1, 2, 3, 4)
    ]
    for period in periods:
        start, end = ReportingPeriod.quarter_dates(period.financial_year, period.quarter)
        assert (period.start_date, period.end_date) == (start, end)
        assert period.deadline == end + datetime.timedelta(weeks=6)
    assert [(p.financial_year, p.quarter) for p in periods.filter(is_open=True)] == [(2024, 4)]


@pytest.mark.usefixtures("seeded")
def test_returns_tell_a_story_in_every_status_and_colour():
    returns = Return.objects.select_related("measure", "period")
    assert set(returns.values_list("status", flat=True)) == set(Return.Status.values)
    assert {Rag.GREEN, Rag.AMBER, Rag.RED} <= set(returns.values_list("rag", flat=True))
    assert not returns.filter(period__is_open=False).exclude(status=Return.Status.APPROVED)
    assert {
        (p.financial_year, p.quarter) for p in ReportingPeriod.objects.filter(returns__isnull=False)
    } == {(fy, q) for fy in (2023, 2024) for q in (1, 2, 3, 4)}

    open_period = ReportingPeriod.objects.get(is_open=True)
    open_returns = returns.filter(period=open_period)
    assert set(open_returns.values_list("status", flat=True)) == set(Return.Status.values)
    measures = Measure.objects.filter(priority__plan__slug="2022-25")
    assert measures.exclude(returns__period=open_period).exists(), "some have no return yet"
    assert returns.count() > 0.8 * measures.count() * 8, "most measures report every quarter"


@pytest.mark.usefixtures("seeded")
def test_every_return_is_consistent_with_its_measure_and_the_review_rules():
    returns = Return.objects.select_related("measure", "submitted_by", "reviewed_by")
    for ret in returns:
        assert ret.calculated_rag == ret.measure.rag_for(ret.value), ret
        if ret.rag != ret.calculated_rag:
            assert ret.rag_override_reason
        if ret.rag in (Rag.AMBER, Rag.RED):
            assert ret.commentary and ret.next_steps, ret
        if ret.status != Return.Status.DRAFT:
            assert can_submit_return(ret.submitted_by, ret.measure), ret
            assert ret.submitted_at >= ret.created_at
        if ret.status == Return.Status.APPROVED:
            assert ret.reviewed_by != ret.submitted_by
            assert roles_of(ret.reviewed_by).is_manager
            assert ret.reviewed_at >= ret.submitted_at
        if ret.status == Return.Status.RETURNED:
            assert ret.feedback
    assert returns.filter(rag=Rag.AMBER, calculated_rag=Rag.RED).exists(), "one override"
    not_available = returns.get(not_available=True)
    assert not_available.value is None and not_available.not_available_reason


# --- consultations ----------------------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
def test_consultations_reached_the_numbers_in_the_papers():
    assert Consultation.objects.get(plan__slug="2019-22", children_reached=200)
    assert Consultation.objects.get(plan__slug="2022-25", children_reached=2500)
    conversation = Consultation.objects.get(slug="youth-forum-annual-conversation-2020")
    assert conversation.start_date == datetime.date(2020, 10, 1)
    assert [g.name for g in conversation.groups.all()] == ["Somerset Youth Forum"]
    for consultation in Consultation.objects.all():
        assert consultation.methods
        assert set(consultation.methods) <= set(Consultation.Method.values)
        assert consultation.feedback.exists()


@pytest.mark.usefixtures("seeded")
def test_the_2018_consultation_heard_every_group_in_the_cabinet_report():
    consultation = Consultation.objects.get(plan__slug="2019-22", children_reached=200)
    names = set(consultation.groups.values_list("name", flat=True))
    assert len(names) >= 7
    assert {"CAMHS Participation Group", "Somerset Parent Carer Forum"} <= names
    assert EngagementGroup.objects.filter(name="Somerset Youth Forum").exists()
    methods = set(consultation.methods)
    assert {Consultation.Method.FOCUS_EVENT, Consultation.Method.ROADSHOW} <= methods


@pytest.mark.usefixtures("seeded")
def test_feedback_informs_priorities_and_commitments_are_tracked():
    for consultation in Consultation.objects.prefetch_related("feedback__priorities"):
        for item in consultation.feedback.all():
            assert item.not_linked != item.priorities.exists(), item
    promises = set(Commitment.objects.values_list("promise", flat=True))
    assert "Work more closely with schools to create safe environments." in promises
    assert "Address mental health and well-being support." in promises
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert {Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS, Commitment.Status.DONE} <= (
        statuses
    )
    for commitment in Commitment.objects.exclude(status=Commitment.Status.PLANNED):
        assert commitment.updates.exists(), commitment


# --- idempotence ------------------------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
def test_running_again_keeps_what_someone_changed():
    plan = Plan.objects.get(slug="2022-25")
    plan.vision = "Edited in the browser."
    plan.save()
    ret = Return.objects.filter(status=Return.Status.SUBMITTED).first()
    ret.status = Return.Status.DRAFT
    ret.save()
    seed()
    assert Plan.objects.get(slug="2022-25").vision == "Edited in the browser."
    assert Return.objects.get(pk=ret.pk).status == Return.Status.DRAFT


# --- no personal details ----------------------------------------------------------------------


def test_demo_package_holds_no_real_contact_details():
    files = sorted(Path(demo.__file__).parent.rglob("*.py"))
    assert len(files) > 5
    source = "\n".join(path.read_text(encoding="utf-8") for path in files)
    assert "@somerset" not in source.lower()
    for address in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", source):
        assert address.endswith("@example.org"), address
    assert not re.search(r"\b07\d{3}\s?\d{6}\b", source), "mobile number"
    assert not re.search(r"\b0\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b", source), "phone number"


@pytest.mark.usefixtures("seeded")
def test_every_seeded_account_uses_an_example_org_address():
    assert User.objects.exists()
    assert all(
        email.endswith("@example.org") for email in User.objects.values_list("email", flat=True)
    )
