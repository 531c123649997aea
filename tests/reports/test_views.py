"""The progress report pages: who may open each one, and what each does."""

import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document

from measures.models import Return
from plans.models import ProgressReport, ReportNotReceived
from reports import services
from reports.rules import (
    can_draft_reports,
    can_publish_report,
    can_supersede_report,
    can_view_report,
)

ROLES = ["anonymous", "no_role", "manager", "chair", "datalead", "scrutiny"]
READERS = {"manager", "chair", "datalead", "scrutiny"}
MANAGER = {"manager"}


@pytest.fixture
def reports(report_world, manager):
    """The world's draft (Q2) and a published report with a superseded version (Q1)."""
    from tests.factories import ProgressReportFactory

    q1 = report_world["q1"]
    old = ProgressReportFactory(
        plan=report_world["plan"], period=q1, summary="Q1 summary", issues_for_consideration="Note"
    )
    old = services.report_publish(report=old, user=manager, expected_version=old.lock_version)
    new = services.report_supersede(report=old, user=manager, reason="A corrected figure.")
    new = services.report_publish(report=new, user=manager, expected_version=new.lock_version)
    old.refresh_from_db()
    return {"draft": report_world["report"], "published": new, "superseded": old}


# (url name, which report, roles answered 200; a manager may instead be redirected)
PAGES = [
    ("plans:report_list", None, READERS),
    ("plans:report_create", None, MANAGER),
    ("plans:report_detail", "published", READERS),
    ("plans:report_detail", "superseded", READERS),
    ("plans:report_detail", "draft", MANAGER),
    ("plans:report_compare", "published", READERS),
    ("plans:report_compare", "draft", MANAGER),
    ("plans:report_docx", "published", READERS),
    ("plans:report_docx", "superseded", READERS),
    ("plans:report_docx", "draft", MANAGER),
    ("plans:report_edit", "draft", MANAGER),
    ("plans:report_not_received", "draft", MANAGER),
    ("plans:report_publish", "draft", MANAGER),
    ("plans:report_supersede", "published", MANAGER),
]


def url_of(name, which, reports):
    return reverse(name, kwargs={"pk": reports[which].pk}) if which else reverse(name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "which", "allowed"), PAGES)
def test_every_report_page_answers_each_role(reports, client_as, role, name, which, allowed):
    url = url_of(name, which, reports)
    response = client_as(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["no_role", "chair", "datalead", "scrutiny"])
@pytest.mark.parametrize(
    ("name", "which"),
    [
        ("plans:report_create", None),
        ("plans:report_edit", "draft"),
        ("plans:report_not_received", "draft"),
        ("plans:report_publish", "draft"),
        ("plans:report_supersede", "published"),
    ],
)
def test_only_the_manager_may_post_to_the_drafting_pages(reports, client_as, role, name, which):
    response = client_as(role).post(url_of(name, which, reports), {"reason": "x", "summary": "x"})
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 3


@pytest.mark.parametrize("name", ["plans:report_edit", "plans:report_publish"])
def test_a_manager_opening_a_published_report_for_changes_is_sent_to_it(reports, client_as, name):
    response = client_as("manager").get(url_of(name, "published", reports))
    assert response.status_code == 302
    assert response["Location"] == reports["published"].get_absolute_url()


@pytest.mark.parametrize("which", ["draft", "superseded"])
def test_a_new_version_is_refused_unless_published(reports, client_as, which):
    assert (
        client_as("manager").get(url_of("plans:report_supersede", which, reports)).status_code
        == 403
    )


def test_missing_report_is_404(reports, client_as):
    response = client_as("manager").get(reverse("plans:report_detail", kwargs={"pk": 99999}))
    assert response.status_code == 404


# --- reading ----------------------------------------------------------------------------------


