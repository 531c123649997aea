"""The reviews register: a rapid review's due date in working days over bank holidays, the
rules that refuse bad input with nothing saved, the filters, who sees which reviews, the stale
edit refusal and a constant number of queries whatever the register's size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance import services
from assurance.models import Review
from assurance.workingdays import add_working_days, working_days_between
from sscp.editing import last_change_id
from tests.factories import (
    ActionFactory,
    GovernanceBodyFactory,
    LearningThemeFactory,
    PartnerFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db
_d = datetime.date


def test_fifteen_working_days_skip_weekends_and_bank_holidays():
    # Monday 14 April 2025: Good Friday (18), Easter Monday (21) and the May bank holiday (5 May)
    # fall in the next 15 working days, which end on Thursday 8 May, not Friday 2 May.
    assert add_working_days(_d(2025, 4, 14), 15) == _d(2025, 5, 8)
    assert add_working_days(_d(2025, 6, 2), 15) == _d(2025, 6, 23)  # no bank holiday
    assert working_days_between(_d(2025, 4, 14), _d(2025, 4, 22)) == 4  # 15, 16, 17 and 22 April


def review_form(body, **overrides):
    data = {
        "kind": "rapid",
        "title": "Rapid review: an infant, neglect",
        "lead_body": body.pk,
        "status": "in_progress",
        "summary": "",
        "notified_on": "2025-04-14",
        "completed_on": "",
        "decision": "",
        "panel_told_on": "",
        "commissioned_on": "",
        "author_role": "",
        "family_involvement": "",
        "published_on": "",
        "briefing_url": "",
        "scope": "",
        "other_agencies": "",
        "findings": "",
    }
    return {**data, **overrides}


def test_the_manager_logs_a_rapid_review_due_fifteen_working_days_later(manager, client_for):
    body, theme = GovernanceBodyFactory(), LearningThemeFactory(name="Neglect")
    response = client_for(manager).post(
        reverse("assurance:review_create"), review_form(body, themes=[theme.pk]), follow=True
    )
    review = Review.objects.get()
    assert review.due_on == _d(2025, 5, 8)
    assert list(review.themes.all()) == [theme]
    page = response.content.decode()
    assert "has been added" in page and "8 May 2025" in page and "Neglect" in page


def test_a_rapid_review_completed_in_time_or_late(manager):
    body = GovernanceBodyFactory()
    on_time = services.review_create(
        review=Review(
            kind="rapid",
            title="On time",
            lead_body=body,
            status="complete",
            notified_on=_d(2025, 4, 14),
            completed_on=_d(2025, 5, 8),
            decision="no_lcspr",
        ),
        links={},
    )
    assert (on_time.days_taken, on_time.is_late) == (15, False)
    on_time.completed_on = _d(2025, 5, 9)
    services.review_update(review=on_time, links={}, seen_change=last_change_id(on_time))
    assert (on_time.days_taken, on_time.is_late) == (16, True)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"status": "complete", "completed_on": "2025-05-01"},
            "decision",
            "Record the decision",
        ),
        ({"completed_on": "2025-05-01"}, "decision", "Record the decision"),
        (
            {"completed_on": "2025-04-01", "decision": "no_lcspr"},
            "completed_on",
            "cannot be before the notification (14/04/2025)",
        ),
        (
            {"panel_told_on": "2025-04-11", "decision": "lcspr"},
            "panel_told_on",
            "cannot be before the notification",
        ),
        ({"notified_on": ""}, "notified_on", "Give the date of the serious incident"),
        ({"lead_body": ""}, "lead_body", "This field is required."),
        ({"briefing_url": "not a link"}, "briefing_url", "Enter a valid URL."),
        ({"findings": "x" * 10_001}, "findings", "at most 10000 characters"),
    ],
)
def test_bad_input_is_refused_with_nothing_saved(manager, client_for, overrides, field, message):
    response = client_for(manager).post(
        reverse("assurance:review_create"), review_form(GovernanceBodyFactory(), **overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Review.objects.exists()


def test_an_edit_from_a_stale_page_is_refused(manager, client_for):
    review = ReviewFactory()
    seen = last_change_id(review)
    review.title = "Renamed in another tab"
    services.review_update(review=review, links={}, seen_change=seen)
    response = client_for(manager).post(
        reverse("assurance:review_edit", args=[review.pk]),
        review_form(review.lead_body, title="My edit", last_change=seen),
    )
    assert "after you opened this form" in str(response.context["form"].non_field_errors())
    review.refresh_from_db()
    assert review.title == "Renamed in another tab"


def test_every_free_text_field_warns_against_identifying_details(manager, client_for):
    form = client_for(manager).get(reverse("assurance:review_create")).context["form"]
    for name in ("title", "summary", "family_involvement", "scope", "other_agencies", "findings"):
        assert "identifying details" in form.fields[name].help_text, name


def test_an_audit_lists_its_partners_and_other_agencies(client_as):
    partner = PartnerFactory(name="County council")
    audit = ReviewFactory(
        kind="section11",
        title="Section 11 audit 2020-21",
        notified_on=None,
        due_on=None,
        other_agencies="A housing association\nA further education college",
    )
    audit.partners.set([partner])
    page = client_as("manager").get(audit.get_absolute_url()).content.decode()
    for agency in ("County council", "A housing association", "A further education college"):
        assert f"<li>{agency}</li>" in page


def test_the_register_filters_by_kind_theme_and_sorts(client_as):
    theme = LearningThemeFactory(name="Domestic abuse")
    rapid = ReviewFactory(title="B rapid")
    rapid.themes.set([theme])
    ReviewFactory(title="A audit", kind="audit", notified_on=None, due_on=None)
    client, url = client_as("manager"), reverse("assurance:review_list")
    titles = lambda response: [r.title for r in response.context["page"].object_list]  # noqa: E731
    assert titles(client.get(url, {"kind": "audit"})) == ["A audit"]
    assert titles(client.get(url, {"theme": theme.pk})) == ["B rapid"]
    assert titles(client.get(url, {"sort": "title"})) == ["A audit", "B rapid"]


def test_who_sees_which_reviews(client_as, chair_body):
    own = ReviewFactory(title="Led by the chair's body", lead_body=chair_body)
    draft_lcspr = ReviewFactory(title="Draft LCSPR", kind="lcspr", status="draft")
    published = ReviewFactory(title="Published LCSPR", kind="lcspr", status="published")
    published_rapid = ReviewFactory(title="Published rapid review", status="published")
    url = reverse("assurance:review_list")

    def seen(role):
        return {r.title for r in client_as(role).get(url).context["page"].object_list}

    assert seen("scrutiny") == {published.title}
    assert seen("chair") == {own.title}
    assert len(seen("manager")) == 4
    for review in (draft_lcspr, published_rapid, own):
        assert client_as("scrutiny").get(review.get_absolute_url()).status_code == 404
    assert client_as("scrutiny").get(published.get_absolute_url()).status_code == 200
    assert client_as("chair").get(own.get_absolute_url()).status_code == 200
    assert client_as("chair").get(published.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["assurance:review_list", "assurance:review_detail"])
def test_pages_read_a_constant_number_of_queries(client_as, name):
    themes = [LearningThemeFactory(name=f"Theme {n}") for n in range(3)]
    partners = [PartnerFactory() for _ in range(3)]

    def queries(count):
        for n in range(count):
            review = ReviewFactory(kind="audit" if n % 2 else "rapid")
            review.themes.set(themes[: 1 + n % 3])
            review.partners.set(partners)
            for number in (1, 2):
                recommendation = review.recommendations.create(number=number, text="Do better.")
                ActionFactory.create_batch(2, recommendation=recommendation)
        review = Review.objects.order_by("pk").first()
        kwargs = {"pk": review.pk} if name.endswith("detail") else {}
        client = client_as("manager")
        client.get(reverse(name, kwargs=kwargs))
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
        return len(context.captured_queries)

    few = queries(2)
    Review.objects.all().delete()
    assert queries(30) == few
