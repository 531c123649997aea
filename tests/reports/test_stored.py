"""A published paper is rendered once, when it is published, and its HTML and Word file are
served as stored from then on: nothing later (the plan, a return, another report, the cache)
changes or rebuilds them."""

import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from docx import Document

from measures.models import Return
from plans.models import ProgressReport
from reports import services
from reports import stored as stored_module
from reports.paper import SECTION_NUMBER, frozen_paper, with_charts
from reports.stored import paper_html
from reports.word import paper_docx
from tests.factories import ProgressReportFactory


def publish(world) -> ProgressReport:
    draft = world["report"]
    services.report_mark_not_received(
        report=draft, measure=world["assessments"], user=world["manager"]
    )
    draft.refresh_from_db()
    return services.report_publish(
        report=draft, user=world["manager"], expected_version=draft.lock_version
    )


def docx_url(report: ProgressReport) -> str:
    return reverse("plans:report_docx", kwargs={"pk": report.pk})


def fresh(client, url: str) -> bytes:
    """The response to ``url`` with nothing kept in the Django cache from before."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def article(page: bytes) -> str:
    """The paper as the page shows it, under its frozen title (the rest of the page carries
    the reader's CSRF token and name)."""
    return re.search(r"<article.*</article>", page.decode(), re.S).group(0)


def docx_text(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [paragraph.text for paragraph in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]


def refuse_to_build(monkeypatch) -> None:
    """Make any rendering of a published paper fail the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the published paper was built again")

    monkeypatch.setattr(services, "published_copies", refuse)
    monkeypatch.setattr(stored_module, "paper_docx", refuse)
    monkeypatch.setattr(stored_module, "render_to_string", refuse)


@pytest.fixture
def published(report_world) -> ProgressReport:
    report = publish(report_world)
    report.refresh_from_db()
    return report


def test_publishing_stores_the_papers_html_and_word_file(
    report_world, published, client_for, scrutiny
):
    title = published.snapshot["title"]
    # The stored HTML is the paper under the page's heading, which carries the frozen title.
    page = article(fresh(client_for(scrutiny), published.get_absolute_url()))
    assert escape(title) in page.partition(published.paper_html)[0]
    assert published.snapshot["period"]["dates"] in published.paper_html
    assert f'<h2 id="progress">{SECTION_NUMBER["progress"]}. Progress by priority</h2>' in (
        published.paper_html
    )
    # nothing belongs to a reader
    assert "csrfmiddlewaretoken" not in published.paper_html
    assert report_world["manager"].get_full_name() not in published.paper_html
    assert title in docx_text(bytes(published.paper_docx))


def test_the_stored_copies_are_the_paper_the_snapshot_makes(published):
    assert published.paper_html == paper_html(with_charts(frozen_paper(published)), draft=False)
    # a Word file carries the moment it was written, so compare what it says
    assert docx_text(bytes(published.paper_docx)) == docx_text(paper_docx(frozen_paper(published)))


def test_a_draft_stores_no_paper(report_world):
    draft = report_world["report"]
    assert services.report_store_paper(report=draft).paper_html == ""
    draft.refresh_from_db()
    assert draft.paper_html == ""
    assert bytes(draft.paper_docx) == b""


def test_a_superseded_report_keeps_its_stored_paper(report_world, published, client_for, scrutiny):
    html, docx = published.paper_html, bytes(published.paper_docx)
    manager = report_world["manager"]
    new = services.report_supersede(report=published, user=manager, reason="A corrected figure.")
    new.refresh_from_db()
    assert new.paper_html == ""  # a draft stores nothing
    services.report_publish(report=new, user=manager, expected_version=new.lock_version)
    published.refresh_from_db()
    assert published.status == ProgressReport.Status.SUPERSEDED
    assert (published.paper_html, bytes(published.paper_docx)) == (html, docx)
    client = client_for(scrutiny)
    assert html in fresh(client, published.get_absolute_url()).decode()
    assert fresh(client, docx_url(published)) == docx


def test_the_published_page_and_download_serve_the_stored_copies(
    published, client_for, scrutiny, monkeypatch
):
    refuse_to_build(monkeypatch)
    client = client_for(scrutiny)
    page = fresh(client, published.get_absolute_url()).decode()
    before, paper, after = page.partition(published.paper_html)
    assert paper and "<article" in before and "</article>" in after
    assert fresh(client, docx_url(published)) == bytes(published.paper_docx)


def test_later_changes_change_neither_the_published_page_nor_its_download(
    report_world, published, client_for, scrutiny, monkeypatch
):
    client = client_for(scrutiny)
    page, docx = fresh(client, published.get_absolute_url()), fresh(client, docx_url(published))
    refuse_to_build(monkeypatch)
    plan = report_world["plan"]
    plan.title = "A renamed plan"
    plan.save()
    Return.objects.filter(measure=report_world["waits"], period=report_world["q2"]).update(
        value=Decimal("12")
    )
    manager = report_world["manager"]
    other = ProgressReportFactory(plan=plan, period=report_world["q1"])
    services.report_update(
        report=other, user=manager, changes={"summary": "Changed"}, expected_version=1
    )
    assert article(fresh(client, published.get_absolute_url())) == article(page)
    assert fresh(client, docx_url(published)) == docx


def test_a_paper_published_before_papers_were_stored_is_served_and_stored(
    published, client_for, scrutiny, monkeypatch
):
    html, docx = published.paper_html, bytes(published.paper_docx)
    ProgressReport.objects.filter(pk=published.pk).update(paper_html="", paper_docx=b"")
    client = client_for(scrutiny)
    assert html in fresh(client, published.get_absolute_url()).decode()
    published.refresh_from_db()
    assert published.paper_html == html
    ProgressReport.objects.filter(pk=published.pk).update(paper_docx=b"")
    served = fresh(client, docx_url(published))
    assert docx_text(served) == docx_text(docx)
    published.refresh_from_db()
    assert bytes(published.paper_docx) == served
    refuse_to_build(monkeypatch)  # stored once: served as stored from then on
    assert html in fresh(client, published.get_absolute_url()).decode()
    assert fresh(client, docx_url(published)) == served


def test_store_published_papers_fills_every_report_without_them(report_world, published):
    html = published.paper_html
    draft = ProgressReportFactory(plan=report_world["plan"])
    superseded = ProgressReportFactory(
        plan=report_world["plan"], period=report_world["q1"], published=True
    )
    ProgressReport.objects.exclude(status=ProgressReport.Status.DRAFT).update(
        paper_html="", paper_docx=b""
    )
    ProgressReport.objects.filter(pk=superseded.pk).update(status=ProgressReport.Status.SUPERSEDED)
    out = io.StringIO()
    call_command("store_published_papers", stdout=out)
    assert "Stored the paper of 2 published reports." in out.getvalue()
    published.refresh_from_db()
    superseded.refresh_from_db()
    assert published.paper_html == html and bytes(published.paper_docx)
    assert superseded.paper_html and bytes(superseded.paper_docx)
    assert ProgressReport.objects.get(pk=draft.pk).paper_html == ""
    call_command("store_published_papers", stdout=out)
    assert "Stored the paper of 0 published reports." in out.getvalue()


@pytest.mark.parametrize(
    ("page", "column", "unread"),
    [("detail", "paper_html", "paper_docx"), ("docx", "paper_docx", "paper_html")],
)
def test_each_page_reads_only_the_stored_copy_it_serves(
    published, client_for, scrutiny, page, column, unread
):
    url = published.get_absolute_url() if page == "detail" else docx_url(published)
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client_for(scrutiny).get(url).status_code == 200
    sql = " ".join(query["sql"] for query in context.captured_queries)
    assert f'"{column}"' in sql
    assert f'"{unread}"' not in sql


def test_report_lists_read_no_stored_copy(published, client_for, scrutiny):
    with CaptureQueriesContext(connection) as context:
        assert client_for(scrutiny).get(reverse("plans:report_list")).status_code == 200
    sql = " ".join(query["sql"] for query in context.captured_queries)
    assert '"paper_html"' not in sql and '"paper_docx"' not in sql
