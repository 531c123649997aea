"""Bulk upload of a quarter's figures from a CSV or XLSX file: read, check row by row, import
all or nothing.

Each row goes through the same services as the return form (``return_save_draft`` or
``return_submit``), each in its own savepoint, so a row is refused for exactly the reasons the
form would refuse it. The preview runs everything inside a transaction that is rolled back;
the import runs it again, with the versions the preview saw, and rolls back if any row fails.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from measures import selectors, services
from measures.models import Rag, ReportingPeriod, Return

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
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


def read_file(uploaded: UploadedFile) -> list[UploadRow]:
    """The rows of an uploaded CSV or XLSX file; UploadError says why the file is unusable."""
    name = (uploaded.name or "").lower()
    if uploaded.size > MAX_BYTES:
        raise UploadError("The file is larger than 2 MB. Upload one quarter's figures only.")
    content = uploaded.read()
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UploadError(
                "The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."
            ) from error
        if "\x00" in text:
            raise UploadError("The file is not a CSV file.")
        try:
            data = tablib.Dataset().load(text, format="csv")
        except Exception as error:  # noqa: BLE001 - any parser failure means a malformed file
            raise UploadError(f"The CSV file could not be read ({error}).") from error
    elif name.endswith(".xlsx"):
        try:
            data = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds
            raise UploadError(
                "The XLSX file could not be read: it is damaged or not an Excel workbook."
            ) from error
    else:
        raise UploadError("Upload a .csv or .xlsx file.")

    columns = [_column_name(header) for header in (data.headers or [])]
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
    if data.height > MAX_ROWS:
        raise UploadError(f"The file has {data.height} rows; at most {MAX_ROWS} can be uploaded.")

    rows = []
    for index, raw in enumerate(data, start=2):
        cells = {
            column: ("" if cell is None else str(cell).strip())
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
