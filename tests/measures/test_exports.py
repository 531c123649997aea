"""Spreadsheet downloads open whatever people typed: text XML cannot hold (a vertical tab pasted
from Word, stored before input was cleaned) never stops the collection status export or the
upload template."""

import io

import openpyxl
import pytest
from django.urls import reverse

from measures import exports
from measures.models import Return

pytestmark = pytest.mark.django_db

PASTED = "First line\x0bsecond line\x01 and a bell\x07"


@pytest.fixture
def pasted_return(chair_submitted):
    ret = chair_submitted
    # Written past the forms, as rows stored before input was cleaned may hold it.
    Return.objects.filter(pk=ret.pk).update(commentary=PASTED, next_steps="Next\x0cpage")
    return ret


def open_xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return list(book.active.iter_rows(values_only=True))


def test_collection_status_xlsx_opens_with_a_pasted_control_character(
    pasted_return, client_for, manager
):
    period = pasted_return.period
    response = client_for(manager).get(period.get_absolute_url(), {"export": "xlsx"})
    header, *rows = open_xlsx(response)
    commentary = [row[header.index("Commentary")] for row in rows]
    assert "First line\nsecond line and a bell" in commentary


def test_upload_template_xlsx_opens_with_a_pasted_control_character(
    pasted_return, client_for, manager
):
    url = reverse(
        "measures:upload_template",
        kwargs={"pk": pasted_return.period.pk, "file_format": "xlsx"},
    )
    header, *rows = open_xlsx(client_for(manager).get(url))
    row = next(row for row in rows if row[0] == pasted_return.measure_id)
    assert row[header.index("commentary")] == "First line\nsecond line and a bell"
    assert row[header.index("next_steps")] == "Next\npage"


def test_every_cell_is_made_safe_for_a_spreadsheet():
    data = exports.dataset(["Head\x02er"], [["=1+1\x0b"], ["tab\tkept"], [3]])
    book = openpyxl.load_workbook(io.BytesIO(data.export("xlsx")), read_only=True)
    assert list(book.active.iter_rows(values_only=True)) == [
        ("Header",),
        ("'=1+1\n",),
        ("tab\tkept",),
        (3,),
    ]
