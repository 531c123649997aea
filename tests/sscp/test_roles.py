"""The access module: every can_* question, for every kind of user, allowed and refused."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group

from plans.models import Membership, ProgressReport
from sscp import roles
from sscp.roles import BUSINESS_MANAGERS, Roles, forget_roles, roles_of
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
    """A measure the chair's body reports."""
    return MeasureFactory(reporting_body=chair_body)


@pytest.fixture
def datalead_measure(datalead_body):
    """A measure the data lead's body reports."""
    return MeasureFactory(reporting_body=datalead_body)


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
    roles.can_view_plans,
    roles.can_view_strategy,
    roles.can_view_body,
    roles.can_view_consultations,
    roles.can_view_reports,
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
    roles.can_edit_plan,
    roles.can_manage_governance,
    roles.can_manage_periods,
    roles.can_manage_consultations,
    roles.can_view_collection,
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
    assert roles.can_view_measure(user, chair_measure)
    assert roles.can_view_measure(user, datalead_measure)


@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_sees_a_measure(user_named, name, chair_measure):
    assert not roles.can_view_measure(user_named(name), chair_measure)


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
    assert roles.can_view_unapproved_returns(user_named(name), chair_measure) is expected


# --- returns: whose are due, who submits ------------------------------------------------------


@pytest.mark.parametrize("name", EVERY_USER)
def test_only_reporters_have_returns_due(user_named, name):
    assert roles.can_view_my_returns(user_named(name)) is (
        name in {"chair", "deputy_chair", "datalead"}
    )


@pytest.mark.parametrize("name", ["chair", "deputy_chair"])
def test_chair_and_deputy_can_submit_for_their_body(user_named, name, chair_measure):
    assert roles.can_submit_return(user_named(name), chair_measure)


@pytest.mark.parametrize("name", ["chair", "deputy_chair"])
def test_chair_cannot_submit_for_another_body(user_named, name, datalead_measure):
    assert not roles.can_submit_return(user_named(name), datalead_measure)


def test_data_lead_can_submit_for_their_body_only(datalead, datalead_measure, chair_measure):
    assert roles.can_submit_return(datalead, datalead_measure)
    assert not roles.can_submit_return(datalead, chair_measure)


@pytest.mark.parametrize(
    "name", ["scrutiny", "plain_member", "no_role_user", "anonymous", "inactive_chair"]
)
def test_non_reporters_cannot_submit(user_named, name, chair_measure):
    assert not roles.can_submit_return(user_named(name), chair_measure)


def test_manager_can_enter_a_return_for_any_body(manager, chair_measure, datalead_measure):
    assert roles.can_submit_return(manager, chair_measure)
    assert roles.can_submit_return(manager, datalead_measure)


def test_manager_who_is_also_a_data_lead_can_submit_for_that_body(manager, chair_measure):
    data_lead_of(chair_measure.reporting_body, manager)
    assert roles.can_submit_return(manager, chair_measure)


def test_membership_of_an_inactive_body_gives_no_reporting_rights(chair_body, chair_measure):
    user = chair_of(chair_body)
    chair_body.is_active = False
    chair_body.save()

    assert not roles.can_submit_return(user, chair_measure)
    assert not roles.can_view_my_returns(user)
    assert not roles.can_view_measure(user, chair_measure)
    assert not roles.can_view_plans(user)
    assert roles_of(user) == Roles()


def test_reporting_for_an_active_body_survives_another_inactive_one(chair_body, chair_measure):
    dormant = GovernanceBodyFactory(is_active=False)
    user = chair_of(dormant)
    data_lead_of(chair_body, user)
    assert roles_of(user).reporting_body_ids == {chair_body.pk}
    assert roles.can_submit_return(user, chair_measure)


# --- returns: who sees, who reviews -----------------------------------------------------------


def test_manager_sees_every_return(manager, chair_measure, datalead_measure):
    assert roles.can_view_return(manager, ReturnFactory(measure=chair_measure))
    assert roles.can_view_return(manager, ReturnFactory(measure=datalead_measure))


@pytest.mark.parametrize("name", ["chair", "deputy_chair"])
def test_chair_sees_only_their_bodys_returns(user_named, name, chair_measure, datalead_measure):
    user = user_named(name)
    assert roles.can_view_return(user, ReturnFactory(measure=chair_measure))
    assert not roles.can_view_return(user, ReturnFactory(measure=datalead_measure))


@pytest.mark.parametrize("name", ["scrutiny", "datalead", *WITHOUT_A_ROLE])
def test_readers_outside_the_body_see_no_unapproved_return(user_named, name, chair_measure):
    assert not roles.can_view_return(user_named(name), ReturnFactory(measure=chair_measure))


@pytest.mark.parametrize("name", ["scrutiny", "datalead", "chair", "manager"])
def test_everyone_with_a_role_sees_approved_returns(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure, approved=True)
    assert roles.can_view_return(user_named(name), ret)


