"""Each cached page is kept until a write to one of the data areas it shows (sscp.cache):
saving or submitting a draft return leaves the pages of approved figures in the cache (the
Plan on a Page, a strategy, a reader's measure page, a published report), approving or
reopening one does not; and a page that reads an area it does not name fails in the tests."""

from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from measures.models import Return
from measures.services import (
    ReturnFigures,
    return_approve,
    return_reopen,
    return_save_draft,
    return_submit,
)
from sscp import cache as sscp_cache
from tests.factories import (
    ManagerFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    ScrutinyFactory,
    StrategyFactory,
    data_lead_of,
)
from tests.sscp.test_page_cache import page_cache_on  # noqa: F401 - autouse: the cache on

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    """An active plan with a strategy and two measures of one body: last quarter's returns
    approved, this (open) quarter's a draft; a published report; its data lead."""
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, order=1)
    strategy = StrategyFactory(priorities=[priority])
    closed = ReportingPeriodFactory(financial_year=2024, quarter=2, is_open=False)
    open_quarter = ReportingPeriodFactory(financial_year=2024, quarter=3, is_open=True)
    measure = MeasureFactory(priority=priority, strategy=strategy)
    other = MeasureFactory(
        priority=priority, strategy=strategy, reporting_body=measure.reporting_body
    )
    for m in (measure, other):
        ReturnFactory(measure=m, period=closed, approved=True)
    draft = ReturnFactory(measure=measure, period=open_quarter)
    report = ProgressReportFactory(plan=plan, period=closed, published=True)
    return {
        "plan": plan,
        "strategy": strategy,
        "measure": measure,
        "draft": draft,
        "report": report,
        "lead": data_lead_of(measure.reporting_body),
        "manager": ManagerFactory(),
        "reader": ScrutinyFactory(),
    }


def readers_pages(p) -> dict[str, tuple]:
    """The pages of approved figures, each with who reads it."""
    return {
        "Plan on a Page": (p["manager"], p["plan"].get_absolute_url()),
        "strategy": (p["reader"], p["strategy"].get_absolute_url()),
        "measure (reader)": (p["reader"], p["measure"].get_absolute_url()),
        "published report": (p["reader"], p["report"].get_absolute_url()),
    }


def built(client: Client, url: str) -> bool:
    """Whether the page was built for this request (False: served from the cache)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context is not None


def clients_for(pages: dict[str, tuple]) -> dict[str, tuple[Client, str]]:
    clients = {}
    for name, (user, url) in pages.items():
        client = Client()
        client.force_login(user)
        assert built(client, url), name  # the first request builds and stores it
        assert not built(client, url), name  # the next is served from the cache
        clients[name] = (client, url)
    return clients


def figures(value: str) -> ReturnFigures:
    return ReturnFigures(value=Decimal(value), commentary="Work in progress.")


def submit(p, value: str, expected_version: int) -> Return:
    """The data lead submits the open quarter's draft with ``value``."""
    draft = p["draft"]
    return return_submit(
        measure=draft.measure,
        period=draft.period,
        user=p["lead"],
        figures=figures(value),
        expected_version=expected_version,
    )


def test_saving_and_submitting_a_draft_leave_the_pages_of_approved_figures_cached(partnership):
    p = partnership
    pages = clients_for(readers_pages(p))
    manager = Client()
    manager.force_login(p["manager"])
    status_url = p["draft"].period.get_absolute_url()
    assert built(manager, status_url) and not built(manager, status_url)

    draft = p["draft"]
    saved = return_save_draft(
        measure=draft.measure,
        period=draft.period,
        user=p["lead"],
        figures=figures("61"),
        expected_version=draft.version,
    )
    submit(p, "62", saved.version)

    for name, (client, url) in pages.items():
        assert not built(client, url), f"{name} was evicted by a draft"
    assert built(manager, status_url)  # the collection status shows work in progress


def test_approving_a_return_and_reopening_it_rebuild_the_pages_of_approved_figures(partnership):
    p = partnership
    submitted = submit(p, "62", p["draft"].version)
    pages = clients_for(readers_pages(p))

    approved = return_approve(ret=submitted, user=p["manager"], expected_version=submitted.version)
    rebuilt = {name for name, (client, url) in pages.items() if built(client, url)}
    # The published paper is stored: a newly approved figure does not change it.
    assert rebuilt == {"Plan on a Page", "strategy", "measure (reader)"}

    for client, url in pages.values():
        built(client, url)  # cached again
    return_reopen(
        ret=approved,
        user=p["manager"],
        reason="A figure was wrong.",
        expected_version=approved.version,
    )
    rebuilt = {name for name, (client, url) in pages.items() if built(client, url)}
    assert rebuilt == {"Plan on a Page", "strategy", "measure (reader)"}


def test_pages_left_cached_by_a_draft_would_not_have_changed(partnership, settings):
    """What makes leaving them cached correct: built afresh, they are the same after the draft
    is saved and submitted as before."""
    settings.SSCP_PAGE_CACHE = False
    p = partnership
    pages = readers_pages(p)

    def render_all() -> dict[str, str]:
        out = {}
        for name, (user, url) in pages.items():
            client = Client()
            client.force_login(user)
            html = client.get(url).content.decode()
            # the page itself; the header's unread count is the reader's own (the manager is
            # told of the submission), filled in per request on a cached page
            out[name] = html[html.index("<main") : html.index("</main>")]
        return out

    before = render_all()
    submit(p, "99", p["draft"].version)
    assert render_all() == before


def test_a_manager_sees_a_submitted_return_on_the_measure_page_at_once(partnership):
    p = partnership
    client = Client()
    client.force_login(p["manager"])
    url = p["measure"].get_absolute_url()
    assert built(client, url) and not built(client, url)
    submit(p, "63", p["draft"].version)
    page = client.get(url)
    assert page.context is not None and "63" in page.content.decode()


def test_a_return_moves_the_figures_area_only_when_it_is_or_was_approved(partnership):
    p = partnership
    draft = Return.objects.get(pk=p["draft"].pk)
    assert draft.changed_data_areas() == ()
    approved = Return.objects.filter(status=Return.Status.APPROVED).first()
    assert approved.changed_data_areas() == (sscp_cache.FIGURES,)
    approved.status = Return.Status.RETURNED  # reopened: it was approved when read
    assert approved.changed_data_areas() == (sscp_cache.FIGURES,)


def test_a_page_reading_an_area_it_does_not_name_fails(partnership, settings):
    settings.SSCP_PAGE_CACHE_CHECK_AREAS = True
    request = RequestFactory().get("/made-up/")
    request.user = p_manager = partnership["manager"]

    def reads_returns():
        list(Return.objects.all())
        raise AssertionError("the query should have been refused")

    with pytest.raises(sscp_cache.UndeclaredArea, match="reads measures_"):
        sscp_cache.serve(request, reads_returns, areas=(sscp_cache.PLANS,))
    # named, it is allowed
    request = RequestFactory().get("/made-up/")
    request.user = p_manager
    response = sscp_cache.serve(
        request,
        lambda: HttpResponse(str(Return.objects.count())),
        areas=(sscp_cache.PLANS, sscp_cache.RETURNS),
    )
    assert response.content == str(Return.objects.count()).encode()