def test_list_groups_reports_by_plan_and_hides_drafts_from_readers(reports, client_as):
    reader = client_as("scrutiny").get(reverse("plans:report_list")).content.decode()
    assert reports["published"].get_absolute_url() in reader
    assert reports["superseded"].get_absolute_url() in reader
    assert reports["draft"].get_absolute_url() not in reader
    assert "Plan 2022-25</h2>" in reader
    manager = client_as("manager").get(reverse("plans:report_list")).content.decode()
    assert reports["draft"].get_absolute_url() in manager
    assert reverse("plans:report_create") in manager


def test_draft_preview_says_it_is_a_draft_with_live_figures(reports, client_as):
    page = client_as("manager").get(reports["draft"].get_absolute_url()).content.decode()
    assert "Draft preview" in page
    assert "Exploitation plans" in page
    assert "(not yet marked not received)" in page


def test_superseded_version_links_to_its_replacement_and_the_new_one_gives_the_reason(
    reports, client_as
):
    old = client_as("scrutiny").get(reports["superseded"].get_absolute_url()).content.decode()
    assert "since replaced" in old
    assert reports["published"].get_absolute_url() in old
    new = client_as("scrutiny").get(reports["published"].get_absolute_url()).content.decode()
    assert "Replaces version 1 because" in new
    assert "A corrected figure." in new
    assert "Every version of this report" in new


def test_reader_sees_no_drafting_buttons(reports, client_as):
    page = client_as("scrutiny").get(reports["published"].get_absolute_url()).content.decode()
    assert reverse("plans:report_supersede", kwargs={"pk": reports["published"].pk}) not in page
    assert reverse("plans:report_docx", kwargs={"pk": reports["published"].pk}) in page


def test_compare_puts_the_previous_quarter_beside_this_one(report_world, reports, client_as):
    mark = report_world["assessments"]
    services.report_mark_not_received(
        report=reports["draft"], measure=mark, user=report_world["manager"]
    )
    q2 = services.report_publish(
        report=reports["draft"],
        user=report_world["manager"],
        expected_version=reports["draft"].lock_version,
    )
    response = client_as("scrutiny").get(reverse("plans:report_compare", kwargs={"pk": q2.pk}))
    page = response.content.decode()
    assert response.context["previous"] == reports["published"]
    assert "Q2 2024-25 beside Q1 2024-25" in page
    assert "Q1 summary" in page and "Progress in the second quarter." in page
    assert page.count('class="compare-label"') == 2 * len(response.context["rows"])


def test_compare_without_an_earlier_report_says_so(reports, client_as):
    page = (
        client_as("scrutiny")
        .get(reverse("plans:report_compare", kwargs={"pk": reports["published"].pk}))
        .content.decode()
    )
    assert "There is no published report on this plan for an earlier quarter" in page


# --- the paper never changes once published ---------------------------------------------------


def article(html: str) -> str:
    return re.search(r"<article.*</article>", html, re.S).group(0)


