"""Bulk upload of a quarter's figures from a CSV or XLSX file: read, check row by row, import
all or nothing.

Each row goes through the same services as the return form (``return_save_draft`` or
``return_submit``), each in its own savepoint, so a row is refused for exactly the reasons the
form would refuse it. The preview runs everything inside a transaction that is rolled back;
the import runs it again, with the versions the preview saw, and rolls back if any row fails.
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from measures import selectors, services
from measures.models import Rag, ReportingPeriod, Return
from sscp.text import xml_safe

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: what its parts unpack to
MAX_ROWS = 2000
MAX_COLUMNS = 50  # the template has 11; wider sheets are read only this far
REQUIRED_COLUMNS = ("measure_id", "value")
OPTIONAL_COLUMNS = (
    "measure",
    "reporting_body",
    "unit",
    "target",
    "not_available_reason",
    "rag",
    "rag_override_reason",
    "commentary",
    "next_steps",
)
TEMPLATE_COLUMNS = (
    "measure_id",
    "measure",
    "reporting_body",
    "unit",
    "target",
    "value",
    "not_available_reason",
    "rag",
    "rag_override_reason",
    "commentary",
    "next_steps",
)
RAG_WORDS = {label.lower(): value for value, label in Rag.choices} | {v: v for v in Rag.values}


class UploadError(Exception):
    """The file as a whole cannot be read: nothing in it is looked at further."""


@dataclass
class UploadRow:
    """One row of the file as read, and what checking it found."""

    number: int  # the spreadsheet's row number: the header is row 1
    measure_id: str
    value: str
    not_available_reason: str = ""
    rag: str = ""
    rag_override_reason: str = ""
    commentary: str = ""
    next_steps: str = ""
    version: int | None = None  # the return's version when the preview checked it
    measure_title: str = ""
    result_rag: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def result_rag_label(self) -> str:
        return Rag(self.result_rag).label if self.result_rag else ""

    def to_session(self) -> dict:
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict) -> UploadRow:
        return cls(**data)


def parse_decimal(text: str) -> Decimal | None:
    """A figure as people type it ("58", "58.5%", "1,142"); None when empty; ValueError when
    it is not a number."""
    cleaned = str(text).strip().replace(",", "").removesuffix("%").strip()
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not number.is_finite():
        raise ValueError(text)
    return number


def _column_name(header) -> str:
    return str(header or "").strip().lower().replace(" ", "_")


def _too_many_rows() -> UploadError:
    return UploadError(
        f"The file has more than {MAX_ROWS} rows; at most {MAX_ROWS} can be uploaded. "
        "Upload one quarter's figures only."
    )


def _csv_rows(content: bytes) -> list[list]:
    """The CSV's rows, the header first, read no further than one row past the limit."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            "The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."
        ) from error
    if "\x00" in text:
        raise UploadError("The file is not a CSV file.")
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text)), MAX_ROWS + 2))
    except csv.Error as error:
        raise UploadError(f"The CSV file could not be read ({error}).") from error


def _xlsx_rows(content: bytes) -> list[tuple]:
    """The first sheet's rows, the header first, read no further than one row past the limit:
    the workbook is streamed (``read_only``), its declared size checked before any row is read,
    and no row is wider than ``MAX_COLUMNS``."""
    damaged = "The XLSX file could not be read: it is damaged or not an Excel workbook."
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UploadError(damaged) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise UploadError(
            f"The XLSX file unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB. "
            "Upload one quarter's figures only."
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds
        raise UploadError(damaged) from error
    try:
        sheet = book.active
        if (sheet.max_row or 0) > MAX_ROWS + 1:  # the size the sheet declares
            raise _too_many_rows()
        # Bounded even when the declared size is missing or false: openpyxl fills the gap
        # before a row far down with empty rows, up to max_row and no further.
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        return list(sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=width, values_only=True))
    except UploadError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged sheet fails while it is read
        raise UploadError(damaged) from error
    finally:
        book.close()


