"""Spreadsheet downloads that are safe to open: a cell a spreadsheet would read as a formula
(starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, and no
cell holds a character XLSX cannot (``sscp.text.xml_safe``). Every CSV and XLSX download is
built here."""

import datetime
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils import timezone

from sscp.text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value):
    """The value as a spreadsheet cell that cannot run as a formula. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = xml_safe(str(value))
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def dataset(headers: list[str], rows) -> tablib.Dataset:
    data = tablib.Dataset(headers=[safe_cell(header) for header in headers])
    for row in rows:
        data.append([safe_cell(cell) for cell in row])
    return data


def download(data: tablib.Dataset, *, file_format: str, filename: str) -> HttpResponse:
    """``data`` as a CSV or XLSX attachment called ``filename``.<format>."""
    content = data.export(file_format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
