"""The access module: every can_* question, for every kind of user, allowed and refused."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group

from consultations.rules import can_manage_consultations, can_view_consultations
from measures.rules import (
    can_edit_return,
    can_manage_periods,
    can_review_return,
    can_submit_return,
    can_view_collection,
    can_view_measure,
    can_view_my_returns,
    can_view_return,
    can_view_unapproved_returns,
    reporting_body_ids_of,
    submitted_it_themselves,
)
from plans.models import Membership, ProgressReport
from plans.roles import BUSINESS_MANAGERS, Roles, forget_roles, roles_of
from plans.rules import can_edit_plan, can_manage_governance, can_view_body, can_view_plans
from priorities.rules import can_view_strategy
from reports.rules import can_edit_report, can_view_report, can_view_reports
from tests.factories import (
    GovernanceBodyFactory,
    MeasureFactory,
    MembershipFactory,
    ProgressReportFactory,
    ReturnFactory,
    UserFactory,
    chair_of,
    data_lead_of,
    deputy_chair_of,
    member_of,
)

pytestmark = pytest.mark.django_db

EVERY_USER = [
    "manager",
    "scrutiny",
    "chair",
    "deputy_chair",
    "datalead",
    "plain_member",
    "no_role_user",
    "anonymous",
    "inactive_chair",
    "inactive_manager",
]
WITH_A_ROLE = ["manager", "scrutiny", "chair", "deputy_chair", "datalead"]
WITHOUT_A_ROLE = [name for name in EVERY_USER if name not in WITH_A_ROLE]


@pytest.fixture
def deputy_chair(chair_body):
    return deputy_chair_of(chair_body)


@pytest.fixture
def plain_member(chair_body):
    """An ordinary member of the chair's body: belongs, but does not report."""
    return member_of(chair_body, Membership.Role.MEMBER)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def inactive_chair(chair_body):
    return chair_of(chair_body, UserFactory(is_active=False))


@pytest.fixture
def inactive_manager(db):
    user = UserFactory(is_active=False)
    user.groups.add(Group.objects.get_or_create(name=BUSINESS_MANAGERS)[0])
    return user


@pytest.fixture
def chair_measure(chair_body):
    """A measure the chair's body reports, in an approved plan (a draft's are hidden)."""
    return MeasureFactory(reporting_body=chair_body, priority__plan__approved=True)


@pytest.fixture
def datalead_measure(datalead_body):
    """A measure the data lead's body reports, in an approved plan (a draft's are hidden)."""
    return MeasureFactory(reporting_body=datalead_body, priority__plan__approved=True)


@pytest.fixture
def user_named(request):
    """``user_named("chair")``: the user fixture of that name."""
    return request.getfixturevalue


def fresh(user):
    """The same user read again, with no roles cached on it."""
    return get_user_model().objects.get(pk=user.pk)


# --- roles_of ---------------------------------------------------------------------------------


def test_manager_roles(manager):
    assert roles_of(manager) == Roles(is_manager=True)


def test_scrutiny_roles(scrutiny):
    assert roles_of(scrutiny) == Roles(is_scrutiny=True)


def test_chair_and_deputy_chair_report_and_chair_their_body(chair, deputy_chair, chair_body):
    expected = Roles(
        reporting_body_ids=frozenset({chair_body.pk}), chair_body_ids=frozenset({chair_body.pk})
    )
    assert roles_of(chair) == expected
    assert roles_of(deputy_chair) == expected


def test_data_lead_reports_for_their_body_but_does_not_chair_it(datalead, datalead_body):
    assert roles_of(datalead) == Roles(reporting_body_ids=frozenset({datalead_body.pk}))
    assert roles_of(datalead).is_reporter


def test_plain_member_has_no_role(plain_member):
    assert roles_of(plain_member) == Roles()
    assert not roles_of(plain_member).has_any_role


@pytest.mark.parametrize(
    "name", ["no_role_user", "anonymous", "inactive_chair", "inactive_manager"]
)
def test_users_without_a_usable_role_have_none(user_named, name):
    assert roles_of(user_named(name)) == Roles()


def test_no_user_has_no_role():
    assert roles_of(None) == Roles()


def test_user_reporting_for_two_bodies_reports_for_both(chair_body, datalead_body):
    user = chair_of(chair_body)
    data_lead_of(datalead_body, user)
    assert roles_of(user).reporting_body_ids == {chair_body.pk, datalead_body.pk}
    assert roles_of(user).chair_body_ids == {chair_body.pk}


