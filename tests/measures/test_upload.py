"""Bulk upload: a preview with an error per bad row, then all rows or none."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures import services, upload
from measures.models import ReportingPeriod, Return
from tests.factories import MeasureFactory, ReturnFactory

pytestmark = pytest.mark.django_db

HEADER = "measure_id,value,not_available_reason,commentary,next_steps\n"


def csv_file(body: str, name="returns.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + body).encode(), content_type="text/csv")


def xlsx_file(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("returns.xlsx", buffer.getvalue())


def post_file(client, period, file, then="draft"):
    return client.post(
        reverse("measures:upload"), {"period": period.pk, "file": file, "then": then}
    )


@pytest.fixture
def manager_client(client_for, manager):
    return client_for(manager)


def test_good_csv_is_previewed_then_imported_as_drafts(collection, manager_client, manager):
    chair_m, lead_m = collection["chair_measure"], collection["datalead_measure"]
    file = csv_file(f"{chair_m.pk},61,,Up again,Keep going\n{lead_m.pk},,Data late,,\n")
    response = post_file(manager_client, collection["period"], file)
    assert response["Location"] == reverse("measures:upload_preview")
    preview = manager_client.get(response["Location"])
    page = preview.content.decode()
    assert "2 ready" in page and "Import 2 returns" in page
    assert not Return.objects.exists()  # the preview keeps nothing

    done = manager_client.post(reverse("measures:upload_preview"), {"import": "1"}, follow=True)
    assert "Imported 2 returns for Q4 2024-25, saved as drafts" in done.content.decode()
    first = Return.objects.get(measure=chair_m)
    assert first.value == Decimal("61") and first.status == Return.Status.DRAFT
    assert first.created_by == manager and first.commentary == "Up again"
    second = Return.objects.get(measure=lead_m)
    assert second.not_available and second.not_available_reason == "Data late"


def test_xlsx_upload_can_submit_for_review(collection, manager_client, manager):
    measure = collection["chair_measure"]
    post_file(
        manager_client,
        collection["period"],
        xlsx_file([[measure.pk, 65, None, None, None]]),
        "submit",
    )
    manager_client.post(reverse("measures:upload_preview"), {"import": "1"})
    ret = Return.objects.get(measure=measure)
    assert ret.status == Return.Status.SUBMITTED and ret.submitted_by == manager


def test_every_bad_row_gets_its_own_error_and_nothing_is_imported(collection, manager_client):
    period = collection["period"]
    chair_m, lead_m = collection["chair_measure"], collection["datalead_measure"]
    locked = MeasureFactory(priority=collection["priority"], title="Locked measure")
    ReturnFactory(measure=locked, period=period, approved=True)
    other = MeasureFactory(priority=collection["priority"], title="Other measure")
    file = csv_file(
        f"{chair_m.pk},61,,,\n"  # fine
        "99999,50,,,\n"  # unknown measure
        f"{lead_m.pk},lots,,,\n"  # bad value
        f"{locked.pk},70,,,\n"  # locked
        f"{chair_m.pk},62,,,\n"  # duplicate
        f"{other.pk},,,,\n"  # no value and no reason
    )
    post_file(manager_client, period, file)
    response = manager_client.get(reverse("measures:upload_preview"))
    rows = {row.number: row for row in response.context["rows"]}
    assert rows[2].ok
    assert "Unknown measure “99999”" in rows[3].errors[0]
    assert "Bad value “lots”" in rows[4].errors[0]
    assert rows[5].errors == ["Locked return: it has been approved. Reopen it first."]
    assert rows[6].errors == [f"Duplicate row: measure {chair_m.pk} is already on row 2."]
    assert "enter the value" in rows[7].errors[0]
    page = response.content.decode()
    assert "5 with errors" in page and "Import" not in page.split("<form")[-1]
    # posting the import anyway still saves nothing
    manager_client.post(reverse("measures:upload_preview"), {"import": "1"})
    assert Return.objects.filter(period=period).count() == 1  # only the locked one


def test_percentage_out_of_range_is_a_row_error(collection, manager_client):
    post_file(
        manager_client,
        collection["period"],
        csv_file(f"{collection['chair_measure'].pk},140,,,\n"),
    )
    rows = manager_client.get(reverse("measures:upload_preview")).context["rows"]
    assert "between 0 and 100" in rows[0].errors[0]


def test_import_refuses_everything_when_a_return_changed_since_the_preview(
    collection, manager_client, chair
):
    chair_m, lead_m = collection["chair_measure"], collection["datalead_measure"]
    post_file(
        manager_client, collection["period"], csv_file(f"{chair_m.pk},61,,,\n{lead_m.pk},70,,,\n")
    )
    services.return_save_draft(
        measure=chair_m,
        period=collection["period"],
        user=chair,
        figures=services.ReturnFigures(value=Decimal("55")),
        expected_version=0,
    )
    response = manager_client.post(reverse("measures:upload_preview"), {"import": "1"})
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert Return.objects.get(measure=chair_m).value == Decimal("55")
    assert not Return.objects.filter(measure=lead_m).exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"hello"), "Upload a .csv or .xlsx file"),
        (SimpleUploadedFile("broken.xlsx", b"PK\x03\x04 not a workbook"), "could not be read"),
        (SimpleUploadedFile("x.csv", b"measure,amount\n1,2\n"), "missing: measure_id, value"),
        (SimpleUploadedFile("x.csv", HEADER.encode()), "no figures"),
        (SimpleUploadedFile("x.csv", "measure_id,value\n1,£5\n".encode("cp1252")), "UTF-8"),
        (SimpleUploadedFile("x.csv", b"measure_id,value,value\n1,2,3\n"), "appear twice"),
    ],
    ids=["not a spreadsheet", "damaged xlsx", "wrong columns", "empty", "not utf-8", "dup column"],
)
def test_malformed_upload_gets_a_clear_message_and_saves_nothing(
    collection, manager_client, file, message
):
    response = post_file(manager_client, collection["period"], file)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Return.objects.exists()


def test_closed_quarter_cannot_be_chosen_for_upload(collection, manager_client):
    ReportingPeriod.objects.filter(pk=collection["period"].pk).update(is_open=False)
    response = post_file(
        manager_client, collection["period"], csv_file(f"{collection['chair_measure'].pk},61,,,\n")
    )
    assert "Select a valid choice" in " ".join(response.context["form"].errors["period"])


def test_quarter_closed_after_the_preview_refuses_the_import(collection, manager_client):
    post_file(
        manager_client, collection["period"], csv_file(f"{collection['chair_measure'].pk},61,,,\n")
    )
    ReportingPeriod.objects.filter(pk=collection["period"].pk).update(is_open=False)
    response = manager_client.post(reverse("measures:upload_preview"), {"import": "1"}, follow=True)
    assert "Q4 2024-25 is closed" in response.content.decode()
    assert not Return.objects.exists()


def test_template_lists_every_measure_due(collection, manager_client):
    response = manager_client.get(
        reverse("measures:upload_template", args=[collection["period"].pk, "csv"])
    )
    text = response.content.decode()
    assert text.splitlines()[0].startswith("measure_id,measure,reporting_body")
    assert str(collection["chair_measure"].pk) in text and "Exploitation plans in place" in text


def test_filled_template_uploads_cleanly(collection, manager_client):
    template = manager_client.get(
        reverse("measures:upload_template", args=[collection["period"].pk, "xlsx"])
    )
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        row[5].value = 64  # value column
    buffer = io.BytesIO()
    book.save(buffer)
    post_file(
        manager_client, collection["period"], SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    )
    rows = manager_client.get(reverse("measures:upload_preview")).context["rows"]
    assert len(rows) == 2 and all(row.ok for row in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("58", Decimal("58")), ("58.5%", Decimal("58.5")), ("1,142", Decimal("1142")), ("", None)],
)
def test_figures_are_read_as_people_type_them(text, expected):
    assert upload.parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "NaN", "inf"])
def test_non_numbers_are_refused(text):
    with pytest.raises(ValueError):
        upload.parse_decimal(text)