def read_file(uploaded: UploadedFile) -> list[UploadRow]:
    """The rows of an uploaded CSV or XLSX file; UploadError says why the file is unusable.

    A file is refused by its size before it is read, and read no further than one row past
    ``MAX_ROWS``, so a small file declaring millions of rows costs no more than a full one."""
    name = (uploaded.name or "").lower()
    if uploaded.size > MAX_BYTES:
        raise UploadError("The file is larger than 2 MB. Upload one quarter's figures only.")
    if name.endswith(".csv"):
        table = _csv_rows(uploaded.read())
    elif name.endswith(".xlsx"):
        table = _xlsx_rows(uploaded.read())
    else:
        raise UploadError("Upload a .csv or .xlsx file.")

    header, body = (table[0], table[1:]) if table else ([], [])
    columns = [_column_name(cell) for cell in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise UploadError(
            "The first row must name the columns; missing: "
            + ", ".join(missing)
            + ". Download the template to see the layout."
        )
    duplicated = sorted({column for column in columns if column and columns.count(column) > 1})
    if duplicated:
        raise UploadError("These columns appear twice: " + ", ".join(duplicated) + ".")
    if len(body) > MAX_ROWS:
        raise _too_many_rows()

    rows = []
    for index, raw in enumerate(body, start=2):
        if len(raw) > len(columns):
            raise UploadError(
                f"Row {index} has more cells than the first row names columns: check for a "
                "comma in a figure or a comment without quotes around it."
            )
        cells = {
            column: ("" if cell is None else xml_safe(str(cell)).strip())
            for column, cell in zip(columns, raw, strict=False)
            if column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS
        }
        if not any(cells.get(column) for column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS[5:]):
            continue  # a blank row
        rows.append(
            UploadRow(
                number=index,
                measure_id=cells.get("measure_id", "").removesuffix(".0"),
                value=cells.get("value", ""),
                not_available_reason=cells.get("not_available_reason", ""),
                rag=cells.get("rag", ""),
                rag_override_reason=cells.get("rag_override_reason", ""),
                commentary=cells.get("commentary", ""),
                next_steps=cells.get("next_steps", ""),
            )
        )
    if not rows:
        raise UploadError("The file has a header row but no figures.")
    return rows


def _figures(row: UploadRow) -> services.ReturnFigures:
    """The row's figures; ValueError with a message for a bad value or RAG."""
    try:
        value = parse_decimal(row.value)
    except ValueError as error:
        raise ValueError(f"Bad value “{row.value}”: enter a number.") from error
    rag = ""
    if row.rag:
        rag = RAG_WORDS.get(row.rag.strip().lower().replace("_", " "), "") or RAG_WORDS.get(
            row.rag.strip().lower(), ""
        )
        if not rag:
            raise ValueError(f"Bad RAG “{row.rag}”: use green, amber, red or not rated.")
    not_available = value is None and bool(row.not_available_reason)
    if value is None and not not_available:
        raise ValueError("Bad value: enter the value, or a not_available_reason.")
    return services.ReturnFigures(
        value=value,
        not_available=not_available,
        not_available_reason=row.not_available_reason if not_available else "",
        rag_override=rag,
        rag_override_reason=row.rag_override_reason,
        commentary=row.commentary,
        next_steps=row.next_steps,
    )


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name.replace('_', ' ').capitalize()}: {message}"
            if name not in ("__all__",)
            else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def _run(*, period: ReportingPeriod, rows: list[UploadRow], user: User, submit: bool) -> bool:
    """Check and save every row, each in a savepoint; True when every row went in. The caller's
    transaction decides whether anything is kept."""
    if not period.is_open:
        raise UploadError(f"{period} is closed: open it before uploading its figures.")
    measures = {m.pk: m for m in selectors.measures_due_in(period)}
    versions = dict(Return.objects.filter(period=period).values_list("measure_id", "version"))
    seen: dict[int, int] = {}
    save = services.return_submit if submit else services.return_save_draft
    for row in rows:
        row.errors = []
        row.result_rag = ""
        measure_id = int(row.measure_id) if row.measure_id.isdigit() else None
        measure = measures.get(measure_id)
        if measure is None:
            row.errors.append(
                f"Unknown measure “{row.measure_id}”: no measure with this ID is collected in "
                f"{period}."
            )
            continue
        row.measure_title = measure.title
        if measure_id in seen:
            row.errors.append(
                f"Duplicate row: measure {measure_id} is already on row {seen[measure_id]}."
            )
            continue
        seen[measure_id] = row.number
        try:
            figures = _figures(row)
        except ValueError as error:
            row.errors.append(str(error))
            continue
        if row.version is None:
            row.version = versions.get(measure_id, 0)
        try:
            with transaction.atomic():
                ret = save(
                    measure=measure,
                    period=period,
                    user=user,
                    figures=figures,
                    expected_version=row.version,
                )
        except services.StaleReturnError as error:
            row.errors.append(
                f"Changed since the preview by {error.changed_by}: upload the file again."
            )
        except ValidationError as error:
            messages = _messages(error)
            if any("approved and is locked" in message for message in messages):
                messages = ["Locked return: it has been approved. Reopen it first."]
            row.errors.extend(messages)
        except PermissionDenied:
            row.errors.append("You may not enter returns for this measure.")
        else:
            row.result_rag = ret.rag
    return all(row.ok for row in rows)


def check_rows(
    *, period: ReportingPeriod, rows: list[UploadRow], user: User, submit: bool
) -> list[UploadRow]:
    """The preview: every row checked as the import would save it, then nothing kept. Fills
    each row's errors, its RAG and the return version the import will expect."""
    with transaction.atomic():
        _run(period=period, rows=rows, user=user, submit=submit)
        transaction.set_rollback(True)
    return rows


def import_rows(
    *, period: ReportingPeriod, rows: list[UploadRow], user: User, submit: bool
) -> bool:
    """Save every row or none: True when all were saved; otherwise the rows carry the errors
    and nothing was kept."""
    with transaction.atomic():
        if _run(period=period, rows=rows, user=user, submit=submit):
            return True
        transaction.set_rollback(True)
    return False


def template_rows(period: ReportingPeriod) -> tuple[list[str], list[list]]:
    """A template for the quarter: one row per measure collected, with what is known."""
    returns = {
        ret.measure_id: ret
        for ret in Return.objects.filter(period=period).only(
            "measure_id", "value", "not_available_reason", "commentary", "next_steps"
        )
    }
    rows = []
    for measure in selectors.measures_due_in(period).order_by("reporting_body__name", "title"):
        ret = returns.get(measure.pk)
        rows.append(
            [
                measure.pk,
                measure.title,
                measure.reporting_body.name,
                measure.get_unit_display(),
                measure.target,
                ret.value if ret else None,
                ret.not_available_reason if ret else "",
                "",
                "",
                ret.commentary if ret else "",
                ret.next_steps if ret else "",
            ]
        )
    return list(TEMPLATE_COLUMNS), rows
