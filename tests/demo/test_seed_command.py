"""``manage.py seed_demo`` on an empty database: loading it twice changes nothing, a conflict
saves nothing, and the demo accounts get passwords only when asked."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError

from demo.data.common import DEMO_PASSWORD
from demo.data.people import ACCOUNTS
from measures.models import Measure
from plans.models import GovernanceBody, Membership, Partner, Plan
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS, roles_of
from tests.demo.seeding import seed

User = get_user_model()


def row_counts() -> dict[str, int]:
    """Rows in every table Django knows, history and join tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def demo_usernames() -> list[str]:
    return [account["username"] for account in ACCOUNTS if account.get("demo")]


@pytest.mark.django_db
def test_running_twice_creates_nothing_new_not_even_history():
    first = seed("--with-demo-users")
    counts = row_counts()
    second = seed("--with-demo-users")
    assert row_counts() == counts
    assert counts["measures.Return"] > 100
    assert counts["measures.HistoricalReturn"] == counts["measures.Return"]
    assert first.startswith("Demo data:")
    assert second.startswith("Demo data already loaded:")


@pytest.mark.django_db
def test_a_conflicting_active_plan_stops_the_load_and_saves_nothing():
    Plan.objects.create(
        slug="2025-28",
        title="Another plan",
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2028, 3, 31),
        status=Plan.Status.ACTIVE,
        approval_date=datetime.date(2025, 3, 1),
    )
    with pytest.raises(CommandError, match="nothing was saved"):
        seed()
    assert not Partner.objects.exists()
    assert not GovernanceBody.objects.exists()
    assert Plan.objects.count() == 1


# --- demo accounts ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_users_get_their_roles_and_the_demo_password_when_asked():
    output = seed("--with-demo-users")
    users = {u.username: u for u in User.objects.filter(username__in=demo_usernames())}
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD), user
        assert user.email == f"{user.username}@example.org"
        assert f"{user.username}" in output
    assert DEMO_PASSWORD in output

    manager, scrutiny = roles_of(users["manager"]), roles_of(users["scrutiny"])
    assert manager.is_manager and not manager.is_reporter
    assert users["manager"].groups.filter(name=BUSINESS_MANAGERS).exists()
    assert scrutiny.is_scrutiny and not scrutiny.is_manager and not scrutiny.is_reporter
    assert users["scrutiny"].groups.filter(name=SCRUTINY_MEMBERS).exists()

    chair = Membership.objects.get(user=users["chair"])
    data_lead = Membership.objects.get(user=users["datalead"])
    assert chair.role == Membership.Role.CHAIR
    assert data_lead.role == Membership.Role.DATA_LEAD
    assert chair.body != data_lead.body
    for membership in (chair, data_lead):
        assert Measure.objects.filter(reporting_body=membership.body).exists()
        assert roles_of(membership.user).reporting_body_ids == {membership.body_id}
    assert roles_of(users["chair"]).chair_body_ids == {chair.body_id}


@pytest.mark.django_db
def test_without_the_flag_and_debug_off_no_account_can_log_in(settings):
    assert settings.DEBUG is False
    output = seed()
    assert set(demo_usernames()) <= set(User.objects.values_list("username", flat=True))
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert DEMO_PASSWORD not in output
    assert "no usable password" in output


@pytest.mark.django_db
def test_debug_on_gives_the_demo_accounts_passwords(settings):
    settings.DEBUG = True
    seed()
    demo_users = User.objects.filter(username__in=demo_usernames())
    assert all(user.check_password(DEMO_PASSWORD) for user in demo_users)
    others = User.objects.exclude(username__in=demo_usernames())
    assert others.exists()
    assert not any(user.has_usable_password() for user in others)


@pytest.mark.django_db
def test_asking_later_gives_passwords_and_a_changed_password_is_kept():
    seed()
    seed("--with-demo-users")
    manager = User.objects.get(username="manager")
    assert manager.check_password(DEMO_PASSWORD)
    manager.set_password("changed-by-its-owner")
    manager.save()
    output = seed("--with-demo-users")
    manager.refresh_from_db()
    assert manager.check_password("changed-by-its-owner")
    assert "changed, left as is" in output
