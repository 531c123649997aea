"""Sorting a plain-template table by ``?sort=<column>`` (``?sort=-<column>``: descending).

A table drawn with a Django template, not django-tables2, sorts in the database through here:
``sorting`` reads the address, returns the ``order_by`` to apply before paging (the column's
fields, then the table's usual order and the primary key, so pages never share or skip a row)
and each column's heading with the link that sorts by it (the other way when it is sorted by it
already), keeping the list's filters. Headings say how they are sorted (``aria-sort``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from sscp.pagination import query_without

SORT = "sort"


@dataclass(frozen=True)
class Column:
    """A table column: its heading, and the fields it sorts by (none: it does not sort)."""

    key: str
    header: str
    order_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    column: Column
    direction: str  # "ascending", "descending", or "" when the table is not sorted by it
    link: str  # the query string that sorts by this column; "" when it does not sort

    @property
    def header(self) -> str:
        return self.column.header


@dataclass(frozen=True)
class Sorting:
    order_by: list[str]
    headings: list[Heading]


def _descending(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def sorting(
    request: HttpRequest, columns: list[Column], *, initial: str, then: tuple[str, ...]
) -> Sorting:
    """How ``request`` asks the table to be sorted: by ``initial`` (a ``?sort=`` value) when it
    asks for no column or one that does not sort, then by ``then`` (the table's usual order)."""
    keys = {column.key for column in columns if column.order_by}
    asked = request.GET.get(SORT, "")
    if asked.removeprefix("-") not in keys:
        asked = initial
    key, descending = asked.removeprefix("-"), asked.startswith("-")
    chosen = next(column for column in columns if column.key == key)
    fields = [_descending(field) if descending else field for field in chosen.order_by]
    order_by = [*fields, *(field for field in then if field not in chosen.order_by), "pk"]
    base = query_without(request, SORT)
    headings = []
    for column in columns:
        direction = ""
        if column is chosen:
            direction = "descending" if descending else "ascending"
        link = ""
        if column.order_by:
            next_key = f"-{column.key}" if direction == "ascending" else column.key
            link = f"{base}&{SORT}={next_key}" if base else f"{SORT}={next_key}"
        headings.append(Heading(column=column, direction=direction, link=link))
    return Sorting(order_by=order_by, headings=headings)
