"""The return pages for every role: who gets in, what each form does with good and bad input,
and that nothing is half-saved."""

import datetime
import io
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse

from measures import services
from measures.models import Rag, ReportingPeriod, Return
from tests.factories import ManagerFactory, ReturnFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "manager", "scrutiny", "chair", "datalead"]
MANAGER = {"manager"}
CHAIR_BODY = {"manager", "chair"}
REPORTERS = {"chair", "datalead"}
EVERYONE = {"manager", "scrutiny", "chair", "datalead"}


@pytest.fixture
def world(collection, chair_submitted):
    approved = ReturnFactory(
        measure=collection["chair_measure"], period=collection["previous"], approved=True
    )
    return {**collection, "submitted": chair_submitted, "approved": approved}


PAGES = {
    "period_create": (lambda w: {}, MANAGER),
    "period_open": (lambda w: {"pk": w["previous"].pk}, MANAGER),
    "period_close": (lambda w: {"pk": w["period"].pk}, MANAGER),
    "period_deadline": (lambda w: {"pk": w["period"].pk}, MANAGER),
    "period_detail": (lambda w: {"pk": w["period"].pk}, MANAGER),
    "my_returns": (lambda w: {}, REPORTERS),
    "return_edit": (
        lambda w: {"measure_pk": w["datalead_measure"].pk, "period_pk": w["period"].pk},
        {"manager", "datalead"},
    ),
    "rag_preview": (lambda w: {"pk": w["chair_measure"].pk}, CHAIR_BODY),
    "return_detail": (lambda w: {"pk": w["submitted"].pk}, CHAIR_BODY),
    "return_reopen": (lambda w: {"pk": w["approved"].pk}, MANAGER),
    "upload": (lambda w: {}, MANAGER),
    "upload_template": (lambda w: {"pk": w["period"].pk, "file_format": "csv"}, MANAGER),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_return_page_access_by_role(world, client_as, name, role):
    kwargs_of, allowed = PAGES[name]
    response = client_as(role).get(reverse(f"measures:{name}", kwargs=kwargs_of(world)))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
        if response["Content-Type"].startswith("text/html"):
            assert response.content.decode().count("<h1") == 1
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_approved_return_page_is_open_to_every_role_without_its_history(world, client_as, role):
    response = client_as(role).get(reverse("measures:return_detail", args=[world["approved"].pk]))
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "no_role":
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert ("History" in response.content.decode()) is (role in CHAIR_BODY)


@pytest.mark.parametrize("action", ["return_approve", "return_send_back"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("no_role", 403), ("scrutiny", 403), ("chair", 403), ("datalead", 403)],
)
def test_only_managers_post_reviews(world, client_as, action, role, expected):
    url = reverse(f"measures:{action}", args=[world["submitted"].pk])
    response = client_as(role).post(url, {"version": 1, "feedback": "x"})
    assert response.status_code == expected
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == Return.Status.SUBMITTED


def test_upload_preview_without_a_file_sends_the_manager_back(world, client_as):
    response = client_as("manager").get(reverse("measures:upload_preview"))
    assert response["Location"] == reverse("measures:upload")
    assert client_as("chair").get(reverse("measures:upload_preview")).status_code == 403


# --- the return form --------------------------------------------------------------------------


def edit_url(measure, period):
    return reverse(
        "measures:return_edit", kwargs={"measure_pk": measure.pk, "period_pk": period.pk}
    )


def form_data(**overrides):
    data = {
        "value": "58",
        "not_available_reason": "",
        "rag_override": "",
        "rag_override_reason": "",
        "commentary": "",
        "next_steps": "",
        "version": "0",
        "action": "draft",
    }
    data.update(overrides)
    return data


def test_form_shows_target_and_previous_quarters(world, client_as):
    ReturnFactory(measure=world["datalead_measure"], period=world["previous"], value=Decimal("44"))
    page = client_as("datalead").get(edit_url(world["datalead_measure"], world["period"]))
    text = page.content.decode()
    assert "Target" in text and "60%" in text
    assert "Q3 2024-25" in text and "44%" in text
    assert 'data-rag-url="' in text and "js/return-form.js" in text


def test_data_lead_saves_a_draft_and_sees_it_again(world, client_as):
    client = client_as("datalead")
    url = edit_url(world["datalead_measure"], world["period"])
    response = client.post(url, form_data(value="58"), follow=True)
    assert "Draft saved" in response.content.decode()
    ret = Return.objects.get(measure=world["datalead_measure"])
    assert ret.status == Return.Status.DRAFT and ret.rag == Rag.AMBER
    assert response.context["form"].initial["version"] == 1


def test_control_characters_pasted_into_the_form_are_not_saved(world, client_as):
    """A vertical tab (Word's soft line break) becomes a line break; other control characters,
    which no spreadsheet or Word file can hold, are dropped."""
    url = edit_url(world["datalead_measure"], world["period"])
    client_as("datalead").post(
        url, form_data(commentary="Up again\x0bsee the note\x01", next_steps="Keep\x00 going")
    )
    ret = Return.objects.get(measure=world["datalead_measure"])
    assert ret.commentary == "Up again\nsee the note"
    assert ret.next_steps == "Keep going"


def test_preview_shows_the_rag_without_saving(world, client_as):
    response = client_as("datalead").post(
        edit_url(world["datalead_measure"], world["period"]),
        form_data(value="40", action="preview"),
    )
    assert response.status_code == 200
    assert response.context["preview_rag"] == Rag.RED
    assert 'class="rag rag-red"' in response.content.decode()
    assert not Return.objects.filter(measure=world["datalead_measure"]).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"value": "101"}, "value", "between 0 and 100"),
        ({"value": "abc"}, "value", "Enter a number"),
        ({"value": "", "not_available": "on"}, "not_available_reason", "Say why"),
        ({"rag_override": "green"}, "rag_override_reason", "rather than the calculated"),
        ({"action": "submit"}, "commentary", "Commentary is needed"),
        ({"value": "", "action": "submit"}, "value", "Enter the value"),
        ({"commentary": "x" * 2_400_000}, "commentary", "at most 5000 characters"),
    ],
    ids=[
        "percentage over 100",
        "not a number",
        "n/a without reason",
        "override",
        "amber",
        "none",
        "commentary too long",
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(
    world, client_as, data, field, message
):
    response = client_as("datalead").post(
        edit_url(world["datalead_measure"], world["period"]), form_data(**data)
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved" in response.content.decode() or message in response.content.decode()
    assert not Return.objects.filter(measure=world["datalead_measure"]).exists()


def test_count_must_be_a_whole_number(world, client_as):
    measure = world["datalead_measure"]
    type(measure).objects.filter(pk=measure.pk).update(unit="count", baseline=None)
    response = client_as("datalead").post(
        edit_url(measure, world["period"]), form_data(value="2.5")
    )
    assert "whole number" in " ".join(response.context["form"].errors["value"])


def test_chair_submits_and_lands_on_the_return(world, client_as, chair):
    url = edit_url(world["datalead_measure"], world["period"])
    client = client_as("datalead")
    response = client.post(
        url, form_data(value="58", commentary="Staff shortages.", action="submit"), follow=True
    )
    ret = Return.objects.get(measure=world["datalead_measure"])
    assert ret.status == Return.Status.SUBMITTED
    assert response.redirect_chain[-1][0] == reverse("measures:return_detail", args=[ret.pk])
    assert "has been submitted" in response.content.decode()
    # a submitted return's form sends people to the return instead
    again = client.get(url)
    assert again["Location"] == reverse("measures:return_detail", args=[ret.pk])


def test_second_of_two_editors_is_refused_and_shown_what_changed(world, client_as, datalead):
    url = edit_url(world["datalead_measure"], world["period"])
    client = client_as("datalead")
    client.post(url, form_data(value="58"))  # version 1
    manager = client_as("manager")
    manager.post(url, form_data(value="61", commentary="Corrected figure", version="1"))
    response = client.post(url, form_data(value="40", version="1"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this return after you opened it" in page
    assert "Corrected figure" in page and "58%" in page and "61%" in page
    assert "40%" in page  # what they typed, not lost from view
    ret = Return.objects.get(measure=world["datalead_measure"])
    assert ret.value == Decimal("61") and ret.version == 2
    assert response.context["form"].initial["version"] == 2


def test_saving_into_a_closed_quarter_gets_a_clear_message(world, client_as):
    url = edit_url(world["datalead_measure"], world["period"])
    client = client_as("datalead")
    page = client.get(url)
    assert page.status_code == 200
    ReportingPeriod.objects.filter(pk=world["period"].pk).update(is_open=False)
    response = client.post(url, form_data(value="70"))
    assert response.status_code == 400
    assert "Q4 2024-25 is closed" in response.content.decode()
    assert not Return.objects.filter(measure=world["datalead_measure"]).exists()


def test_rag_preview_answers_with_the_server_calculation(world, client_as):
    client = client_as("chair")
    url = reverse("measures:rag_preview", args=[world["chair_measure"].pk])
    assert client.get(url, {"value": "58"}).json() == {
        "rag": "amber",
        "label": "Amber",
        "problem": "",
    }
    assert client.get(url, {"value": "120"}).json()["problem"].startswith("A percentage")
    assert client.get(url, {"value": "x"}).json()["problem"] == "Enter a number."


# --- review -----------------------------------------------------------------------------------


def detail_url(ret):
    return reverse("measures:return_detail", args=[ret.pk])


def test_manager_approves_from_the_return_page(world, client_as):
    ret = world["submitted"]
    client = client_as("manager")
    assert "Approve" in client.get(detail_url(ret)).content.decode()
    response = client.post(
        reverse("measures:return_approve", args=[ret.pk]), {"version": ret.version}, follow=True
    )
    ret.refresh_from_db()
    assert ret.status == Return.Status.APPROVED
    assert "is locked" in response.content.decode()


def test_manager_cannot_approve_a_return_they_submitted(world, client_as, manager):
    client = client_as("manager")
    url = edit_url(world["datalead_measure"], world["period"])
    client.post(url, form_data(value="65", action="submit"))
    ret = Return.objects.get(measure=world["datalead_measure"])
    page = client.get(detail_url(ret)).content.decode()
    assert "another business manager must review it" in page
    assert reverse("measures:return_approve", args=[ret.pk]) not in page
    response = client.post(
        reverse("measures:return_approve", args=[ret.pk]), {"version": ret.version}, follow=True
    )
    assert "You submitted this return" in response.content.decode()
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED


def test_approving_a_stale_version_is_refused_with_what_changed(world, client_as, chair):
    ret = world["submitted"]
    seen = ret.version
    # meanwhile another manager sends it back and the chair resubmits a new figure
    services.return_send_back(
        ret=ret, user=ManagerFactory(), feedback="Check the figure", expected_version=seen
    )
    services.return_submit(
        measure=ret.measure,
        period=ret.period,
        user=chair,
        figures=services.ReturnFigures(value=Decimal("63")),
        expected_version=seen + 1,
    )
    response = client_as("manager").post(
        reverse("measures:return_approve", args=[ret.pk]), {"version": seen}, follow=True
    )
    page = response.content.decode()
    assert "your changes were not saved" in page
    assert "Value: 58% → 63%" in page
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED


def test_send_back_without_feedback_shows_the_error_on_the_page(world, client_as):
    ret = world["submitted"]
    response = client_as("manager").post(
        reverse("measures:return_send_back", args=[ret.pk]), {"version": ret.version}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    ret.refresh_from_db()
    assert ret.status == Return.Status.SUBMITTED


def test_sent_back_return_shows_feedback_in_my_returns(world, client_as):
    ret = world["submitted"]
    client_as("manager").post(
        reverse("measures:return_send_back", args=[ret.pk]),
        {"version": ret.version, "feedback": "Explain the fall since Q3."},
    )
    page = client_as("chair").get(reverse("measures:my_returns")).content.decode()
    assert "Sent back for amendment" in page and "Explain the fall since Q3." in page
    form = client_as("chair").get(edit_url(ret.measure, ret.period)).content.decode()
    assert "Explain the fall since Q3." in form


def test_reopen_asks_for_a_reason_then_unlocks(world, client_as):
    ret = ReturnFactory(measure=world["datalead_measure"], period=world["period"], approved=True)
    client = client_as("manager")
    url = reverse("measures:return_reopen", args=[ret.pk])
    page = client.get(url).content.decode()
    assert "Reopen the approved return?" in page
    response = client.post(url, {"version": ret.version, "reason": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    ret.refresh_from_db()
    assert ret.status == Return.Status.APPROVED
    client.post(url, {"version": ret.version, "reason": "The provider restated the figure."})
    ret.refresh_from_db()
    assert ret.status == Return.Status.RETURNED
    history = client.get(detail_url(ret)).content.decode()
    assert "Reopened after approval" in history
    assert "The provider restated the figure." in history


# --- quarters ---------------------------------------------------------------------------------


def test_manager_sets_up_opens_and_closes_a_quarter(world, client_as):
    client = client_as("manager")
    response = client.post(
        reverse("measures:period_create"), {"financial_year": 2025, "quarter": 1, "deadline": ""}
    )
    period = ReportingPeriod.objects.get(financial_year=2025, quarter=1)
    assert response["Location"] == period.get_absolute_url()
    assert not period.is_open
    assert (
        "Chairs, deputy chairs"
        in client.get(reverse("measures:period_open", args=[period.pk])).content.decode()
    )
    client.post(reverse("measures:period_open", args=[period.pk]))
    period.refresh_from_db()
    assert period.is_open
    client.post(reverse("measures:period_close", args=[period.pk]))
    period.refresh_from_db()
    assert not period.is_open


def test_setting_up_an_existing_quarter_is_refused(world, client_as):
    response = client_as("manager").post(
        reverse("measures:period_create"), {"financial_year": 2024, "quarter": 4}
    )
    assert response.status_code == 200
    assert "Q4 2024-25 has already been set up" in response.content.decode()


def test_deadline_change_needs_a_reason_and_shows_in_the_history(world, client_as):
    period = world["period"]
    client = client_as("manager")
    url = reverse("measures:period_deadline", args=[period.pk])
    new = period.deadline + datetime.timedelta(days=14)
    response = client.post(url, {"deadline": new.isoformat(), "reason": ""})
    assert "This field is required" in response.content.decode()
    response = client.post(url, {"deadline": "2025-03-01", "reason": "Too early"})
    assert "after the quarter ends" in response.content.decode()
    client.post(url, {"deadline": new.isoformat(), "reason": "Easter holidays"})
    period.refresh_from_db()
    assert period.deadline == new
    page = client.get(period.get_absolute_url()).content.decode()
    assert "Deadline moved" in page and "Easter holidays" in page


# --- collection status ------------------------------------------------------------------------


def collection_page(client, period, **params):
    return client.get(period.get_absolute_url(), params)


def rows_of(response):
    return [row.title for row in response.context["rows"]]


def test_collection_lists_every_measure_with_totals_and_late_flags(world, client_as):
    response = collection_page(client_as("manager"), world["period"])
    page = response.content.decode()
    assert sorted(rows_of(response)) == ["Early help plans closed", "Exploitation plans in place"]
    assert "1 of 2" in page
    assert "Not started · overdue" in page  # the demo quarter's deadline has passed


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "submitted"}, ["Early help plans closed"]),
        ({"status": "not_started"}, ["Exploitation plans in place"]),
        ({"status": "overdue"}, ["Exploitation plans in place"]),
        ({"rag": "amber"}, ["Early help plans closed"]),
        ({"rag": "green"}, []),
    ],
)
def test_collection_filters_by_status_and_rag(world, client_as, params, expected):
    assert rows_of(collection_page(client_as("manager"), world["period"], **params)) == expected


def test_collection_filters_by_body_and_priority(world, client_as, datalead_body):
    client = client_as("manager")
    by_body = collection_page(client, world["period"], reporting_body=datalead_body.pk)
    assert rows_of(by_body) == ["Exploitation plans in place"]
    by_priority = collection_page(client, world["period"], priority=world["priority"].pk)
    assert len(rows_of(by_priority)) == 2


def test_collection_sorts_by_column(world, client_as):
    client = client_as("manager")
    ascending = rows_of(collection_page(client, world["period"], sort="title"))
    descending = rows_of(collection_page(client, world["period"], sort="-title"))
    assert ascending == sorted(ascending) and descending == ascending[::-1]


def test_csv_export_neutralises_formulas(world, client_as):
    Return.objects.filter(pk=world["submitted"].pk).update(
        commentary='=HYPERLINK("http://evil.example","click")'
    )
    response = collection_page(client_as("manager"), world["period"], export="csv")
    assert response["Content-Disposition"] == 'attachment; filename="returns-2024-q4.csv"'
    data = tablib.Dataset().load(response.content.decode(), format="csv")
    commentary = data["Commentary"]
    assert '\'=HYPERLINK("http://evil.example","click")' in commentary
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for row in data for cell in row)


@pytest.mark.parametrize("start", ["+", "-", "@", "="])
def test_xlsx_export_neutralises_every_formula_start(world, client_as, start):
    Return.objects.filter(pk=world["submitted"].pk).update(commentary=f"{start}1+1")
    response = collection_page(
        client_as("manager"), world["period"], export="xlsx", status="submitted"
    )
    data = tablib.Dataset().load(io.BytesIO(response.content), format="xlsx")
    assert data.height == 1
    assert data["Commentary"] == [f"'{start}1+1"]
    assert data["Value"] == [58]


# --- my returns -------------------------------------------------------------------------------


def test_my_returns_lists_what_is_due_and_past_quarters(world, client_as):
    page = client_as("chair").get(reverse("measures:my_returns")).content.decode()
    assert "Due for Q4 2024-25" in page
    assert "Early help plans closed" in page
    assert "Exploitation plans in place" not in page
    assert "days overdue" in page or "day overdue" in page
    assert "Past quarters" in page and "Q3 2024-25" in page


def test_my_returns_links_to_start_a_return(world, client_as):
    page = client_as("datalead").get(reverse("measures:my_returns")).content.decode()
    assert edit_url(world["datalead_measure"], world["period"]) in page
    assert "Start" in page


def test_navigation_offers_my_returns_to_reporters_only(world, client_as):
    for role, shown in [("chair", True), ("manager", False), ("scrutiny", False)]:
        labels = {i["label"] for i in client_as(role).get("/").context["nav_items"]}
        assert ("My returns" in labels) is shown


# --- measure page -----------------------------------------------------------------------------


def test_measure_page_draws_the_trend_and_the_same_numbers(world, client_as):
    ReturnFactory(
        measure=world["chair_measure"],
        period=ReportingPeriod.objects.create(
            financial_year=2024,
            quarter=2,
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 9, 30),
            deadline=datetime.date(2024, 11, 1),
        ),
        approved=True,
        value=Decimal("52.5"),
    )
    page = client_as("scrutiny").get(world["chair_measure"].get_absolute_url()).content.decode()
    assert "<svg" in page and 'role="img"' in page and "Target 60%" in page
    assert "52.5%" in page and "58%" in page
    assert " style=" not in page
    # readers outside the body see approved figures only, in the chart too
    assert page.count("<polyline") == 1


def test_measure_page_offers_the_return_form_to_its_body(world, client_as):
    url = world["datalead_measure"].get_absolute_url()
    link = edit_url(world["datalead_measure"], world["period"])
    assert link in client_as("datalead").get(url).content.decode()
    assert link not in client_as("chair").get(url).content.decode()


def test_second_manager_may_approve_what_the_first_entered(world, client_as):
    first = client_as("manager")
    first.post(
        edit_url(world["datalead_measure"], world["period"]),
        form_data(value="65", action="submit"),
    )
    ret = Return.objects.get(measure=world["datalead_measure"])
    other = ManagerFactory()
    from django.test import Client

    second = Client()
    second.force_login(other)
    second.post(reverse("measures:return_approve", args=[ret.pk]), {"version": ret.version})
    ret.refresh_from_db()
    assert ret.status == Return.Status.APPROVED and ret.reviewed_by == other