def docx_text(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def test_published_page_and_word_file_do_not_change_when_the_data_does(report_world, client_as):
    manager = report_world["manager"]
    report = report_world["report"]
    services.report_mark_not_received(
        report=report, measure=report_world["assessments"], user=manager
    )
    report = services.report_publish(
        report=report, user=manager, expected_version=report.lock_version
    )
    client = client_as("scrutiny")
    page_url = report.get_absolute_url()
    docx_url = reverse("plans:report_docx", kwargs={"pk": report.pk})
    before_page = article(client.get(page_url).content.decode())
    before_docx = docx_text(client.get(docx_url).content)
    assert "40%" in before_page and "Too many children have no multi-agency plan." in before_page

    # After publication: a return is corrected, the missing one is approved, names change.
    Return.objects.filter(measure=report_world["exploitation"], period=report_world["q2"]).update(
        value=Decimal("88"), calculated_rag="green", rag="green", commentary="Rewritten later"
    )
    Return.objects.filter(measure=report_world["assessments"], period=report_world["q2"]).update(
        status=Return.Status.APPROVED, reviewed_by=manager
    )
    report_world["exploitation"].title = "A renamed measure"
    report_world["exploitation"].target = Decimal("30")
    report_world["exploitation"].save()
    report_world["plan"].title = "A renamed plan"
    report_world["plan"].save()
    report_world["priorities"][0].title = "A renamed priority"
    report_world["priorities"][0].save()
    report_world["commitment"].status = "done"
    report_world["commitment"].save()

    cache.clear()  # read the paper again, not the cached copy of it
    after_page = article(client.get(page_url).content.decode())
    assert after_page == before_page
    assert docx_text(client.get(docx_url).content) == before_docx
    assert "Rewritten later" not in after_page and "A renamed" not in after_page


# --- drafting ---------------------------------------------------------------------------------


def test_start_a_report_then_write_it(report_world, client_as):
    from tests.factories import ReportingPeriodFactory

    q3 = ReportingPeriodFactory(financial_year=2024, quarter=3)
    client = client_as("manager")
    response = client.post(
        reverse("plans:report_create"), {"plan": report_world["plan"].pk, "period": q3.pk}
    )
    report = ProgressReport.objects.get(period=q3)
    assert response["Location"] == reverse("plans:report_edit", kwargs={"pk": report.pk})
    form = client.get(response["Location"]).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(summary="A summary.", meeting_date="2025-03-05", preview="1")
    response = client.post(reverse("plans:report_edit", kwargs={"pk": report.pk}), data)
    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert (report.summary, str(report.meeting_date)) == ("A summary.", "2025-03-05")


def test_starting_a_second_report_for_a_quarter_shows_why_not(report_world, client_as):
    response = client_as("manager").post(
        reverse("plans:report_create"),
        {"plan": report_world["plan"].pk, "period": report_world["q2"].pk},
    )
    assert response.status_code == 200
    assert "There is already a report" in response.content.decode()


def test_a_stale_edit_is_refused_and_shows_the_text_that_was_not_saved(report_world, client_as):
    report = report_world["report"]
    client = client_as("manager")
    url = reverse("plans:report_edit", kwargs={"pk": report.pk})
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    services.report_update(
        report=report,
        user=report_world["manager"],
        changes={"summary": "Saved by someone else."},
        expected_version=report.lock_version,
    )
    data["summary"] = "My unsaved words."
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this report after you opened it" in page
    assert "My unsaved words." in page
    assert ProgressReport.objects.get(pk=report.pk).summary == "Saved by someone else."


def test_manager_marks_a_return_not_received_and_takes_it_back(report_world, client_as):
    report = report_world["report"]
    measure = report_world["assessments"]
    client = client_as("manager")
    url = reverse("plans:report_not_received", kwargs={"pk": report.pk})
    page = client.get(url).content.decode()
    assert "Health assessments" in page and "Early help plans" not in page
    client.post(url, {"measure": measure.pk, "action": "mark", f"m{measure.pk}-note": "Late."})
    assert ReportNotReceived.objects.get().note == "Late."
    client.post(url, {"measure": measure.pk, "action": "unmark"})
    assert not ReportNotReceived.objects.exists()


def test_marking_an_approved_measure_shows_the_refusal(report_world, client_as):
    url = reverse("plans:report_not_received", kwargs={"pk": report_world["report"].pk})
    response = client_as("manager").post(
        url, {"measure": report_world["early_help"].pk, "action": "mark"}, follow=True
    )
    assert "has been approved" in response.content.decode()
    assert not ReportNotReceived.objects.exists()


def test_publish_page_lists_what_stops_publication(report_world, client_as):
    url = reverse("plans:report_publish", kwargs={"pk": report_world["report"].pk})
    client = client_as("manager")
    page = client.get(url).content.decode()
    assert "It cannot be published yet" in page and "Health assessments" in page
    response = client.post(url, {"lock_version": report_world["report"].lock_version})
    assert response.status_code == 400
    assert ProgressReport.objects.get(pk=report_world["report"].pk).status == "draft"


def test_publish_after_confirmation(report_world, client_as):
    report = report_world["report"]
    services.report_mark_not_received(
        report=report, measure=report_world["assessments"], user=report_world["manager"]
    )
    client = client_as("manager")
    url = reverse("plans:report_publish", kwargs={"pk": report.pk})
    page = client.get(url).content.decode()
    assert "Publishing freezes the paper" in page
    response = client.post(url, {"lock_version": report.lock_version})
    assert response["Location"] == report.get_absolute_url()
    assert ProgressReport.objects.get(pk=report.pk).status == "published"


def test_new_version_needs_a_reason_then_opens_the_draft(reports, client_as):
    client = client_as("manager")
    url = reverse("plans:report_supersede", kwargs={"pk": reports["published"].pk})
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    response = client.post(url, {"reason": "The committee asked for a corrected table."})
    new = ProgressReport.objects.get(supersedes=reports["published"])
    assert response["Location"] == reverse("plans:report_edit", kwargs={"pk": new.pk})
    assert new.version == 3


def test_typed_markup_is_shown_as_text(report_world, client_as):
    report = report_world["report"]
    ProgressReport.objects.filter(pk=report.pk).update(
        summary="<script>alert(1)</script>",
        background_papers='Evil javascript:alert(1)\nFine https://example.org/x"onmouseover=x',
    )
    page = client_as("manager").get(report.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert 'onmouseover=x"' not in page


def test_manager_marks_every_remaining_measure_not_received_at_once(report_world, client_as):
    from tests.factories import MeasureFactory

    extra = MeasureFactory(priority=report_world["priorities"][1], title="Not started at all")
    url = reverse("plans:report_not_received", kwargs={"pk": report_world["report"].pk})
    response = client_as("manager").post(
        url, {"action": "mark_remaining", "all-note": "Not received by the deadline."}, follow=True
    )
    assert "2 measures marked to go into the paper without a figure." in response.content.decode()
    marks = ReportNotReceived.objects.filter(report=report_world["report"])
    assert {m.measure for m in marks} == {report_world["assessments"], extra}
    assert {m.note for m in marks} == {"Not received by the deadline."}


@pytest.mark.parametrize(
    ("role", "drafts", "publish_draft", "supersede_published", "view_draft", "view_published"),
    [
        ("manager", True, True, True, True, True),
        ("scrutiny", False, False, False, False, True),
        ("chair", False, False, False, False, True),
        ("datalead", False, False, False, False, True),
        ("no_role", False, False, False, False, False),
    ],
)
def test_report_rules_per_role(
    reports, request, role, drafts, publish_draft, supersede_published, view_draft, view_published
):

    user = request.getfixturevalue("no_role_user" if role == "no_role" else role)
    draft, published, superseded = reports["draft"], reports["published"], reports["superseded"]
    assert can_draft_reports(user) is drafts
    assert can_publish_report(user, draft) is publish_draft
    assert can_publish_report(user, published) is False
    assert can_supersede_report(user, published) is supersede_published
    assert can_supersede_report(user, superseded) is False
    assert can_supersede_report(user, draft) is False
    assert can_view_report(user, draft) is view_draft
    assert can_view_report(user, published) is view_published
    assert can_view_report(user, superseded) is view_published


def test_a_correction_being_drafted_is_mentioned_to_managers_only(reports, client_as):
    draft = services.report_supersede(
        report=reports["published"], user=reports["published"].published_by, reason="Typo."
    )
    url = reports["published"].get_absolute_url()
    manager = client_as("manager").get(url).content.decode()
    assert "is being drafted to correct it" in manager
    assert draft.get_absolute_url() in manager
    scrutiny = client_as("scrutiny").get(url).content.decode()
    assert "being drafted" not in scrutiny
    assert draft.get_absolute_url() not in scrutiny
