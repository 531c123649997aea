"""The yearly report: completeness, sign-off by the three partners, the frozen snapshot, bad
input refused with nothing saved, and the page's access and query count."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.timing import MAX_QUERIES
from measures.models import ReportingPeriod
from notifications.models import Kind, Notification
from sscp.editing import last_change_id
from tests.factories import (
    CommitmentFactory,
    ConsultationFactory,
    LearningThemeFactory,
    MeasureFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ReturnFactory,
    ReviewFactory,
)
from tests.yearly.conftest import complete, report_priorities
from yearly import services
from yearly.models import YearlyReport, YearlySignOff


def _ready(report, manager):
    report = complete(report, manager)
    return services.yearly_ready(report=report, user=manager, seen_change=last_change_id(report))


def _sign_all(report, partners, leads):
    for partner, lead in zip(partners, leads, strict=True):
        report.refresh_from_db()
        services.yearly_sign(
            report=report, partner=partner, user=lead, seen_change=last_change_id(report)
        )


def test_two_reports_for_one_year_are_refused(report, manager):
    with pytest.raises(ValidationError, match="already a yearly report for 2023-24"):
        services.yearly_create(financial_year=2023, user=manager)
    assert YearlyReport.objects.count() == 1


def test_two_reports_for_one_year_refused_on_the_form(report, client_for, manager):
    response = client_for(manager).post(reverse("yearly:report_create"), {"financial_year": 2023})
    assert response.status_code == 200
    assert "already a yearly report for 2023-24" in response.content.decode()
    assert YearlyReport.objects.count() == 1


def test_publishing_with_a_required_section_empty_is_refused_with_links(
    report, manager, client_for, partners, leads
):
    with pytest.raises(ValidationError, match="required part is empty"):
        services.yearly_ready(report=report, user=manager, seen_change=last_change_id(report))
    page = client_for(manager).get(reverse("yearly:report_publish", args=[report.pk]))
    html = page.content.decode()
    assert "cannot be published yet" in html
    for key in ("impact", "training", "reviews", "young_people", *report_priorities(report)):
        assert reverse("yearly:section_edit", args=[report.pk, key]) in html
    with pytest.raises(ValidationError):
        services.yearly_publish(report=report, user=manager, seen_change=last_change_id(report))
    report.refresh_from_db()
    assert report.status == YearlyReport.Status.DRAFT and report.snapshot is None


def test_sign_off_by_someone_who_is_not_that_partners_lead_is_refused(
    report, manager, partners, leads
):
    report = _ready(report, manager)
    with pytest.raises(ValidationError, match=f"Only a lead of {partners[1]}"):
        services.yearly_sign(
            report=report, partner=partners[1], user=leads[0], seen_change=last_change_id(report)
        )
    with pytest.raises(ValidationError, match="Only a lead"):
        services.yearly_sign(
            report=report, partner=partners[0], user=manager, seen_change=last_change_id(report)
        )
    assert not YearlySignOff.objects.exists()


def test_non_lead_gets_403_on_the_sign_page(report, manager, partners, leads, client_for, chair):
    report = _ready(report, manager)
    url = reverse("yearly:report_sign", args=[report.pk, partners[0].pk])
    assert client_for(chair).post(url).status_code == 403
    assert client_for(manager).post(url).status_code == 403
    assert not YearlySignOff.objects.exists()


def test_the_same_lead_cannot_sign_twice(report, manager, partners, leads):
    report = _ready(report, manager)
    seen = last_change_id(report)
    services.yearly_sign(report=report, partner=partners[0], user=leads[0], seen_change=seen)
    with pytest.raises(ValidationError, match="already signed"):
        services.yearly_sign(report=report, partner=partners[0], user=leads[0], seen_change=seen)
    assert YearlySignOff.objects.count() == 1


def test_signing_a_report_changed_since_the_signer_loaded_it_is_refused(
    report, manager, partners, leads, client_for
):
    report = _ready(report, manager)
    client = client_for(leads[0])
    url = reverse("yearly:report_sign", args=[report.pk, partners[0].pk])
    page = client.get(url)
    seen = page.context["form"].initial["last_change"]
    services.yearly_section_update(
        report=report, key="thanks", text="Thank you all.", user=manager,
        seen_change=last_change_id(report),
    )  # fmt: skip
    response = client.post(url, {"last_change": seen}, follow=True)
    assert "after you opened this form" in response.content.decode()
    assert not YearlySignOff.objects.exists()


def test_an_edit_after_a_sign_off_clears_them_and_tells_the_signers(
    report, manager, partners, leads
):
    report = _ready(report, manager)
    _sign_all(report, partners[:2], leads[:2])
    assert YearlySignOff.objects.count() == 2
    report.refresh_from_db()
    services.yearly_section_update(
        report=report, key="impact", text="Better evidence.", user=manager,
        seen_change=last_change_id(report),
    )  # fmt: skip
    assert not YearlySignOff.objects.exists()
    told = Notification.objects.filter(kind=Kind.YEARLY_REPORT, title__contains="changed after")
    assert sorted(n.recipient_id for n in told) == sorted(lead.pk for lead in leads[:2])


def test_publish_freezes_a_snapshot_later_edits_do_not_change_it(
    report, manager, partners, leads, client_for
):
    report = _ready(report, manager)
    _sign_all(report, partners, leads)
    report.refresh_from_db()
    report = services.yearly_publish(
        report=report, user=manager, seen_change=last_change_id(report)
    )
    frozen = YearlyReport.objects.get(pk=report.pk).snapshot
    ReviewFactory(title="A later rapid review", notified_on=datetime.date(2023, 6, 1),
                  due_on=datetime.date(2023, 6, 22))  # fmt: skip
    with pytest.raises(ValidationError, match="never changes"):
        services.yearly_section_update(
            report=report, key="impact", text="Changed.", user=manager,
            seen_change=last_change_id(report),
        )  # fmt: skip
    assert YearlyReport.objects.get(pk=report.pk).snapshot == frozen
    html = client_for(manager).get(report.get_absolute_url()).content.decode()
    assert "A later rapid review" not in html
    correction = services.yearly_correct(report=report, user=manager, note="Fixed a figure.")
    assert correction.version == 2 and correction.texts == report.texts
    assert YearlyReport.objects.get(pk=report.pk).snapshot == frozen


def test_a_year_with_no_approved_returns_says_so(report, client_for, manager):
    html = client_for(manager).get(report.get_absolute_url()).content.decode()
    assert "There are no approved quarterly returns" in html
    assert "trend-chart" not in html


def test_approved_returns_draw_a_chart_and_red_measures_show_little_progress(
    report, client_for, manager, plan
):
    measure = plan.priorities.get().measures.get()
    for quarter, value in ((1, 60), (4, 10)):
        start, end = ReportingPeriod.quarter_dates(2023, quarter)
        period = ReportingPeriodFactory(
            financial_year=2023, quarter=quarter, start_date=start, end_date=end
        )
        ReturnFactory(measure=measure, period=period, value=value, approved=True)
    html = client_for(manager).get(report.get_absolute_url()).content.decode()
    assert "trend-chart" in html
    assert f"<li>{measure.title}: rated red in Q4 2023-24" in html or (
        f"<li>{measure.title}: worse in Q4 2023-24 than in Q1 2023-24" in html
    )


def test_script_in_narrative_is_rendered_inert(report, manager, client_for):
    services.yearly_section_update(
        report=report, key="foreword", text="Hello <script>alert(1)</script> **world**",
        user=manager, seen_change=last_change_id(report),
    )  # fmt: skip
    html = client_for(manager).get(report.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<strong>world</strong>" in html


def test_a_200000_character_paste_is_refused_and_nothing_saved(report, manager, client_for):
    url = reverse("yearly:section_edit", args=[report.pk, "foreword"])
    response = client_for(manager).post(
        url, {"text": "x" * 200_000, "last_change": last_change_id(report)}
    )
    assert response.status_code == 200
    assert "Too long" in response.content.decode()
    report.refresh_from_db()
    assert report.text_of("foreword") == ""
    with pytest.raises(ValidationError, match="Too long"):
        services.yearly_section_update(
            report=report, key="foreword", text="x" * 200_000, user=manager,
            seen_change=last_change_id(report),
        )  # fmt: skip


def test_training_figures_are_saved_from_the_form(report, manager, client_for):
    url = reverse("yearly:section_edit", args=[report.pk, "training"])
    response = client_for(manager).post(
        url,
        {"text": "", "last_change": last_change_id(report), "row_0_label": "Staff trained",
         "row_0_number": "1051", "row_0_percent": "96"},
    )  # fmt: skip
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.figures["training"] == [
        {"label": "Staff trained", "number": 1051, "percent": "96"}
    ]


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("manager", "draft", 200),
        ("lead", "draft", 404),
        ("lead", "ready", 200),
        ("scrutiny", "ready", 404),
        ("scrutiny", "published", 200),
        ("chair", "published", 200),
        ("no_role", "published", 403),
    ],
)
def test_who_reads_which_report(
    report, client_for, manager, scrutiny, chair, no_role_user, leads, who, status, expected
):
    YearlyReport.objects.filter(pk=report.pk).update(
        status=status, snapshot={} if status == "published" else None,
        published_at=report.created_at if status == "published" else None,
    )  # fmt: skip
    users = {"manager": manager, "lead": leads[0], "scrutiny": scrutiny, "chair": chair,
             "no_role": no_role_user}  # fmt: skip
    assert client_for(users[who]).get(report.get_absolute_url()).status_code == expected


def _grow(plan, size):
    priority = PriorityFactory(plan=plan, order=1 + plan.priorities.count())
    for quarter in range(1, 5):
        start, end = ReportingPeriod.quarter_dates(2023, quarter)
        ReportingPeriodFactory(financial_year=2023, quarter=quarter, start_date=start, end_date=end)
    periods = list(ReportingPeriod.objects.filter(financial_year=2023))
    for n in range(size):
        measure = MeasureFactory(priority=priority, title=f"Measure {n}")
        for period in periods:
            ReturnFactory(measure=measure, period=period, approved=True)
        review = ReviewFactory(title=f"Review {n}", notified_on=datetime.date(2023, 5, 1 + n),
                               due_on=datetime.date(2023, 6, 1 + n))  # fmt: skip
        review.themes.add(
            LearningThemeFactory(name=f"Theme {n}"), LearningThemeFactory(name="Neglect")
        )
        consultation = ConsultationFactory(plan=plan, start_date=datetime.date(2023, 5, 1 + n),
                                           end_date=datetime.date(2023, 7, 1 + n))  # fmt: skip
        for _ in range(2):
            CommitmentFactory(consultation=consultation)


def test_report_page_runs_the_same_number_of_queries_at_two_sizes(
    report, client_for, manager, plan
):
    client = client_for(manager)
    url = report.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(plan, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)
    assert len(large) <= MAX_QUERIES, "over the bench's budget of queries for a page"


def test_draft_page_shows_the_years_themes_and_what_young_people_said(
    report, client_for, manager, plan
):
    _grow(plan, 2)
    page = client_for(manager).get(report.get_absolute_url()).content.decode()
    for shown in ("Neglect", "Theme 0", "Theme 1", "Consultation", "We want adults to listen"):
        assert shown in page
