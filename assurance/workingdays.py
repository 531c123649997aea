"""Working days in England and Wales: weekdays that are not bank holidays. The bank holidays
come from the ``holidays`` package (England's list, which Wales shares), never a hand-kept list,
so a deadline such as a rapid review's 15 working days is right in any year."""

from __future__ import annotations

import datetime
from functools import cache

import holidays

RAPID_REVIEW_WORKING_DAYS = 15
_DAY = datetime.timedelta(days=1)


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The day ``count`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    while count > 0:
        day += _DAY
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after ``start`` up to and including ``end`` (0 when ``end`` is
    not after ``start``)."""
    count, day = 0, start
    while day < end:
        day += _DAY
        count += is_working_day(day)
    return count
