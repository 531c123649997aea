"""Cached pages keyed by data versions read from the database (sscp.cache): every write bumps
its area in the same transaction, a change shows on the next request whichever process or cache
serves it, and the editors' variant never reaches a reader. The page cache is on here, as in
production."""

import datetime
import re
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from simple_history.models import HistoricalChanges

from measures import services as measure_services
from priorities import services as priority_services
from sscp import cache as sscp_cache
from sscp.models import DataVersion
from tests.factories import (
    FeedbackFactory,
    ManagerFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.SSCP_PAGE_CACHE = True


@pytest.fixture
def shelf(chair_body):
    """An active plan with one priority, one strategy and a measure with a submitted return
    for a closed quarter, the quarter the Plan on a Page shows."""
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, order=1, title="Keeping children safe")
    PriorityFactory(plan=plan, order=2, title="Health and resilience")
    strategy = StrategyFactory(
        title="Early Help Strategy",
        owner_body=chair_body,
        lead_role="Head of Early Help",
        priorities=[priority],
    )
    period = ReportingPeriodFactory(financial_year=2024, quarter=3, is_open=False)
    measure = MeasureFactory(priority=priority, strategy=strategy, reporting_body=chair_body)
    ret = ReturnFactory(measure=measure, period=period, value=Decimal("61"), submitted=True)
    return {"plan": plan, "priority": priority, "strategy": strategy, "return": ret}


def page(client, plan) -> str:
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def seen(obj) -> int:
    """The history record an edit form would have been opened at."""
    return obj.history.order_by("-history_id").first().history_id