# --- reading plans, strategies, bodies, consultations, reports --------------------------------

READ_QUESTIONS = [
    can_view_plans,
    can_view_strategy,
    can_view_body,
    can_view_consultations,
    can_view_reports,
]


@pytest.mark.parametrize("question", READ_QUESTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", WITH_A_ROLE)
def test_anyone_with_a_role_can_read_plans(user_named, name, question):
    assert question(user_named(name)) is True


@pytest.mark.parametrize("question", READ_QUESTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_can_read_plans(user_named, name, question):
    assert question(user_named(name)) is False


# --- editing: the manager's alone -------------------------------------------------------------

MANAGER_ONLY_QUESTIONS = [
    can_edit_plan,
    can_manage_governance,
    can_manage_periods,
    can_manage_consultations,
    can_view_collection,
]


@pytest.mark.parametrize("question", MANAGER_ONLY_QUESTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", EVERY_USER)
def test_only_an_active_manager_edits_and_runs_collections(user_named, name, question):
    assert question(user_named(name)) is (name == "manager")


# --- measures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["manager", "scrutiny", "chair", "deputy_chair", "datalead"])
def test_everyone_with_a_role_reads_every_measure(
    user_named, name, chair_measure, datalead_measure
):
    user = user_named(name)
    assert can_view_measure(user, chair_measure)
    assert can_view_measure(user, datalead_measure)


@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_sees_a_measure(user_named, name, chair_measure):
    assert not can_view_measure(user_named(name), chair_measure)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("manager", True),
        ("chair", True),
        ("deputy_chair", True),
        ("datalead", False),
        ("scrutiny", False),
        ("plain_member", False),
    ],
)
def test_unapproved_figures_only_for_manager_and_reporting_body(
    user_named, name, expected, chair_measure
):
    assert can_view_unapproved_returns(user_named(name), chair_measure) is expected


# --- returns: whose are due, who submits ------------------------------------------------------


@pytest.mark.parametrize("name", EVERY_USER)
def test_only_reporters_have_returns_due(user_named, name):
    assert can_view_my_returns(user_named(name)) is (name in {"chair", "deputy_chair", "datalead"})


@pytest.mark.parametrize("name", ["chair", "deputy_chair"])
def test_chair_and_deputy_can_submit_for_their_body(user_named, name, chair_measure):
    assert can_submit_return(user_named(name), chair_measure)


@pytest.mark.parametrize("name", ["chair", "deputy_chair"])
def test_chair_cannot_submit_for_another_body(user_named, name, datalead_measure):
    assert not can_submit_return(user_named(name), datalead_measure)


def test_data_lead_can_submit_for_their_body_only(datalead, datalead_measure, chair_measure):
    assert can_submit_return(datalead, datalead_measure)
    assert not can_submit_return(datalead, chair_measure)


@pytest.mark.parametrize(
    "name", ["scrutiny", "plain_member", "no_role_user", "anonymous", "inactive_chair"]
)
def test_non_reporters_cannot_submit(user_named, name, chair_measure):
    assert not can_submit_return(user_named(name), chair_measure)


def test_manager_can_enter_a_return_for_any_body(manager, chair_measure, datalead_measure):
    assert can_submit_return(manager, chair_measure)
    assert can_submit_return(manager, datalead_measure)


def test_manager_who_is_also_a_data_lead_can_submit_for_that_body(manager, chair_measure):
    data_lead_of(chair_measure.reporting_body, manager)
    assert can_submit_return(manager, chair_measure)


def test_membership_of_an_inactive_body_gives_no_reporting_rights(chair_body, chair_measure):
    user = chair_of(chair_body)
    chair_body.is_active = False
    chair_body.save()

    assert not can_submit_return(user, chair_measure)
    assert not can_view_my_returns(user)
    assert not can_view_measure(user, chair_measure)
    assert not can_view_plans(user)
    assert roles_of(user) == Roles()


def test_reporting_for_an_active_body_survives_another_inactive_one(chair_body, chair_measure):
    dormant = GovernanceBodyFactory(is_active=False)
    user = chair_of(dormant)
    data_lead_of(chair_body, user)
    assert roles_of(user).reporting_body_ids == {chair_body.pk}
    assert can_submit_return(user, chair_measure)


# --- returns: who sees, who reviews -----------------------------------------------------------


def test_manager_sees_every_return(manager, chair_measure, datalead_measure):
    assert can_view_return(manager, ReturnFactory(measure=chair_measure))
    assert can_view_return(manager, ReturnFactory(measure=datalead_measure))


@pytest.mark.parametrize("name", ["chair", "deputy_chair"])
def test_chair_sees_only_their_bodys_returns(user_named, name, chair_measure, datalead_measure):
    user = user_named(name)
    assert can_view_return(user, ReturnFactory(measure=chair_measure))
    assert not can_view_return(user, ReturnFactory(measure=datalead_measure))


@pytest.mark.parametrize("name", ["scrutiny", "datalead", *WITHOUT_A_ROLE])
def test_readers_outside_the_body_see_no_unapproved_return(user_named, name, chair_measure):
    assert not can_view_return(user_named(name), ReturnFactory(measure=chair_measure))


@pytest.mark.parametrize("name", ["scrutiny", "datalead", "chair", "manager"])
def test_everyone_with_a_role_sees_approved_returns(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure, approved=True)
    assert can_view_return(user_named(name), ret)


@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_sees_an_approved_return(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure, approved=True)
    assert not can_view_return(user_named(name), ret)


@pytest.mark.parametrize("state", ["draft", "returned", "approved"])
def test_manager_reviews_only_submitted_returns(manager, chair, chair_measure, state):
    traits = {} if state == "draft" else {state: True}
    ret = ReturnFactory(measure=chair_measure, created_by=chair, **traits)
    assert not can_review_return(manager, ret)


def test_manager_can_review_someone_elses_return(manager, chair, chair_measure):
    ret = ReturnFactory(measure=chair_measure, created_by=chair, submitted=True)
    assert can_review_return(manager, ret)


def test_manager_cannot_review_a_return_they_submitted(manager, chair_measure):
    data_lead_of(chair_measure.reporting_body, manager)
    ret = ReturnFactory(measure=chair_measure, created_by=manager, submitted=True)
    assert not can_review_return(manager, ret)


def test_another_manager_can_review_a_managers_return(manager, chair_measure):
    data_lead_of(chair_measure.reporting_body, manager)
    ret = ReturnFactory(measure=chair_measure, created_by=manager, submitted=True)
    other_manager = UserFactory()
    other_manager.groups.add(Group.objects.get(name=BUSINESS_MANAGERS))
    assert can_review_return(other_manager, ret)


@pytest.mark.parametrize(
    "name",
    ["scrutiny", "chair", "deputy_chair", "datalead", *WITHOUT_A_ROLE],
)
def test_only_managers_review_returns(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure, submitted=True)
    assert not can_review_return(user_named(name), ret)


def test_a_manager_who_submitted_a_return_submitted_it_themselves(manager, chair_measure):
    ret = ReturnFactory(measure=chair_measure, created_by=manager, submitted=True)
    assert submitted_it_themselves(manager, ret)
    other_manager = UserFactory()
    other_manager.groups.add(Group.objects.get(name=BUSINESS_MANAGERS))
    assert not submitted_it_themselves(other_manager, ret)


def test_a_reporter_who_submitted_is_not_barred_as_a_reviewer(chair, chair_measure):
    ret = ReturnFactory(measure=chair_measure, created_by=chair, submitted=True)
    assert not submitted_it_themselves(chair, ret)


def test_an_approved_return_is_no_longer_the_managers_own_submission(manager, chair_measure):
    ret = ReturnFactory(measure=chair_measure, created_by=manager, approved=True)
    assert not submitted_it_themselves(manager, ret)


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_reporters_and_manager_edit_a_return_with_its_body(user_named, state, chair_measure):
    traits = {} if state == "draft" else {state: True}
    ret = ReturnFactory(measure=chair_measure, **traits)
    for name in ("chair", "deputy_chair", "manager"):
        assert can_edit_return(user_named(name), ret)


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_nobody_edits_a_submitted_or_approved_return(chair, manager, chair_measure, state):
    ret = ReturnFactory(measure=chair_measure, **{state: True})
    assert not can_edit_return(chair, ret)
    assert not can_edit_return(manager, ret)


def test_nobody_edits_a_return_in_a_closed_quarter(chair, manager, chair_measure):
    ret = ReturnFactory(measure=chair_measure, period__is_open=False)
    assert not can_edit_return(chair, ret)
    assert not can_edit_return(manager, ret)


@pytest.mark.parametrize("name", ["datalead", "scrutiny", *WITHOUT_A_ROLE])
def test_others_cannot_edit_the_chairs_bodys_return(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure)
    assert not can_edit_return(user_named(name), ret)


def test_my_returns_are_from_the_bodies_a_person_reports_for(
    chair, datalead, manager, chair_body, datalead_body
):
    assert reporting_body_ids_of(chair) == {chair_body.pk}
    assert reporting_body_ids_of(datalead) == {datalead_body.pk}
    assert reporting_body_ids_of(manager) == frozenset()


# --- progress reports -------------------------------------------------------------------------


@pytest.fixture
def draft_report(db):
    return ProgressReportFactory()


@pytest.fixture
def published_report(db):
    return ProgressReportFactory(published=True)


def test_manager_sees_draft_and_published_reports(manager, draft_report, published_report):
    assert can_view_report(manager, draft_report)
    assert can_view_report(manager, published_report)


@pytest.mark.parametrize("name", ["scrutiny", "chair", "deputy_chair", "datalead"])
def test_other_roles_see_published_reports_only(user_named, name, draft_report, published_report):
    user = user_named(name)
    assert not can_view_report(user, draft_report)
    assert can_view_report(user, published_report)


def test_scrutiny_can_still_read_a_superseded_report(scrutiny):
    report = ProgressReportFactory(published=True, status=ProgressReport.Status.SUPERSEDED)
    assert can_view_report(scrutiny, report)


@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_sees_a_report(user_named, name, published_report):
    assert not can_view_report(user_named(name), published_report)


def test_manager_edits_new_and_draft_reports_but_not_published_ones(
    manager, draft_report, published_report
):
    assert can_edit_report(manager)
    assert can_edit_report(manager, draft_report)
    assert not can_edit_report(manager, published_report)


@pytest.mark.parametrize("name", [n for n in EVERY_USER if n != "manager"])
def test_only_a_manager_edits_reports(user_named, name, draft_report):
    user = user_named(name)
    assert not can_edit_report(user)
    assert not can_edit_report(user, draft_report)


# --- caching ----------------------------------------------------------------------------------


def _ask_many(user, measure, ret, report):
    return [
        can_view_plans(user),
        can_edit_plan(user),
        can_view_measure(user, measure),
        can_submit_return(user, measure),
        can_review_return(user, ret),
        can_view_report(user, report),
        can_edit_report(user, report),
        can_view_my_returns(user),
    ]


@pytest.mark.parametrize("name", ["manager", "chair"])
def test_roles_cost_one_query_once_then_none(
    user_named, name, chair_measure, draft_report, django_assert_num_queries
):
    ret = ReturnFactory(measure=chair_measure, submitted=True)
    user = fresh(user_named(name))

    with django_assert_num_queries(1):
        first = _ask_many(user, chair_measure, ret, draft_report)
    with django_assert_num_queries(0):
        again = _ask_many(user, chair_measure, ret, draft_report)

    assert first == again
    assert any(first)


def test_anonymous_and_inactive_users_cost_no_queries(
    anonymous, inactive_chair, chair_measure, draft_report, django_assert_num_queries
):
    ret = ReturnFactory(measure=chair_measure, submitted=True)
    inactive = fresh(inactive_chair)
    with django_assert_num_queries(0):
        assert not any(_ask_many(anonymous, chair_measure, ret, draft_report))
        assert not any(_ask_many(inactive, chair_measure, ret, draft_report))


def test_cached_roles_do_not_see_a_new_membership_until_forgotten(chair_body, chair_measure):
    user = UserFactory()
    assert not can_submit_return(user, chair_measure)

    MembershipFactory(user=user, body=chair_body, chair=True)
    assert not can_submit_return(user, chair_measure)

    forget_roles(user)
    assert can_submit_return(user, chair_measure)


def test_forget_roles_drops_a_lost_group(manager):
    assert can_edit_plan(manager)
    manager.groups.clear()
    assert can_edit_plan(manager)

    forget_roles(manager)
    assert not can_edit_plan(manager)


def test_forget_roles_on_a_user_with_nothing_cached_is_harmless(no_role_user):
    forget_roles(no_role_user)
    assert roles_of(no_role_user) == Roles()


def test_roles_are_cached_per_user_object(manager, django_assert_num_queries):
    roles_of(manager)
    other_copy = fresh(manager)
    with django_assert_num_queries(1):
        roles_of(other_copy)
