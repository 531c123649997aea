"""Bulk upload: a preview with an error per bad row, then all rows or none."""

import io
import re
import time
import zipfile
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


# --- files too big to read --------------------------------------------------------------------


def rewritten_xlsx(rows, *, dimension: str | None, far_row: int | None) -> SimpleUploadedFile:
    """A small XLSX whose sheet declares ``dimension`` (None: no dimension at all) and holds,
    after ``rows``, one more row at ``far_row``: what a spreadsheet with millions of rows
    declared looks like, in a few kilobytes."""
    original = xlsx_file(rows).read()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                sheet = data.decode()
                replacement = f'<dimension ref="{dimension}"/>' if dimension else ""
                sheet = re.sub(r'<dimension ref="[^"]*"/>', replacement, sheet)
                if far_row:
                    far = f'<row r="{far_row}"><c r="A{far_row}" t="n"><v>1</v></c></row>'
                    sheet = sheet.replace("</sheetData>", far + "</sheetData>")
                data = sheet.encode()
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return SimpleUploadedFile("huge.xlsx", out.getvalue())


def refusal_of(file) -> tuple[str, float]:
    started = time.process_time()
    with pytest.raises(upload.UploadError) as refused:
        upload.read_file(file)
    return str(refused.value), time.process_time() - started


@pytest.mark.parametrize(
    ("dimension", "far_row"),
    [("A1:Z3000000", None), ("A1:Z3000000", 3_000_000), (None, 3_000_000), ("A1:E2", 3_000_000)],
    ids=["declared", "declared and far down", "undeclared, far down", "declared small, far down"],
)
def test_an_xlsx_declaring_millions_of_rows_is_refused_at_once(collection, dimension, far_row):
    file = rewritten_xlsx(
        [[collection["chair_measure"].pk, 61, "", "", ""]], dimension=dimension, far_row=far_row
    )
    assert file.size < 10_000
    message, seconds = refusal_of(file)
    assert "more than 2000 rows" in message and "at most 2000" in message
    assert seconds < 2


def test_the_manager_is_told_why_a_huge_file_is_refused(collection, manager_client):
    file = rewritten_xlsx([], dimension="A1:Z3000000", far_row=3_000_000)
    response = post_file(manager_client, collection["period"], file)
    assert "at most 2000 can be uploaded" in " ".join(response.context["form"].errors["file"])
    assert not Return.objects.exists()


def test_a_csv_of_millions_of_rows_is_refused_at_once():
    file = SimpleUploadedFile("many.csv", b"measure_id,value\n" + b"1,2\n" * 500_000)
    message, seconds = refusal_of(file)
    assert "more than 2000 rows" in message
    assert seconds < 2


class UnreadableFile(SimpleUploadedFile):
    def read(self, *args):
        pytest.fail("a file over the size limit was read")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    for name in ("big.csv", "big.xlsx"):
        file = UnreadableFile(name, b"x" * (upload.MAX_BYTES + 1))
        assert "larger than 2 MB" in refusal_of(file)[0]


def test_an_xlsx_that_unpacks_to_far_more_than_it_weighs_is_refused():
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_file([]).read())) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item), compress_type=zipfile.ZIP_DEFLATED)
        target.writestr("xl/padding.bin", b"\0" * 60_000_000, compress_type=zipfile.ZIP_DEFLATED)
    file = SimpleUploadedFile("bomb.xlsx", out.getvalue())
    assert file.size < upload.MAX_BYTES
    message, seconds = refusal_of(file)
    assert "unpacks to more than" in message and seconds < 2


def test_exactly_the_row_limit_is_accepted(collection, monkeypatch):
    monkeypatch.setattr(upload, "MAX_ROWS", 3)
    measure = collection["chair_measure"].pk
    rows = upload.read_file(csv_file(f"{measure},1,,,\n{measure},2,,,\n{measure},3,,,\n"))
    assert [row.value for row in rows] == ["1", "2", "3"]
    with pytest.raises(upload.UploadError, match="more than 3 rows"):
        upload.read_file(csv_file(f"{measure},1,,,\n" * 4))
    book = [[measure, value, None, None, None] for value in (1, 2, 3)]
    assert [row.value for row in upload.read_file(xlsx_file(book))] == ["1", "2", "3"]
    with pytest.raises(upload.UploadError, match="more than 3 rows"):
        upload.read_file(xlsx_file(book + [[measure, 4, None, None, None]]))


def test_control_characters_in_an_uploaded_csv_are_not_kept(collection):
    """XML cannot hold them, so only a CSV can bring them; they would stop the exports."""
    measure = collection["chair_measure"].pk
    rows = upload.read_file(csv_file(f"{measure},61,,Up\x0bagain\x01,\n"))
    assert rows[0].commentary == "Up\nagain"


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
