"""How many rows a list shows on each page, whatever its address asks for.

Lists take ``?page=`` and ``?per_page=`` from the address. Taken as typed, ``per_page=-1`` was a
server error and ``per_page=1000000`` rendered every row. ``page_size`` is the one reading of
it: a whole number from ``MINIMUM`` to ``MAXIMUM`` (a larger or smaller number is brought within
them), and the list's own default for anything else (missing, not a number, zero or less).

Every list pages through here: a django-tables2 table with ``paginate_table`` (or
``PagedTableMixin`` in place of ``SingleTableMixin``), a plain list with ``page_of``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest
from django_tables2 import RequestConfig, SingleTableMixin, Table

MINIMUM = 10
MAXIMUM = 100
PER_PAGE = "per_page"
PAGE = "page"


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without ``names`` (``page`` always): what a list's links to
    its other pages and downloads carry, so they keep its filters."""
    query = request.GET.copy()
    for name in (PAGE, *names):
        query.pop(name, None)
    return query.urlencode()


def page_size(asked, *, default: int) -> int:
    """The page size for ``asked`` (the address's ``per_page``, as text or a number)."""
    try:
        size = int(asked)
    except (TypeError, ValueError):
        return default
    if size < 1:
        return default
    return max(MINIMUM, min(size, MAXIMUM))


def paginate_table(request: HttpRequest, table: Table, *, per_page: int) -> Table:
    """Configure ``table`` from the request as django-tables2's ``RequestConfig`` does (its
    sorting, its page: a page that is not a number is the first, one past the end the last),
    with the page size read by ``page_size`` (``per_page`` its default)."""
    RequestConfig(request, paginate=False).configure(table)  # the request and the sorting
    size = page_size(request.GET.get(table.prefixed_per_page_field), default=per_page)
    try:
        table.paginate(per_page=size, page=request.GET.get(table.prefixed_page_field, 1))
    except PageNotAnInteger:
        table.page = table.paginator.page(1)
    except EmptyPage:
        table.page = table.paginator.page(table.paginator.num_pages)
    return table


class PagedTableMixin(SingleTableMixin):
    """``SingleTableMixin`` whose page size is read by ``page_size``, with
    ``table_pagination["per_page"]`` as its default."""

    table_pagination = {"per_page": 25}

    def get_table(self, **kwargs):
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        return paginate_table(self.request, table, per_page=self.table_pagination["per_page"])


def page_of(request: HttpRequest, items: Sequence, *, per_page: int) -> Page:
    """The page of ``items`` the request asks for: a page that is not a number is the first,
    one past the end the last; its size read by ``page_size`` (``per_page`` its default)."""
    size = page_size(request.GET.get(PER_PAGE), default=per_page)
    return Paginator(items, size).get_page(request.GET.get(PAGE))