@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_sees_an_approved_return(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure, approved=True)
    assert not roles.can_view_return(user_named(name), ret)


@pytest.mark.parametrize("state", ["draft", "returned", "approved"])
def test_manager_reviews_only_submitted_returns(manager, chair, chair_measure, state):
    traits = {} if state == "draft" else {state: True}
    ret = ReturnFactory(measure=chair_measure, created_by=chair, **traits)
    assert not roles.can_review_return(manager, ret)


def test_manager_can_review_someone_elses_return(manager, chair, chair_measure):
    ret = ReturnFactory(measure=chair_measure, created_by=chair, submitted=True)
    assert roles.can_review_return(manager, ret)


def test_manager_cannot_review_a_return_they_submitted(manager, chair_measure):
    data_lead_of(chair_measure.reporting_body, manager)
    ret = ReturnFactory(measure=chair_measure, created_by=manager, submitted=True)
    assert not roles.can_review_return(manager, ret)


def test_another_manager_can_review_a_managers_return(manager, chair_measure):
    data_lead_of(chair_measure.reporting_body, manager)
    ret = ReturnFactory(measure=chair_measure, created_by=manager, submitted=True)
    other_manager = UserFactory()
    other_manager.groups.add(Group.objects.get(name=BUSINESS_MANAGERS))
    assert roles.can_review_return(other_manager, ret)


@pytest.mark.parametrize(
    "name",
    ["scrutiny", "chair", "deputy_chair", "datalead", *WITHOUT_A_ROLE],
)
def test_only_managers_review_returns(user_named, name, chair_measure):
    ret = ReturnFactory(measure=chair_measure, submitted=True)
    assert not roles.can_review_return(user_named(name), ret)


# --- progress reports -------------------------------------------------------------------------


@pytest.fixture
def draft_report(db):
    return ProgressReportFactory()


@pytest.fixture
def published_report(db):
    return ProgressReportFactory(published=True)


def test_manager_sees_draft_and_published_reports(manager, draft_report, published_report):
    assert roles.can_view_report(manager, draft_report)
    assert roles.can_view_report(manager, published_report)


@pytest.mark.parametrize("name", ["scrutiny", "chair", "deputy_chair", "datalead"])
def test_other_roles_see_published_reports_only(user_named, name, draft_report, published_report):
    user = user_named(name)
    assert not roles.can_view_report(user, draft_report)
    assert roles.can_view_report(user, published_report)


def test_scrutiny_can_still_read_a_superseded_report(scrutiny):
    report = ProgressReportFactory(published=True, status=ProgressReport.Status.SUPERSEDED)
    assert roles.can_view_report(scrutiny, report)


@pytest.mark.parametrize("name", WITHOUT_A_ROLE)
def test_nobody_without_a_role_sees_a_report(user_named, name, published_report):
    assert not roles.can_view_report(user_named(name), published_report)


def test_manager_edits_new_and_draft_reports_but_not_published_ones(
    manager, draft_report, published_report
):
    assert roles.can_edit_report(manager)
    assert roles.can_edit_report(manager, draft_report)
    assert not roles.can_edit_report(manager, published_report)


@pytest.mark.parametrize("name", [n for n in EVERY_USER if n != "manager"])
def test_only_a_manager_edits_reports(user_named, name, draft_report):
    user = user_named(name)
    assert not roles.can_edit_report(user)
    assert not roles.can_edit_report(user, draft_report)


# --- caching ----------------------------------------------------------------------------------


def _ask_many(user, measure, ret, report):
    return [
        roles.can_view_plans(user),
        roles.can_edit_plan(user),
        roles.can_view_measure(user, measure),
        roles.can_submit_return(user, measure),
        roles.can_review_return(user, ret),
        roles.can_view_report(user, report),
        roles.can_edit_report(user, report),
        roles.can_view_my_returns(user),
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
    assert not roles.can_submit_return(user, chair_measure)

    MembershipFactory(user=user, body=chair_body, chair=True)
    assert not roles.can_submit_return(user, chair_measure)

    forget_roles(user)
    assert roles.can_submit_return(user, chair_measure)


def test_forget_roles_drops_a_lost_group(manager):
    assert roles.can_edit_plan(manager)
    manager.groups.clear()
    assert roles.can_edit_plan(manager)

    forget_roles(manager)
    assert not roles.can_edit_plan(manager)


def test_forget_roles_on_a_user_with_nothing_cached_is_harmless(no_role_user):
    forget_roles(no_role_user)
    assert roles_of(no_role_user) == Roles()


def test_roles_are_cached_per_user_object(manager, django_assert_num_queries):
    roles_of(manager)
    other_copy = fresh(manager)
    with django_assert_num_queries(1):
        roles_of(other_copy)
