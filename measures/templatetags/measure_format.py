"""Figures shown as people write them: 97.1%, 1,142, 12 days."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from measures.models import Measure

register = template.Library()

SUFFIX = {
    Measure.Unit.PERCENTAGE: "%",
    Measure.Unit.DAYS: " days",
}


@register.filter
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
