"""Figures shown as people write them: 97.1%, 1,142, 12 days.

Plain functions, so that services, charts, tables, exports and the progress report's paper and
Word file format a figure exactly as the pages do; ``measures.templatetags.measure_format``
registers them as template filters.
"""

from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma

from measures.models import Measure

SUFFIX = {
    Measure.Unit.PERCENTAGE: "%",
    Measure.Unit.DAYS: " days",
}


def in_unit(value: Decimal | None, unit: str) -> str:
    """A measure's value in its unit, without trailing zeros; an em dash when there is none
    (including a missing variable, which templates pass as an empty string)."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal("1"))
    text = intcomma(f"{number:f}")
    if unit == Measure.Unit.DAYS and number == 1:
        return f"{text} day"
    return f"{text}{SUFFIX.get(unit, '')}"
