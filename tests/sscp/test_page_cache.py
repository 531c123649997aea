"""Whole pages from the cache (sscp.cache): the second request is served without building
the page, yet a change shows at once, each reader gets their own CSRF token and name, a page
built for one set of roles never reaches another, and refusals are never cached."""

import datetime
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from measures.models import ReportingPeriod
from sscp import cache as sscp_cache
from sscp.cache import CachedPageMixin
from sscp.mixins import RoleRequiredMixin
from tests.factories import (
    GovernanceBodyFactory,
    ManagerFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ScrutinyFactory,
    chair_of,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.SSCP_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(db):
    plan = PlanFactory(active=True, slug="2022-25", title="Children and Young People's Plan")
    PriorityFactory(plan=plan, order=1, title="Keeping children safe")
    ReportingPeriodFactory(financial_year=2024, quarter=3, is_open=False)
    return plan


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_the_second_request_is_served_from_the_cache(plan, manager, django_assert_num_queries):
    client = signed_in(manager)
    first = get(client, plan.get_absolute_url())
    assert first.context is not None  # built from the templates
    second = get(client, plan.get_absolute_url())
    assert second.context is None  # not built: served whole
    strip = lambda html: TOKEN.sub("", html.decode())  # noqa: E731
    assert strip(second.content) == strip(first.content)
    # session, user, roles, data versions, the unread count: nothing of the page itself
    with django_assert_num_queries(5):
        get(client, plan.get_absolute_url())


def test_a_change_shows_on_the_next_request(plan, manager, scrutiny):
    reader = signed_in(scrutiny)
    assert "Keeping children safe" in get(reader, plan.get_absolute_url()).content.decode()
    priority = plan.priorities.get(order=1)
    priority.title = "Safe at home, at school and online"
    priority.save()
    html = get(reader, plan.get_absolute_url()).content.decode()
    assert "Safe at home, at school and online" in html
    assert "Keeping children safe" not in html


def test_a_change_made_in_another_process_shows_at_once(plan, scrutiny, monkeypatch):
    """Each gunicorn worker may keep its own cache: the data version in the key, read from the
    database, makes the other worker's copy unreachable after the write."""
    worker_a, worker_b = LocMemCache("a", {}), LocMemCache("b", {})
    reader = signed_in(scrutiny)
    monkeypatch.setattr(sscp_cache, "cache", worker_a)
    assert plan.title in get(reader, reverse("plans:plan_list")).content.decode()
    monkeypatch.setattr(sscp_cache, "cache", worker_b)  # the other worker saves the change
    get(reader, reverse("plans:plan_list"))
    plan.title = "Renamed elsewhere"
    plan.save()
    monkeypatch.setattr(sscp_cache, "cache", worker_a)  # the first worker still holds its copy
    assert "Renamed elsewhere" in get(reader, reverse("plans:plan_list")).content.decode()


def test_each_reader_gets_their_own_name_and_a_csrf_token_that_works(plan):
    first = ManagerFactory(first_name="Avery", last_name="Stone")
    second = ManagerFactory(first_name="Blake", last_name="Rivers")
    url = plan.get_absolute_url()
    get(signed_in(first, enforce_csrf_checks=True), url)  # builds and stores the page
    client = signed_in(second, enforce_csrf_checks=True)
    response = get(client, url)
    assert response.context is None  # served from the cache built for the first manager
    html = response.content.decode()
    assert "Blake Rivers" in html and "Avery Stone" not in html
    assert sscp_cache.USER_PLACEHOLDER not in html
    token = TOKEN.search(html).group(1)
    assert "placeholder" not in token
    # the token belongs to this session: signing out with it is accepted
    signed_out = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302


def test_a_manager_page_never_reaches_a_scrutiny_member(plan, manager, scrutiny):
    edit = reverse("plans:plan_edit", kwargs={"slug": plan.slug})
    assert edit in get(signed_in(manager), plan.get_absolute_url()).content.decode()
    html = get(signed_in(scrutiny), plan.get_absolute_url()).content.decode()
    assert edit not in html


def test_a_refusal_is_never_cached_nor_served_a_cached_page(plan, manager, chair_body):
    url = reverse("measures:period_list")
    get(signed_in(manager), url)
    assert signed_in(chair_of(chair_body)).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # anonymous: to the login page


def test_personal_pages_are_kept_per_person(plan, chair_body):
    first, second = chair_of(chair_body), chair_of(chair_body)
    second.first_name, second.last_name = "Casey", "Moss"
    second.save()
    get(signed_in(first), reverse("home"))
    response = get(signed_in(second), reverse("home"))
    assert response.context is not None  # the same roles, but home is built per person
    assert "Casey Moss" in response.content.decode()


def test_reporters_of_different_bodies_share_pages_no_body_changes(plan, chair_body):
    """The Plan on a Page turns on no body's rules: a chair of another body reads the copy built
    for the first; a measure page (whose returns in progress only the measure's own body sees)
    is kept per set of roles."""
    other_body = GovernanceBodyFactory(name="Health Subgroup")
    first, second = signed_in(chair_of(chair_body)), signed_in(chair_of(other_body))
    assert get(first, plan.get_absolute_url()).context is not None
    assert get(second, plan.get_absolute_url()).context is None  # shared: from the cache

    measure = MeasureFactory(priority=plan.priorities.first(), reporting_body=chair_body)
    assert get(first, measure.get_absolute_url()).context is not None
    assert get(second, measure.get_absolute_url()).context is not None  # built for its roles


def test_a_page_with_a_message_to_show_is_built_afresh_and_shows_it(plan, manager):
    client = signed_in(manager)
    get(client, plan.get_absolute_url())
    # a message queued by the previous request (a save), as the messages cookie carries it
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Plan saved.")])
    response = get(client, plan.get_absolute_url())
    assert response.context is not None
    assert "Plan saved." in response.content.decode()


def test_a_new_day_builds_the_page_again(plan, scrutiny, monkeypatch):
    client = signed_in(scrutiny)
    get(client, reverse("plans:plan_list"))
    assert get(client, reverse("plans:plan_list")).context is None
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    assert get(client, reverse("plans:plan_list")).context is not None


def test_filters_and_sorting_are_part_of_the_key(plan, manager):
    period = ReportingPeriodFactory(financial_year=2024, quarter=4)
    client = signed_in(manager)
    url = reverse("measures:period_detail", kwargs={"pk": period.pk})
    get(client, url)
    assert get(client, url + "?sort=title").context is not None
    assert get(client, url + "?sort=title").context is None
    assert get(client, url + "?sort=title&status=submitted").context is not None
    assert get(client, url + "?status=submitted&sort=title").context is None


def cache_entries() -> int:
    return len(cache._cache)  # the test settings' LocMemCache


def test_parameters_a_page_does_not_read_add_no_cache_entries(plan, scrutiny):
    client = signed_in(scrutiny)
    url = plan.get_absolute_url()
    get(client, url)
    stored = cache_entries()
    for number in range(50):
        response = get(client, f"{url}?junk{number}={number}&utm_source=x{number}")
        assert response.context is None  # the page already stored, whatever else is asked
    assert cache_entries() == stored


def test_junk_never_reaches_the_stored_page(plan, manager):
    period = ReportingPeriodFactory(financial_year=2024, quarter=4)
    url = reverse("measures:period_detail", kwargs={"pk": period.pk})
    html = get(signed_in(manager), url + "?sort=title&planted=evil").content.decode()
    assert "planted" not in html  # links on the page carry only the parameters it reads
    assert get(signed_in(ManagerFactory()), url + "?sort=title").context is None


def test_a_repeated_parameter_gives_the_page_its_last_value_asks_for(plan, scrutiny):
    """The view reads the last value (QueryDict.get): so does the key, so ?quarter=2&quarter=3
    and ?quarter=3&quarter=2 are two pages, each of the quarter it shows."""
    third = ReportingPeriod.objects.get(financial_year=2024, quarter=3)
    second = ReportingPeriodFactory(financial_year=2024, quarter=2, is_open=False)
    client = signed_in(scrutiny)
    url = plan.get_absolute_url()
    asked = {third: [second, third], second: [third, second]}
    for _ in range(2):  # built, then from the cache
        for shown, quarters in asked.items():
            query = "&".join(f"quarter={quarter.pk}" for quarter in quarters)
            html = get(client, f"{url}?{query}").content.decode()
            assert f"approved returns for {shown}" in html, query


def test_a_download_is_cached_with_its_file_name(plan, manager, django_assert_num_queries):
    period = ReportingPeriodFactory(financial_year=2024, quarter=4)
    url = reverse("measures:period_detail", kwargs={"pk": period.pk}) + "?export=csv"
    client = signed_in(manager)
    first = client.get(url)
    with django_assert_num_queries(4):  # session, user, roles, data versions: from the cache
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["Content-Type"].startswith("text/csv")
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second.content == first.content


def test_a_scrutiny_member_reads_a_cached_page_built_for_another_scrutiny_member(plan):
    get(signed_in(ScrutinyFactory()), reverse("plans:plan_list"))
    assert get(signed_in(ScrutinyFactory()), reverse("plans:plan_list")).context is None


def test_a_new_release_never_serves_pages_cached_by_the_previous_one(plan, scrutiny, monkeypatch):
    client = signed_in(scrutiny)
    get(client, reverse("plans:plan_list"))
    assert get(client, reverse("plans:plan_list")).context is None
    monkeypatch.setenv("SSCP_RELEASE", "the-next-release")
    sscp_cache.release.cache_clear()
    try:
        assert sscp_cache.release() == "the-next-release"
        assert get(client, reverse("plans:plan_list")).context is not None
    finally:
        monkeypatch.delenv("SSCP_RELEASE")
        sscp_cache.release.cache_clear()
    assert len(sscp_cache.release()) == 12  # a fingerprint of the code and templates


def test_a_missing_page_is_not_cached_and_carries_the_readers_own_name_and_token(plan):
    reader = ManagerFactory(first_name="Drew", last_name="Hale")
    client = signed_in(reader)
    url = reverse("plans:plan_detail", kwargs={"slug": "no-such-plan"})
    for _ in range(2):  # the second time too: nothing was stored
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Drew Hale" in html
        assert sscp_cache.USER_PLACEHOLDER not in html
        assert sscp_cache.CSRF_PLACEHOLDER not in html


def test_a_view_that_would_serve_the_cache_before_checking_access_is_refused():
    with pytest.raises(ImproperlyConfigured, match="must come after RoleRequiredMixin"):

        class CacheFirst(CachedPageMixin, RoleRequiredMixin, TemplateView):
            pass

    with pytest.raises(ImproperlyConfigured, match="must come after RoleRequiredMixin"):

        class NoAccessCheck(CachedPageMixin, TemplateView):
            pass

    class AccessFirst(RoleRequiredMixin, CachedPageMixin, TemplateView):
        pass

    assert AccessFirst.__mro__.index(RoleRequiredMixin) < AccessFirst.__mro__.index(CachedPageMixin)