def without_csrf_tokens(html: str) -> str:
    """The page without its CSRF tokens, which are masked afresh on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.fixture
def own_cache(monkeypatch):
    """Serve ``sscp.cache`` from a given cache, as if the request ran in another process
    (each gunicorn worker has its own local memory)."""

    def use(cache):
        monkeypatch.setattr(sscp_cache, "cache", cache)

    return use


def local_memory_cache() -> LocMemCache:
    return LocMemCache(f"process-{uuid.uuid4()}", {})


# --- the versions -------------------------------------------------------------------------------


def test_a_write_gives_its_area_a_new_version_and_leaves_the_others(shelf):
    before = sscp_cache.versions(*sscp_cache.AREAS)

    shelf["strategy"].lead_role = "Director of Children's Services"
    shelf["strategy"].save()

    after = sscp_cache.versions(*sscp_cache.AREAS)
    assert after[sscp_cache.PLANS] != before[sscp_cache.PLANS]
    assert {area: after[area] for area in after if area != sscp_cache.PLANS} == {
        area: before[area] for area in before if area != sscp_cache.PLANS
    }


def test_versions_of_every_area_come_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        sscp_cache.versions(*sscp_cache.AREAS)


def test_a_rolled_back_write_leaves_the_version_as_it_was(shelf):
    before = sscp_cache.versions(sscp_cache.PLANS)
    with transaction.atomic():
        shelf["priority"].title = "Never saved"
        shelf["priority"].save()
        assert sscp_cache.versions(sscp_cache.PLANS) != before
        transaction.set_rollback(True)
    assert sscp_cache.versions(sscp_cache.PLANS) == before


def test_many_to_many_changes_bump_the_area(shelf):
    before = sscp_cache.versions(sscp_cache.PLANS, sscp_cache.CONSULTATIONS)

    shelf["strategy"].priorities.clear()
    middle = sscp_cache.versions(sscp_cache.PLANS, sscp_cache.CONSULTATIONS)
    FeedbackFactory().priorities.add(shelf["priority"])
    after = sscp_cache.versions(sscp_cache.PLANS, sscp_cache.CONSULTATIONS)

    assert middle[sscp_cache.PLANS] != before[sscp_cache.PLANS]
    assert after[sscp_cache.CONSULTATIONS] != middle[sscp_cache.CONSULTATIONS]


def test_a_missing_version_row_is_created_by_the_next_write():
    DataVersion.objects.all().delete()
    assert sscp_cache.versions(sscp_cache.MEASURES) == {sscp_cache.MEASURES: 0}

    sscp_cache.bump(sscp_cache.MEASURES)

    assert sscp_cache.versions(sscp_cache.MEASURES)[sscp_cache.MEASURES] != 0


def test_an_unknown_area_is_refused():
    with pytest.raises(ValueError, match="Unknown data area"):
        sscp_cache.bump("plan")


def test_every_model_of_the_partnership_apps_is_watched_or_deliberately_not():
    watched = {label for labels in sscp_cache.WATCHED.values() for label in labels}
    models = {
        model._meta.label
        for app in ("plans", "priorities", "measures", "consultations", "assurance")
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    assert models - watched - sscp_cache.UNWATCHED == set()
    assert watched <= models | {"plans.ProgressReport"}


# --- the Plan on a Page, served whole from the cache -------------------------------------


def test_plan_on_a_page_is_served_from_the_cache_on_the_next_request(
    shelf, scrutiny, client_for, django_assert_max_num_queries
):
    client = client_for(scrutiny)
    first = page(client, shelf["plan"])
    with django_assert_max_num_queries(8) as captured:
        again = page(client, shelf["plan"])
    assert without_csrf_tokens(again) == without_csrf_tokens(first)
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert "measures_return" not in tables, "a cached page must not read the returns"


def test_a_strategys_new_lead_role_shows_at_once(shelf, manager, scrutiny, client_for):
    reader = client_for(scrutiny)
    assert "Head of Early Help" in page(reader, shelf["plan"])
    strategy = shelf["strategy"]
    strategy.lead_role = "Director of Children's Services"

    priority_services.strategy_update(
        strategy=strategy, priorities=[shelf["priority"]], seen_change=seen(strategy)
    )

    html = page(reader, shelf["plan"])
    assert "Director of Children&#x27;s Services" in html
    assert "Head of Early Help" not in html


def test_an_approved_return_shows_at_once(shelf, manager, scrutiny, client_for):
    reader = client_for(scrutiny)
    assert "1 green" not in page(reader, shelf["plan"]).lower()
    ret = shelf["return"]

    measure_services.return_approve(ret=ret, user=manager, expected_version=ret.version)

    assert re.search(r"1\s*(?:<[^>]*>\s*)*green", page(reader, shelf["plan"]).lower())


def test_a_retired_priority_leaves_the_shelves_at_once(shelf, manager, client_for):
    editor = client_for(manager)
    assert 'id="priority-{}-title"'.format(shelf["priority"].pk) in page(editor, shelf["plan"])

    priority_services.priority_retire(
        priority=shelf["priority"],
        retired_on=datetime.date(2024, 6, 30),
        reason="Merged into another priority.",
        seen_change=seen(shelf["priority"]),
    )

    html = page(editor, shelf["plan"])
    assert 'id="priority-{}-title"'.format(shelf["priority"].pk) not in html
    assert "Retired priorities" in html


def test_a_priority_moved_through_the_page_shows_in_its_new_place(shelf, manager, client_for):
    editor = client_for(manager)
    first_title = "Keeping children safe"
    html = page(editor, shelf["plan"])
    assert html.index(first_title) < html.index("Health and resilience")

    response = editor.post(
        f"/priorities/{shelf['priority'].pk}/move/", {"direction": "down"}, follow=True
    )

    assert response.status_code == 200
    html = page(editor, shelf["plan"])
    assert html.index("Health and resilience") < html.index(first_title)


def test_the_editors_variant_never_reaches_a_scrutiny_member(shelf, manager, scrutiny, client_for):
    editor_html = page(client_for(manager), shelf["plan"])
    assert "Retire<span" in editor_html

    reader_html = page(client_for(scrutiny), shelf["plan"])

    assert "Retire<span" not in reader_html
    assert "Move down" not in reader_html
    assert "priority_move" not in reader_html and "/move/" not in reader_html
    assert "Edit plan" not in reader_html


def test_a_cached_move_form_carries_each_managers_own_csrf_token(shelf, manager):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(manager)
    second.force_login(ManagerFactory())
    page(first, shelf["plan"])  # fills the cache with the first manager's request

    html = page(second, shelf["plan"])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = second.post(
        f"/priorities/{shelf['priority'].pk}/move/",
        {"direction": "down", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert sscp_cache.CSRF_PLACEHOLDER not in html


def test_a_change_made_in_another_process_shows_at_once_from_a_local_cache(
    shelf, manager, scrutiny, client_for, own_cache
):
    worker_a, worker_b = local_memory_cache(), local_memory_cache()
    reader = client_for(scrutiny)
    own_cache(worker_a)
    assert "Head of Early Help" in page(reader, shelf["plan"])  # cached in worker A's memory

    own_cache(worker_b)  # the manager's request lands on worker B
    strategy = shelf["strategy"]
    strategy.lead_role = "Director of Children's Services"
    priority_services.strategy_update(
        strategy=strategy, priorities=[shelf["priority"]], seen_change=seen(strategy)
    )
    page(client_for(manager), shelf["plan"])

    own_cache(worker_a)  # worker A never heard of the change, but reads the version
    assert "Director of Children&#x27;s Services" in page(reader, shelf["plan"])


@pytest.fixture
def redis_cache():
    """A Redis cache at 127.0.0.1:6379 under a key prefix of its own, emptied afterwards."""
    from django.core.cache.backends.redis import RedisCache

    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: start redis-server to run this.")
    prefix = f"sscp-test-{uuid.uuid4()}"

    def make():
        return RedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": prefix})

    yield make
    client = redis.Redis(host="127.0.0.1", port=6379)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_workers_sharing_redis_reuse_a_page_until_a_change(
    shelf, manager, scrutiny, client_for, own_cache, redis_cache
):
    worker_a, worker_b = redis_cache(), redis_cache()  # two connections, as two processes
    reader = client_for(scrutiny)
    own_cache(worker_a)
    first = page(reader, shelf["plan"])

    own_cache(worker_b)
    with CaptureQueriesContext(connection) as captured:
        again = page(reader, shelf["plan"])
    assert without_csrf_tokens(again) == without_csrf_tokens(first)
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert "measures_return" not in tables, "the page is in Redis, shared by both workers"

    ret = shelf["return"]
    measure_services.return_approve(ret=ret, user=manager, expected_version=ret.version)

    own_cache(worker_a)
    assert without_csrf_tokens(page(reader, shelf["plan"])) != without_csrf_tokens(first)
